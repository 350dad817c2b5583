import type { ConfluenceLabel, LabelPrefix, RestrictionEntries } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { envelope, eventContent, eventLabel, pageEvent } from './event-builder';
import type { EventOptions, LabelEvent, PageEvent } from './event-payloads';
import { actor, assertStatus, assertUsersExist, normaliseLabel } from './mutation-guards';

export interface LabelArgs extends EventOptions {
  name: string;
  prefix?: LabelPrefix;
}

export interface SetRestrictionsArgs extends EventOptions {
  /** Replaces the read restriction when given; `{users: [], groups: []}` lifts it. */
  read?: Partial<RestrictionEntries>;
  update?: Partial<RestrictionEntries>;
}

function labelEvent(
  store: ConfluenceStore,
  eventType: LabelEvent['eventType'],
  pageId: string,
  label: ConfluenceLabel,
  by: string,
  opts: EventOptions,
): LabelEvent {
  const page = store.requirePage(pageId);
  return {
    eventType,
    ...envelope(store, by, opts),
    label: eventLabel(label),
    content: { ...eventContent(store, page), labels: page.labels.map(eventLabel) },
  };
}

/**
 * Adds a label → `added:label`; `content.labels` lists the page's labels after the change
 * (UNVERIFIED: whether the real payload's list already includes the new label). A label name seen
 * for the first time on the site would also emit `created:label`; that event is not produced here.
 */
export function addLabel(store: ConfluenceStore, pageId: string, args: LabelArgs): LabelEvent {
  const page = store.requirePage(pageId);
  assertStatus(page, ['current', 'archived', 'draft'], 'addLabel');
  const { name, prefix } = normaliseLabel(args);
  if (page.labels.some((l) => l.name === name && l.prefix === prefix)) {
    throw new Error(`addLabel: page ${pageId} already has label ${prefix}:${name}`);
  }
  const by = actor(store, args.by, page.authorId);
  const label: ConfluenceLabel = { id: store.labelId(prefix, name), name, prefix };
  page.labels.push(label);
  return labelEvent(store, 'avi:confluence:added:label', pageId, label, by, args);
}

/** Removes a label → `removed:label`; `content.labels` lists the labels that remain. */
export function removeLabel(store: ConfluenceStore, pageId: string, args: LabelArgs): LabelEvent {
  const page = store.requirePage(pageId);
  assertStatus(page, ['current', 'archived', 'draft'], 'removeLabel');
  const { name, prefix } = normaliseLabel(args);
  const label = page.labels.find((l) => l.name === name && l.prefix === prefix);
  if (label === undefined) throw new Error(`removeLabel: page ${pageId} has no label ${prefix}:${name}`);
  const by = actor(store, args.by, page.authorId);
  page.labels = page.labels.filter((l) => l !== label);
  return labelEvent(store, 'avi:confluence:removed:label', pageId, label, by, args);
}

function entries(given: Partial<RestrictionEntries>, current: RestrictionEntries): RestrictionEntries {
  const users = [...new Set(given.users ?? current.users)];
  const groups = [...new Set(given.groups ?? current.groups)];
  if (groups.some((g) => g.trim() === '')) throw new Error('restriction group names must not be empty');
  return { users, groups };
}

/** Replaces read and/or update restrictions → `permissions_updated:page`; no version change. */
export function setRestrictions(
  store: ConfluenceStore,
  pageId: string,
  args: SetRestrictionsArgs,
): PageEvent {
  const page = store.requirePage(pageId);
  assertStatus(page, ['current', 'archived', 'draft'], 'setRestrictions');
  if (args.read === undefined && args.update === undefined)
    throw new Error('setRestrictions needs read or update');
  const read = args.read === undefined ? page.restrictions.read : entries(args.read, page.restrictions.read);
  const update =
    args.update === undefined ? page.restrictions.update : entries(args.update, page.restrictions.update);
  assertUsersExist(store, [...read.users, ...update.users]);
  const by = actor(store, args.by, page.authorId);
  page.restrictions = { read, update };
  return pageEvent(store, 'avi:confluence:permissions_updated:page', page, by, args);
}
