import * as marks from './bbcode-marks';
import type { PlainDialect } from './plain-dialect';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { bbMark } = marks;

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

/** Text that shows as written: a zero-width space after `[` stops it from being read as a tag. */
export function escapeBbcode(text: string): string {
  return text.includes('[') ? text.replace(TAG_LIKE, `[${ZWSP}`) : text;
}

function bold(markup: string): string {
  return markup === '' ? markup : `[b]${markup}[/b]`;
}

/** `[` and `]` cannot appear inside `[url=…]`. */
function bbUrl(url: string): string {
  return url.replace(/[[\]\s]/g, (c) => encodeURIComponent(c));
}

/**
 * Bitrix24 chat BB-code: only [b] [i] [u] [s] [url] [code] and line breaks; no headings, lists or tables
 * (flattened to lines), no inline code (see bbcode-marks.ts), no images inline (linked instead, as they
 * need re-hosting), and no anchors: a message cannot jump within itself, so same-page anchor links show
 * their text and the table of contents is left out (the headings follow in the message anyway).
 */
export const bbcodeDialect: PlainDialect = {
  indent: '\u00a0',
  rule: '——————————',
  quote: '>>',
  toc: false,
  text: escapeBbcode,
  mark: bbMark,
  bold,
  href: (href) => (href.startsWith('#') ? undefined : href),
  link: (inner, href) =>
    href === undefined ? inner : `[url=${bbUrl(href)}]${inner === '' ? escapeBbcode(href) : inner}[/url]`,
  image: (image, linked) => {
    if (image.src === undefined) return escapeBbcode(`[Image: ${image.alt}]`);
    const shown = `🖼 ${escapeBbcode(image.alt || 'image')}`;
    return linked ? shown : `[url=${bbUrl(image.src)}]${shown}[/url]`;
  },
  status: (text, bold) => (bold ? escapeBbcode(`[${text}]`) : `[b]${escapeBbcode(`[${text}]`)}[/b]`),
  math: (tex) => escapeBbcode(tex),
  heading: bold,
  label: (text) => `[b]${escapeBbcode(text)}[/b]`,
  code: (text) => `[code]${text.replace(/\[\/code\]/gi, `[${ZWSP}/code]`)}[/code]`,
  notice: (text, href) =>
    `[i]${href === undefined ? escapeBbcode(`[${text}]`) : `[url=${bbUrl(href)}]${escapeBbcode(text)}[/url]`}[/i]`,
  paragraph: (text) => (startsQuoteOrRule(text) ? text.replace(LINE_START, `$1${ZWSP}$2`) : text),
};
