/**
 * The `relay-jobs` queue. Forge: `@forge/events` Queue; Node: an in-process queue that reproduces
 * Forge's semantics unkindly (at-least-once, redelivery, reordering, limits).
 * Bodies carry ids and versions only (a few hundred bytes); everything else is read fresh.
 */
export type JobBody = Record<string, unknown>;

export interface PushJob {
  body: JobBody;
  /** 0..900 seconds, as in @forge/events. */
  delayInSeconds?: number;
  /** Caps parallel consumer invocations sharing the key (per target). */
  concurrency?: { key: string; limit: number };
}

export interface JobQueue {
  /** At most 50 jobs and 200 KB per call; rejects with one of the errors below. */
  push(jobs: PushJob[]): Promise<void>;
}

/** What the consumer receives, on either platform. */
export interface ReceivedJob {
  body: JobBody;
  jobId: string;
  eventId: string;
  /** 0 on the first delivery; Forge allows at most 4 retries requested by the app. */
  retryCount: number;
  retryData?: Record<string, unknown>;
}

export type RetryReason = 'FUNCTION_RETRY_REQUEST' | 'FUNCTION_UPSTREAM_RATE_LIMITED';

/** A consumer either finishes or asks for a redelivery (Forge: returns an InvocationError). */
export type JobOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; afterSeconds: number; reason: RetryReason; data: Record<string, unknown> };

export type JobHandler = (job: ReceivedJob) => Promise<JobOutcome>;

export const QUEUE_LIMITS = {
  maxEventsPerPush: 50,
  maxPayloadBytes: 200 * 1024,
  maxDelaySeconds: 900,
  maxRetries: 4,
  maxRetryAfterSeconds: 900,
  eventsPerMinute: 500,
} as const;

export class QueueRateLimitError extends Error {
  constructor(message = 'Queue push rate limit exceeded (500 events per minute per installation)') {
    super(message);
    this.name = 'QueueRateLimitError';
  }
}

export class QueuePushRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueuePushRejectedError';
  }
}
