import { badRequest } from './api-error';
import { parseCql } from './cql-query';
import { matches } from './routes-v1-search';
import type { Route, RouteContext, RouteResult } from './route-types';
import { v1Content } from './v1-content';

const DEFAULT_LIMIT = 25;
/** UNVERIFIED: the cap Confluence applies to this endpoint's `limit`; the fake takes the content search's. */
const MAX_LIMIT = 100;

/**
 * `GET /wiki/rest/api/search?cql=…&limit=…` (v1 site search) → `{results: [{content, title,
 * excerpt, url, entityType, lastModified}], start, limit, size, totalSize, cqlQuery,
 * searchDuration, _links}`, the shape of confluence.js's SearchPageResponseSearchResult; `totalSize`
 * counts every match, which is what a client reads it for. The fake answers the first batch of
 * the same CQL subset as the content search and refuses paging (a `cursor` or `start`), so a
 * client that walks this endpoint is told so rather than answered wrongly.
 */
function searchSite(ctx: RouteContext): RouteResult {
  const cql = ctx.query.string('cql');
  if (cql === undefined || cql.trim() === '') throw badRequest('The cql query parameter is required');
  if (ctx.query.string('cursor') !== undefined || ctx.query.string('start') !== undefined)
    throw badRequest('paging /rest/api/search is not supported by the fake; use /rest/api/content/search');
  const query = parseCql(cql);
  const limit = Math.min(ctx.query.int('limit', 1, Number.MAX_SAFE_INTEGER, DEFAULT_LIMIT), MAX_LIMIT);
  const all = matches(ctx.state, query);
  const results = all.slice(0, limit).map((page) => ({
    content: v1Content(ctx.state, page, new Set()),
    title: page.title,
    excerpt: '',
    url: `/spaces/${ctx.state.requireSpace(page.spaceId).key}/pages/${page.id}`,
    entityType: 'content',
    lastModified: page.version.createdAt,
  }));
  const base = ctx.state.baseUrl;
  return {
    body: {
      results,
      start: 0,
      limit,
      size: results.length,
      totalSize: all.length,
      cqlQuery: cql,
      searchDuration: 1,
      _links: { base, context: '/wiki', self: `${base}/rest/api/search?${new URLSearchParams({ cql })}` },
    },
  };
}

export const v1SiteSearchRoutes: Route[] = [
  { method: 'GET', template: '/wiki/rest/api/search', handle: searchSite },
];
