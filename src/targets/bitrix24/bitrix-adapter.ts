import type { BitrixTargetSettings } from '../../domain/settings';
import type {
  ConnectionTest,
  DeliveryAttempt,
  DeliveryItem,
  TargetAdapter,
  TargetDeps,
  TargetResult,
} from '../target-adapter';
import { BitrixClient } from './bitrix-client';
import { BitrixError } from './bitrix-errors';
import { chatMessage, removeComment, summaryOf, updateComment } from './bitrix-messages';
import type { MessageFacts } from './bitrix-messages';
import { testBitrixConnection } from './connection-test';
import { MessageSender, refusalReason } from './message-sender';
import type { Outgoing, SendReport } from './message-sender';
import { pageUrlForms } from './page-links';
import { ServerFilter } from './server-filter';
import { bitrixResult } from './bitrix-result';
import { commentMessages, hostOf, taskMessage } from './task-messages';
import { TaskIndex } from './task-index';
import { watcherMessages } from './watcher-messages';

type Upsert = Extract<DeliveryItem, { action: 'upsert' }>;
type Remove = Extract<DeliveryItem, { action: 'remove' }>;
type Notify = Extract<DeliveryItem, { action: 'notify' }>;

const NEW_PAGE = new Set(['created', 'copied', 'published']);
/** Codes that say a task (or its chat) is gone or not the webhook user's to write to. */
const TASK_GONE = new Set(['CHAT_ID', '0', 'ERROR_CORE', 'BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION']);

/**
 * Bitrix24: keeps the tasks that link a page told of its changes (a comment in each task's chat),
 * tells a space's chat of new pages (and updates), a linked task's author or responsible person of
 * new comments, and the page's watchers. Sends nothing for minor edits, suppressed notifications,
 * or a page that left for any reason but trash or deletion (a restriction must not be told).
 */
export class BitrixAdapter implements TargetAdapter {
  private readonly sender: MessageSender;
  private readonly filter: ServerFilter;

  constructor(
    private readonly settings: BitrixTargetSettings,
    private readonly deps: TargetDeps,
  ) {
    this.sender = new MessageSender(deps.store, settings.id);
    this.filter = new ServerFilter(deps.store, deps.clock, settings.id);
  }

  testConnection(): Promise<ConnectionTest> {
    return testBitrixConnection(this.settings, this.deps);
  }

  async deliver(item: DeliveryItem, attempt: DeliveryAttempt): Promise<TargetResult> {
    try {
      switch (item.action) {
        case 'upsert':
          return await this.upsert(item, attempt);
        case 'remove':
          return await this.remove(item, attempt);
        case 'notify':
          return await this.notify(item, attempt);
      }
    } catch (error) {
      if (error instanceof BitrixError) return bitrixResult(error);
      throw error;
    }
  }

  private index(field: string): TaskIndex {
    return new TaskIndex(this.deps.store, this.deps.clock, this.settings.id, field);
  }

  private async upsert(item: Upsert, attempt: DeliveryAttempt): Promise<TargetResult> {
    const { page, event } = item;
    const field = item.options?.bitrixUserField ?? this.settings.userField;
    const url = page.url ?? '';
    const remoteState = { title: page.title, url, field, version: page.version.number };
    if (event.minorEdit || event.suppressNotifications || page.version.minorEdit)
      return { kind: 'delivered', remoteState, note: 'minor edit or notifications suppressed: no messages' };
    const told = typeof item.remoteState?.version === 'number' ? item.remoteState.version : 0;
    const action = event.kind === 'page' ? event.action : '';
    const isNew = NEW_PAGE.has(action);
    // A status or label change, a redelivery or a re-evaluation keeps the version: nothing new.
    const isUpdate = action === 'updated' && page.version.number > told;
    const dialog = item.options?.bitrixDialogId;
    const tellChat =
      dialog !== undefined && (isNew || (isUpdate && item.options?.bitrixNotifyUpdates === true));
    if (!isUpdate && !tellChat)
      return { kind: 'delivered', remoteState, note: `nothing to tell for ${event.kind}.${event.action}` };
    const facts: MessageFacts = {
      title: page.title,
      author: item.author.displayName,
      at: page.version.createdAt ?? event.at ?? new Date(this.deps.clock.now()).toISOString(),
      url,
    };
    const client = await BitrixClient.open(this.settings, this.deps, attempt.signal);
    const messages: Outgoing[] = [];
    let index: TaskIndex | undefined;
    if (isUpdate && url) {
      index = this.index(field);
      await index.refresh(client);
      if (this.settings.serverSideFilter === 'auto' && (await this.filter.works(client, field)))
        await index.lookup(client, pageUrlForms(url, page.id));
      const text = updateComment(facts, this.settings);
      messages.push(...(await index.tasksFor(page.id, hostOf(url))).map((t) => taskMessage(t, text)));
    }
    if (tellChat && dialog) {
      const summary = summaryOf(item.rendered.bbcode?.output, item.rendered.text?.output);
      const kind = isNew ? 'newPage' : 'updatedPage';
      messages.push({
        key: `chat:${dialog}`,
        via: 'im',
        dialogId: dialog,
        text: chatMessage(kind, { ...facts, summary }, this.settings),
      });
    }
    if (isUpdate && this.settings.notifyWatchers)
      messages.push(...(await watcherMessages(client, item, facts, this.settings, this.deps)));
    return this.finish(client, attempt, messages, index, remoteState);
  }

  private async remove(item: Remove, attempt: DeliveryAttempt): Promise<TargetResult> {
    const { event } = item;
    const gone = event.kind === 'page' && (event.action === 'trashed' || event.action === 'deleted');
    const title = typeof item.remoteState?.title === 'string' ? item.remoteState.title : undefined;
    const url = typeof item.remoteState?.url === 'string' ? item.remoteState.url : '';
    if (!gone || title === undefined || url === '')
      // A page that became restricted, left its mapping or lost its label: saying so would tell
      // something about it, so Bitrix24 hears nothing.
      return { kind: 'delivered', note: 'no message: the page left for a reason that is not told' };
    const field =
      typeof item.remoteState?.field === 'string' ? item.remoteState.field : this.settings.userField;
    const client = await BitrixClient.open(this.settings, this.deps, attempt.signal);
    const index = this.index(field);
    await index.refresh(client);
    const at = event.at ?? new Date(this.deps.clock.now()).toISOString();
    const text = removeComment({ title, at, url }, this.settings);
    const messages = (await index.tasksFor(item.pageId, hostOf(url))).map((t) => taskMessage(t, text));
    return this.finish(client, attempt, messages, index);
  }

  private async notify(item: Notify, attempt: DeliveryAttempt): Promise<TargetResult> {
    const { event, comment, page } = item;
    if (event.kind !== 'comment' || event.action !== 'created' || comment.deleted)
      return { kind: 'delivered', note: 'only new comments are told' };
    if (event.suppressNotifications)
      return { kind: 'delivered', note: 'notifications suppressed: no messages' };
    const url = page.url ?? '';
    if (!url) return { kind: 'delivered', note: 'the page has no URL to link' };
    const client = await BitrixClient.open(this.settings, this.deps, attempt.signal);
    const index = this.index(item.options?.bitrixUserField ?? this.settings.userField);
    await index.refresh(client);
    const tasks = await index.tasksFor(page.id, hostOf(url));
    const messages = commentMessages(tasks, item, this.settings, this.deps.clock.now());
    return this.finish(client, attempt, messages, index);
  }

  /** Sends, drops tasks found gone, retries a chat the webhook's user cannot write to via the task. */
  private async finish(
    client: BitrixClient,
    attempt: DeliveryAttempt,
    messages: Outgoing[],
    index: TaskIndex | undefined,
    remoteState?: Record<string, unknown>,
  ): Promise<TargetResult> {
    if (messages.length === 0)
      return { kind: 'delivered', remoteState, note: 'no linked task or chat to tell' };
    const report = await this.sender.send(client, attempt.deliveryId, messages);
    const retry: Outgoing[] = [];
    for (const [key, { error, message }] of report.refused) {
      if (message.via === 'im' && message.taskId && error.code === 'ACCESS_ERROR')
        retry.push({ key: `${key}:task`, via: 'task-chat', taskId: message.taskId, text: message.text });
      else if (message.taskId && TASK_GONE.has(error.code ?? '')) await index?.drop(message.taskId);
    }
    let second: SendReport | undefined;
    if (retry.length > 0 && !report.stopped) {
      retry.forEach((m) => report.refused.delete(m.key.replace(/:task$/, '')));
      second = await this.sender.send(client, attempt.deliveryId, retry);
    }
    const stopped = report.stopped ?? second?.stopped;
    if (stopped) return bitrixResult(stopped);
    const sent = report.sent.length + (second?.sent.length ?? 0);
    const refused = [...report.refused, ...(second?.refused ?? [])].map(([k, r]) =>
      refusalReason(k, r.error),
    );
    const note = [`${sent} of ${messages.length} message(s) sent`, ...refused].join('; ');
    return { kind: 'delivered', remoteState, note };
  }
}
