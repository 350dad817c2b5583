import { assertNever } from '../domain/assert-never';
import type { ImageInfo, Inline, MarkKind } from './doc-model';
import * as html from './html-escape';
import * as text from './inline-text';
import * as md from './markdown-escape';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { escapeAttribute } = html;
const { inlineText } = text;
const { codeSpan, escapeMarkdown, linkDestination } = md;

/** `line`: one line (headings, table cells): breaks become `<br>` and pipes are escaped everywhere. */
export type InlineMode = 'flow' | 'line';

const DELIMITERS: Partial<Record<MarkKind, string>> = { strong: '**', em: '*', strike: '~~' };
const HTML_MARKS: Partial<Record<MarkKind, string>> = { underline: 'ins', sub: 'sub', sup: 'sup' };

export function mdInlines(nodes: readonly Inline[], mode: InlineMode): string {
  let out = '';
  for (const node of nodes) out += mdInline(node, mode);
  return out;
}

function mdInline(node: Inline, mode: InlineMode): string {
  switch (node.kind) {
    case 'text':
      return escapeMarkdown(node.text, mode === 'line');
    case 'mark':
      return mdMark(node.mark, node.children, mode);
    case 'link': {
      const inner = mdInlines(node.children, mode);
      return node.href === undefined ? inner : `[${inner}](${linkDestination(node.href)})`;
    }
    case 'break':
      return mode === 'line' ? '<br>' : '\\\n';
    case 'image':
      return mdImage(node.image, mode);
    case 'anchor':
      return `<a id="${attribute(node.id, mode)}"></a>`;
    case 'status':
      return `**[${escapeMarkdown(node.text, mode === 'line')}]**`;
    case 'math':
      return node.tex.includes('`') ? codeSpan(node.tex, mode === 'line') : `$\`${pipes(node.tex, mode)}\`$`;
    default:
      return assertNever(node, 'inline');
  }
}

function mdMark(mark: MarkKind, children: readonly Inline[], mode: InlineMode): string {
  if (mark === 'code') return codeSpan(inlineText(children), mode === 'line');
  const inner = mdInlines(children, mode);
  const delimiter = DELIMITERS[mark];
  if (delimiter !== undefined) return wrap(inner, delimiter, delimiter);
  const tag = HTML_MARKS[mark] ?? 'span';
  return wrap(inner, `<${tag}>`, `</${tag}>`);
}

/** Emphasis cannot start or end with whitespace: move it outside the delimiters. */
function wrap(inner: string, open: string, close: string): string {
  let start = 0;
  let end = inner.length;
  while (start < end && isSpace(inner.charCodeAt(start))) start++;
  while (end > start && isSpace(inner.charCodeAt(end - 1))) end--;
  if (start === end) return inner;
  return `${inner.slice(0, start)}${open}${inner.slice(start, end)}${close}${inner.slice(end)}`;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 9;
}

/** `![alt](src)`, or `<img>` to keep a width; an unresolved image shows its alt text. */
export function mdImage(image: ImageInfo, mode: InlineMode): string {
  if (image.src === undefined) return escapeMarkdown(`[Image: ${image.alt}]`, mode === 'line');
  if (image.width !== undefined) {
    return `<img src="${attribute(image.src, mode)}" alt="${attribute(image.alt, mode)}" width="${image.width}">`;
  }
  return `![${escapeMarkdown(image.alt, mode === 'line')}](${linkDestination(image.src)})`;
}

function attribute(value: string, mode: InlineMode): string {
  const escaped = escapeAttribute(value);
  return mode === 'line' ? escaped.replace(/\|/g, '&#124;') : escaped;
}

function pipes(text: string, mode: InlineMode): string {
  return mode === 'line' ? text.replace(/\|/g, '\\|') : text;
}
