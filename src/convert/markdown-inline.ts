import { assertNever } from '../domain/assert-never';
import type { ImageInfo, Inline, MarkKind } from './doc-model';
import * as html from './html-escape';
import * as text from './inline-text';
import * as emphasis from './markdown-emphasis';
import type { Delimited } from './markdown-emphasis';
import * as flanking from './markdown-flanking';
import * as md from './markdown-escape';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { escapeAttribute } = html;
const { inlineText } = text;
const { DELIMITED, emphasize, tagged } = emphasis;
const { ENCLOSING, isSpaceCode, lastCodePoint } = flanking;
const { codeSpan, escapeMarkdown, linkDestination } = md;

/** `line`: one line (headings, table cells): breaks become `<br>` and pipes are escaped everywhere. */
export type InlineMode = 'flow' | 'line';

const HTML_MARKS: Partial<Record<MarkKind, string>> = { underline: 'ins', sub: 'sub', sup: 'sup' };
const SPACE = 32;
const BACKSLASH = 92;

/**
 * One run of inline content. Around it are spaces: the start and end of a line, a list marker, a
 * table pipe, a heading's `#`.
 */
export function mdInlines(nodes: readonly Inline[], mode: InlineMode): string {
  return run(nodes, mode, SPACE, SPACE, 0);
}

/**
 * Appends the nodes to `out`. `before` is the character before the run when `out` is empty, `after`
 * the one after it (code points, or ENCLOSING); `open` holds the bits of the delimited marks around.
 */
function run(
  nodes: readonly Inline[],
  mode: InlineMode,
  before: number,
  after: number,
  open: number,
  out = '',
): string {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind === 'text') {
      out += escapeMarkdown(node.text, mode === 'line');
      continue;
    }
    if (node.kind === 'mark' && node.mark === 'code') {
      out = appendCode(out, inlineText(node.children), mode);
      continue;
    }
    const transparent = transparentChildren(node, open);
    if (transparent || node.kind === 'status' || (node.kind === 'mark' && node.mark in DELIMITED)) {
      // Only delimiters look at their neighbours; transparent nodes pass them on.
      const next = i + 1 === nodes.length ? after : firstCode(nodes, i + 1, mode, after, open);
      const prev = out === '' ? before : lastCodePoint(out);
      if (transparent) out = run(transparent, mode, before, next, open, out);
      else if (node.kind === 'status') out += status(node.text, mode, prev, next, open);
      else if (node.kind === 'mark')
        out += delimited(node.mark as Delimited, node.children, mode, prev, next, open);
      continue;
    }
    // `!` right before a link would make it an image.
    if (node.kind === 'link' && out.endsWith('!')) out = `${out.slice(0, -1)}\\!`;
    out += mdInline(node, mode, open);
  }
  return out;
}

/** The last code span written: the output it ended, where it started, its text. */
let spanOut = '';
let spanStart = 0;
let spanText = '';

/** Code spans side by side would merge their backticks: one span holds them all. */
function appendCode(out: string, code: string, mode: InlineMode): string {
  if (out === spanOut && out !== '') {
    spanText += code;
    out = out.slice(0, spanStart);
  } else {
    spanText = code;
    spanStart = out.length;
  }
  spanOut = out + codeSpan(spanText, mode === 'line');
  return spanOut;
}

/**
 * The children written in place of the node, for a link without a target and a mark inside the same
 * mark; undefined for other nodes.
 */
function transparentChildren(node: Inline, open: number): readonly Inline[] | undefined {
  if (node.kind === 'link') return node.href === undefined ? node.children : undefined;
  if (node.kind !== 'mark') return undefined;
  const entry = DELIMITED[node.mark as Delimited] as (typeof DELIMITED)[Delimited] | undefined;
  return entry !== undefined && (open & entry.bit) !== 0 ? node.children : undefined;
}

function mdInline(node: Inline, mode: InlineMode, open: number): string {
  switch (node.kind) {
    case 'text':
      return escapeMarkdown(node.text, mode === 'line');
    case 'mark':
      return mdMark(node.mark, node.children, mode, open);
    case 'link': {
      const inner = run(node.children, mode, ENCLOSING, ENCLOSING, open);
      return node.href === undefined ? inner : `[${inner}](${linkDestination(node.href)})`;
    }
    case 'break':
      return mode === 'line' ? '<br>' : '\\\n';
    case 'image':
      return mdImage(node.image, mode);
    case 'anchor':
      return `<a id="${attribute(node.id, mode)}"></a>`;
    case 'status':
      return status(node.text, mode, ENCLOSING, ENCLOSING, open);
    case 'math':
      return node.tex.includes('`') ? codeSpan(node.tex, mode === 'line') : `$\`${pipes(node.tex, mode)}\`$`;
    default:
      return assertNever(node, 'inline');
  }
}

function mdMark(mark: MarkKind, children: readonly Inline[], mode: InlineMode, open: number): string {
  if (mark === 'code') return codeSpan(inlineText(children), mode === 'line');
  if (mark in DELIMITED) return delimited(mark as Delimited, children, mode, ENCLOSING, ENCLOSING, open);
  return tagged(run(children, mode, ENCLOSING, ENCLOSING, open), HTML_MARKS[mark] ?? 'span');
}

/** A status reads as a bold `[text]`; its brackets are escaped where nothing follows them. */
function status(label: string, mode: InlineMode, prev: number, next: number, open: number): string {
  const escaped = escapeMarkdown(label, mode === 'line');
  if ((open & DELIMITED.strong.bit) !== 0) return `\\[${escaped}\\]`;
  return emphasize(`[${escaped}]`, 'strong', prev, next, open);
}

function delimited(
  mark: Delimited,
  children: readonly Inline[],
  mode: InlineMode,
  prev: number,
  next: number,
  open: number,
): string {
  const inner = run(children, mode, ENCLOSING, ENCLOSING, open | DELIMITED[mark].bit);
  return emphasize(inner, mark, prev, next, open);
}

/**
 * The first character the nodes from `index` on will be written with, or `after` when they write
 * none: the delimiter character of a delimited mark (it may merge with a delimiter before it), a
 * stand-in of the same kind for other markup (escapes, tags and brackets are all punctuation).
 */
function firstCode(
  nodes: readonly Inline[],
  index: number,
  mode: InlineMode,
  after: number,
  open: number,
): number {
  for (let i = index; i < nodes.length; i++) {
    const node = nodes[i]!;
    switch (node.kind) {
      case 'text': {
        if (node.text === '') continue;
        const c = node.text.codePointAt(0)!;
        // Escaped, `*` and `~` are written after a backslash and never join a delimiter.
        return c === 42 || c === 126 ? BACKSLASH : c;
      }
      case 'mark': {
        if (node.mark === 'code') return 96;
        const entry = DELIMITED[node.mark as Delimited];
        const transparent = entry !== undefined && (open & entry.bit) !== 0;
        const first = firstCode(node.children, 0, mode, -2, open);
        if (first === -2) continue;
        if (transparent || isSpaceCode(first)) return first;
        return entry === undefined ? 60 : entry.delimiter.charCodeAt(0);
      }
      case 'link': {
        if (node.href !== undefined) return 91;
        const first = firstCode(node.children, 0, mode, -2, open);
        if (first === -2) continue;
        return first;
      }
      case 'status':
        return (open & DELIMITED.strong.bit) !== 0 ? BACKSLASH : 42;
      case 'break':
        return mode === 'line' ? 60 : BACKSLASH;
      case 'image':
      case 'anchor':
      case 'math':
        return ENCLOSING;
      default:
        return assertNever(node, 'inline');
    }
  }
  return after;
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
