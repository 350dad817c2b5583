import type { PageStatus } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { pageEvent } from './event-builder';
import type { EventOptions, PageEvent, PageEventType } from './event-payloads';
import { actor, assertStatus, assertTitleFree } from './mutation-guards';

interface Transition {
  from: readonly PageStatus[];
  to: PageStatus;
  event: PageEventType;
}

const TRANSITIONS = {
  trash: { from: ['current', 'archived'], to: 'trashed', event: 'avi:confluence:trashed:page' },
  restore: { from: ['trashed'], to: 'current', event: 'avi:confluence:restored:page' },
  archive: { from: ['current'], to: 'archived', event: 'avi:confluence:archived:page' },
  unarchive: { from: ['archived'], to: 'current', event: 'avi:confluence:unarchived:page' },
} as const satisfies Record<string, Transition>;

export type LifecycleAction = keyof typeof TRANSITIONS;

/**
 * Status changes that keep the version: trash (to the space's trash), restore, archive, unarchive.
 * Only the page itself changes; UNVERIFIED: what Confluence does to the children of a trashed page
 * (here they keep their parent and stay current).
 */
export function changeStatus(
  store: ConfluenceStore,
  pageId: string,
  action: LifecycleAction,
  opts: EventOptions = {},
): PageEvent {
  const transition: Transition = TRANSITIONS[action];
  const page = store.requirePage(pageId);
  assertStatus(page, transition.from, `${action}Page`);
  if (transition.to === 'current') assertTitleFree(store, page.spaceId, page.title, page.id);
  const by = actor(store, opts.by, page.authorId);
  page.status = transition.to;
  return pageEvent(store, transition.event, page, by, opts);
}

/**
 * Purges a trashed page (or discards a draft): it is gone from every endpoint (404), its comments
 * with it. Confluence only purges from the trash, so a current page must be trashed first.
 * Children are re-parented to the purged page's parent so no id dangles (UNVERIFIED).
 * The payload describes the page as it was just before the purge.
 */
export function deletePage(store: ConfluenceStore, pageId: string, opts: EventOptions = {}): PageEvent {
  const page = store.requirePage(pageId);
  assertStatus(page, ['trashed', 'draft'], 'deletePage (purge)');
  const by = actor(store, opts.by, page.authorId);
  const event = pageEvent(store, 'avi:confluence:deleted:page', page, by, opts);
  for (const child of store.childrenOf(pageId, ['current', 'trashed', 'archived', 'draft'])) {
    if (page.parentId === undefined) delete child.parentId;
    else child.parentId = page.parentId;
  }
  for (const comment of store.listComments(pageId)) store.dropComment(comment.id);
  store.dropPage(pageId);
  return event;
}
