import type { MarkKind } from './doc-model';
import type { PlainDialect } from './plain-dialect';

/** Tag names Bitrix24 (or BB-code in general) might read; text that looks like them is neutralised. */
const TAG_LIKE =
  /\[(?=\/?(?:b|i|u|s|size|color|url|user|chat|code|img|icon|put|send|call|timestamp|disk|br|quote|list|spoiler|left|right|center|justify|font|table|tr|td|th|p|video|\*)(?:[\]=\s]|$))/gi;
const ZWSP = '\u200b';

/** Quote or rule syntax at the start of a line. */
const LINE_START = /(^|\n)(>>|-{4,})/g;

/** A cheap check before the regex: most paragraphs have neither. */
function startsQuoteOrRule(text: string): boolean {
  return (
    text.startsWith('>>') ||
    text.startsWith('----') ||
    (text.includes('\n') && (text.includes('\n>>') || text.includes('\n----')))
  );
}

const TAGS: Partial<Record<MarkKind, string>> = { strong: 'b', em: 'i', underline: 'u', strike: 's' };

/** Text that shows as written: a zero-width space after `[` stops it from being read as a tag. */
export function escapeBbcode(text: string): string {
  return text.includes('[') ? text.replace(TAG_LIKE, `[${ZWSP}`) : text;
}

/** `[` and `]` cannot appear inside `[url=…]`. */
function bbUrl(url: string): string {
  return url.replace(/[[\]\s]/g, (c) => encodeURIComponent(c));
}

/**
 * Bitrix24 chat BB-code: only [b] [i] [u] [s] [url] [code] and line breaks; no headings, lists or tables
 * (flattened to lines), no inline code, no images inline (linked instead, as they need re-hosting).
 */
export const bbcodeDialect: PlainDialect = {
  indent: '\u00a0',
  rule: '——————————',
  quote: '>>',
  text: escapeBbcode,
  mark: (mark, inner) => {
    const tag = TAGS[mark];
    return tag === undefined || inner === '' ? inner : `[${tag}]${inner}[/${tag}]`;
  },
  link: (inner, href) =>
    href === undefined ? inner : `[url=${bbUrl(href)}]${inner === '' ? escapeBbcode(href) : inner}[/url]`,
  image: (image) =>
    image.src === undefined
      ? escapeBbcode(`[Image: ${image.alt}]`)
      : `[url=${bbUrl(image.src)}]🖼 ${escapeBbcode(image.alt || 'image')}[/url]`,
  status: (text) => `[b]${escapeBbcode(`[${text}]`)}[/b]`,
  math: (tex) => escapeBbcode(tex),
  heading: (inner) => `[b]${inner}[/b]`,
  label: (text) => `[b]${escapeBbcode(text)}[/b]`,
  code: (text) => `[code]${text.replace(/\[\/code\]/gi, `[${ZWSP}/code]`)}[/code]`,
  notice: (text, href) =>
    `[i]${href === undefined ? escapeBbcode(`[${text}]`) : `[url=${bbUrl(href)}]${escapeBbcode(text)}[/url]`}[/i]`,
  paragraph: (text) => (startsQuoteOrRule(text) ? text.replace(LINE_START, `$1${ZWSP}$2`) : text),
};
