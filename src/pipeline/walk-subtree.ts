import type { JobBody } from '../domain/job-body';
import type { PushJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import type { ConfluenceClient } from './confluence/confluence-client';
import { pushAll, reevaluationJob } from './reevaluation-job';

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
  const { actorId, at } = body.event;
  const jobs: PushJob[] = page.ids.map((pageId) => reevaluationJob(pageId, { actorId, at }, body.trace));
  if (page.nextCursor) {
    jobs.push({
      body: { ...body, subtree: { cursor: page.nextCursor } },
      delayInSeconds: STEP_DELAY_SECONDS,
    });
  }
  await pushAll(platform.queue, jobs);
  platform.log.info('subtree step queued', {
    pageId: root,
    pages: page.ids.length,
    more: Boolean(page.nextCursor),
  });
  return page.ids.length;
}
