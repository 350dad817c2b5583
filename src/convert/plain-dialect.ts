import type { CalloutVariant, HeadingLevel, ImageInfo, MarkKind } from './doc-model';

/** What differs between plain text and BB-code; the layout of blocks is shared (render-plain.ts). */
export interface PlainDialect {
  /** Indentation unit for list continuation lines. */
  readonly indent: string;
  readonly rule: string;
  /** Prefix of quoted lines. */
  readonly quote: string;
  text(text: string): string;
  mark(mark: MarkKind, inner: string): string;
  link(inner: string, href: string | undefined): string;
  image(image: ImageInfo): string;
  status(text: string): string;
  math(tex: string): string;
  heading(inner: string, level: HeadingLevel): string;
  /** A title line: callouts, expands, code titles, table headers. */
  label(text: string): string;
  /** A code block, verbatim. */
  code(text: string): string;
  notice(text: string, href: string | undefined): string;
  /** Last pass over a paragraph (BB-code: neutralise quote syntax at line starts). */
  paragraph(text: string): string;
}

/** Icons that lead untitled callouts in chat and plain text, where colours are lost. */
export const CALLOUT_ICONS: Readonly<Record<CalloutVariant, string | undefined>> = {
  info: 'ℹ️',
  note: '📝',
  warning: '⚠️',
  error: '⛔',
  success: '✅',
  tip: '💡',
  panel: undefined,
};

/** Plain text for summaries and search: the words, no markup. */
export const textDialect: PlainDialect = {
  indent: ' ',
  rule: '----------',
  quote: '> ',
  text: (text) => (text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text),
  mark: (_mark, inner) => inner,
  link: (inner) => inner,
  image: (image) => `[Image: ${image.alt}]`,
  status: (text) => `[${text}]`,
  math: (tex) => tex,
  heading: (inner) => inner,
  label: (text) => text,
  code: (text) => text,
  notice: (text) => `[${text}]`,
  paragraph: (text) => text,
};
