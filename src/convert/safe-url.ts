const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);
const IMAGE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/;
const INVISIBLE = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]+/g;

export type UrlUse = 'link' | 'image';

/**
 * The URL if it is safe to put in an href or src: http(s) (and mailto/tel for links) or relative.
 * Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`), so the scheme is
 * read with those removed. Returns undefined for anything else (javascript:, data:, vbscript:, …).
 */
export function safeUrl(raw: string, use: UrlUse): string | undefined {
  const url = raw.trim();
  if (url === '') return undefined;
  // Only what comes up to the first colon can be a scheme (removing invisible characters adds none).
  const colon = url.indexOf(':');
  if (colon === -1) return url;
  const match = SCHEME.exec(
    url
      .slice(0, colon + 1)
      .replace(INVISIBLE, '')
      .toLowerCase(),
  );
  if (match === null) return url;
  return (use === 'link' ? LINK_SCHEMES : IMAGE_SCHEMES).has(match[1]!) ? url : undefined;
}
