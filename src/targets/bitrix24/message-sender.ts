import { keys } from '../../domain/storage-layout';
import type { Store } from '../../ports/store';
import type { BitrixClient } from './bitrix-client';
import { BitrixError, apiError } from './bitrix-errors';
import type { BitrixErrorBody } from './bitrix-errors';
import { batchCommand } from './php-query';

/** One message of a delivery; `key` names it in the delivery's sent log (`task:12`, `chat:chat4`, `user:7`). */
export type Outgoing =
  | { key: string; via: 'im'; dialogId: string; text: string; taskId?: string }
  | { key: string; via: 'task-chat' | 'comment'; taskId: string; text: string };

/** A message for a task's chat through the REST 3.0 method. */
export type TaskChatMessage = Outgoing & { via: 'task-chat'; taskId: string };

export interface SendReport {
  sent: string[];
  /** Messages the portal refused for good (not retried), with its reason, by key. */
  refused: Map<string, { error: BitrixErrorBody; message: Outgoing }>;
  /** A limit or outage stopped the rest: the caller retries later; sent ones are not sent again. */
  stopped?: BitrixError;
}

export interface PortalFacts {
  /** An old portal: no task chats, no REST 3.0 chat method; comments instead. */
  oldTaskCard?: boolean;
}

const RETRYABLE = new Set([
  'QUERY_LIMIT_EXCEEDED',
  'OPERATION_TIME_LIMIT',
  'INTERNAL_SERVER_ERROR',
  'NO_ANSWER',
]);
const SENT_TTL_SECONDS = 30 * 86_400;

/**
 * Sends a delivery's messages: what batch can carry (`im.message.add`, `task.commentitem.add`) in
 * batches of 50, `tasks.task.chat.message.send` (REST 3.0, not batchable) one by one, falling back
 * to comments when the portal has no such method. Each message's key goes into the delivery's
 * sent log in storage right after its batch answers, and a retry skips what the log holds.
 * Not exactly-once: a crash between a batch's answer and the log's write sends that batch again on
 * retry, because none of these methods takes an idempotency key (B.3, B.4).
 */
export class MessageSender {
  constructor(
    private readonly store: Store,
    private readonly targetId: string,
  ) {}

  async send(client: BitrixClient, deliveryId: string, messages: Outgoing[]): Promise<SendReport> {
    const logKey = keys.bitrixSent(this.targetId, deliveryId);
    const done = new Set((await this.store.get<{ sent: string[] }>(logKey))?.sent ?? []);
    const report: SendReport = { sent: [], refused: new Map() };
    const record = async (sentKeys: string[]) => {
      if (sentKeys.length === 0) return;
      sentKeys.forEach((k) => done.add(k));
      report.sent.push(...sentKeys);
      await this.store.set(logKey, { sent: [...done] }, { ttlSeconds: SENT_TTL_SECONDS });
    };
    const portal = await portalFacts(this.store, this.targetId);
    const { v3, batched } = routeMessages(
      messages.filter((m) => !done.has(m.key)),
      portal,
    );
    try {
      for (const message of v3) {
        const fallback = await this.sendV3(client, message, report);
        if (fallback) batched.push(fallback);
        else if (!report.refused.has(message.key)) await record([message.key]);
      }
      for (let i = 0; i < batched.length; i += 50) {
        const chunk = batched.slice(i, i + 50);
        const outcome = await client.batch(batchCommands(chunk));
        const ok: string[] = [];
        let retry: BitrixErrorBody | undefined;
        chunk.forEach((m, n) => {
          const error = outcome.errors.get(`m${n}`);
          if (!error) ok.push(m.key);
          else if (RETRYABLE.has(error.code ?? '')) retry ??= error;
          else report.refused.set(m.key, { error, message: m });
        });
        await record(ok);
        if (retry)
          throw new BitrixError('rate-limited', `Bitrix24 deferred part of a batch: ${retry.code ?? ''}`, {
            code: retry.code,
            retryAfterSeconds: 10,
          });
      }
    } catch (error) {
      if (error instanceof BitrixError && error.retryable) report.stopped = error;
      else throw error;
    }
    return report;
  }

  /** The REST 3.0 task-chat method; on a portal without it, remembers that and falls back. */
  private async sendV3(client: BitrixClient, m: Outgoing, report: SendReport): Promise<Outgoing | undefined> {
    if (m.via !== 'task-chat') return undefined;
    try {
      await client.callV3(V3_METHOD, v3Params(m));
      return undefined;
    } catch (error) {
      if (!(error instanceof BitrixError) || error.retryable) throw error;
      if (error.kind === 'no-method') {
        await this.store.set(keys.bitrixPortal(this.targetId), { oldTaskCard: true } satisfies PortalFacts);
        return { ...m, via: 'comment' };
      }
      report.refused.set(m.key, { error: { code: error.code, message: error.message }, message: m });
      return undefined;
    }
  }
}

/** What the portal has shown of itself (an old task card), as stored; read-only. */
export async function portalFacts(store: Store, targetId: string): Promise<PortalFacts> {
  return (await store.get<PortalFacts>(keys.bitrixPortal(targetId))) ?? {};
}

/**
 * How messages travel: task-chat ones through the REST 3.0 method, one request each (as comments
 * in a batch on an old portal); the rest in batches, in the order given.
 */
export function routeMessages(
  todo: Outgoing[],
  portal: PortalFacts,
): { v3: Array<TaskChatMessage>; batched: Outgoing[] } {
  const v3 = todo.filter((m): m is TaskChatMessage => m.via === 'task-chat' && !portal.oldTaskCard);
  const batched = todo
    .filter((m) => !v3.some((v) => v === m))
    .map((m): Outgoing => (m.via === 'task-chat' ? { ...m, via: 'comment' } : m));
  return { v3, batched };
}

/** The REST 3.0 method for a task's chat (not batchable). */
export const V3_METHOD = 'tasks.task.chat.message.send';

export function v3Params(m: { taskId: string; text: string }): Record<string, unknown> {
  return { fields: { taskId: Number(m.taskId), text: m.text } };
}

/** The keyed commands of one batch (`m0`, `m1`, …) for up to 50 messages. */
export function batchCommands(chunk: Outgoing[]): Array<[key: string, command: string]> {
  return chunk.map((m, n) => [`m${n}`, command(m)]);
}

function command(m: Outgoing): string {
  if (m.via === 'im')
    return batchCommand('im.message.add', { DIALOG_ID: m.dialogId, MESSAGE: m.text, URL_PREVIEW: 'N' });
  return batchCommand('task.commentitem.add', { TASKID: Number(m.taskId), FIELDS: { POST_MESSAGE: m.text } });
}

/** An admin's reading of a refused message. */
export function refusalReason(key: string, error: BitrixErrorBody): string {
  return `${key}: ${apiError(undefined, error, 'the message').message}`;
}
