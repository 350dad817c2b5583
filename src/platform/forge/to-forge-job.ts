import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { AsyncEvent } from '@forge/events';
import { QUEUE_LIMITS } from '../../ports/job-queue';
import type { JobOutcome, ReceivedJob } from '../../ports/job-queue';
import { fitRetryData } from './fit-retry-data';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unreachable(value: never): never {
  throw new Error(`Unsupported job outcome: ${JSON.stringify(value)}`);
}

/** Whole seconds in 1..900 (Forge's MIN_RETRY_AFTER and maximum); NaN asks for the minimum. */
export function clampRetryAfter(seconds: number): number {
  if (Number.isNaN(seconds)) return 1;
  return Math.min(QUEUE_LIMITS.maxRetryAfterSeconds, Math.max(1, Math.ceil(seconds)));
}

/** The port's view of a delivered Forge queue event. */
export function toReceivedJob(event: AsyncEvent): ReceivedJob {
  const retryData: unknown = event.retryContext?.retryData;
  return {
    body: event.body,
    jobId: event.jobId,
    eventId: event.eventId,
    retryCount: event.retryContext?.retryCount ?? 0,
    ...(isPlainObject(retryData) && { retryData }),
  };
}

/**
 * What the Forge consumer returns for an outcome: nothing when done, an InvocationError (returned,
 * not thrown) to ask for a redelivery. retryData is always an object (the runtime is reported to
 * fail on `undefined` for long-running functions) and is trimmed to fit Forge's 4 KB.
 * Note: `new InvocationError(...)` returns its plain JSON form `{_retry: true, retryOptions}`.
 */
export function toInvocationResult(outcome: JobOutcome): InvocationError | undefined {
  switch (outcome.kind) {
    case 'done':
      return undefined;
    case 'retry':
      return new InvocationError({
        retryAfter: clampRetryAfter(outcome.afterSeconds),
        retryReason: InvocationErrorCode[outcome.reason],
        retryData: fitRetryData(isPlainObject(outcome.data) ? outcome.data : {}),
      });
    default:
      return unreachable(outcome);
  }
}
