import { REEVALUATED } from '../../domain/relay-event';
import type { BitrixTargetSettings } from '../../domain/settings';
import type { DeliveryItem } from '../target-adapter';
import { chatMessage, removeComment, summaryOf, updateComment } from './bitrix-messages';
import type { MessageFacts } from './bitrix-messages';
import type { Outgoing } from './message-sender';
import { commentMessages, hostOf, taskMessage } from './task-messages';
import type { IndexedTask } from './task-index';

/** Where the tasks that link the page are looked up (the index of `field`). */
export interface TaskQuery {
  field: string;
  pageId: string;
  host: string | undefined;
  /** Also ask the portal directly for the tasks whose field holds this URL (server-filter.ts). */
  lookupUrl?: string;
}

/**
 * What a delivery of `item` does, decided from the item alone: nothing (with the reason the
 * delivery log keeps), or the tasks to look up and how the messages are composed from them. The
 * delivery and its dry-run preview both start here.
 */
export type BitrixPlan =
  | { send: false; reason: string; remoteState?: Record<string, unknown> }
  | {
      send: true;
      tasks?: TaskQuery;
      compose(tasks: IndexedTask[]): Outgoing[];
      /** Personal messages to the page's watchers follow, matched at delivery (`user.get`). */
      watchers?: MessageFacts;
      remoteState?: Record<string, unknown>;
    };

const NEW_PAGE = new Set(['created', 'copied', 'published']);

export const REEVALUATION_TELLS_NONE =
  'Push now and re-evaluations notify no one: Bitrix24 hears of new versions, new pages and new comments when they happen';

export function planBitrix(item: DeliveryItem, settings: BitrixTargetSettings, now: number): BitrixPlan {
  switch (item.action) {
    case 'upsert':
      return planUpsert(item, settings, now);
    case 'remove':
      return planRemove(item, settings, now);
    case 'notify':
      return planNotify(item, settings, now);
  }
}

function planUpsert(
  item: Extract<DeliveryItem, { action: 'upsert' }>,
  settings: BitrixTargetSettings,
  now: number,
): BitrixPlan {
  const { page, event } = item;
  const field = item.options?.bitrixUserField ?? settings.userField;
  const url = page.url ?? '';
  const remoteState = { title: page.title, url, field, version: page.version.number };
  if (event.kind === 'page' && event.action === REEVALUATED && event.suppressNotifications)
    return { send: false, remoteState, reason: REEVALUATION_TELLS_NONE };
  if (event.minorEdit || event.suppressNotifications || page.version.minorEdit)
    return { send: false, remoteState, reason: 'minor edit or notifications suppressed: no messages' };
  const told = typeof item.remoteState?.version === 'number' ? item.remoteState.version : 0;
  const action = event.kind === 'page' ? event.action : '';
  const isNew = NEW_PAGE.has(action);
  // A status or label change, a redelivery or a re-evaluation keeps the version: nothing new.
  const isUpdate = action === 'updated' && page.version.number > told;
  const dialog = item.options?.bitrixDialogId;
  const tellChat =
    dialog !== undefined && (isNew || (isUpdate && item.options?.bitrixNotifyUpdates === true));
  if (!isUpdate && !tellChat)
    return { send: false, remoteState, reason: `nothing to tell for ${event.kind}.${event.action}` };
  const facts: MessageFacts = {
    title: page.title,
    author: item.author.displayName,
    at: page.version.createdAt ?? event.at ?? new Date(now).toISOString(),
    url,
  };
  const tellTasks = isUpdate && url !== '';
  return {
    send: true,
    remoteState,
    ...(tellTasks && { tasks: { field, pageId: page.id, host: hostOf(url), lookupUrl: url } }),
    ...(isUpdate && settings.notifyWatchers && { watchers: facts }),
    compose: (tasks) => {
      const text = updateComment(facts, settings);
      const messages = tellTasks ? tasks.map((t) => taskMessage(t, text)) : [];
      if (tellChat && dialog) {
        const summary = summaryOf(item.rendered.bbcode?.output, item.rendered.text?.output);
        const kind = isNew ? 'newPage' : 'updatedPage';
        const message = chatMessage(kind, { ...facts, summary }, settings);
        messages.push({ key: `chat:${dialog}`, via: 'im', dialogId: dialog, text: message });
      }
      return messages;
    },
  };
}

function planRemove(
  item: Extract<DeliveryItem, { action: 'remove' }>,
  settings: BitrixTargetSettings,
  now: number,
): BitrixPlan {
  const { event } = item;
  const gone = event.kind === 'page' && (event.action === 'trashed' || event.action === 'deleted');
  const title = typeof item.remoteState?.title === 'string' ? item.remoteState.title : undefined;
  const url = typeof item.remoteState?.url === 'string' ? item.remoteState.url : '';
  if (!gone || title === undefined || url === '')
    // A page that became restricted, left its mapping or lost its label: saying so would tell
    // something about it, so Bitrix24 hears nothing.
    return { send: false, reason: 'no message: the page left for a reason that is not told' };
  const field = typeof item.remoteState?.field === 'string' ? item.remoteState.field : settings.userField;
  const at = event.at ?? new Date(now).toISOString();
  const text = removeComment({ title, at, url }, settings);
  return {
    send: true,
    tasks: { field, pageId: item.pageId, host: hostOf(url) },
    compose: (tasks) => tasks.map((t) => taskMessage(t, text)),
  };
}

function planNotify(
  item: Extract<DeliveryItem, { action: 'notify' }>,
  settings: BitrixTargetSettings,
  now: number,
): BitrixPlan {
  const { event, comment, page } = item;
  if (event.kind !== 'comment' || event.action !== 'created' || comment.deleted)
    return { send: false, reason: 'only new comments are told' };
  if (event.suppressNotifications) return { send: false, reason: 'notifications suppressed: no messages' };
  const url = page.url ?? '';
  if (!url) return { send: false, reason: 'the page has no URL to link' };
  return {
    send: true,
    tasks: { field: item.options?.bitrixUserField ?? settings.userField, pageId: page.id, host: hostOf(url) },
    compose: (tasks) => commentMessages(tasks, item, settings, now),
  };
}
