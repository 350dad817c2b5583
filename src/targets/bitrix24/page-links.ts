/**
 * Every URL form of a Confluence page (reference/confluence.md, `_links.tinyui`): `/pages/<id>/…`
 * (also `/pages/edit-v2/<id>`), `?pageId=<id>` (`viewpage.action`), and tiny links `/x/<code>`.
 * A tiny code is the page id as little-endian bytes in base64, `=` dropped, `/` → `-`, `+` → `_`,
 * trailing `A`s trimmed (Atlassian KB "How to programmatically generate the tiny link of a
 * Confluence page"; checked against `_links.tinyui` `/x/vIBuI` of page 544112828).
 */
export function tinyCode(pageId: string): string {
  let id = BigInt(pageId);
  const bytes: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    bytes.push(Number(id & 0xffn));
    id >>= 8n;
  }
  return Buffer.from(bytes)
    .toString('base64')
    .replace(/=+$/, '')
    .replace(/\//g, '-')
    .replace(/\+/g, '_')
    .replace(/A+$/, '');
}

/** The page id of a tiny code, or undefined when it is not one. */
export function pageIdOfTiny(code: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,11}$/.test(code)) return undefined;
  const b64 = code.replace(/-/g, '/').replace(/_/g, '+').padEnd(12, 'A');
  const bytes = Buffer.from(b64, 'base64').subarray(0, 8);
  let id = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) id = (id << 8n) | BigInt(bytes[i] ?? 0);
  return id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? id.toString() : undefined;
}

export interface PageLink {
  host: string;
  pageId: string;
}

/** The page a URL points at, whatever its form; undefined for anything else. */
export function parsePageLink(text: string): PageLink | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.host.toLowerCase();
  const query = url.searchParams.get('pageId');
  if (query !== null && /^\d{1,16}$/.test(query)) return { host, pageId: query };
  const path = url.pathname;
  const pages = /\/pages\/(?:edit-v2\/|edit\/)?(\d{1,16})(?:\/|$)/.exec(path);
  if (pages?.[1]) return { host, pageId: pages[1] };
  const tiny = /^(?:\/wiki)?\/x\/([A-Za-z0-9_-]+)\/?$/.exec(path);
  const id = tiny?.[1] ? pageIdOfTiny(tiny[1]) : undefined;
  return id ? { host, pageId: id } : undefined;
}

/** The links of a task field's value: one URL, several (a multiple field), or text with URLs. */
export function pageLinksIn(value: unknown): PageLink[] {
  const texts = Array.isArray(value) ? value : [value];
  const found = new Map<string, PageLink>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const candidate of text.match(/https?:\/\/[^\s"'<>\]]+/g) ?? []) {
      const link = parsePageLink(candidate.replace(/[.,;:!?)]+$/, ''));
      if (link) found.set(`${link.host}|${link.pageId}`, link);
    }
  }
  return [...found.values()];
}

/** The URL forms of a page, for the server-side filter and for tests. */
export function pageUrlForms(pageUrl: string, pageId: string): string[] {
  const url = new URL(pageUrl);
  const wiki = url.pathname.startsWith('/wiki/') ? '/wiki' : '';
  const origin = `${url.protocol}//${url.host}`;
  return [
    pageUrl,
    `${origin}${wiki}/x/${tinyCode(pageId)}`,
    `${origin}${wiki}/pages/viewpage.action?pageId=${pageId}`,
  ];
}
