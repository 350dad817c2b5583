import { badRequest, notFound } from './api-error';
import type { ConfluencePage } from './confluence-model';
import { numericId } from './request-options';
import type { Route, RouteContext, RouteResult } from './route-types';
import { v1SearchRoutes } from './routes-v1-search';
import { v1SiteSearchRoutes } from './routes-v1-site-search';
import { v1Content } from './v1-content';
import { parseExpand } from './v1-expand';
import { v1Operation, v1User } from './v1-json';

const V1_STATUSES = ['current', 'trashed', 'draft', 'archived', 'historical', 'any'] as const;

function contentNotFound(id: string): never {
  throw notFound(`No content found with id: ContentId{id=${id}}`);
}

function existingPage(ctx: RouteContext): ConfluencePage {
  const id = numericId(ctx.params.id);
  const page = ctx.state.getPage(id);
  if (page === undefined || page.status === 'trashed') contentNotFound(id);
  return page;
}

function getContent(ctx: RouteContext): RouteResult {
  const id = numericId(ctx.params.id);
  const requested: string[] = ctx.query.listOf('status', V1_STATUSES);
  const statuses = requested.length === 0 ? ['current'] : requested;
  const page = ctx.state.getPage(id);
  if (page === undefined || !(statuses.includes('any') || statuses.includes(page.status)))
    contentNotFound(id);
  return { body: v1Content(ctx.state, page, parseExpand(ctx.query.list('expand')), true) };
}

/**
 * `{contentState: {id,name,color} | null, lastUpdated}`. `status` is optional (current, draft or
 * archived; default current, as the v1 OpenAPI spec says); any other value is a 400. Unknown,
 * purged or trashed content is a 404, as is content whose status does not match (a draft asked
 * with status=current). `lastUpdated` is the last state change, else the current version's date
 * (UNVERIFIED for content that never had a state).
 */
function getState(ctx: RouteContext): RouteResult {
  const page = existingPage(ctx);
  const status = ctx.query.oneOf('status', ['current', 'draft', 'archived'] as const) ?? 'current';
  const servedFrom = { current: ['current'], archived: ['archived'], draft: ['current', 'draft'] }[status];
  if (!servedFrom.includes(page.status)) contentNotFound(page.id);
  const lastUpdated = page.contentStateUpdatedAt ?? page.version.createdAt;
  return {
    body: { contentState: page.contentState === null ? null : { ...page.contentState }, lastUpdated },
  };
}

function getRestrictions(ctx: RouteContext): RouteResult {
  const page = existingPage(ctx);
  const all = { user: true, group: true };
  const base = ctx.state.baseUrl;
  return {
    body: {
      read: v1Operation(ctx.state, page, 'read', all),
      update: v1Operation(ctx.state, page, 'update', all),
      _links: { base, context: '/wiki', self: `${base}/rest/api/content/${page.id}/restriction/byOperation` },
    },
  };
}

function getRestrictionsFor(ctx: RouteContext): RouteResult {
  const page = existingPage(ctx);
  const operation = ctx.params.operationKey;
  if (operation !== 'read' && operation !== 'update')
    throw badRequest(`Unknown operation: ${operation ?? ''}`);
  return { body: v1Operation(ctx.state, page, operation, { user: true, group: true }) };
}

function getUser(ctx: RouteContext): RouteResult {
  const accountId = ctx.query.string('accountId');
  if (accountId === undefined || accountId === '') throw badRequest('accountId is required');
  const user = ctx.state.getUser(accountId);
  if (user === undefined) throw notFound(`No user found with accountId: ${accountId}`);
  return { body: v1User(ctx.state, user) };
}

/**
 * `GET /content/{id}/notification/created`: the page's watchers (reference/confluence.md). Who
 * watches follows Confluence's default "watch pages you create, edit or comment on" (UNVERIFIED
 * as a model of real sites); `email` only where the user reveals it.
 */
function getWatchers(ctx: RouteContext): RouteResult {
  const page = existingPage(ctx);
  const comments = ctx.state.listComments(page.id).map((c) => c.authorId);
  const ids = [...new Set([page.authorId, page.version.authorId, ...comments])];
  const results = ids
    .map((id) => ctx.state.getUser(id))
    .filter((u) => u !== undefined)
    .map((user) => ({ type: 'page', watcher: v1User(ctx.state, user), contentId: Number(page.id) }));
  const base = ctx.state.baseUrl;
  return {
    body: { results, start: 0, limit: 200, size: results.length, _links: { base, context: '/wiki' } },
  };
}

export const v1Routes: Route[] = [
  ...v1SearchRoutes,
  ...v1SiteSearchRoutes,
  { method: 'GET', template: '/wiki/rest/api/content/{id}', handle: getContent },
  { method: 'GET', template: '/wiki/rest/api/content/{id}/state', handle: getState },
  { method: 'GET', template: '/wiki/rest/api/content/{id}/restriction/byOperation', handle: getRestrictions },
  {
    method: 'GET',
    template: '/wiki/rest/api/content/{id}/restriction/byOperation/{operationKey}',
    handle: getRestrictionsFor,
  },
  { method: 'GET', template: '/wiki/rest/api/content/{id}/notification/created', handle: getWatchers },
  { method: 'GET', template: '/wiki/rest/api/user', handle: getUser },
];
