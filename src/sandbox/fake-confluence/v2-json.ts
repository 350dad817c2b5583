import type { ConfluenceComment, ConfluencePage, ConfluenceSpace, ContentVersion } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { encodeCursor } from './pagination';

/** Embedded collections (include-labels, …) hold at most this many items. */
export const EMBEDDED_LIMIT = 50;

/** `/x/vIBuI` for page 544112828: base64 of the id's little-endian bytes, as Confluence makes them. */
export function tinyUi(id: string): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(id));
  let end = 8;
  while (end > 1 && bytes[end - 1] === 0) end -= 1;
  const code = bytes.subarray(0, end).toString('base64').replace(/=+$/, '').replace(/A+$/, '');
  return `/x/${code.replace(/\//g, '-').replace(/\+/g, '_')}`;
}

export function pageWebUi(store: ConfluenceStore, page: ConfluencePage): string {
  const key = store.requireSpace(page.spaceId).key;
  return `/spaces/${key}/pages/${page.id}/${encodeURIComponent(page.title).replace(/%20/g, '+')}`;
}

export function versionJson(version: ContentVersion): ContentVersion {
  return { ...version };
}

export function labelsScope(pageId: string): string {
  return `labels:${pageId}`;
}

export interface PageJsonOptions {
  storageBody: boolean;
  includeVersion: boolean;
  includeLabels: boolean;
}

/** A v2 `PageSingle`, shaped like samples/storage/01-…v2-response.json. */
export function pageJson(
  store: ConfluenceStore,
  page: ConfluencePage,
  opts: PageJsonOptions,
): Record<string, unknown> {
  const key = store.requireSpace(page.spaceId).key;
  const labels = page.labels.slice(0, EMBEDDED_LIMIT);
  const hasMore = page.labels.length > EMBEDDED_LIMIT;
  return {
    id: page.id,
    status: page.status,
    title: page.title,
    spaceId: page.spaceId,
    parentId: page.parentId ?? null,
    parentType: page.parentId === undefined ? null : 'page',
    position: page.position,
    authorId: page.authorId,
    ownerId: page.ownerId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    ...(page.subType === undefined ? {} : { subtype: page.subType }),
    ...(opts.includeVersion ? { version: versionJson(page.version) } : {}),
    body: opts.storageBody ? { storage: { representation: 'storage', value: page.body } } : {},
    ...(opts.includeLabels
      ? {
          labels: {
            results: labels.map((l) => ({ id: l.id, name: l.name, prefix: l.prefix })),
            meta: { hasMore, cursor: hasMore ? encodeCursor(labelsScope(page.id), EMBEDDED_LIMIT) : null },
            _links: { self: `/wiki/api/v2/pages/${page.id}/labels` },
          },
        }
      : {}),
    _links: {
      editui: `/pages/resumedraft.action?draftId=${page.id}`,
      webui: pageWebUi(store, page),
      edituiv2: `/spaces/${key}/pages/edit-v2/${page.id}`,
      tinyui: tinyUi(page.id),
      base: store.baseUrl,
    },
  };
}

export function spaceJson(store: ConfluenceStore, space: ConfluenceSpace): Record<string, unknown> {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    spaceOwnerId: space.authorId,
    createdAt: space.createdAt,
    homepageId: space.homepageId,
    _links: { webui: `/spaces/${space.key}`, base: store.baseUrl },
  };
}

/** A v2 footer or inline comment (`title` is "Re: <page title>"). */
export function commentJson(
  store: ConfluenceStore,
  comment: ConfluenceComment,
  storageBody: boolean,
): Record<string, unknown> {
  const page = store.requirePage(comment.pageId);
  return {
    id: comment.id,
    status: comment.status,
    title: `Re: ${page.title}`,
    pageId: page.id,
    ...(comment.parentCommentId === undefined ? {} : { parentCommentId: comment.parentCommentId }),
    version: versionJson(comment.version),
    body: storageBody ? { storage: { representation: 'storage', value: comment.body } } : {},
    ...(comment.location === 'inline'
      ? {
          resolutionStatus: 'open',
          resolutionLastModifierId: null,
          resolutionLastModifiedAt: null,
          properties: {
            'inline-marker-ref': comment.inlineMarkerRef ?? '',
            'inline-original-selection': comment.inlineOriginalSelection ?? '',
          },
        }
      : {}),
    _links: { webui: `${pageWebUi(store, page)}?focusedCommentId=${comment.id}` },
  };
}
