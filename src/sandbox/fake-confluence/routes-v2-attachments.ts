import type { AttachmentRecord } from './attachment-book';
import { attachmentJson } from './attachment-json';
import { paginate } from './pagination';
import { numericId, visiblePage } from './request-options';
import type { Route, RouteContext, RouteResult } from './route-types';

/**
 * `limit` defaults to 50 for this listing (OpenAPI-generated clients of the v2 spec say so; not in
 * reference/confluence.md, which gives 25 as the general v2 default). Max 250 as elsewhere
 * (UNVERIFIED max).
 */
export const ATTACHMENTS_DEFAULT_LIMIT = 50;

const ATTACHMENT_STATUSES = ['current', 'archived', 'trashed'] as const;
const ATTACHMENT_SORTS = ['created-date', '-created-date', 'modified-date', '-modified-date'] as const;

function sortAttachments(list: AttachmentRecord[], sort: string | undefined): AttachmentRecord[] {
  const byId = (a: AttachmentRecord, b: AttachmentRecord): number =>
    Number(a.id.slice(3)) - Number(b.id.slice(3));
  const sorted =
    sort === 'modified-date' || sort === '-modified-date'
      ? [...list].sort((a, b) => a.version.createdAt.localeCompare(b.version.createdAt) || byId(a, b))
      : [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || byId(a, b));
  if (sort?.startsWith('-') === true) sorted.reverse();
  return sorted;
}

/**
 * `GET /wiki/api/v2/pages/{id}/attachments?filename&mediaType&status&sort&cursor&limit`. The page
 * must be current (else 404). `filename` and `mediaType` are exact, case-sensitive matches, at
 * most one each (UNVERIFIED: matching rules). `status` defaults to current + archived; the fake
 * only has current attachments. Without `sort`, upload order (UNVERIFIED default order).
 */
function listPageAttachments(ctx: RouteContext): RouteResult {
  const page = visiblePage(ctx.state.getPage(numericId(ctx.params.id)), ['current'], 'Not Found');
  const filename = ctx.query.string('filename');
  const mediaType = ctx.query.string('mediaType');
  const requested: string[] = ctx.query.listOf('status', ATTACHMENT_STATUSES);
  const statuses = requested.length > 0 ? requested : ['current', 'archived'];
  const sort = ctx.query.oneOf('sort', ATTACHMENT_SORTS);
  const matching = ctx.state
    .listAttachments(page.id)
    .filter((a) => statuses.includes(a.status))
    .filter((a) => filename === undefined || a.filename === filename)
    .filter((a) => mediaType === undefined || a.mediaType === mediaType);
  const results = sortAttachments(matching, sort).map(attachmentJson);
  const scope = `attachments:${page.id}:${filename ?? ''}:${mediaType ?? ''}:${statuses.join(',')}:${sort ?? ''}`;
  return paginate(results, {
    query: ctx.query,
    scope,
    path: ctx.path,
    base: ctx.state.baseUrl,
    defaultLimit: ATTACHMENTS_DEFAULT_LIMIT,
  });
}

export const v2AttachmentRoutes: Route[] = [
  { method: 'GET', template: '/wiki/api/v2/pages/{id}/attachments', handle: listPageAttachments },
];
