import type { Clock } from '../ports/clock';
import type { Store } from '../ports/store';

/** Refused: when the next slot frees, in whole seconds (for a queue delay) and exactly. */
export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number; waitMs: number };

/** A refusal until `untilMs`. */
export function refusedUntil(clock: Clock, untilMs: number): Reservation {
  const waitMs = Math.max(1, untilMs - clock.now());
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), waitMs };
}

/**
 * After a limit answer (429, 503): nobody calls the target before `untilMs`, kept at `key` shared by
 * every consumer; a pause is only ever extended.
 */
export async function extendPause(store: Store, clock: Clock, key: string, untilMs: number): Promise<void> {
  const current = await store.get<{ until: number }>(key);
  if (current !== undefined && current.until >= untilMs) return;
  const ttlSeconds = Math.max(1, Math.ceil((untilMs - clock.now()) / 1000) + 60);
  await store.set(key, { until: untilMs }, { ttlSeconds });
}

/** The end of a pause still running at `key`, if any. */
export async function pausedUntil(store: Store, clock: Clock, key: string): Promise<number | undefined> {
  const pause = await store.get<{ until: number }>(key);
  return pause !== undefined && pause.until > clock.now() ? pause.until : undefined;
}
