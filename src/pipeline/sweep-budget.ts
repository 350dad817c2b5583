import { keys } from '../domain/storage-layout';
import type { Platform } from '../ports/platform';

/**
 * Steps of all sweeps together, per minute. A step queues at most 100 pages and its successor, so
 * sweeps push at most 202 events a minute however many spaces are swept at once, leaving most of
 * Forge's 500 a minute per installation to the triggers, retries and waiting lines.
 */
export const SWEEP_STEPS_PER_MINUTE = 2;
const MINUTE_MS = 60_000;

/**
 * Claims one of this minute's step places (create-if-absent keys: two steps never get the same
 * place). Returns 0 when claimed, else the seconds to wait for the next minute's places, plus a
 * little jitter so waiting sweeps do not all come back at once.
 */
export async function claimSweepStep(platform: Platform, random: () => number): Promise<number> {
  const now = platform.clock.now();
  const minute = Math.floor(now / MINUTE_MS);
  for (let slot = 0; slot < SWEEP_STEPS_PER_MINUTE; slot++) {
    const claimed = await platform.store.set(keys.sweepSlot(minute, slot), now, {
      ifAbsent: true,
      ttlSeconds: 180,
    });
    if (claimed) return 0;
  }
  return Math.ceil(((minute + 1) * MINUTE_MS - now) / 1000) + Math.floor(random() * 10);
}
