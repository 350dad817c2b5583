/**
 * CommonMark's flanking rules, which decide whether `*`, `**` or `~~` next to some text opens or
 * closes emphasis. Two readings are in use: GitHub's cmark-gfm (spec 0.29: punctuation is ASCII
 * punctuation and Unicode P) and markdown-it 14 (spec 0.31.2: Unicode P and S, checked in its
 * source). A delimiter is written only where both read it as one; elsewhere the caller falls back to
 * an HTML tag. UNVERIFIED: which of the two GitHub follows today; the rule here holds under either.
 */

/** Letters, digits and everything else. */
const OTHER = 0;
/** Unicode S outside ASCII (`©`, `→`, emoji): punctuation for markdown-it, not for cmark-gfm. */
const SYMBOL = 1;
/** ASCII punctuation and Unicode P: punctuation for both. */
const PUNCT = 2;
/** Unicode Zs, tab and line ends: whitespace for both (start and end of a line count as one). */
const SPACE = 3;

/** A neighbour standing for the delimiter or tag of an enclosing mark: punctuation whichever is used. */
export const ENCLOSING = -1;

const ASCII: number[] = [];
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII.push(
    c === 9 || c === 10 || c === 12 || c === 13 || c === 32
      ? SPACE
      : /[!-/:-@[-`{-~]/.test(ch)
        ? PUNCT
        : OTHER,
  );
}

const UNICODE_P = /\p{P}/u;
const UNICODE_S = /\p{S}/u;

function kind(code: number): number {
  if (code < 0) return PUNCT;
  if (code < 128) return ASCII[code]!;
  // Hangul syllables and CJK ideographs, the usual neighbours here: letters.
  if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x4e00 && code <= 0x9fff)) return OTHER;
  if (isSpaceCode(code)) return SPACE;
  const ch = String.fromCodePoint(code);
  return UNICODE_P.test(ch) ? PUNCT : UNICODE_S.test(ch) ? SYMBOL : OTHER;
}

/** Whitespace to either reader (markdown-it's list, which also holds cmark-gfm's), plus line feeds. */
export function isSpaceCode(code: number): boolean {
  return code < 128
    ? code === 32 || (code >= 9 && code <= 13)
    : code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000;
}

/**
 * Whether a delimiter between `before` and `first` (the first character it wraps, never whitespace)
 * is left-flanking: it is unless `first` is punctuation and `before` is neither whitespace nor
 * punctuation, to either reader.
 */
export function canOpen(before: number, first: number): boolean {
  return touches(first, before);
}

/** Whether a delimiter between `last` (never whitespace) and `after` is right-flanking, to either reader. */
export function canClose(last: number, after: number): boolean {
  return touches(last, after);
}

/**
 * Whether a delimiter opening between `before` and `first` is right-flanking too, to either reader:
 * it could then close an enclosing emphasis of the same character instead.
 */
export function mayClose(before: number, first: number): boolean {
  const b = kind(before);
  return b !== SPACE && (b !== PUNCT || kind(first) !== OTHER);
}

function touches(inner: number, outer: number): boolean {
  const i = kind(inner);
  if (i === OTHER) return true;
  const o = kind(outer);
  return o >= PUNCT || (i === SYMBOL && o === SYMBOL);
}

/** The code point ending `text` (a whole surrogate pair). */
export function lastCodePoint(text: string, end = text.length): number {
  const low = text.charCodeAt(end - 1);
  if (low >= 0xdc00 && low <= 0xdfff && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}
