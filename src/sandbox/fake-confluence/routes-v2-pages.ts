import { badRequest } from './api-error';
import type { ConfluencePage } from './confluence-model';
import { paginate } from './pagination';
import { PAGE_STATUSES, numericId, visiblePage, wantsStorageBody } from './request-options';
import type { Route, RouteContext } from './route-types';
import { labelsScope, pageJson } from './v2-json';

const LABEL_PREFIXES = ['my', 'team', 'global', 'system'] as const;
const LABEL_SORTS = ['id', '-id', 'name', '-name', 'created-date', '-created-date'] as const;

/** A page reachable by the sub-resources (labels, ancestors, children): current pages only. */
function currentPage(ctx: RouteContext): ConfluencePage {
  const id = numericId(ctx.params.id);
  return visiblePage(ctx.state.getPage(id), ['current'], 'Not Found');
}

function getPage(ctx: RouteContext): ReturnType<Route['handle']> {
  const id = numericId(ctx.params.id);
  const storageBody = wantsStorageBody(ctx.query, 'single');
  const statuses: string[] = ctx.query.listOf('status', PAGE_STATUSES);
  if (statuses.length === 0) statuses.push('current');
  if (ctx.query.bool('get-draft', false)) statuses.push('draft');
  const version = ctx.query.int('version', 1, Number.MAX_SAFE_INTEGER, 0);
  const page = visiblePage(ctx.state.getPage(id), statuses, 'Not Found');
  if (version !== 0 && version !== page.version.number) {
    throw badRequest(`version=${version} (an earlier version) is not supported by the fake`);
  }
  const includeVersion = ctx.query.bool('include-version', true);
  const includeLabels = ctx.query.bool('include-labels', false);
  return { body: pageJson(ctx.state, page, { storageBody, includeVersion, includeLabels }) };
}

function getLabels(ctx: RouteContext): ReturnType<Route['handle']> {
  const page = currentPage(ctx);
  const prefix = ctx.query.oneOf('prefix', LABEL_PREFIXES);
  const sort = ctx.query.oneOf('sort', LABEL_SORTS);
  let labels = page.labels.filter((label) => prefix === undefined || label.prefix === prefix);
  if (sort === 'name' || sort === '-name') labels = [...labels].sort((a, b) => a.name.localeCompare(b.name));
  if (sort === 'id' || sort === '-id') labels = [...labels].sort((a, b) => Number(a.id) - Number(b.id));
  if (sort?.startsWith('-') === true) labels.reverse();
  const results = labels.map((label) => ({ id: label.id, name: label.name, prefix: label.prefix }));
  return paginate(results, {
    query: ctx.query,
    scope: labelsScope(page.id),
    path: ctx.path,
    base: ctx.state.baseUrl,
  });
}

/**
 * Root first. With `limit` smaller than the depth, the nearest `limit` ancestors are returned (the
 * doc says to call again with the highest ancestor's id for the rest). UNVERIFIED: that order.
 */
function getAncestors(ctx: RouteContext): ReturnType<Route['handle']> {
  const page = currentPage(ctx);
  const limit = ctx.query.int('limit', 1, 250, 25);
  const chain = ctx.state.ancestorsOf(page.id).slice(-limit);
  return { body: { results: chain.map((ancestor) => ({ id: ancestor.id, type: 'page' })) } };
}

function getChildren(ctx: RouteContext): ReturnType<Route['handle']> {
  const page = currentPage(ctx);
  const children = ctx.state.childrenOf(page.id).map((child) => ({
    id: child.id,
    status: child.status,
    title: child.title,
    spaceId: child.spaceId,
    childPosition: child.position,
  }));
  const scope = `children:${page.id}`;
  return paginate(children, { query: ctx.query, scope, path: ctx.path, base: ctx.state.baseUrl });
}

export const v2PageRoutes: Route[] = [
  { method: 'GET', template: '/wiki/api/v2/pages/{id}', handle: getPage },
  { method: 'GET', template: '/wiki/api/v2/pages/{id}/labels', handle: getLabels },
  { method: 'GET', template: '/wiki/api/v2/pages/{id}/ancestors', handle: getAncestors },
  { method: 'GET', template: '/wiki/api/v2/pages/{id}/children', handle: getChildren },
];
