import type { Clock } from '../../ports/clock';
import type { JobHandler, JobQueue, PushJob } from '../../ports/job-queue';
import type { Log } from '../../ports/log';
import { ConcurrencySlots } from './concurrency-slots';
import { JobDelivery } from './job-delivery';
import { QueueRecorder, type QueueStats, type RunSummary } from './job-queue-stats';
import { PushRateWindow, validatePushJobs } from './job-queue-validation';
import { QueueScheduler, type QueuedJob } from './queue-scheduler';
import { SeededRandom } from './seeded-random';

export interface NodeJobQueueOptions {
  /** A VirtualClock (tests, sandbox, benches: time jumps to the next due job) or a real clock. */
  clock: Clock;
  seed: number;
  /** Probability that a job finishing `done` is delivered once more (at-least-once). Default 0.1. */
  redeliveryRate?: number;
  /** Pick among ready jobs in seeded random order instead of FIFO. Default true. */
  reorder?: boolean;
  /** Handlers running at once, as interleaved promises. Default 4. */
  maxParallel?: number;
  log?: Log;
  /** Real ms granted to in-flight real I/O before virtual time moves on. Default 5. */
  ioGraceMs?: number;
}

export interface RunOptions {
  maxVirtualMs?: number;
  maxJobs?: number;
}

/**
 * The `relay-jobs` queue in process, reproducing @forge/events unkindly on the injected clock:
 * push limits and the 500/min window, delays, reordering, concurrency keys, app retries capped at
 * 4 then dropped, platform retries of thrown handlers, and duplicate deliveries.
 */
export class NodeJobQueue implements JobQueue {
  private readonly clock: Clock;
  private readonly ids: SeededRandom;
  private readonly maxParallel: number;
  private readonly rate = new PushRateWindow();
  private readonly slots = new ConcurrencySlots();
  private readonly recorder = new QueueRecorder();
  private readonly scheduler: QueueScheduler;
  private readonly delivery: JobDelivery;
  private handler?: JobHandler;
  private running = false;

  constructor(options: NodeJobQueueOptions) {
    const { clock, seed, log } = options;
    this.clock = clock;
    this.maxParallel = options.maxParallel ?? 4;
    if (!Number.isInteger(this.maxParallel) || this.maxParallel < 1)
      throw new Error('maxParallel must be >= 1');
    this.ids = new SeededRandom(seed ^ 0x5bd1e995);
    const random = new SeededRandom(seed);
    const { slots, recorder } = this;
    const [reorder, ioGraceMs] = [options.reorder ?? true, options.ioGraceMs ?? 5];
    this.scheduler = new QueueScheduler({ clock, random, slots, reorder, ioGraceMs });
    const redeliveryRate = options.redeliveryRate ?? 0.1;
    this.delivery = new JobDelivery({
      clock,
      random,
      scheduler: this.scheduler,
      recorder,
      redeliveryRate,
      log,
    });
  }

  setHandler(handler: JobHandler): void {
    this.handler = handler;
  }

  /** Validates like @forge/events, then enqueues; one jobId per push, one eventId per event. */
  async push(jobs: PushJob[]): Promise<void> {
    validatePushJobs(jobs);
    this.rate.admit(jobs.length, this.clock.now());
    const jobId = this.ids.uuid();
    for (const job of jobs) {
      const concurrency = job.concurrency && { key: job.concurrency.key, limit: job.concurrency.limit };
      const body = JSON.stringify(job.body);
      const queued = { jobId, eventId: this.ids.uuid(), body, concurrency, retryCount: 0, duplicate: false };
      this.scheduler.enqueue(queued, (job.delayInSeconds ?? 0) * 1000);
    }
    this.recorder.pushed(jobs.length);
  }

  /** Delivers until the queue is empty and no handler is in flight, or a bound is hit. */
  async runUntilIdle(options: RunOptions = {}): Promise<RunSummary> {
    const handler = this.handler;
    if (!handler) throw new Error('NodeJobQueue: call setHandler() before runUntilIdle()');
    if (this.running) throw new Error('NodeJobQueue: runUntilIdle() is already running');
    this.running = true;
    try {
      return await this.run(handler, options);
    } finally {
      this.running = false;
    }
  }

  /** Jobs waiting (due or delayed) and handlers in flight. */
  backlog(): { pending: number; inFlight: number } {
    return { pending: this.scheduler.pendingCount(), inFlight: this.scheduler.inFlightCount() };
  }

  stats(): QueueStats {
    return this.recorder.snapshot(this.slots.maxInFlightByKey());
  }

  private async run(handler: JobHandler, options: RunOptions): Promise<RunSummary> {
    const startedAt = this.clock.now();
    const deadline = startedAt + (options.maxVirtualMs ?? Infinity);
    const maxJobs = options.maxJobs ?? Infinity;
    let started = 0;
    const summary = (stoppedBy: RunSummary['stoppedBy']): RunSummary => {
      const elapsedMs = this.clock.now() - startedAt;
      return { stoppedBy, delivered: started, elapsedMs, ...this.backlog() };
    };
    for (;;) {
      for (let job = this.nextJob(started, maxJobs); job; job = this.nextJob(started, maxJobs)) {
        this.start(handler, job);
        started++;
      }
      this.scheduler.rethrowFailure();
      if (this.scheduler.isIdle()) return summary('idle');
      if (this.scheduler.inFlightCount() === 0 && started >= maxJobs) return summary('maxJobs');
      if (!(await this.scheduler.waitForProgress(deadline))) return summary('maxVirtualMs');
    }
  }

  private nextJob(started: number, maxJobs: number): QueuedJob | undefined {
    if (started >= maxJobs || this.scheduler.inFlightCount() >= this.maxParallel) return undefined;
    return this.scheduler.takeReady();
  }

  private start(handler: JobHandler, job: QueuedJob): void {
    this.scheduler.track(job, () => this.delivery.deliver(handler, job));
    this.recorder.started(this.scheduler.inFlightCount());
  }
}
