import type { CalloutVariant, HeadingLevel, ImageInfo, MarkKind } from './doc-model';

/** What differs between plain text and BB-code; the layout of blocks is shared (render-plain.ts). */
export interface PlainDialect {
  /** Indentation unit for list continuation lines. */
  readonly indent: string;
  readonly rule: string;
  /** Prefix of quoted lines. */
  readonly quote: string;
  /** Whether a table of contents is listed: its entries only make sense where they can be followed. */
  readonly toc: boolean;
  text(text: string): string;
  mark(mark: MarkKind, inner: string): string;
  /** Rendered inline content shown bold (table header cells); empty content stays empty. */
  bold(markup: string): string;
  /** The link target this format shows for `href`, or undefined to show the link's text alone. */
  href(href: string): string | undefined;
  link(inner: string, href: string | undefined): string;
  /** `linked`: the image is inside a link shown as such, so it cannot be a link of its own. */
  image(image: ImageInfo, linked: boolean): string;
  /** `bold`: inside text shown bold already (a heading, a header cell). */
  status(text: string, bold: boolean): string;
  math(tex: string): string;
  heading(inner: string, level: HeadingLevel): string;
  /** A title line: callouts, expands, code titles. */
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

/** Plain text for summaries and search: the words, no markup (so no link targets either). */
export const textDialect: PlainDialect = {
  indent: ' ',
  rule: '----------',
  quote: '> ',
  toc: true,
  text: (text) => (text.includes('\u00a0') ? text.replace(/\u00a0/g, ' ') : text),
  mark: (_mark, inner) => inner,
  bold: (markup) => markup,
  href: () => undefined,
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
