import type { BitrixTargetSettings } from '../../domain/settings';
import type {
  ConnectionTest,
  DeliveryAttempt,
  DeliveryItem,
  PayloadPreview,
  TargetAdapter,
  TargetDeps,
  TargetResult,
} from '../target-adapter';
import { BitrixClient } from './bitrix-client';
import { BitrixError } from './bitrix-errors';
import { testBitrixConnection } from './connection-test';
import { MessageSender, refusalReason } from './message-sender';
import type { Outgoing, SendReport } from './message-sender';
import { pageUrlForms } from './page-links';
import { ServerFilter } from './server-filter';
import { planBitrix } from './bitrix-plan';
import { previewBitrix } from './bitrix-preview';
import { bitrixResult } from './bitrix-result';
import { TaskIndex } from './task-index';
import type { IndexedTask } from './task-index';
import { watcherMessages } from './watcher-messages';

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
      return await this.send(item, attempt);
    } catch (error) {
      if (error instanceof BitrixError) return bitrixResult(error);
      throw error;
    }
  }

  preview(item: DeliveryItem): Promise<PayloadPreview> {
    return previewBitrix(this.settings, this.deps, item);
  }

  private async send(item: DeliveryItem, attempt: DeliveryAttempt): Promise<TargetResult> {
    const plan = planBitrix(item, this.settings, this.deps.clock.now());
    if (!plan.send) return { kind: 'delivered', remoteState: plan.remoteState, note: plan.reason };
    const client = await BitrixClient.open(this.settings, this.deps, attempt.signal);
    let index: TaskIndex | undefined;
    let tasks: IndexedTask[] = [];
    if (plan.tasks) {
      const { field, pageId, host, lookupUrl } = plan.tasks;
      index = new TaskIndex(this.deps.store, this.deps.clock, this.settings.id, field);
      await index.refresh(client);
      if (lookupUrl && this.settings.serverSideFilter === 'auto' && (await this.filter.works(client, field)))
        await index.lookup(client, pageUrlForms(lookupUrl, pageId));
      tasks = await index.tasksFor(pageId, host);
    }
    const messages = plan.compose(tasks);
    if (plan.watchers && item.action === 'upsert')
      messages.push(...(await watcherMessages(client, item, plan.watchers, this.settings, this.deps)));
    return this.finish(client, attempt, messages, index, plan.remoteState);
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
