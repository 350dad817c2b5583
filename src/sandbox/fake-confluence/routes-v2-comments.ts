import { notFound } from './api-error';
import type { CommentLocation } from './confluence-model';
import { numericId, wantsStorageBody } from './request-options';
import type { Route, RouteContext, RouteResult } from './route-types';
import { commentJson } from './v2-json';

/**
 * A single footer or inline comment. Asking for a comment through the other kind's endpoint, or
 * for a deleted one, is a 404 — as is a comment whose page is no longer current.
 */
function getComment(location: CommentLocation) {
  return (ctx: RouteContext): RouteResult => {
    const comment = ctx.state.getComment(numericId(ctx.params.id));
    const storageBody = wantsStorageBody(ctx.query, 'single');
    if (comment === undefined || comment.location !== location) throw notFound();
    if (ctx.state.getPage(comment.pageId)?.status !== 'current') throw notFound();
    return { body: commentJson(ctx.state, comment, storageBody) };
  };
}

export const v2CommentRoutes: Route[] = [
  { method: 'GET', template: '/wiki/api/v2/footer-comments/{id}', handle: getComment('footer') },
  { method: 'GET', template: '/wiki/api/v2/inline-comments/{id}', handle: getComment('inline') },
];
