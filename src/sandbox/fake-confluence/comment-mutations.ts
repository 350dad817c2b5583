import type { CommentLocation, ConfluenceComment } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { envelope, eventContent, eventUser } from './event-builder';
import type { CommentAncestor, CommentEvent, EventOptions } from './event-payloads';
import { actor, assertStatus, nextVersion } from './mutation-guards';

export interface AddCommentArgs extends Omit<EventOptions, 'by'> {
  id?: string;
  pageId: string;
  /** Storage-format XHTML. */
  body: string;
  authorId: string;
  location?: CommentLocation;
  /** A reply; the parent must be on the same page and at the same location. */
  parentCommentId?: string;
  inlineMarkerRef?: string;
  inlineOriginalSelection?: string;
}

export interface UpdateCommentArgs extends EventOptions {
  body: string;
}

function ancestors(store: ConfluenceStore, comment: ConfluenceComment, title: string): CommentAncestor[] {
  const chain: CommentAncestor[] = [];
  let parentId = comment.parentCommentId;
  while (parentId !== undefined) {
    const parent = store.requireComment(parentId);
    chain.push({ id: parent.id, type: 'comment', status: parent.status, title });
    parentId = parent.parentCommentId;
  }
  return chain;
}

/**
 * The comment payload: `ancestors` are the parent comments newest → oldest, `container` is the
 * page. UNVERIFIED: the Ancestor fields, and container.id's type (the doc's type says number, its
 * example shows a string; we send a number so consumers must normalise with String()).
 */
function commentEvent(
  store: ConfluenceStore,
  eventType: CommentEvent['eventType'],
  comment: ConfluenceComment,
  by: string,
  opts: EventOptions,
  updateTrigger?: string,
): CommentEvent {
  const pageContent = eventContent(store, store.requirePage(comment.pageId));
  const title = `Re: ${pageContent.title}`;
  const { id, type: _type, subType: _subType, ...container } = pageContent;
  return {
    eventType,
    ...envelope(store, by, opts),
    suppressNotifications: opts.suppressNotifications ?? false,
    ...(updateTrigger === undefined ? {} : { updateTrigger }),
    content: {
      id: comment.id,
      type: 'comment',
      status: comment.status,
      title,
      space: pageContent.space,
      history: {
        latest: true,
        createdBy: eventUser(comment.authorId),
        ownedBy: eventUser(comment.authorId),
        createdDate: comment.createdAt,
      },
      version: {
        by: eventUser(comment.version.authorId),
        when: comment.version.createdAt,
        number: comment.version.number,
      },
      ancestors: ancestors(store, comment, title),
      container: { ...container, id: Number(id), type: 'page' },
      extensions: { location: comment.location },
    },
  };
}

export function addComment(store: ConfluenceStore, args: AddCommentArgs): CommentEvent {
  const page = store.requirePage(args.pageId);
  assertStatus(page, ['current'], 'addComment');
  store.requireUser(args.authorId, 'author');
  if (args.body.trim() === '') throw new Error('addComment: body must not be empty');
  const location = args.location ?? 'footer';
  if (args.parentCommentId !== undefined) {
    const parent = store.requireComment(args.parentCommentId);
    if (parent.pageId !== page.id || parent.location !== location) {
      throw new Error(
        `addComment: parent comment ${parent.id} is not a ${location} comment of page ${page.id}`,
      );
    }
  }
  const id = store.allocateId(args.id);
  const comment: ConfluenceComment = {
    id,
    pageId: page.id,
    ...(args.parentCommentId === undefined ? {} : { parentCommentId: args.parentCommentId }),
    location,
    body: args.body,
    status: 'current',
    version: nextVersion(store, undefined, args.authorId),
    authorId: args.authorId,
    createdAt: store.nowIso(),
    ...(location === 'inline'
      ? {
          inlineMarkerRef: args.inlineMarkerRef ?? `marker-${id}`,
          inlineOriginalSelection: args.inlineOriginalSelection ?? '',
        }
      : {}),
  };
  store.putComment(comment);
  return commentEvent(store, 'avi:confluence:created:comment', comment, args.authorId, args);
}

/** Edits a comment: version + 1 → `updated:comment` (UNVERIFIED updateTrigger value). */
export function updateComment(
  store: ConfluenceStore,
  commentId: string,
  args: UpdateCommentArgs,
): CommentEvent {
  const comment = store.requireComment(commentId);
  if (args.body.trim() === '') throw new Error('updateComment: body must not be empty');
  const by = actor(store, args.by, comment.authorId);
  comment.body = args.body;
  comment.version = nextVersion(store, comment.version, by);
  return commentEvent(store, 'avi:confluence:updated:comment', comment, by, args, 'edit_comment');
}

/** Deletes a comment and its replies (gone → 404) → one `deleted:comment` for the comment itself. */
export function deleteComment(
  store: ConfluenceStore,
  commentId: string,
  opts: EventOptions = {},
): CommentEvent {
  const comment = store.requireComment(commentId);
  const by = actor(store, opts.by, comment.authorId);
  const event = commentEvent(store, 'avi:confluence:deleted:comment', comment, by, opts);
  const doomed = [comment.id];
  for (let id = doomed.pop(); id !== undefined; id = doomed.pop()) {
    for (const reply of store.listComments(comment.pageId))
      if (reply.parentCommentId === id) doomed.push(reply.id);
    store.dropComment(id);
  }
  return event;
}
