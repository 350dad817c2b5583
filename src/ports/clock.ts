/**
 * Time as the core sees it. Everything that waits (retry delays, rate-limit windows, queue delays)
 * goes through a Clock so that the sandbox and the benches can run in virtual time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
