import { z } from 'zod';
import { mappedSpaceKeys } from '../domain/selection';
import { keys } from '../domain/storage-layout';
import type { PushJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { pushAll } from './reevaluation-job';
import { SettingsRepo } from './settings-repo';
import { beginSweep, sweepStepJob } from './sweep';
import { claimSweepRoom, nextMinuteSeconds } from './sweep-budget';

/** The stored item of the reconcile (`reconcile:last-run`). */
export interface ReconcileRun {
  /** When the latest run that started a sweep of every mapped space began. */
  startedAt: number;
  /** The run starting its sweeps now, a batch a minute; absent once every space has its sweep. */
  chain?: ReconcileChain;
}

export interface ReconcileChain {
  /** When this run began: it becomes `startedAt` once its last batch is started. */
  runAt: number;
  /** Pages modified from this instant on are looked at (ms). */
  since: number;
  /** The last space key (in sorted order) whose sweep was started; none before the first batch. */
  after?: string;
  /** When the chain last did something: a chain idle far longer than its pauses died. */
  updatedAt: number;
}

/**
 * Spaces whose sweeps one invocation starts: each is an event pushed now (Forge counts an event
 * when it is pushed, however long its delay), so a run over many spaces is spread over minutes
 * instead of spending the installation's 500 events a minute in one burst. The step jobs also
 * take their places in the budget all sweeps share (sweep-budget.ts).
 */
export const CHAIN_BATCH = 100;
/** The pause between two batches of a run. */
const CHAIN_PAUSE_SECONDS = 60;
/** A chain that did nothing for this long is taken for dead (its pauses are about a minute). */
export const CHAIN_STALE_MS = 15 * 60_000;

export const reconcileStepSchema = z.object({
  v: z.literal(1),
  reconcile: z.object({ runAt: z.number().int().nonnegative() }),
});

export function isReconcileStep(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'reconcile' in body;
}

function chainJob(runAt: number, delayInSeconds: number): PushJob {
  return {
    body: { v: 1, reconcile: { runAt } } satisfies z.infer<typeof reconcileStepSchema>,
    delayInSeconds,
    concurrency: { key: 'reconcile-chain', limit: 1 },
  };
}

/**
 * Starts the sweeps of the next batch of mapped spaces of the run that began at `runAt` and pushes
 * itself for the rest. The run's start is recorded only once every space has its sweep: a chain
 * that dies midway leaves the previous start in place, so the next run (which replaces a chain idle
 * for CHAIN_STALE_MS) reaches back as far and covers the spaces this one did not reach. Returns
 * the spaces whose sweep was started.
 */
export async function continueReconcile(
  platform: Platform,
  runAt: number,
  random: () => number,
): Promise<string[]> {
  const run = await platform.store.get<ReconcileRun>(keys.reconcileRun());
  const chain = run?.chain;
  if (run === undefined || chain?.runAt !== runAt) {
    platform.log.info('reconcile: chain step of a replaced run skipped', { runAt });
    return [];
  }
  const settings = await new SettingsRepo(platform.store, platform.log).load();
  const after = chain.after;
  const left = mappedSpaceKeys(settings).filter((key) => after === undefined || key > after);
  const wanted = left.slice(0, CHAIN_BATCH);
  const room = wanted.length === 0 ? 0 : await claimSweepRoom(platform, wanted.length);
  const now = platform.clock.now();
  if (wanted.length > 0 && room === 0) {
    // Every sweep place of this minute is taken: the batch waits for the next one.
    await platform.store.set(keys.reconcileRun(), { ...run, chain: { ...chain, updatedAt: now } });
    await platform.queue.push([chainJob(runAt, nextMinuteSeconds(now, random))]);
    return [];
  }
  const batch = wanted.slice(0, room);
  const jobs: PushJob[] = [];
  for (const spaceKey of batch) {
    const start = await beginSweep(platform, { kind: 'reconcile', spaceKey, since: chain.since });
    if (start.started) jobs.push(sweepStepJob(start.progress, 0));
  }
  await pushAll(platform.queue, jobs);
  if (left.length > batch.length) {
    const next: ReconcileChain = { ...chain, after: batch[batch.length - 1], updatedAt: now };
    await platform.store.set(keys.reconcileRun(), { ...run, chain: next } satisfies ReconcileRun);
    await platform.queue.push([chainJob(runAt, CHAIN_PAUSE_SECONDS)]);
  } else {
    await platform.store.set(keys.reconcileRun(), { startedAt: runAt } satisfies ReconcileRun);
  }
  platform.log.info('reconcile: sweeps started', {
    spaces: batch.length,
    left: left.length - batch.length,
    since: new Date(chain.since).toISOString(),
  });
  return batch;
}
