import { z } from 'zod';
import type { DeliveryRecord } from '../domain/delivery-record';
import { COMMENT_ACTIONS, PAGE_ACTIONS, REEVALUATED, type RelayEvent } from '../domain/relay-event';
import { ENTITIES } from '../domain/storage-layout';
import type { PushJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { encodePosition } from './activity-query';
import { ReplayProgressRepo } from './replay-progress';

/**
 * "Replay all failed of a target" as one queue job that walks the log from a cursor: each step
 * reads a chunk of failed entries and queues their pages in a single push (replay-step.ts).
 */
export const replayStepSchema = z.object({
  v: z.literal(1),
  replay: z.object({
    targetId: z.string().min(1),
    /** Keyset cursor into the log (activity-query.ts); the first step starts at the request time. */
    cursor: z.string(),
    /** Space settings replay only their space. */
    spaceKey: z.string().optional(),
    /** When the walk was asked for: a newer request for the same target and scope stops this one. */
    requestedAt: z.number().optional(),
    /** Pages the previous step queued: a page's failures often straddle two steps. */
    queued: z.array(z.string()).max(50).optional(),
    requestedBy: z.string().optional(),
  }),
});

export type ReplayStep = z.infer<typeof replayStepSchema>;

export function isReplayStep(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'replay' in body;
}

export type ReplayAnswer = { queued: number; note: string } | { error: string };

const pageAction = z.enum([...PAGE_ACTIONS, REEVALUATED]);
const commentAction = z.enum(COMMENT_ACTIONS);

type Replayed = Pick<
  DeliveryRecord,
  'pageId' | 'spaceKey' | 'targetId' | 'event' | 'trace' | 'contentId' | 'location'
>;

/** The comment event a logged comment delivery stems from, when the log tells enough to read it again. */
function commentEvent(record: Replayed, at: string): RelayEvent | undefined {
  const action = commentAction.safeParse(/^comment\.(\w+)$/.exec(record.event)?.[1]);
  if (!action.success || record.location === undefined || !/^\d+$/.test(record.contentId)) return undefined;
  return {
    kind: 'comment',
    action: action.data,
    pageId: record.pageId,
    ...(record.spaceKey !== '-' && { spaceKey: record.spaceKey }),
    commentId: record.contentId,
    location: record.location,
    at,
    minorEdit: false,
    // It failed to tell those it should have (Bitrix24's tasks and chats): they are told now.
    suppressNotifications: false,
  };
}

/**
 * A page delivery is replayed as the same page event for that target only: the consumer reads the
 * page as it is now, plans it again and delivers what the target lacks. For an unchanged page the
 * delivery id and the body are those of the failed attempts (a failure leaves the ledger's digest
 * alone; the event's time comes from the trace the trigger wrote), so a receiver that saw a failed
 * attempt recognises the replay. Other events (labels) replay as a re-evaluation of the page.
 */
export function replayJob(record: Replayed, now: number): PushJob {
  const action = pageAction.safeParse(/^page\.(\w+)$/.exec(record.event)?.[1]);
  const at = /@(\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(record.trace ?? '')?.[1];
  const replayed = action.success ? action.data : REEVALUATED;
  const event: RelayEvent = commentEvent(record, at ?? new Date(now).toISOString()) ?? {
    kind: 'page',
    action: replayed,
    pageId: record.pageId,
    ...(record.spaceKey !== '-' && { spaceKey: record.spaceKey }),
    at: at ?? new Date(now).toISOString(),
    minorEdit: false,
    // The replayed event is the one that failed: those it should have told (Bitrix24's tasks and
    // chats) are told now. A delivery that was meant to tell no one never failed for it (the
    // adapter records it as delivered), and messages an earlier attempt sent are not sent again.
    suppressNotifications: replayed === REEVALUATED,
  };
  return {
    body: { v: 1, event, targets: [record.targetId], trace: `replay@${new Date(now).toISOString()}` },
    concurrency: { key: `target-${record.targetId}`, limit: 1 },
  };
}

/** "Push now" from a page's byline: the page re-evaluated for every target, at once. */
export function pushNowJob(pageId: string, actorId: string | undefined, now: number): PushJob {
  const at = new Date(now).toISOString();
  const event: RelayEvent = {
    kind: 'page',
    action: REEVALUATED,
    pageId,
    ...(actorId !== undefined && { actorId }),
    at,
    minorEdit: false,
    suppressNotifications: true,
  };
  return { body: { v: 1, event, trace: `push-now@${at}` } };
}

/**
 * Whether a log entry can be replayed: a failed delivery of a page to a target, or of a comment
 * logged with where it is (entries logged before comments recorded it cannot be).
 */
export function replayable(record: DeliveryRecord): boolean {
  if (record.status !== 'failed' || record.targetId === '-' || !/^\d+$/.test(record.pageId)) return false;
  return record.contentId === record.pageId || commentEvent(record, '') !== undefined;
}

/** Replays one logged failure; `spaceKey` limits it to that space (space settings). */
export async function replayOne(platform: Platform, key: string, spaceKey?: string): Promise<ReplayAnswer> {
  const record = await platform.store.getEntity<DeliveryRecord>(ENTITIES.delivery.name, key);
  if (!record || (spaceKey !== undefined && record.spaceKey !== spaceKey))
    return { error: 'No such delivery in the log (it may have expired).' };
  if (!replayable(record)) return { error: 'Only failed deliveries of a page or a comment can be replayed.' };
  await platform.queue.push([replayJob(record, platform.clock.now())]);
  const what =
    record.contentId === record.pageId
      ? `Page ${record.pageId}`
      : `Comment ${record.contentId} on page ${record.pageId}`;
  return { queued: 1, note: `${what} queued again for ${record.targetId}.` };
}

/** Queues the walk over the target's failures logged up to now; returns at once. */
export async function replayAllFailed(
  platform: Platform,
  targetId: string,
  options: { spaceKey?: string; requestedBy?: string } = {},
): Promise<ReplayAnswer> {
  const now = platform.clock.now();
  const step: ReplayStep = {
    v: 1,
    replay: {
      targetId,
      cursor: encodePosition({ at: now, seen: [] }),
      requestedAt: now,
      ...(options.spaceKey !== undefined && { spaceKey: options.spaceKey }),
      ...(options.requestedBy !== undefined && { requestedBy: options.requestedBy }),
    },
  };
  const progress = new ReplayProgressRepo(platform.store);
  await progress.save({
    targetId,
    spaceKey: options.spaceKey,
    requestedAt: now,
    queued: 0,
    steps: 0,
    done: false,
  });
  await platform.queue.push([{ body: step }]);
  return { queued: 1, note: `The failed deliveries of ${targetId} are being queued again.` };
}
