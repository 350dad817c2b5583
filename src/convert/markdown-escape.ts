const SPECIAL = /[\\`*_[\]<~$&]/;
/** `_` only at a word boundary (GFM ignores it inside words), `&` only where it would start an entity. */
const SPECIAL_ALL = /[\\`*[\]<~$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|&(?=#?[a-z0-9]+;)/giu;
const LINE_START_MARK = /(^|\n)( {0,3})([#+=>-])/g;
const LINE_START_NUMBER = /(^|\n)( {0,3})(\d{1,9})([.)])/g;

/** Escapes every character Markdown (CommonMark + GFM `~`, `$` math) could read; pipes too in table cells. */
export function escapeMarkdown(text: string, pipes = false): string {
  const escaped = SPECIAL.test(text) ? text.replace(SPECIAL_ALL, '\\$&') : text;
  return pipes && escaped.includes('|') ? escaped.replace(/\|/g, '\\|') : escaped;
}

/** Escapes what only matters at the start of a line: headings, list markers, setext underlines. */
export function escapeLineStarts(text: string): string {
  if (!needsLineStartEscape(text)) return text;
  return text.replace(LINE_START_MARK, '$1$2\\$3').replace(LINE_START_NUMBER, '$1$2$3\\$4');
}

/** Cheap check of the first character of each line (after up to three spaces). */
function needsLineStartEscape(text: string): boolean {
  for (let start = 0; start !== -1 && start <= text.length;) {
    let i = start;
    while (i < start + 3 && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    // # + - = > and digits
    if (c === 35 || c === 43 || c === 45 || c === 61 || c === 62 || (c >= 48 && c <= 57)) return true;
    const next = text.indexOf('\n', start);
    start = next === -1 ? -1 : next + 1;
  }
  return false;
}

/** A heading's text ending in `#`s after a space (or all `#`s) would lose them as its closing sequence. */
export function escapeHeadingEnd(text: string): string {
  if (text.charCodeAt(text.length - 1) !== 35) return text;
  let start = text.length - 1;
  while (start > 0 && text.charCodeAt(start - 1) === 35) start--;
  const before = text.charCodeAt(start - 1);
  if (start > 0 && before !== 32 && before !== 9) return text;
  return `${text.slice(0, start)}\\${text.slice(start)}`;
}

/** A link destination without spaces, parentheses or angle brackets (and pipes, for table cells). */
export function linkDestination(url: string): string {
  return url.replace(/[\s()<>|]/g, (c) => encodeURIComponent(c));
}

/** An inline code span whose fence is longer than any backtick run inside it. */
export function codeSpan(text: string, inTable: boolean): string {
  let content = text.includes('\n') ? text.replace(/\r?\n/g, ' ') : text;
  if (content === '') return '';
  if (inTable && content.includes('|')) content = content.replace(/\|/g, '\\|');
  let longest = 0;
  if (content.includes('`'))
    for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = longest === 0 ? '`' : '`'.repeat(longest + 1);
  const pad =
    content.startsWith('`') || content.endsWith('`') || (isSpaced(content) && content.trim() !== '')
      ? ' '
      : '';
  return pad === '' ? fence + content + fence : `${fence} ${content} ${fence}`;
}

/** Starts and ends with a space (two characters at least): what `/^ .* $/s` matches. */
function isSpaced(content: string): boolean {
  return content.length >= 2 && content.charCodeAt(0) === 32 && content.charCodeAt(content.length - 1) === 32;
}
