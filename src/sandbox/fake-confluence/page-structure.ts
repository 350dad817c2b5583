import type { ConfluencePage } from './confluence-model';
import { emptyRestrictions } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { eventContent, pageEvent } from './event-builder';
import type { EventOptions, PageEvent } from './event-payloads';
import { actor, assertStatus, assertTitle, assertTitleFree, nextVersion } from './mutation-guards';

export interface MovePageArgs extends EventOptions {
  /** New parent page; `null` moves the page to the space root. Omitted: keep the parent (space move only). */
  parentId?: string | null;
  /** Target space; defaults to the parent's space, else the page's own. */
  spaceId?: string;
}

export interface CopyPageArgs extends EventOptions {
  id?: string;
  /** Defaults to "Copy of <title>". */
  title?: string;
  parentId?: string;
  spaceId?: string;
  /** Copy labels and restrictions too (Confluence's copy dialog ticks both by default). */
  copyLabels?: boolean;
  copyRestrictions?: boolean;
}

function descendants(store: ConfluenceStore, pageId: string): ConfluencePage[] {
  const all = ['current', 'trashed', 'archived', 'draft'];
  return store.childrenOf(pageId, all).flatMap((child) => [child, ...descendants(store, child.id)]);
}

function resolveTarget(
  store: ConfluenceStore,
  page: ConfluencePage,
  args: MovePageArgs,
): ConfluencePage | undefined {
  if (args.parentId === null) return undefined;
  if (args.parentId === undefined)
    return page.parentId === undefined ? undefined : store.requirePage(page.parentId);
  const parent = store.requirePage(args.parentId);
  assertStatus(parent, ['current'], 'movePage parent');
  if (parent.id === page.id || descendants(store, page.id).some((d) => d.id === parent.id)) {
    throw new Error(`movePage: page ${page.id} cannot move under itself or its descendant ${parent.id}`);
  }
  return parent;
}

/**
 * Moves a page (and its subtree) to a new parent and/or space → `moved:page` with `prevContent`.
 * The version does not change. One event for the moved page only (UNVERIFIED for its subtree).
 */
export function movePage(store: ConfluenceStore, pageId: string, args: MovePageArgs): PageEvent {
  const page = store.requirePage(pageId);
  assertStatus(page, ['current'], 'movePage');
  if (args.parentId === undefined && args.spaceId === undefined)
    throw new Error('movePage needs parentId or spaceId');
  const parent = resolveTarget(store, page, args);
  const spaceId = args.spaceId ?? parent?.spaceId ?? page.spaceId;
  store.requireSpace(spaceId);
  if (parent !== undefined && parent.spaceId !== spaceId) {
    throw new Error(`movePage: parent ${parent.id} is not in space ${spaceId}`);
  }
  if (spaceId !== page.spaceId) assertTitleFree(store, spaceId, page.title, page.id);
  const by = actor(store, args.by, page.authorId);
  const prevContent = eventContent(store, page);
  for (const moved of [page, ...descendants(store, page.id)]) moved.spaceId = spaceId;
  if (parent === undefined) delete page.parentId;
  else page.parentId = parent.id;
  return pageEvent(store, 'avi:confluence:moved:page', page, by, args, { prevContent });
}

/** Copies one page (not its children) → a new page at version 1 and `copied:page`. */
export function copyPage(store: ConfluenceStore, pageId: string, args: CopyPageArgs = {}): PageEvent {
  const source = store.requirePage(pageId);
  assertStatus(source, ['current'], 'copyPage');
  const parent = args.parentId === undefined ? undefined : store.requirePage(args.parentId);
  if (parent !== undefined) assertStatus(parent, ['current'], 'copyPage parent');
  const spaceId = args.spaceId ?? parent?.spaceId ?? source.spaceId;
  store.requireSpace(spaceId);
  if (parent !== undefined && parent.spaceId !== spaceId)
    throw new Error(`copyPage: parent is not in ${spaceId}`);
  const title = args.title ?? `Copy of ${source.title}`;
  assertTitle(title);
  assertTitleFree(store, spaceId, title);
  const by = actor(store, args.by, source.authorId);
  const id = store.allocateId(args.id);
  const now = store.nowIso();
  const copy: ConfluencePage = {
    ...structuredClone(source),
    id,
    spaceId,
    title,
    version: nextVersion(store, undefined, by),
    labels: args.copyLabels === false ? [] : source.labels.map((label) => ({ ...label })),
    contentState: null,
    contentStateUpdatedAt: null,
    restrictions:
      args.copyRestrictions === false ? emptyRestrictions() : structuredClone(source.restrictions),
    createdAt: now,
    authorId: by,
    ownerId: by,
    position: Number(id),
  };
  const parentId = parent?.id ?? (spaceId === source.spaceId ? source.parentId : undefined);
  if (parentId === undefined) delete copy.parentId;
  else copy.parentId = parentId;
  store.putPage(copy);
  return pageEvent(store, 'avi:confluence:copied:page', copy, by, args, { originContentId: source.id });
}
