import type { BuildContext } from './build-context';
import type { Block, CalloutVariant } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import { param, type MacroParts } from './read-macro';
import { textContent } from './xml-tree';

export type MacroBuilder = (macro: MacroParts, b: FlowBuilder, ctx: BuildContext) => void;

/** Confluence's macro names say colours, not meaning: "note" is the yellow one, "warning" the red one. */
const CALLOUT_VARIANTS: ReadonlyMap<string, CalloutVariant> = new Map<string, CalloutVariant>([
  ['info', 'info'],
  ['note', 'warning'],
  ['warning', 'error'],
  ['tip', 'tip'],
]);

const NO_LANGUAGE: ReadonlySet<string> = new Set(['none', 'plain', 'plaintext', 'text']);

function verbatimBody(macro: MacroParts): string {
  return macro.plainBody ?? (macro.richBody === undefined ? '' : textContent(macro.richBody));
}

/** code: language, title and the CDATA body verbatim. */
export const codeMacro: MacroBuilder = (macro, b) => {
  const language = (param(macro, 'language') ?? param(macro, ''))?.toLowerCase();
  b.addBlock({
    kind: 'code',
    text: verbatimBody(macro),
    language: language === undefined || NO_LANGUAGE.has(language) ? undefined : language,
    title: param(macro, 'title'),
  });
};

export const noformatMacro: MacroBuilder = (macro, b) =>
  b.addBlock({ kind: 'code', text: verbatimBody(macro), title: param(macro, 'title') });

export const calloutMacro: MacroBuilder = (macro, b) => {
  const variant = CALLOUT_VARIANTS.get(macro.name) ?? 'info';
  b.addBlock({ kind: 'callout', variant, title: param(macro, 'title'), children: macro.blocks });
};

/** panel: a callout in its own colours; its emoji icon leads the title, or the text when untitled. */
export const panelMacro: MacroBuilder = (macro, b) => {
  const icon = param(macro, 'panelIconText');
  const title = param(macro, 'title');
  const children = macro.blocks;
  if (icon !== undefined && title === undefined) prependText(children, icon);
  const shown = icon !== undefined && title !== undefined ? `${icon} ${title}` : title;
  b.addBlock({ kind: 'callout', variant: 'panel', title: shown, children });
};

function prependText(blocks: Block[], text: string): void {
  const first = blocks[0];
  if (first?.kind === 'paragraph') first.children.unshift({ kind: 'text', text: `${text} ` });
  else blocks.unshift({ kind: 'paragraph', children: [{ kind: 'text', text }] });
}

export const expandMacro: MacroBuilder = (macro, b) =>
  b.addBlock({
    kind: 'expand',
    title: param(macro, 'title') ?? 'Click here to expand...',
    children: macro.blocks,
  });

/** More tables of contents than this are dropped (each lists all headings: output would grow as n²). */
const MAX_TOCS = 5;

/** toc: regenerated from the page's headings when rendered. `exclude` is matched literally (no regex). */
export const tocMacro: MacroBuilder = (macro, b, ctx) => {
  if (++ctx.counters.tocs > MAX_TOCS) {
    ctx.warnings.add('dropped-element', `only the first ${MAX_TOCS} tables of contents are rendered`);
    return;
  }
  const min = level(param(macro, 'minLevel'), 1);
  const max = level(param(macro, 'maxLevel'), 6);
  const exclude = (param(macro, 'exclude') ?? '')
    .split('|')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  b.addBlock({ kind: 'toc', minLevel: Math.min(min, max), maxLevel: Math.max(min, max), exclude });
};

function level(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 1), 6) : fallback;
}

/** excerpt, details, tabs, columns…: their body is ordinary page content, walked as it came. */
export const unwrapMacro: MacroBuilder = () => undefined;

/** section (with column macros inside): a section, like a layout. */
export const sectionMacro: MacroBuilder = (macro, b) =>
  b.addBlock({ kind: 'section', children: macro.blocks });

export const mathBlockMacro: MacroBuilder = (macro, b) =>
  b.addBlock({ kind: 'code', text: param(macro, 'body') ?? verbatimBody(macro), language: 'math' });
