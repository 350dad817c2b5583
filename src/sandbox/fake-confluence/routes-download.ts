import { notFound } from './api-error';
import type { AttachmentVersionRecord } from './attachment-book';
import { numericId, visiblePage } from './request-options';
import type { Route, RouteContext, RouteResult } from './route-types';

/** UNVERIFIED: whether attachments of archived pages download (here yes) and of trashed ones (no). */
const DOWNLOADABLE_PAGE_STATUSES = ['current', 'archived'];

/**
 * `GET /wiki/download/attachments/{pageId}/{filename}[?version=N&modificationDate=…&api=v2]`, with
 * Basic auth like every site endpoint. Real Confluence answers with a 302 to its media CDN; so
 * does the fake: `Location: {site}/media/{token}`, an absolute URL on another path that serves the
 * bytes without credentials. `version` picks an earlier upload (unknown version → 404); the other
 * query parameters (`modificationDate`, `api`, `cacheVersion`) are cache busters and ignored.
 */
function download(ctx: RouteContext): RouteResult {
  const pageId = numericId(ctx.params.pageId, 'pageId');
  const page = visiblePage(ctx.state.getPage(pageId), DOWNLOADABLE_PAGE_STATUSES, 'Not Found');
  const attachment = ctx.state.getAttachment(page.id, ctx.params.filename ?? '');
  if (attachment === undefined) throw notFound();
  const wanted = ctx.query.int('version', 1, Number.MAX_SAFE_INTEGER, attachment.version.number);
  const upload: AttachmentVersionRecord | undefined = attachment.versions.find(
    (v) => v.version.number === wanted,
  );
  if (upload === undefined) throw notFound();
  const token = ctx.media.issue(upload.bytes, upload.mediaType);
  const site = ctx.state.baseUrl.replace(/\/wiki$/, '');
  return {
    status: 302,
    body: new Uint8Array(0),
    headers: { Location: `${site}/media/${token}`, 'Content-Length': '0' },
  };
}

/** The media CDN: the bytes with their media type, no credentials needed; unknown or expired → 404. */
function media(ctx: RouteContext): RouteResult {
  const grant = ctx.media.redeem(ctx.params.token ?? '');
  if (grant === undefined) throw notFound();
  return {
    body: grant.bytes,
    headers: { 'Content-Type': grant.mediaType, 'Content-Length': String(grant.bytes.byteLength) },
  };
}

export const downloadRoutes: Route[] = [
  { method: 'GET', template: '/wiki/download/attachments/{pageId}/{filename}', handle: download },
  { method: 'GET', template: '/media/{token}', handle: media, public: true },
];
