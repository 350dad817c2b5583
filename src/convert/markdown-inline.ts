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
/** Each mark's bit in `open`: 0 for marks written as tags (and code). */
const MARK_BITS: Readonly<Record<MarkKind, number>> = {
  strong: DELIMITED.strong.bit,
  em: DELIMITED.em.bit,
  strike: DELIMITED.strike.bit,
  underline: 0,
  sub: 0,
  sup: 0,
  code: 0,
};
const SPACE = 32;
const BACKSLASH = 92;

/**
 * One run of inline content. Around it are spaces: the start and end of a line, a list marker, a
 * table pipe, a heading's `#`.
 */
export function mdInlines(nodes: readonly Inline[], mode: InlineMode): string {
  return run(nodes, mode, SPACE, SPACE, 0, '');
}

/**
 * The last non-empty piece appended to any run's output: the character before a delimiter is read
 * from it, as reading the output itself would flatten the whole string for every mark.
 */
let tail = '';

/**
 * Appends the nodes to `out`. `before` is the character before the run when `out` is empty, `after`
 * the one after it (code points, or ENCLOSING); `open` holds the bits of the delimited marks around.
 * Delimiters look at their neighbours; a link without a target and a mark inside the same mark are
 * written as their content, in the run.
 */
function run(
  nodes: readonly Inline[],
  mode: InlineMode,
  before: number,
  after: number,
  open: number,
  out: string,
): string {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    let piece: string;
    switch (node.kind) {
      case 'text':
        piece = escapeMarkdown(node.text, mode === 'line');
        break;
      case 'mark': {
        const bit = MARK_BITS[node.mark];
        if (node.mark === 'code') {
          out = appendCode(out, inlineText(node.children), mode);
          continue;
        }
        if (bit === 0) {
          piece = tagged(
            run(node.children, mode, ENCLOSING, ENCLOSING, open, ''),
            HTML_MARKS[node.mark] ?? 'span',
          );
          break;
        }
        const next = i + 1 === nodes.length ? after : firstCode(nodes, i + 1, mode, after, open);
        if ((open & bit) !== 0) {
          out = run(node.children, mode, before, next, open, out);
          continue;
        }
        piece = delimited(node.mark as Delimited, node.children, mode, previous(out, before), next, open);
        break;
      }
      case 'status': {
        const next = i + 1 === nodes.length ? after : firstCode(nodes, i + 1, mode, after, open);
        piece = status(node.text, mode, previous(out, before), next, open);
        break;
      }
      case 'link': {
        if (node.href === undefined) {
          const next = i + 1 === nodes.length ? after : firstCode(nodes, i + 1, mode, after, open);
          out = run(node.children, mode, before, next, open, out);
          continue;
        }
        // `!` right before a link would make it an image.
        if (out !== '' && tail.endsWith('!')) out = `${out.slice(0, -1)}\\!`;
        const inner = run(node.children, mode, ENCLOSING, ENCLOSING, open, '');
        piece = `[${inner}](${linkDestination(node.href)})`;
        break;
      }
      case 'break':
        piece = mode === 'line' ? '<br>' : '\\\n';
        break;
      case 'image':
        piece = mdImage(node.image, mode);
        break;
      case 'anchor':
        piece = `<a id="${attribute(node.id, mode)}"></a>`;
        break;
      case 'math':
        piece = node.tex.includes('`')
          ? codeSpan(node.tex, mode === 'line')
          : `$\`${pipes(node.tex, mode)}\`$`;
        break;
      default:
        return assertNever(node, 'inline');
    }
    if (piece !== '') {
      out += piece;
      tail = piece;
    }
  }
  return out;
}

function previous(out: string, before: number): number {
  return out === '' ? before : lastCodePoint(tail);
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
  const span = codeSpan(spanText, mode === 'line');
  if (span !== '') tail = span;
  spanOut = out + span;
  return spanOut;
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
  const inner = run(children, mode, ENCLOSING, ENCLOSING, open | DELIMITED[mark].bit, '');
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
        const bit = MARK_BITS[node.mark];
        const first = firstCode(node.children, 0, mode, -2, open);
        if (first === -2) continue;
        if ((open & bit) !== 0 || isSpaceCode(first)) return first;
        return bit === 0 ? 60 : DELIMITED[node.mark as Delimited].delimiter.charCodeAt(0);
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
