import { z } from 'zod';
import { badRequest } from './api-error';
import type { ConfluencePage } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import type { CqlQuery } from './cql-query';
import { parseCql } from './cql-query';
import type { Route, RouteContext, RouteResult } from './route-types';
import { v1Content } from './v1-content';
import { parseExpand } from './v1-expand';

const DEFAULT_LIMIT = 25;
/** UNVERIFIED: larger `limit` values are clamped to this (the response's `limit` says so). */
const MAX_LIMIT = 100;

/**
 * The cursor: the sort key and id of the last result served, and how many came before the next
 * batch. With the store's `searchCursor` `keyset` the next batch starts after that result: the fake
 * never skips nor repeats a page that stays in place, and a page that moves past the cursor is
 * served again. With `offset` it starts at the count: a page leaving the results before the cursor
 * (trashed, moved away) makes the next batch skip one. UNVERIFIED which one Confluence's is.
 */
const Cursor = z.object({
  scope: z.string(),
  after: z.string().regex(/^[0-9]+$/),
  key: z.number().optional(),
  start: z.number().int(),
});
type Position = z.infer<typeof Cursor>;

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(Cursor.parse(position))).toString('base64url');
}

function decodeCursor(cursor: string, scope: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('Invalid cursor: it is not a cursor this API returned');
  }
  const payload = Cursor.safeParse(parsed);
  if (!payload.success || payload.data.scope !== scope)
    throw badRequest('Invalid cursor: it does not belong to this search');
  return payload.data;
}

/** CQL's `lastmodified`: the current version's date unless a test set the index's own. */
function modifiedAt(page: ConfluencePage): number {
  return Date.parse(page.indexedModifiedAt ?? page.version.createdAt);
}

function sortKey(page: ConfluencePage, query: CqlQuery): number | undefined {
  if (query.order === undefined) return undefined;
  return query.order.field === 'created' ? Date.parse(page.createdAt) : modifiedAt(page);
}

function compareIds(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** The query's order: by its `order by` field (ties by id), else by ascending id. */
function comparator(query: CqlQuery): (a: ConfluencePage, b: ConfluencePage) => number {
  const sign = query.order?.direction === 'desc' ? -1 : 1;
  return (a, b) => sign * ((sortKey(a, query) ?? 0) - (sortKey(b, query) ?? 0) || compareIds(a.id, b.id));
}

function afterPosition(page: ConfluencePage, query: CqlQuery, position: Position): boolean {
  const sign = query.order?.direction === 'desc' ? -1 : 1;
  const byKey = sign * ((sortKey(page, query) ?? 0) - (position.key ?? 0));
  return byKey > 0 || (byKey === 0 && sign * compareIds(page.id, position.after) > 0);
}

/**
 * Current pages matching every clause: below the ancestor at any depth (a current page under a
 * trashed or archived page still matches), in the space, modified since the date. UNVERIFIED:
 * Confluence's own order without `order by`, and that an unknown ancestor id or space key gives
 * no results rather than an error.
 */
export function matches(store: ConfluenceStore, query: CqlQuery): ConfluencePage[] {
  if (query.type !== undefined && query.type !== 'page') return [];
  const from = query.modifiedFrom;
  return store
    .listPages()
    .filter((page) => page.status === 'current')
    .filter(
      (page) =>
        query.ancestorId === undefined ||
        store.ancestorsOf(page.id).some((ancestor) => ancestor.id === query.ancestorId),
    )
    .filter((page) => query.spaceKey === undefined || store.requireSpace(page.spaceId).key === query.spaceKey)
    .filter(
      (page) =>
        from === undefined || modifiedAt(page) > from.at || (from.inclusive && modifiedAt(page) === from.at),
    )
    .sort(comparator(query));
}

function searchLink(params: Array<[string, string | undefined]>): string {
  const defined = params.filter((entry): entry is [string, string] => entry[1] !== undefined);
  return `/rest/api/content/search?${new URLSearchParams(defined).toString()}`;
}

/**
 * `GET /wiki/rest/api/content/search?cql=…&limit=…&cursor=…&expand=…` (v1 CQL content search) →
 * `{results, start, limit, size, _links: {base, context, self, next?}}`. Paging is by the opaque
 * cursor only: `next` and `start` (present in the next link, as on real sites) are accepted and
 * ignored, so a client that pages by `start` alone gets the first batch again — as public clients
 * report from real Cloud (UNVERIFIED). UNVERIFIED: `_links.next` is relative to `/wiki` (it starts
 * with `/rest/api/…`, unlike v2's `/wiki/api/v2/…`), so follow it as `_links.base + next`; real
 * responses also carry a `prev` link, which the fake does not serve. `cqlcontext` is refused.
 */
function searchContent(ctx: RouteContext): RouteResult {
  const cql = ctx.query.string('cql');
  if (cql === undefined || cql.trim() === '') throw badRequest('The cql query parameter is required');
  if (ctx.query.string('cqlcontext') !== undefined)
    throw badRequest('cqlcontext is not supported by the fake');
  const query = parseCql(cql);
  const expandEntries = ctx.query.list('expand');
  const expand = parseExpand(expandEntries);
  const expandParam = expandEntries.length === 0 ? undefined : expandEntries.join(',');
  const limit = Math.min(ctx.query.int('limit', 1, Number.MAX_SAFE_INTEGER, DEFAULT_LIMIT), MAX_LIMIT);
  ctx.query.int('start', 0, Number.MAX_SAFE_INTEGER, 0);
  ctx.query.bool('next', false);
  const scope = `content-search:${JSON.stringify(query)}`;
  const cursor = ctx.query.string('cursor');
  const position = cursor === undefined ? undefined : decodeCursor(cursor, scope);
  const all = matches(ctx.state, query);
  const rest =
    position === undefined
      ? all
      : ctx.state.searchCursor === 'offset'
        ? all.slice(position.start)
        : all.filter((page) => afterPosition(page, query, position));
  const batch = rest.slice(0, limit);
  const results = batch.map((page) => v1Content(ctx.state, page, expand));
  const base = ctx.state.baseUrl;
  const links: Record<string, string> = {
    base,
    context: '/wiki',
    self: `${base}${searchLink([
      ['expand', expandParam],
      ['cql', cql],
    ])}`,
  };
  const last = batch[batch.length - 1];
  if (rest.length > limit && last !== undefined) {
    const start = (position?.start ?? 0) + batch.length;
    const key = sortKey(last, query);
    links.next = searchLink([
      ['next', 'true'],
      ['cursor', encodeCursor({ scope, after: last.id, ...(key !== undefined && { key }), start })],
      ['expand', expandParam],
      ['limit', String(limit)],
      ['start', String(start)],
      ['cql', cql],
    ]);
  }
  return { body: { results, start: position?.start ?? 0, limit, size: results.length, _links: links } };
}

export const v1SearchRoutes: Route[] = [
  { method: 'GET', template: '/wiki/rest/api/content/search', handle: searchContent },
];
