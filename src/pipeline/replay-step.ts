import { QUEUE_LIMITS, type PushJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { queryActivity } from './activity-query';
import { LedgerRepo } from './ledger-repo';
import { replayable, replayJob, type ReplayStep } from './replay';
import { ReplayProgressRepo } from './replay-progress';

/** Log entries read per step: their pages and the next step fit in one push of 50. */
export const REPLAY_CHUNK = QUEUE_LIMITS.maxEventsPerPush - 1;
/** At most 49 pages every 15 s (under 200 a minute), leaving the queue's 500 a minute for events. */
const STEP_DELAY_SECONDS = 15;

/**
 * One step of "replay all failed of a target": reads the next chunk of the target's failures from
 * the log (newest first, only those logged before the request), queues each page once — unless its
 * ledger row shows it was delivered since — and queues the next step with a delay. A page whose
 * failures lie more than a step apart may be queued twice; the second finds it delivered (a skip).
 * Returns the number of pages queued.
 */
export async function replayStep(platform: Platform, step: ReplayStep): Promise<number> {
  const { targetId, cursor, spaceKey, requestedAt } = step.replay;
  const progressRepo = new ReplayProgressRepo(platform.store);
  const progress = await progressRepo.get(targetId, spaceKey);
  if (progress && requestedAt !== undefined && progress.requestedAt !== requestedAt) {
    platform.log.info('replay step superseded by a newer request', { targetId });
    return 0;
  }
  const page = await queryActivity(
    platform.store,
    { targetId, status: 'failed', ...(spaceKey !== undefined && { spaceKey }) },
    REPLAY_CHUNK,
    cursor,
  );
  const ledger = new LedgerRepo(platform.store);
  const now = platform.clock.now();
  const jobs: PushJob[] = [];
  const pages = new Set<string>(step.replay.queued);
  const queued: string[] = [];
  for (const entry of page.entries) {
    // A page's or a comment's failures are replayed once: the replay delivers what is missing now.
    if (!replayable(entry) || pages.has(entry.contentId)) continue;
    pages.add(entry.contentId);
    const row = await ledger.get(entry.contentId, targetId);
    const recovered = row?.status === 'synced' && !row.lastError && row.version >= entry.version;
    if (recovered) continue;
    jobs.push(replayJob(entry, now));
    queued.push(entry.contentId);
  }
  if (page.nextCursor) {
    jobs.push({
      body: { ...step, replay: { ...step.replay, cursor: page.nextCursor, queued } },
      delayInSeconds: STEP_DELAY_SECONDS,
    });
  }
  if (jobs.length > 0) await platform.queue.push(jobs);
  if (progress) {
    await progressRepo.save({
      ...progress,
      queued: progress.queued + queued.length,
      steps: progress.steps + 1,
      done: !page.nextCursor,
    });
  }
  platform.log.info('replay step queued', { targetId, pages: jobs.length, more: Boolean(page.nextCursor) });
  return queued.length;
}
