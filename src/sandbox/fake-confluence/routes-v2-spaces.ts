import { notFound } from './api-error';
import type { ConfluenceSpace } from './confluence-model';
import { paginate } from './pagination';
import { numericId, wantsStorageBody } from './request-options';
import type { Route, RouteContext, RouteResult } from './route-types';
import { pageJson, spaceJson } from './v2-json';

const SPACE_TYPES = ['global', 'personal', 'collaboration', 'knowledge_base', 'onboarding'] as const;
const SPACE_STATUSES = ['current', 'archived'] as const;
const LIST_PAGE_STATUSES = ['current', 'archived', 'deleted', 'trashed'] as const;
const PAGE_SORTS = ['id', '-id', 'title', '-title', 'created-date', '-created-date'] as const;

function requireSpace(ctx: RouteContext): ConfluenceSpace {
  const space = ctx.state.getSpace(numericId(ctx.params.id));
  if (space === undefined) throw notFound();
  return space;
}

function getSpace(ctx: RouteContext): RouteResult {
  return { body: spaceJson(ctx.state, requireSpace(ctx)) };
}

/** `?keys=A,B` (key → id look-up), `ids`, `type`, `status`; cursor-paginated. */
function listSpaces(ctx: RouteContext): RouteResult {
  const keys = ctx.query.list('keys');
  const ids = ctx.query.list('ids').map((id) => numericId(id, 'ids'));
  const type = ctx.query.oneOf('type', SPACE_TYPES);
  const status = ctx.query.oneOf('status', SPACE_STATUSES);
  const spaces = ctx.state
    .listSpaces()
    .filter((space) => keys.length === 0 || keys.includes(space.key))
    .filter((space) => ids.length === 0 || ids.includes(space.id))
    .filter(
      (space) =>
        (type === undefined || space.type === type) && (status === undefined || space.status === status),
    )
    .map((space) => spaceJson(ctx.state, space));
  const scope = `spaces:${keys.join(',')}:${ids.join(',')}:${type ?? ''}:${status ?? ''}`;
  return paginate(spaces, { query: ctx.query, scope, path: ctx.path, base: ctx.state.baseUrl });
}

/**
 * Pages of a space for backfills. `status` defaults to current and archived (UNVERIFIED default);
 * `depth=root` keeps top-level pages only; `title` is an exact match.
 */
function listSpacePages(ctx: RouteContext): RouteResult {
  const space = requireSpace(ctx);
  const storageBody = wantsStorageBody(ctx.query, 'bulk');
  const requested: string[] = ctx.query.listOf('status', LIST_PAGE_STATUSES);
  const statuses = requested.length > 0 ? requested : ['current', 'archived'];
  const depth = ctx.query.oneOf('depth', ['all', 'root'] as const) ?? 'all';
  const title = ctx.query.string('title');
  const sort = ctx.query.oneOf('sort', PAGE_SORTS) ?? 'id';
  const pages = ctx.state
    .listPages(space.id)
    .filter((page) => statuses.includes(page.status) && (title === undefined || page.title === title))
    .filter((page) => depth === 'all' || page.parentId === undefined);
  if (sort === 'title' || sort === '-title') pages.sort((a, b) => a.title.localeCompare(b.title));
  if (sort.startsWith('-')) pages.reverse();
  const results = pages.map((page) =>
    pageJson(ctx.state, page, { storageBody, includeVersion: true, includeLabels: false }),
  );
  const scope = `space-pages:${space.id}:${statuses.join(',')}:${depth}:${title ?? ''}:${sort}`;
  return paginate(results, { query: ctx.query, scope, path: ctx.path, base: ctx.state.baseUrl });
}

export const v2SpaceRoutes: Route[] = [
  { method: 'GET', template: '/wiki/api/v2/spaces', handle: listSpaces },
  { method: 'GET', template: '/wiki/api/v2/spaces/{id}', handle: getSpace },
  { method: 'GET', template: '/wiki/api/v2/spaces/{id}/pages', handle: listSpacePages },
];
