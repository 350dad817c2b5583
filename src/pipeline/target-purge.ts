import { z } from 'zod';
import { ENTITIES, keys, targetKeys } from '../domain/storage-layout';
import type { Platform } from '../ports/platform';

/** Ledger rows, or keys, deleted per step; a step needs about twice as many storage calls. */
const CHUNK = 100;
/** Between steps: a big target is cleared in the background without crowding the queue. */
const STEP_DELAY_SECONDS = 5;
/** A purge that made no step for this long lost its job: the five-minute sweep starts it again. */
const STALE_MS = 10 * 60_000;

/**
 * What is stored about a target outlives it unless it is cleared: the ledger (what was delivered,
 * with the remote ids of the target's items), the rate windows, the waiting line, the Halo FAQ lists
 * and the Bitrix24 task index. A new target given the same id would inherit all of it, and skip or
 * misdirect deliveries to a system that never saw them. Removing a target marks it and queues these
 * steps; until they end, the id cannot be given to a new target. The delivery log stays (it expires
 * on its own): it is the history of what was sent.
 */
export const purgeStepSchema = z.object({
  v: z.literal(1),
  purge: z.object({ targetId: z.string().min(1), removedAt: z.number() }),
});

export type PurgeStep = z.infer<typeof purgeStepSchema>;

interface PurgeMark {
  removedAt: number;
  /** When a step last ran (or the purge was asked for). */
  stepAt: number;
}

export function isPurgeStep(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'purge' in body;
}

function stepJob(targetId: string, removedAt: number, delayInSeconds?: number) {
  const body: PurgeStep = { v: 1, purge: { targetId, removedAt } };
  return delayInSeconds === undefined ? { body } : { body, delayInSeconds };
}

/** Marks a removed target and queues the first step (a lost push is caught by the sweep). */
export async function startPurge(platform: Platform, targetId: string): Promise<void> {
  const now = platform.clock.now();
  const mark: PurgeMark = { removedAt: now, stepAt: now };
  await platform.store.set(keys.targetPurge(targetId), mark);
  await platform.queue.push([stepJob(targetId, now)]);
}

/** Whether the id still belongs to a removed target whose state is being cleared. */
export async function purgePending(platform: Platform, targetId: string): Promise<boolean> {
  return (await platform.store.get<PurgeMark>(keys.targetPurge(targetId))) !== undefined;
}

/**
 * One step: up to CHUNK ledger rows written up to the removal, then the target's keys; queues the
 * next step while anything is left, and drops the mark when nothing is. Steps are idempotent: a
 * redelivered one finds less to delete.
 */
export async function purgeStep(platform: Platform, step: PurgeStep['purge']): Promise<'more' | 'done'> {
  const { targetId, removedAt } = step;
  const store = platform.store;
  const markKey = keys.targetPurge(targetId);
  const mark = await store.get<PurgeMark>(markKey);
  // Another removal of the same id restarted the purge: that one's steps carry on.
  if (mark === undefined || mark.removedAt !== removedAt) return 'done';
  await store.set(markKey, { ...mark, stepAt: platform.clock.now() });

  const rows = await store.query<unknown>({
    entity: ENTITIES.ledger.name,
    index: 'by-target',
    partition: [targetId],
    range: { op: 'lessThanEqualTo', value: removedAt },
    limit: CHUNK,
  });
  let more = rows.nextCursor !== undefined || rows.items.length === CHUNK;
  for (const row of rows.items) await store.deleteEntity(ENTITIES.ledger.name, row.key);

  if (!more) {
    const { single, prefixes } = targetKeys(targetId);
    for (const key of single) await store.delete(key);
    let budget = CHUNK;
    for (const prefix of prefixes) {
      if (budget <= 0) break;
      const found = await store.listByPrefix(prefix, { limit: budget });
      for (const item of found.items) await store.delete(item.key);
      budget -= found.items.length;
      if (found.nextCursor !== undefined) more = true;
    }
    if (budget <= 0) more = true;
  }
  if (more) {
    await platform.queue.push([stepJob(targetId, removedAt, STEP_DELAY_SECONDS)]);
    return 'more';
  }
  await store.delete(markKey);
  platform.log.info('removed target cleared', { targetId });
  return 'done';
}

/** The sweep's part: purges whose job was lost are queued again. Returns their target ids. */
export async function resumePurges(platform: Platform): Promise<string[]> {
  const now = platform.clock.now();
  const resumed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await platform.store.listByPrefix<PurgeMark>(keys.targetPurge(''), { cursor });
    for (const { key, value } of page.items) {
      if (value.stepAt > now - STALE_MS) continue;
      const targetId = key.slice(keys.targetPurge('').length);
      await platform.store.set(key, { ...value, stepAt: now });
      await platform.queue.push([stepJob(targetId, value.removedAt)]);
      resumed.push(targetId);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return resumed;
}
