import { REEVALUATED, type RelayEvent } from '../domain/relay-event';
import { QUEUE_LIMITS, type JobQueue, type PushJob } from '../ports/job-queue';
import type { FoundPage } from './confluence/confluence-client';
import type { SweepStep } from './sweep';

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

/**
 * A change the reconcile found whose product event was lost, queued as that event would have been:
 * `updated` (`created` at version 1), telling people as the event would have (Bitrix24 tasks and
 * chats hear of it; the ledger and the sent-message keys stop a second telling). Whether the edit
 * was minor is not in the search results: the consumer's fetched version decides (a target reads
 * `page.version.minorEdit`), so the event says false for both flags. UNVERIFIED: whether the lost
 * event had notifications suppressed cannot be learnt afterwards; it is taken as not.
 */
export function missedChangeJob(
  pageId: string,
  cause: { spaceKey: string; version?: number; at?: string },
  trace: string,
): PushJob {
  const event: RelayEvent = {
    kind: 'page',
    action: cause.version === 1 ? 'created' : 'updated',
    pageId,
    spaceKey: cause.spaceKey,
    ...(cause.version !== undefined && { version: cause.version }),
    ...(cause.at !== undefined && { at: cause.at }),
    minorEdit: false,
    suppressNotifications: false,
  };
  return { body: { v: 1, event, trace } };
}

/**
 * What a page found is queued as: for a backfill, a re-evaluation that tells no one (the pages were
 * told of when they changed, or predate the mapping); for the reconcile, the missed change itself.
 */
export function sweptPageJob(step: SweepStep['sweep'], page: FoundPage, trace: string): PushJob {
  const cause = { spaceKey: step.spaceKey, ...(page.version !== undefined && { version: page.version }) };
  if (step.kind === 'backfill') return reevaluationJob(page.id, cause, trace);
  const at = page.modifiedAt === undefined ? undefined : new Date(page.modifiedAt).toISOString();
  return missedChangeJob(page.id, { ...cause, ...(at !== undefined && { at }) }, trace);
}

/** Pushes the jobs, 50 to a push (the queue's limit per call). */
export async function pushAll(queue: JobQueue, jobs: readonly PushJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += QUEUE_LIMITS.maxEventsPerPush) {
    await queue.push(jobs.slice(i, i + QUEUE_LIMITS.maxEventsPerPush));
  }
}
