import type { JobBody } from '../../ports/job-queue';

/** One delivery of an event to the handler. */
export interface DeliveryRecord {
  eventId: string;
  jobId: string;
  body: JobBody;
  retryCount: number;
  /** True for an at-least-once duplicate injected after a successful delivery. */
  duplicate: boolean;
  concurrencyKey?: string;
  startedAt: number;
  finishedAt: number;
  outcome: 'done' | 'retry' | 'thrown';
  error?: string;
}

export interface DroppedJob {
  eventId: string;
  jobId: string;
  retryCount: number;
  reason: string;
}

export interface QueueStats {
  pushed: number;
  delivered: number;
  /** Duplicates injected (at-least-once redelivery after `done`). */
  redelivered: number;
  /** Redeliveries scheduled because of a retry outcome or a thrown handler. */
  retried: number;
  dropped: DroppedJob[];
  thrown: number;
  errors: string[];
  maxInFlight: number;
  maxInFlightByKey: Record<string, number>;
  history: DeliveryRecord[];
}

export interface RunSummary {
  stoppedBy: 'idle' | 'maxJobs' | 'maxVirtualMs';
  /** Deliveries started during this run. */
  delivered: number;
  /** Clock time that passed during this run. */
  elapsedMs: number;
  pending: number;
  inFlight: number;
}

/** Counters and history of a NodeJobQueue, for tests, benches and the sandbox report. */
export class QueueRecorder {
  private readonly data: Omit<QueueStats, 'maxInFlightByKey'> = {
    pushed: 0,
    delivered: 0,
    redelivered: 0,
    retried: 0,
    dropped: [],
    thrown: 0,
    errors: [],
    maxInFlight: 0,
    history: [],
  };

  pushed(count: number): void {
    this.data.pushed += count;
  }

  started(inFlight: number): void {
    this.data.delivered++;
    this.data.maxInFlight = Math.max(this.data.maxInFlight, inFlight);
  }

  finished(record: DeliveryRecord): void {
    this.data.history.push(record);
    if (record.outcome !== 'thrown') return;
    this.data.thrown++;
    this.data.errors.push(record.error ?? 'unknown error');
  }

  redelivered(): void {
    this.data.redelivered++;
  }

  retried(): void {
    this.data.retried++;
  }

  dropped(job: DroppedJob): void {
    this.data.dropped.push(job);
  }

  snapshot(maxInFlightByKey: Record<string, number>): QueueStats {
    return structuredClone({ ...this.data, maxInFlightByKey });
  }
}
