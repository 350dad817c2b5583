import type { JobBody } from '../domain/job-body';
import { REEVALUATED, type RelayEvent } from '../domain/relay-event';
import { QUEUE_LIMITS, type PushJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import type { ConfluenceClient } from './confluence/confluence-client';

/** Pages read per subtree step (the CQL page size), and the pause between steps. */
export const SUBTREE_CHUNK = 100;
/** 100 jobs per step every 30 s: 200 a minute, leaving room under 500 for everything else. */
const STEP_DELAY_SECONDS = 30;

/**
 * Confluence emits no events for the pages below one whose restrictions changed or that moved:
 * each is re-evaluated through the queue, 100 pages per step read from a CQL cursor, the next step
 * queued with a delay so a large tree stays under the 500-events-a-minute queue limit.
 */
export async function walkSubtree(
  platform: Platform,
  confluence: ConfluenceClient,
  body: JobBody,
): Promise<number> {
  const root = body.event.pageId;
  const page = await confluence.descendants(root, SUBTREE_CHUNK, body.subtree?.cursor);
  const jobs: PushJob[] = page.ids.map((pageId) => ({
    body: { v: 1, event: reevaluate(body.event, pageId), trace: body.trace },
  }));
  if (page.nextCursor) {
    jobs.push({
      body: { ...body, subtree: { cursor: page.nextCursor } },
      delayInSeconds: STEP_DELAY_SECONDS,
    });
  }
  for (let i = 0; i < jobs.length; i += QUEUE_LIMITS.maxEventsPerPush) {
    await platform.queue.push(jobs.slice(i, i + QUEUE_LIMITS.maxEventsPerPush));
  }
  platform.log.info('subtree step queued', {
    pageId: root,
    pages: page.ids.length,
    more: Boolean(page.nextCursor),
  });
  return page.ids.length;
}

function reevaluate(cause: RelayEvent, pageId: string): RelayEvent {
  return {
    kind: 'page',
    action: REEVALUATED,
    pageId,
    actorId: cause.actorId,
    at: cause.at,
    minorEdit: false,
    suppressNotifications: true,
  };
}
