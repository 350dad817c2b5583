import type { ConfluencePage, ContentState, LabelPrefix, PageRestrictions } from './confluence-model';
import { emptyRestrictions } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { pageEvent } from './event-builder';
import type { EventOptions, PageEvent } from './event-payloads';
import {
  actor,
  assertContentState,
  assertStatus,
  assertTitle,
  assertTitleFree,
  assertUsersExist,
  nextVersion,
  normaliseLabel,
} from './mutation-guards';

export interface CreatePageArgs extends Omit<EventOptions, 'by'> {
  id?: string;
  spaceId: string;
  parentId?: string;
  title: string;
  /** Storage-format XHTML. */
  body: string;
  authorId: string;
  /** A live doc: emits `initialized:page` and carries `subType: 'live'` until published. */
  live?: boolean;
  message?: string;
  labels?: Array<{ name: string; prefix?: LabelPrefix }>;
  contentState?: ContentState | null;
  restrictions?: Partial<PageRestrictions>;
}

export interface UpdatePageArgs extends EventOptions {
  title?: string;
  body?: string;
  minorEdit?: boolean;
  message?: string;
}

/** Builds and stores a page; no event (createPage and createDraft decide what is emitted). */
export function insertPage(
  store: ConfluenceStore,
  args: CreatePageArgs,
  status: 'current' | 'draft',
): ConfluencePage {
  store.requireSpace(args.spaceId);
  store.requireUser(args.authorId, 'author');
  assertTitle(args.title);
  if (status === 'current') assertTitleFree(store, args.spaceId, args.title);
  if (args.parentId !== undefined) {
    const parent = store.requirePage(args.parentId);
    assertStatus(parent, ['current'], 'createPage parent');
    if (parent.spaceId !== args.spaceId) throw new Error(`parent ${parent.id} is in another space`);
  }
  const state = args.contentState ?? null;
  assertContentState(state);
  const restrictions = structuredClone({ ...emptyRestrictions(), ...args.restrictions });
  assertUsersExist(store, [...restrictions.read.users, ...restrictions.update.users]);
  const id = store.allocateId(args.id);
  const labels = (args.labels ?? [])
    .map(normaliseLabel)
    .map((l) => ({ ...l, id: store.labelId(l.prefix, l.name) }));
  const now = store.nowIso();
  const page: ConfluencePage = {
    id,
    spaceId: args.spaceId,
    ...(args.parentId === undefined ? {} : { parentId: args.parentId }),
    title: args.title,
    status,
    ...(args.live === true ? { subType: 'live' as const } : {}),
    version: nextVersion(store, undefined, args.authorId, { message: args.message }),
    body: args.body,
    labels,
    contentState: state,
    contentStateUpdatedAt: state === null ? null : now,
    restrictions,
    createdAt: now,
    authorId: args.authorId,
    ownerId: args.authorId,
    position: Number(id),
  };
  store.putPage(page);
  return page;
}

export function createPage(store: ConfluenceStore, args: CreatePageArgs): PageEvent {
  const page = insertPage(store, args, 'current');
  const type = args.live === true ? 'avi:confluence:initialized:page' : 'avi:confluence:created:page';
  return pageEvent(store, type, page, args.authorId, args);
}

/**
 * An edit: version + 1. A page emits `updated:page`; a live doc has no versions in the UI but we
 * still count them: its first edit emits `started:page`, later ones `snapshotted:page`
 * (UNVERIFIED: how live-doc edit sessions map to events and versions).
 */
export function updatePage(store: ConfluenceStore, pageId: string, args: UpdatePageArgs): PageEvent {
  const page = store.requirePage(pageId);
  assertStatus(page, ['current'], 'updatePage');
  if (args.title === undefined && args.body === undefined)
    throw new Error('updatePage needs a title or a body');
  if (args.title !== undefined) {
    assertTitle(args.title);
    assertTitleFree(store, page.spaceId, args.title, page.id);
  }
  const by = actor(store, args.by, page.authorId);
  const firstEdit = page.version.number === 1;
  page.title = args.title ?? page.title;
  page.body = args.body ?? page.body;
  page.version = nextVersion(store, page.version, by, args);
  if (page.subType !== 'live') {
    return pageEvent(store, 'avi:confluence:updated:page', page, by, args, { updateTrigger: 'edit_page' });
  }
  const type = firstEdit ? 'avi:confluence:started:page' : 'avi:confluence:snapshotted:page';
  return pageEvent(store, type, page, by, args, { updateTrigger: 'edit_page' });
}

/** Converts a live doc into a page (new version, subType cleared) → `published:page`. */
export function publishLiveDoc(store: ConfluenceStore, pageId: string, opts: EventOptions = {}): PageEvent {
  const page = store.requirePage(pageId);
  if (page.subType !== 'live') throw new Error(`publishLiveDoc: page ${pageId} is not a live doc`);
  assertStatus(page, ['current'], 'publishLiveDoc');
  const by = actor(store, opts.by, page.authorId);
  delete page.subType;
  page.version = nextVersion(store, page.version, by);
  return pageEvent(store, 'avi:confluence:published:page', page, by, opts, { updateTrigger: 'publish' });
}

/**
 * Sets (or clears with null) the content status lozenge. Confluence places the state onto a new
 * version, so the version is bumped and `updated:page` is emitted.
 * UNVERIFIED (reference/confluence.md §2, forge.md §1): that Confluence emits this event at all, and
 * its updateTrigger value.
 */
export function setContentState(
  store: ConfluenceStore,
  pageId: string,
  args: EventOptions & { state: ContentState | null },
): PageEvent {
  const page = store.requirePage(pageId);
  assertStatus(page, ['current'], 'setContentState');
  assertContentState(args.state);
  const by = actor(store, args.by, page.authorId);
  page.contentState = args.state === null ? null : { ...args.state };
  page.contentStateUpdatedAt = store.nowIso();
  page.version = nextVersion(store, page.version, by, { minorEdit: true });
  return pageEvent(store, 'avi:confluence:updated:page', page, by, args, { updateTrigger: 'edit_page' });
}
