import { targetsForSpace } from '../domain/selection';
import { sweepCql } from '../domain/sweep-query';
import type { JobOutcome, PushJob, ReceivedJob } from '../ports/job-queue';
import { QUEUE_LIMITS } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { ConfluenceClient, type FoundPage } from './confluence/confluence-client';
import { DeliveryLog } from './delivery-log';
import { ExpectedError, RetryableError } from './errors';
import { recordRejected } from './record-rejected';
import { pushAll, sweptPageJob } from './reevaluation-job';
import { SettingsRepo } from './settings-repo';
import { claimSweepEvents } from './sweep-budget';
import { alreadyHandled } from './sweep-filter';
import { sweepStepJob, sweepStepSchema, type SweepStep } from './sweep';
import { advanceProgress, SweepProgressRepo, type SweepProgress } from './sweep-progress';

/** Pages read per step (one CQL batch). */
export const SWEEP_CHUNK = 100;
/** The pause before a sweep's next step (the shared event budget paces all sweeps together). */
const STEP_DELAY_SECONDS = 30;

export type StepResult =
  | { kind: 'stale'; reason: string }
  | { kind: 'waiting'; seconds: number }
  | { kind: 'stepped'; queued: number; skipped: number; done: boolean };

/**
 * One step of a sweep: reads the next 100 pages of the space from the stored cursor (newest change
 * first; the walk ends at a batch wholly older than the sweep's instant), queues each
 * page whose version some target lacks as a re-evaluation, queues the next step with a delay, and
 * only then stores the new cursor and counts. A crash before that store repeats the step (its pages
 * again: the ledger makes that harmless; its successor again: the second finds the step done).
 */
export async function runSweepStep(
  platform: Platform,
  confluence: ConfluenceClient,
  step: SweepStep['sweep'],
  random: () => number,
): Promise<StepResult> {
  const repo = new SweepProgressRepo(platform.store);
  const progress = await repo.get(step.kind, step.spaceKey);
  const stale =
    staleReason(progress, step) ?? ((await repo.isCancelled(step.runId)) ? 'cancelled' : undefined);
  if (stale !== undefined || progress === undefined) {
    platform.log.info('sweep step skipped', { spaceKey: step.spaceKey, step: step.step, reason: stale });
    // A step running while Cancel was pressed saved its counts over the cancelled progress: the
    // sweep ends here, or it would look running (and block a new backfill) until it expires.
    if (stale === 'cancelled' && progress !== undefined && !progress.done)
      await repo.save({ ...progress, done: true, cancelled: true, finishedAt: platform.clock.now() });
    return { kind: 'stale', reason: stale ?? 'no such sweep' };
  }
  const settings = await new SettingsRepo(platform.store, platform.log).load();
  // Disabled targets take nothing: they neither keep a page in the sweep nor let one out.
  const enabled = new Set(settings.targets.filter((t) => t.enabled).map((t) => t.id));
  const targets = targetsForSpace(step.spaceKey, settings).filter((id) => enabled.has(id));
  if (targets.length === 0) {
    const error = `No target takes pages of space ${step.spaceKey} any more.`;
    await repo.save({ ...progress, done: true, error, finishedAt: platform.clock.now() });
    return { kind: 'stale', reason: error };
  }
  const batch = await confluence.searchPages(
    sweepCql(step.spaceKey, progress.since),
    SWEEP_CHUNK,
    progress.cursor,
  );
  const since = progress.since ?? -Infinity;
  const found = batch.pages.filter((p) => (p.modifiedAt ?? Infinity) >= since);
  // Newest first, the pages after a whole batch older than `since` are older still. Not after the
  // first older page: that would hold only if CQL's lastmodified were the version date the search
  // returns (UNVERIFIED: a comment, label or status change may move a page in that order without a
  // new version), so one out-of-place page must not end the walk.
  const reachedEnd =
    batch.pages.length > 0 && batch.pages.every((p) => p.modifiedAt !== undefined && p.modifiedAt < since);
  // The pages to check take their places in the budget before any is read: each may become a job,
  // and checking one costs a ledger read or two, so the budget paces all sweeps' reads too.
  const wait = await claimSweepEvents(platform, found.length, random);
  if (wait > 0) {
    // No room this minute: the same step comes back later (reading its batch again), nothing stored.
    await platform.queue.push([
      sweepStepJob(progress, step.step, Math.min(wait, QUEUE_LIMITS.maxDelaySeconds)),
    ]);
    return { kind: 'waiting', seconds: wait };
  }
  const queued: FoundPage[] = [];
  const now = platform.clock.now();
  for (const page of found) {
    const version = page.version;
    const trustLog = step.kind === 'reconcile';
    const handled =
      version !== undefined &&
      (await alreadyHandled(platform.store, { id: page.id, version }, targets, trustLog, now));
    if (!handled) queued.push(page);
  }
  const trace = `${step.kind}@${new Date(progress.startedAt).toISOString()}`;
  const jobs: PushJob[] = queued.map((p) => sweptPageJob(step, p, trace));
  const more = batch.nextCursor !== undefined && !reachedEnd;
  if (more) jobs.push(sweepStepJob(progress, step.step + 1, STEP_DELAY_SECONDS));
  await pushAll(platform.queue, jobs);
  const next = advanceProgress(
    { ...progress, steps: step.step },
    batch.nextCursor,
    found.length,
    queued.length,
    platform.clock.now(),
    more,
  );
  await repo.save(next);
  platform.log.info('sweep step queued', {
    spaceKey: step.spaceKey,
    kind: step.kind,
    step: step.step,
    found: found.length,
    queued: queued.length,
    skipped: found.length - queued.length,
    more,
  });
  return { kind: 'stepped', queued: queued.length, skipped: found.length - queued.length, done: !more };
}

function staleReason(progress: SweepProgress | undefined, step: SweepStep['sweep']): string | undefined {
  if (progress === undefined) return 'no such sweep';
  if (progress.runId !== step.runId) return 'superseded by a newer run';
  if (progress.done) return progress.cancelled ? 'cancelled' : 'already finished';
  // A step ahead of the progress follows one whose save was lost after it queued its successor: it
  // runs from the stored cursor (that batch again: the ledger makes it harmless).
  if (step.step < progress.steps) return `step ${step.step} was done already`;
  return undefined;
}

/**
 * The queue job of a step. Confluence refusing the search (a 4xx) ends the sweep with the reason
 * shown in its progress; a 429 or 5xx is retried by the queue (Retry-After honoured), and once the
 * retries are spent the sweep ends the same way: nothing waits forever.
 */
export async function sweepJob(
  platform: Platform,
  job: ReceivedJob,
  random: () => number,
): Promise<JobOutcome> {
  const parsed = sweepStepSchema.safeParse(job.body);
  if (!parsed.success) {
    await recordRejected(
      new DeliveryLog(platform.store),
      platform.clock.now(),
      'malformed sweep step',
      job.body,
    );
    return { kind: 'done' };
  }
  const step = parsed.data.sweep;
  const confluence = new ConfluenceClient(platform.confluence, () => platform.clock.now(), platform.http);
  try {
    await runSweepStep(platform, confluence, step, random);
    return { kind: 'done' };
  } catch (error) {
    const retryable = error instanceof RetryableError;
    if (!retryable && !(error instanceof ExpectedError)) throw error;
    const reason = (error as Error).message;
    if (retryable && job.retryCount < QUEUE_LIMITS.maxRetries) {
      const afterSeconds = Math.max(error.retryAfterSeconds ?? 0, 30 * 2 ** job.retryCount);
      return {
        kind: 'retry',
        afterSeconds,
        reason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
        data: { reason: reason.slice(0, 500) },
      };
    }
    await stop(platform, step, reason);
    return { kind: 'done' };
  }
}

async function stop(platform: Platform, step: SweepStep['sweep'], reason: string): Promise<void> {
  const repo = new SweepProgressRepo(platform.store);
  const progress = await repo.get(step.kind, step.spaceKey);
  platform.log.warn('sweep stopped', {
    spaceKey: step.spaceKey,
    kind: step.kind,
    reason: reason.slice(0, 200),
  });
  if (progress && progress.runId === step.runId && !progress.done)
    await repo.save({
      ...progress,
      done: true,
      error: reason.slice(0, 300),
      incomplete: true,
      finishedAt: platform.clock.now(),
    });
}
