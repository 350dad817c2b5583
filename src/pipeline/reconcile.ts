import { keys } from '../domain/storage-layout';
import type { Platform } from '../ports/platform';
import { CHAIN_STALE_MS, continueReconcile, type ReconcileRun } from './reconcile-chain';
import { SweepProgressRepo } from './sweep-progress';

/**
 * How far before the previous run's start each run reaches back: clocks differ a little, and a
 * page saved just before a run may reach the search index only later. UNVERIFIED how long
 * Confluence's CQL index lags behind an edit; ten minutes is a guess well above the seconds
 * usually reported. Overlap costs nothing: pages already delivered are not queued.
 */
export const SAFETY_MARGIN_MS = 10 * 60_000;

export interface ReconcileResult {
  firstRun: boolean;
  /** Pages modified from this instant on are looked at (ms). */
  since?: number;
  /** The spaces whose sweep was started now (the first batch; the rest follow a batch a minute). */
  spaces: string[];
  /** The previous run is still starting its sweeps: this one starts none. */
  busy?: boolean;
}

/**
 * The scheduled reconcile: a product event Forge lost (the queue over its limit, a platform hiccup)
 * leaves a page stale downstream, so each run sweeps every mapped space for pages modified since
 * the previous run began (minus the margin) and queues those whose version some target lacks
 * (sweep-step.ts): on a normal day it queues nothing. The first run ever only records its start:
 * installing or upgrading Relay never pushes the whole site by surprise (that is what a backfill is
 * for). The sweeps are started a batch a minute (reconcile-chain.ts), and the run's start is
 * recorded only once every space has its sweep, so a run that fails or dies midway is covered by
 * the next one.
 */
export async function reconcileSpaces(
  platform: Platform,
  random: () => number = Math.random,
): Promise<ReconcileResult> {
  const now = platform.clock.now();
  const last = await platform.store.get<ReconcileRun>(keys.reconcileRun());
  if (last === undefined) {
    await platform.store.set(keys.reconcileRun(), { startedAt: now } satisfies ReconcileRun);
    platform.log.info('reconcile: first run, pages modified from now on will be checked', {});
    return { firstRun: true, spaces: [] };
  }
  if (last.chain !== undefined && now - last.chain.updatedAt < CHAIN_STALE_MS) {
    platform.log.info('reconcile: the previous run is still starting its sweeps', {
      since: new Date(last.chain.since).toISOString(),
    });
    return { firstRun: false, since: last.chain.since, spaces: [], busy: true };
  }
  // The previous start stays until this run has started every sweep (a dead chain is replaced).
  const since = last.startedAt - SAFETY_MARGIN_MS;
  const chain = { runAt: now, since, updatedAt: now };
  await platform.store.set(keys.reconcileRun(), { startedAt: last.startedAt, chain } satisfies ReconcileRun);
  const spaces = await continueReconcile(platform, now, random);
  return { firstRun: false, since, spaces };
}

/**
 * What the settings pages show of the reconcile: when it last ran, and what its latest sweep of
 * each of these spaces queued (pages whose event had been missed).
 */
export async function reconcileSummary(
  platform: Platform,
  spaceKeys: readonly string[],
): Promise<{ lastRunAt?: number; queued: number }> {
  const last = await platform.store.get<ReconcileRun>(keys.reconcileRun());
  const repo = new SweepProgressRepo(platform.store);
  const runs = await Promise.all(spaceKeys.map((spaceKey) => repo.get('reconcile', spaceKey)));
  const queued = runs.reduce((sum, run) => sum + (run?.queued ?? 0), 0);
  return { ...(last !== undefined && { lastRunAt: last.startedAt }), queued };
}
