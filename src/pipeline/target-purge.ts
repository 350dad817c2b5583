import { z } from 'zod';
import { CLAIM_LEASE_MS } from '../domain/ledger';
import { ENTITIES, keys, targetKeys } from '../domain/storage-layout';
import type { Platform } from '../ports/platform';

/** Ledger rows deleted per step (keys: as many, 20 to a listing, kvs's most). */
const CHUNK = 100;
const LIST_LIMIT = 20;
/** Between steps: a big target is cleared in the background without crowding the queue. */
const STEP_DELAY_SECONDS = 5;
/**
 * A delivery that claimed its ledger row before the removal may still settle it (and touch the
 * rate windows) until its claim lapses: the purge ends only after that, with one more pass.
 */
const SETTLE_MS = CLAIM_LEASE_MS + 30_000;
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
  purge: z.object({
    targetId: z.string().min(1),
    removedAt: z.number(),
    /** The step's number: a step delivered twice runs once (the mark holds the next number). */
    step: z.number().int().min(0).default(0),
  }),
});

export type PurgeStep = z.infer<typeof purgeStepSchema>;

interface PurgeMark {
  removedAt: number;
  /** When a step last ran (or the purge was asked for). */
  stepAt: number;
  /** The number of the step that is to run next. */
  step?: number;
}

export function isPurgeStep(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'purge' in body;
}

function stepJob(targetId: string, removedAt: number, step: number, delayInSeconds?: number) {
  const body: PurgeStep = { v: 1, purge: { targetId, removedAt, step } };
  return delayInSeconds === undefined ? { body } : { body, delayInSeconds };
}

/**
 * Marks a target as being removed: written before the target itself is removed, so that a failure
 * in between never frees the id with the old state still there.
 */
export async function markPurge(platform: Platform, targetId: string): Promise<number> {
  const now = platform.clock.now();
  const mark: PurgeMark = { removedAt: now, stepAt: now, step: 0 };
  await platform.store.set(keys.targetPurge(targetId), mark);
  return now;
}

/** The removal did not happen after all (a concurrent save won): the id keeps its state. */
export async function unmarkPurge(platform: Platform, targetId: string): Promise<void> {
  await platform.store.delete(keys.targetPurge(targetId));
}

/** Queues the first step of a marked purge (a lost push is caught by the sweep). */
export async function startPurge(platform: Platform, targetId: string, removedAt: number): Promise<void> {
  await platform.queue.push([stepJob(targetId, removedAt, 0)]);
}

/** Whether the id still belongs to a removed target whose state is being cleared. */
export async function purgePending(platform: Platform, targetId: string): Promise<boolean> {
  return (await platform.store.get<PurgeMark>(keys.targetPurge(targetId))) !== undefined;
}

/**
 * One step: up to CHUNK of the target's ledger rows, then its keys; queues the next step while
 * anything is left or deliveries under way at the removal may still write, and drops the mark when
 * neither is true. Steps are idempotent: a redelivered one finds less to delete, or is ignored.
 */
export async function purgeStep(platform: Platform, step: PurgeStep['purge']): Promise<'more' | 'done'> {
  const { targetId, removedAt } = step;
  const store = platform.store;
  const markKey = keys.targetPurge(targetId);
  const mark = await store.get<PurgeMark>(markKey);
  // Another removal of the same id restarted the purge, or this step ran already.
  if (mark === undefined || mark.removedAt !== removedAt || (mark.step ?? 0) !== step.step) return 'done';
  // The target is there: its removal failed after the mark was written (the id cannot have been
  // given to a new target while marked). Its state is its own: nothing is cleared.
  if ((await store.getEntity(ENTITIES.target.name, targetId)) !== undefined) {
    await store.delete(markKey);
    platform.log.warn('purge of a target that still exists dropped', { targetId });
    return 'done';
  }
  const now = platform.clock.now();
  await store.set(markKey, { ...mark, stepAt: now, step: step.step + 1 });

  // No id reuse is possible before the purge ends, so every row of the target is the old one's.
  const rows = await store.query<unknown>({
    entity: ENTITIES.ledger.name,
    index: 'by-target',
    partition: [targetId],
    limit: CHUNK,
  });
  let more = rows.nextCursor !== undefined || rows.items.length === CHUNK;
  for (const row of rows.items) await store.deleteEntity(ENTITIES.ledger.name, row.key);

  if (!more) {
    const { single, prefixes } = targetKeys(targetId);
    for (const key of single) await store.delete(key);
    let budget = CHUNK;
    for (const prefix of prefixes) {
      for (;;) {
        if (budget <= 0) break;
        const found = await store.listByPrefix(prefix, { limit: Math.min(LIST_LIMIT, budget) });
        for (const item of found.items) await store.delete(item.key);
        budget -= found.items.length;
        if (found.nextCursor === undefined) break;
      }
      if (budget <= 0) {
        more = true;
        break;
      }
    }
  }
  const settled = now >= removedAt + SETTLE_MS;
  if (more || !settled) {
    const wait = more ? STEP_DELAY_SECONDS : Math.ceil((removedAt + SETTLE_MS - now) / 1000);
    await platform.queue.push([stepJob(targetId, removedAt, step.step + 1, Math.min(wait, 900))]);
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
      const next = value.step ?? 0;
      await platform.store.set(key, { ...value, stepAt: now, step: next });
      await platform.queue.push([stepJob(targetId, value.removedAt, next)]);
      resumed.push(targetId);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return resumed;
}
