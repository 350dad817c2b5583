import { keys } from '../domain/storage-layout';
import type { Platform } from '../ports/platform';

/**
 * Pages all sweeps together may check (and so queue) per minute, claimed in places of
 * EVENTS_PER_PLACE: at most 200 a minute (plus one successor job per step, at most one per place
 * claimed) however many spaces are swept at once, leaving most of Forge's 500 events a minute per
 * installation to the triggers, retries and waiting lines, and most of the storage's 4,000 reads a
 * minute to the deliveries (checking a page reads its ledger rows, and its log for the reconcile).
 * Two full steps fit in a minute; a step that finds no page modified in its window (the usual
 * reconcile) claims nothing. The reconcile's sweep starts take places too (reconcile-chain.ts).
 */
export const SWEEP_EVENTS_PER_MINUTE = 200;
const EVENTS_PER_PLACE = 10;
const PLACES = SWEEP_EVENTS_PER_MINUTE / EVENTS_PER_PLACE;
const MINUTE_MS = 60_000;

/**
 * Claims what room is left this minute for up to `wanted` jobs, a place at a time (the reconcile
 * starting its sweeps): returns how many jobs may go now, 0 when the minute is full.
 */
export async function claimSweepRoom(platform: Platform, wanted: number): Promise<number> {
  const now = platform.clock.now();
  const minute = Math.floor(now / MINUTE_MS);
  const needed = Math.ceil(wanted / EVENTS_PER_PLACE);
  let taken = 0;
  for (let place = 0; place < PLACES && taken < needed; place++)
    if (await platform.store.set(keys.sweepSlot(minute, place), now, { ifAbsent: true, ttlSeconds: 180 }))
      taken++;
  return Math.min(wanted, taken * EVENTS_PER_PLACE);
}

/** Seconds until the next minute of the budget, plus up to ten of jitter. */
export function nextMinuteSeconds(now: number, random: () => number): number {
  return Math.ceil((Math.floor(now / MINUTE_MS + 1) * MINUTE_MS - now) / 1000) + Math.floor(random() * 10);
}

/**
 * Claims room for `events` pages (checked, each perhaps queued) in this minute (create-if-absent
 * keys: no place is given twice). Returns 0 when claimed; else gives back what it took and returns the seconds to wait for
 * the next minute, plus a little jitter so that waiting sweeps do not all come back at once.
 */
export async function claimSweepEvents(
  platform: Platform,
  events: number,
  random: () => number,
): Promise<number> {
  const needed = Math.ceil(events / EVENTS_PER_PLACE);
  if (needed === 0) return 0;
  const now = platform.clock.now();
  const minute = Math.floor(now / MINUTE_MS);
  const taken: string[] = [];
  for (let place = 0; place < PLACES && taken.length < needed; place++) {
    const key = keys.sweepSlot(minute, place);
    if (await platform.store.set(key, now, { ifAbsent: true, ttlSeconds: 180 })) taken.push(key);
  }
  if (taken.length === needed) return 0;
  await Promise.all(taken.map((key) => platform.store.delete(key)));
  return nextMinuteSeconds(now, random);
}
