import {
  NoEventsToPushError,
  PartialSuccessError,
  PayloadTooBigError,
  Queue,
  RateLimitError,
  TooManyEventsError,
  InvalidPushSettingsError,
} from '@forge/events';
import type { PushEvent } from '@forge/events';
// Not re-exported from the package index in 3.0.8, but thrown by Queue.push (validators.js) when an
// event or its body is not a plain object; this is the same module instance Queue uses.
import { InvalidPayloadError } from '@forge/events/out/errors';
import { QueuePushRejectedError, QueueRateLimitError } from '../../ports/job-queue';
import type { JobQueue, PushJob } from '../../ports/job-queue';

export const RELAY_QUEUE_KEY = 'relay-jobs';

function toPushEvent(job: PushJob): PushEvent {
  return {
    body: job.body,
    ...(job.delayInSeconds !== undefined && { delayInSeconds: job.delayInSeconds }),
    ...(job.concurrency && { concurrency: job.concurrency }),
  };
}

function isPushEvent(value: unknown): value is PushEvent {
  if (typeof value !== 'object' || value === null || !('body' in value)) return false;
  const body = value.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/**
 * The events the queue refused. The .d.ts declares `{errorMessage, event}`, but validators.js in
 * 3.0.8 fills `{errorMessage, payload}` (payload = the pushed event at the failed index): read both.
 */
function failedEventsOf(error: PartialSuccessError): {
  events: PushEvent[];
  messages: string[];
  count: number;
} {
  const events: PushEvent[] = [];
  const messages: string[] = [];
  for (const failed of error.failedEvents) {
    const record: Record<string, unknown> = { ...failed };
    const event = isPushEvent(record.payload) ? record.payload : record.event;
    if (isPushEvent(event)) events.push(event);
    if (typeof failed.errorMessage === 'string') messages.push(failed.errorMessage);
  }
  return { events, messages, count: error.failedEvents.length };
}

function mapPushError(error: unknown): unknown {
  if (error instanceof RateLimitError) return new QueueRateLimitError();
  if (
    error instanceof TooManyEventsError ||
    error instanceof PayloadTooBigError ||
    error instanceof InvalidPayloadError ||
    error instanceof NoEventsToPushError ||
    error instanceof InvalidPushSettingsError
  ) {
    return new QueuePushRejectedError(error.message);
  }
  return error;
}

function rejectedAfterRetry(count: number, total: number, detail: string): QueuePushRejectedError {
  return new QueuePushRejectedError(
    `${count} of ${total} job(s) were not accepted by the queue after one re-push${detail ? `: ${detail}` : ''}`,
  );
}

/**
 * The JobQueue port over the @forge/events queue `relay-jobs`. Errors: RateLimitError becomes
 * QueueRateLimitError; client-side validation errors become QueuePushRejectedError (same message);
 * a PartialSuccessError re-pushes the refused events once and, if they are refused again (or cannot
 * be identified), rejects with QueuePushRejectedError naming how many failed. Anything else
 * (InternalServerError, InvocationLimitReachedError, …) is rethrown unchanged.
 */
export class ForgeJobQueue implements JobQueue {
  private readonly queue = new Queue({ key: RELAY_QUEUE_KEY });

  async push(jobs: PushJob[]): Promise<void> {
    try {
      await this.queue.push(jobs.map(toPushEvent));
    } catch (error) {
      if (!(error instanceof PartialSuccessError)) throw mapPushError(error);
      await this.pushFailedOnce(error, jobs.length);
    }
  }

  private async pushFailedOnce(partial: PartialSuccessError, total: number): Promise<void> {
    const failed = failedEventsOf(partial);
    if (failed.events.length < failed.count || failed.count === 0) {
      const detail = failed.messages.join('; ') || partial.message;
      throw new QueuePushRejectedError(
        `${failed.count || 'some'} of ${total} job(s) were not accepted: ${detail}`,
      );
    }
    try {
      await this.queue.push(failed.events);
    } catch (error) {
      if (error instanceof PartialSuccessError) {
        const again = failedEventsOf(error);
        throw rejectedAfterRetry(
          again.count || failed.count,
          total,
          again.messages.join('; ') || error.message,
        );
      }
      if (error instanceof RateLimitError) {
        throw new QueueRateLimitError(
          `Queue rate limit hit while re-pushing ${failed.count} of ${total} job(s)`,
        );
      }
      throw mapPushError(error);
    }
  }
}
