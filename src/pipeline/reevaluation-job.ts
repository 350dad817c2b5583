import { REEVALUATED, type RelayEvent } from '../domain/relay-event';
import { QUEUE_LIMITS, type JobQueue, type PushJob } from '../ports/job-queue';

/** What a re-evaluation inherits from whatever caused it. */
export interface ReevaluationCause {
  actorId?: string;
  at?: string;
  spaceKey?: string;
  /** The version the caller saw (the consumer reads the current one anyway). */
  version?: number;
}

/**
 * A page re-evaluated through the normal pipeline: the consumer fetches it, decides per target and
 * delivers what a target lacks (the ledger skips what it already has). It tells no one (Bitrix24
 * chats and tasks hear nothing), like a minor edit.
 */
export function reevaluationJob(
  pageId: string,
  cause: ReevaluationCause,
  trace: string | undefined,
): PushJob {
  const event: RelayEvent = {
    kind: 'page',
    action: REEVALUATED,
    pageId,
    ...(cause.spaceKey !== undefined && { spaceKey: cause.spaceKey }),
    ...(cause.version !== undefined && { version: cause.version }),
    ...(cause.actorId !== undefined && { actorId: cause.actorId }),
    ...(cause.at !== undefined && { at: cause.at }),
    minorEdit: false,
    suppressNotifications: true,
  };
  return { body: { v: 1, event, ...(trace !== undefined && { trace }) } };
}

/** Pushes the jobs, 50 to a push (the queue's limit per call). */
export async function pushAll(queue: JobQueue, jobs: readonly PushJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += QUEUE_LIMITS.maxEventsPerPush) {
    await queue.push(jobs.slice(i, i + QUEUE_LIMITS.maxEventsPerPush));
  }
}
