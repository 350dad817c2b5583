import type { Clock } from '../../ports/clock';

/** Monday 5 January 2026, 09:00 UTC: the sandbox's default "now". */
export const DEFAULT_VIRTUAL_START = Date.UTC(2026, 0, 5, 9, 0, 0);

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
  cleanup: () => void;
}

/** Lets every pending promise continuation run (microtasks drain before setImmediate fires). */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock whose time only moves when told to. `sleep` registers a timer; `advanceTo`/`advanceBy`
 * fire due timers one at a time in (time, registration) order, letting continuations run between
 * them so that a chain of sleeps completes within one advance.
 */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start: number = DEFAULT_VIRTUAL_START) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.current + ms, seq: this.seq++, resolve, cleanup: () => undefined };
      const onAbort = (): void => {
        this.remove(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      timer.cleanup = () => signal?.removeEventListener('abort', onAbort);
      this.timers.push(timer);
    });
  }

  /** Moves time forward to `t`, firing every timer due on the way, in order. */
  async advanceTo(t: number): Promise<void> {
    if (t < this.current) {
      throw new RangeError(`VirtualClock cannot go back in time (${t} < ${this.current})`);
    }
    await flushMicrotasks();
    for (let timer = this.nextDue(t); timer; timer = this.nextDue(t)) {
      this.current = timer.at;
      this.remove(timer);
      timer.cleanup();
      timer.resolve();
      await flushMicrotasks();
    }
    this.current = t;
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.current + Math.max(0, ms));
  }

  /**
   * Awaits `work`, moving time to each timer it (or anything else) sleeps on meanwhile: for code
   * that waits on the clock in the middle of real I/O (a rate-limited client pacing its calls).
   */
  async settle<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const watched = work.finally(() => {
      done = true;
    });
    watched.catch(() => undefined);
    while (!done) {
      const next = this.nextTimerAt();
      if (next !== undefined) await this.advanceTo(next);
      else await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return watched;
  }

  /** When the earliest pending timer fires, or undefined when none is pending. */
  nextTimerAt(): number | undefined {
    return this.earliest()?.at;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  private nextDue(t: number): Timer | undefined {
    const timer = this.earliest();
    return timer && timer.at <= t ? timer : undefined;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) {
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    return best;
  }

  private remove(timer: Timer): void {
    this.timers = this.timers.filter((other) => other !== timer);
  }
}
