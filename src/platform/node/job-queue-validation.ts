import {
  QUEUE_LIMITS,
  QueuePushRejectedError,
  QueueRateLimitError,
  type PushJob,
} from '../../ports/job-queue';

const MAX_RETRY_DATA_BYTES = 4 * 1024;

function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function validateJob(job: PushJob, index: number): void {
  const where = `job ${index}`;
  if (!isPlainObject(job)) throw new QueuePushRejectedError(`${where}: an event must be an object`);
  if (!isPlainObject(job.body)) throw new QueuePushRejectedError(`${where}: body must be a plain object`);
  const delay = job.delayInSeconds;
  if (
    delay !== undefined &&
    !(Number.isInteger(delay) && delay >= 0 && delay <= QUEUE_LIMITS.maxDelaySeconds)
  ) {
    throw new QueuePushRejectedError(
      `${where}: delayInSeconds must be an integer 0..${QUEUE_LIMITS.maxDelaySeconds} (got ${delay})`,
    );
  }
  const concurrency = job.concurrency;
  if (concurrency === undefined) return;
  if (typeof concurrency.key !== 'string' || concurrency.key.length === 0) {
    throw new QueuePushRejectedError(`${where}: concurrency.key must be a non-empty string`);
  }
  if (!Number.isInteger(concurrency.limit) || concurrency.limit < 1) {
    throw new QueuePushRejectedError(
      `${where}: concurrency.limit must be an integer >= 1 (got ${concurrency.limit})`,
    );
  }
}

/** @forge/events client-side checks: 1..50 events, plain-object bodies, delays, 200 KB per push. */
export function validatePushJobs(jobs: PushJob[]): void {
  if (!Array.isArray(jobs) || jobs.length === 0) throw new QueuePushRejectedError('No events to push');
  if (jobs.length > QUEUE_LIMITS.maxEventsPerPush) {
    throw new QueuePushRejectedError(
      `Too many events: ${jobs.length} (at most ${QUEUE_LIMITS.maxEventsPerPush} per push)`,
    );
  }
  jobs.forEach(validateJob);
  const bytes = Buffer.byteLength(JSON.stringify(jobs));
  if (bytes > QUEUE_LIMITS.maxPayloadBytes) {
    throw new QueuePushRejectedError(
      `Payload too big: ${bytes} bytes (at most ${QUEUE_LIMITS.maxPayloadBytes})`,
    );
  }
}

/** Forge's 500 events per minute per installation, as a rolling 60-second window. */
export class PushRateWindow {
  private pushes: Array<{ at: number; count: number }> = [];

  constructor(
    private readonly limit: number = QUEUE_LIMITS.eventsPerMinute,
    private readonly windowMs = 60_000,
  ) {}

  /** Records `count` events pushed at `now`, or throws QueueRateLimitError and records nothing. */
  admit(count: number, now: number): void {
    if (this.used(now) + count > this.limit) throw new QueueRateLimitError();
    this.pushes.push({ at: now, count });
  }

  /** Events pushed in the window ending at `now`. */
  used(now: number): number {
    this.pushes = this.pushes.filter((push) => push.at > now - this.windowMs);
    return this.pushes.reduce((sum, push) => sum + push.count, 0);
  }
}

/** Why Forge would refuse a retry's `retryData` (must be an object, at most 4 KB), if it would. */
export function retryDataProblem(data: unknown): string | undefined {
  if (!isPlainObject(data)) return 'retryData must be a plain object';
  const bytes = Buffer.byteLength(JSON.stringify(data));
  return bytes > MAX_RETRY_DATA_BYTES
    ? `retryData is ${bytes} bytes (at most ${MAX_RETRY_DATA_BYTES})`
    : undefined;
}

/** Forge's retryAfter: whole seconds, at least 1, at most 900. */
export function retryAfterSeconds(requested: number): number {
  if (!Number.isFinite(requested)) return 1;
  return Math.min(Math.max(Math.ceil(requested), 1), QUEUE_LIMITS.maxRetryAfterSeconds);
}
