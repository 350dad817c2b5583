import type { Clock } from '../../ports/clock';
import type { JobHandler, JobOutcome, ReceivedJob } from '../../ports/job-queue';
import { QUEUE_LIMITS } from '../../ports/job-queue';
import type { Log } from '../../ports/log';
import type { QueueRecorder } from './job-queue-stats';
import { retryAfterSeconds, retryDataProblem } from './job-queue-validation';
import type { QueueScheduler, QueuedJob } from './queue-scheduler';
import type { SeededRandom } from './seeded-random';

type Settlement = { kind: 'outcome'; outcome: JobOutcome } | { kind: 'thrown'; message: string };

export interface JobDeliveryOptions {
  clock: Clock;
  random: SeededRandom;
  scheduler: QueueScheduler;
  recorder: QueueRecorder;
  redeliveryRate: number;
  log?: Log;
}

/**
 * One delivery of an event and what Forge does afterwards: a retry outcome is redelivered after
 * its delay with retryCount + 1 (at most 4 retries, then dropped); a thrown handler gets a platform
 * retry after 1–10 s under the same cap; a `done` may be delivered once more (at-least-once).
 */
export class JobDelivery {
  constructor(private readonly options: JobDeliveryOptions) {}

  async deliver(handler: JobHandler, job: QueuedJob): Promise<void> {
    const { clock, recorder } = this.options;
    const startedAt = clock.now();
    const settlement = await this.invoke(handler, job);
    recorder.finished({
      eventId: job.eventId,
      jobId: job.jobId,
      body: JSON.parse(job.body),
      retryCount: job.retryCount,
      duplicate: job.duplicate,
      concurrencyKey: job.concurrency?.key,
      startedAt,
      finishedAt: clock.now(),
      outcome: settlement.kind === 'thrown' ? 'thrown' : settlement.outcome.kind,
      error: settlement.kind === 'thrown' ? settlement.message : undefined,
    });
    this.settle(job, settlement);
  }

  private async invoke(handler: JobHandler, job: QueuedJob): Promise<Settlement> {
    const { jobId, eventId, retryCount } = job;
    const received: ReceivedJob = { body: JSON.parse(job.body), jobId, eventId, retryCount };
    if (job.retryData) received.retryData = structuredClone(job.retryData);
    try {
      return { kind: 'outcome', outcome: await handler(received) };
    } catch (error) {
      return { kind: 'thrown', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private settle(job: QueuedJob, settlement: Settlement): void {
    if (settlement.kind === 'thrown') {
      this.options.log?.warn('queue handler threw; platform retry', {
        eventId: job.eventId,
        attempt: job.retryCount,
      });
      const delay = this.options.random.int(1, 10);
      return this.retryLater(job, delay, undefined, `handler threw: ${settlement.message}`);
    }
    const outcome = settlement.outcome;
    switch (outcome.kind) {
      case 'done':
        return this.maybeDuplicate(job);
      case 'retry': {
        const problem = retryDataProblem(outcome.data);
        if (problem) return this.drop(job, problem);
        return this.retryLater(
          job,
          outcome.afterSeconds,
          outcome.data,
          `retry requested (${outcome.reason})`,
        );
      }
    }
  }

  private retryLater(job: QueuedJob, afterSeconds: number, data: QueuedJob['retryData'], why: string): void {
    if (job.retryCount >= QUEUE_LIMITS.maxRetries) {
      return this.drop(job, `${why} after ${job.retryCount} retries; Forge gives up`);
    }
    this.options.recorder.retried();
    const retry = { ...job, retryCount: job.retryCount + 1, retryData: data && structuredClone(data) };
    this.options.scheduler.enqueue(retry, retryAfterSeconds(afterSeconds) * 1000);
  }

  private maybeDuplicate(job: QueuedJob): void {
    const { random, recorder, scheduler, redeliveryRate } = this.options;
    if (job.duplicate || !random.chance(redeliveryRate)) return;
    recorder.redelivered();
    scheduler.enqueue({ ...job, duplicate: true }, random.int(0, 20) * 1000);
  }

  private drop(job: QueuedJob, reason: string): void {
    const { eventId, jobId, retryCount } = job;
    this.options.recorder.dropped({ eventId, jobId, retryCount, reason });
    this.options.log?.error('queue event dropped', { eventId, jobId, attempt: retryCount, reason });
  }
}
