import type { Clock } from '../../ports/clock';
import type { ConcurrencySlots } from './concurrency-slots';
import type { SeededRandom } from './seeded-random';
import { VirtualClock, flushMicrotasks } from './virtual-clock';

/** An event as the in-process queue keeps it; the body is kept as JSON, as Forge transports it. */
export interface QueuedJob {
  jobId: string;
  eventId: string;
  body: string;
  concurrency?: { key: string; limit: number };
  retryCount: number;
  retryData?: Record<string, unknown>;
  duplicate: boolean;
}

interface Scheduled extends QueuedJob {
  readyAt: number;
  seq: number;
}

export interface QueueSchedulerOptions {
  clock: Clock;
  random: SeededRandom;
  slots: ConcurrencySlots;
  reorder: boolean;
  ioGraceMs: number;
}

const realDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * When jobs are ready, which one goes next, and how to wait for progress: on a VirtualClock it
 * moves time to the next due job or timer once in-flight handlers are all waiting on the clock;
 * on a real clock it sleeps until the next job is due or a handler settles.
 */
export class QueueScheduler {
  private pending: Scheduled[] = [];
  private inFlight = 0;
  private seq = 0;
  private settledCount = 0;
  private waiters: Array<() => void> = [];
  private readonly failures: unknown[] = [];

  constructor(private readonly options: QueueSchedulerOptions) {}

  enqueue(job: QueuedJob, delayMs: number): void {
    this.pending.push({ ...job, readyAt: this.options.clock.now() + delayMs, seq: this.seq++ });
  }

  pendingCount(): number {
    return this.pending.length;
  }

  inFlightCount(): number {
    return this.inFlight;
  }

  isIdle(): boolean {
    return this.pending.length === 0 && this.inFlight === 0;
  }

  /** Removes and returns a job that is due and whose concurrency key has room. */
  takeReady(): QueuedJob | undefined {
    const now = this.options.clock.now();
    const ready = this.pending.filter(
      (job) => job.readyAt <= now && this.options.slots.hasRoom(job.concurrency),
    );
    const chosen = this.options.reorder
      ? ready[this.options.random.int(0, ready.length - 1)]
      : ready.reduce<Scheduled | undefined>(
          (best, job) => (best && !isEarlier(job, best) ? best : job),
          undefined,
        );
    if (chosen) this.pending = this.pending.filter((job) => job !== chosen);
    return chosen;
  }

  /** Runs a delivery, holding its concurrency slot until it settles. */
  track(job: QueuedJob, delivery: () => Promise<void>): void {
    const key = job.concurrency?.key;
    this.options.slots.acquire(key);
    this.inFlight++;
    delivery()
      .catch((error: unknown) => this.failures.push(error))
      .finally(() => {
        this.inFlight--;
        this.options.slots.release(key);
        this.settledCount++;
        const waiters = this.waiters;
        this.waiters = [];
        waiters.forEach((wake) => wake());
      });
  }

  /** Rethrows an internal failure of a delivery (a bug in the queue, not a handler error). */
  rethrowFailure(): void {
    if (this.failures.length > 0) throw this.failures.shift();
  }

  /** Waits until something can happen; false when that needs time beyond `deadline`. */
  waitForProgress(deadline: number): Promise<boolean> {
    const clock = this.options.clock;
    return clock instanceof VirtualClock ? this.waitVirtual(clock, deadline) : this.waitReal(deadline);
  }

  private async waitVirtual(clock: VirtualClock, deadline: number): Promise<boolean> {
    if (this.inFlight > 0 && (await this.handlersProgressed(clock))) return true;
    const nextJob = this.nextReadyAt(clock.now());
    const nextTimer = clock.nextTimerAt();
    const next = Math.min(nextJob ?? Infinity, nextTimer ?? Infinity);
    if (next === Infinity) return this.waitForSettle();
    if (next > deadline) return false;
    await clock.advanceTo(next);
    return true;
  }

  /** Lets in-flight handlers run; true when one settled. Handlers not on the clock await real I/O. */
  private async handlersProgressed(clock: VirtualClock): Promise<boolean> {
    const before = this.settledCount;
    await flushMicrotasks();
    if (this.settledCount !== before) return true;
    // Handlers awaiting real I/O: wait for one to settle, or for one to sleep on the clock next.
    while (clock.pendingTimers() === 0 && this.settledCount === before)
      await Promise.race([this.nextSettle(), realDelay(Math.max(1, this.options.ioGraceMs))]);
    if (this.settledCount !== before) return true;
    if (this.options.ioGraceMs > 0) {
      await Promise.race([this.nextSettle(), realDelay(this.options.ioGraceMs)]);
    }
    return this.settledCount !== before;
  }

  private async waitReal(deadline: number): Promise<boolean> {
    const now = this.options.clock.now();
    if (now >= deadline) return false;
    const until = Math.min(this.nextReadyAt(now) ?? Infinity, deadline);
    if (until === Infinity) return this.waitForSettle();
    const controller = new AbortController();
    await Promise.race([this.nextSettle(), this.options.clock.sleep(until - now, controller.signal)]);
    controller.abort();
    return true;
  }

  private async waitForSettle(): Promise<boolean> {
    if (this.inFlight === 0) throw new Error('NodeJobQueue stalled: jobs are pending but none can start');
    await this.nextSettle();
    return true;
  }

  private nextSettle(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private nextReadyAt(now: number): number | undefined {
    let next: number | undefined;
    for (const job of this.pending) {
      if (job.readyAt > now && (next === undefined || job.readyAt < next)) next = job.readyAt;
    }
    return next;
  }
}

function isEarlier(a: Scheduled, b: Scheduled): boolean {
  return a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.seq < b.seq);
}
