import * as flanking from './markdown-flanking';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { canClose, canOpen, isSpaceCode, lastCodePoint, mayClose } = flanking;

export type Delimited = 'strong' | 'em' | 'strike';

/** Delimiter, the tag used where the delimiter would not be read as one, and the mark's bit in `open`. */
export const DELIMITED: Readonly<Record<Delimited, { delimiter: string; tag: string; bit: number }>> = {
  strong: { delimiter: '**', tag: 'strong', bit: 1 },
  em: { delimiter: '*', tag: 'em', bit: 2 },
  strike: { delimiter: '~~', tag: 'del', bit: 4 },
};

/** Bits of the other marks written with the same character: `*` inside `**` could close it early. */
const SAME_CHARACTER: Readonly<Record<Delimited, number>> = { strong: 2, em: 1, strike: 0 };
const BACKSLASH = 92;

/**
 * `**`, `*` or `~~` around rendered content where CommonMark reads them as emphasis, the HTML tag
 * elsewhere: next to punctuation on the inside and a letter on the outside (`**‘인용’**을`), next to
 * a following delimiter of the same character (`**a****b**`), or where the opening one could close
 * an enclosing mark of the same character. `prev` and `next` are the characters around the content;
 * `open` holds the bits of the enclosing delimited marks.
 */
export function emphasize(inner: string, mark: Delimited, prev: number, next: number, open: number): string {
  const { delimiter, tag } = DELIMITED[mark];
  trim(inner);
  const start = trimStart;
  const end = trimEnd;
  if (start === end) return inner;
  const before = start === 0 ? prev : lastCodePoint(inner, start);
  const after = end === inner.length ? next : inner.charCodeAt(end);
  const first = inner.codePointAt(start)!;
  const fits =
    after !== delimiter.charCodeAt(0) &&
    canOpen(before, first) &&
    canClose(lastCodePoint(inner, end), after) &&
    ((open & SAME_CHARACTER[mark]) === 0 || !mayClose(before, first));
  return fits
    ? enclose(inner, start, end, delimiter, delimiter)
    : enclose(inner, start, end, `<${tag}>`, `</${tag}>`);
}

/** An HTML tag around rendered content, whitespace at its edges left outside. */
export function tagged(inner: string, tag: string): string {
  trim(inner);
  return trimStart === trimEnd ? inner : enclose(inner, trimStart, trimEnd, `<${tag}>`, `</${tag}>`);
}

function enclose(inner: string, start: number, end: number, open: string, close: string): string {
  return `${inner.slice(0, start)}${open}${inner.slice(start, end)}${close}${inner.slice(end)}`;
}

/** Where the content proper starts and ends, as `trim` last found them. */
let trimStart = 0;
let trimEnd = 0;

/**
 * Emphasis cannot start or end with whitespace or a hard break: finds the content between them, which
 * the delimiters enclose (the rest stays outside).
 */
function trim(inner: string): void {
  let start = 0;
  let end = inner.length;
  for (;;) {
    if (start < end && isSpaceCode(inner.charCodeAt(start))) start++;
    else if (inner.charCodeAt(start) === BACKSLASH && inner.charCodeAt(start + 1) === 10) start += 2;
    else break;
  }
  while (end > start && isSpaceCode(inner.charCodeAt(end - 1))) {
    end--;
    // A hard break (`\` and a line feed) leaves whole.
    if (inner.charCodeAt(end) === 10 && end > start && inner.charCodeAt(end - 1) === BACKSLASH) end--;
  }
  trimStart = start;
  trimEnd = end;
}
