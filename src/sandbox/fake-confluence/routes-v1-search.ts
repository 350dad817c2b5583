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

/** Keyset cursor: the last id served and how many results came before the next batch. */
const Cursor = z.object({ scope: z.string(), after: z.string().regex(/^[0-9]+$/), start: z.number().int() });

function encodeCursor(scope: string, after: string, start: number): string {
  return Buffer.from(JSON.stringify(Cursor.parse({ scope, after, start }))).toString('base64url');
}

function decodeCursor(cursor: string, scope: string): { after: string; start: number } {
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

function byId(a: ConfluencePage, b: ConfluencePage): number {
  const diff = BigInt(a.id) - BigInt(b.id);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/**
 * Current pages below the ancestor at any depth (a current page under a trashed or archived
 * page still matches), in ascending id order. UNVERIFIED: Confluence's own order, and that an
 * unknown ancestor id gives no results rather than an error.
 */
function matches(store: ConfluenceStore, query: CqlQuery): ConfluencePage[] {
  if (query.type !== undefined && query.type !== 'page') return [];
  return store
    .listPages()
    .filter((page) => page.status === 'current')
    .filter((page) => store.ancestorsOf(page.id).some((ancestor) => ancestor.id === query.ancestorId))
    .sort(byId);
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
  const scope = `content-search:ancestor=${query.ancestorId};type=${query.type ?? '*'}`;
  const cursor = ctx.query.string('cursor');
  const position = cursor === undefined ? { after: undefined, start: 0 } : decodeCursor(cursor, scope);
  const rest = matches(ctx.state, query).filter(
    (page) => position.after === undefined || BigInt(page.id) > BigInt(position.after),
  );
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
    const start = position.start + batch.length;
    links.next = searchLink([
      ['next', 'true'],
      ['cursor', encodeCursor(scope, last.id, start)],
      ['expand', expandParam],
      ['limit', String(limit)],
      ['start', String(start)],
      ['cql', cql],
    ]);
  }
  return { body: { results, start: position.start, limit, size: results.length, _links: links } };
}

export const v1SearchRoutes: Route[] = [
  { method: 'GET', template: '/wiki/rest/api/content/search', handle: searchContent },
];
