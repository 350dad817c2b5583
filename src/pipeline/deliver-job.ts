import { jobBodySchema, type JobBody } from '../domain/job-body';
import { describeIssues } from '../domain/settings';
import type { JobOutcome, PushJob, ReceivedJob } from '../ports/job-queue';
import { QUEUE_LIMITS } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { ConfluenceClient } from './confluence/confluence-client';
import { DeliveryLog } from './delivery-log';
import { nextRetry } from '../domain/retry-schedule';
import { deliverToTarget, type TargetDeps, type TargetStep, type TargetWork } from './deliver-to-target';
import { ExpectedError, RetryableError } from './errors';
import { InvocationBudget } from './invocation-budget';
import { LedgerRepo } from './ledger-repo';
import { prepareWork } from './prepare-work';
import { RateState } from './rate-state';
import { recordRejected } from './record-rejected';
import { isReplayStep, replayStepSchema } from './replay';
import { replayStep } from './replay-step';
import { SettingsRepo } from './settings-repo';
import { walkSubtree } from './walk-subtree';
import { spacingFor } from '../targets/create-adapter';

export interface DeliverOptions {
  /** When this invocation must have finished (function timeout minus a margin). */
  deadlineMs: number;
  /** Real milliseconds after which target calls are aborted (before Forge kills the function). */
  abortAfterMs?: number;
  random?: () => number;
  /** Network calls allowed per invocation (Forge: 100; a margin is kept). */
  fetchBudget?: number;
}

/**
 * The consumer: loads settings, fetches the page once, plans per target, and delivers to each
 * target independently (one failing target never blocks the others). Per-target retries become
 * their own delayed jobs; the event's other targets are done once.
 */
export async function deliverJob(
  platform: Platform,
  job: ReceivedJob,
  options: DeliverOptions,
): Promise<JobOutcome> {
  const log = new DeliveryLog(platform.store);
  // "Replay all failed of a target": a walk over the log, not a page event (replay-step.ts).
  if (isReplayStep(job.body)) {
    const step = replayStepSchema.safeParse(job.body);
    if (step.success) await replayStep(platform, step.data);
    else await recordRejected(log, platform.clock.now(), 'malformed replay step', job.body);
    return { kind: 'done' };
  }
  const parsed = jobBodySchema.safeParse(job.body);
  if (!parsed.success) {
    const reason = `malformed job body: ${JSON.stringify(describeIssues(parsed.error))}`;
    await recordRejected(log, platform.clock.now(), reason, job.body);
    return { kind: 'done' };
  }
  const body = parsed.data;
  const budget = new InvocationBudget(options.deadlineMs, () => platform.clock.now(), options.fetchBudget);
  const confluence = new ConfluenceClient(
    budget.wrapConfluence(platform.confluence),
    () => platform.clock.now(),
    budget.wrapHttp(platform.http),
  );
  const settingsRepo = new SettingsRepo(platform.store, platform.log);
  const random = options.random ?? Math.random;
  const timer =
    options.abortAfterMs === undefined
      ? undefined
      : setTimeout(
          () => budget.controller.abort(new Error('function deadline reached')),
          options.abortAfterMs,
        );
  try {
    if (body.subtree) {
      await walkSubtree(platform, confluence, body);
      return { kind: 'done' };
    }
    // A retry or a wait for one target: if it is still not this delivery's turn, wait again
    // without reading the page (no Confluence call, no claim).
    const early = await stillWaiting(platform, settingsRepo, body);
    if (early) {
      await platform.queue.push([retryJob(body, early.targetId, early.step)]);
      return { kind: 'done' };
    }
    const works = await prepareWork({
      platform,
      body,
      confluence,
      settingsRepo,
      log,
      http: budget.wrapHttp(platform.http),
    });
    const deps = {
      ledger: new LedgerRepo(platform.store),
      log,
      rate: new RateState(platform.store),
      settings: settingsRepo,
      now: () => platform.clock.now(),
      random,
      signal: budget.controller.signal,
    };
    const requeue: PushJob[] = [];
    const left: string[] = [];
    for (const [index, work] of works.entries()) {
      // At least one target per invocation, so a continuation always makes progress.
      if (index > 0 && !budget.roomForTarget()) {
        left.push(work.target.id);
        continue;
      }
      const step = await targetStep(work, deps, platform);
      if (step.kind === 'requeue') requeue.push(retryJob(body, work.target.id, step));
    }
    if (left.length > 0) requeue.push({ body: { ...body, targets: left, continuation: true } });
    for (let i = 0; i < requeue.length; i += QUEUE_LIMITS.maxEventsPerPush) {
      await platform.queue.push(requeue.slice(i, i + QUEUE_LIMITS.maxEventsPerPush));
    }
    return { kind: 'done' };
  } catch (error) {
    return failure(platform, log, body, job, error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One target's delivery. An error outside the adapter call (storage throttled, a bug) is kept to
 * this target: logged, and retried as a counted attempt, never as a retry of the whole job.
 */
async function targetStep(work: TargetWork, deps: TargetDeps, platform: Platform): Promise<TargetStep> {
  try {
    return await deliverToTarget(work, deps);
  } catch (error) {
    const reason = `internal error: ${(error as Error).message}`;
    platform.log.error('target delivery failed', {
      pageId: work.item.event.pageId,
      targetId: work.target.id,
      reason,
    });
    const next = nextRetry(
      work.attempt,
      error instanceof RetryableError ? error.retryAfterSeconds : undefined,
      deps.random(),
    );
    if (next.kind === 'exhausted') return { kind: 'done' };
    return { kind: 'requeue', delaySeconds: next.delaySeconds, attempt: work.attempt + 1, waits: 0 };
  }
}

async function stillWaiting(
  platform: Platform,
  settingsRepo: SettingsRepo,
  body: JobBody,
): Promise<{ targetId: string; step: Extract<TargetStep, { kind: 'requeue' }> } | undefined> {
  const targetId = body.targets?.length === 1 ? body.targets[0] : undefined;
  if (!targetId || body.ticketAt === undefined) return undefined;
  const target = (await settingsRepo.load()).targets.find((t) => t.id === targetId);
  if (!target) return undefined;
  const turn = await new RateState(platform.store).turn(
    targetId,
    platform.clock.now(),
    spacingFor(target),
    body.ticketAt,
  );
  if (turn.waitSeconds === 0) return undefined;
  const step = {
    kind: 'requeue' as const,
    delaySeconds: turn.waitSeconds,
    attempt: body.attempt,
    waits: body.waits,
    ticketAt: turn.ticketAt,
  };
  return { targetId, step };
}

function retryJob(body: JobBody, targetId: string, step: Extract<TargetStep, { kind: 'requeue' }>): PushJob {
  return {
    body: {
      v: 1,
      event: body.event,
      targets: [targetId],
      attempt: step.attempt,
      waits: step.waits,
      ticketAt: step.ticketAt,
      trace: body.trace,
    },
    delayInSeconds: Math.min(step.delaySeconds, QUEUE_LIMITS.maxDelaySeconds),
    concurrency: { key: `target-${targetId}`, limit: 1 },
  };
}

/** Confluence or the platform failed before targets could be served: retry the whole job. */
async function failure(
  platform: Platform,
  log: DeliveryLog,
  body: JobBody,
  job: ReceivedJob,
  error: unknown,
): Promise<JobOutcome> {
  const now = platform.clock.now();
  if (error instanceof ExpectedError) {
    await recordRejected(log, now, error.message, body);
    return { kind: 'done' };
  }
  const retryable = error instanceof RetryableError || (error as Error)?.name === 'QueueRateLimitError';
  if (!retryable) throw error;
  const reason = (error as Error).message;
  if (job.retryCount >= QUEUE_LIMITS.maxRetries) {
    await recordRejected(
      log,
      now,
      `gave up after ${job.retryCount + 1} invocations: ${reason}`,
      body,
      'failed',
    );
    return { kind: 'done' };
  }
  platform.log.warn('job will be retried', {
    pageId: body.event.pageId,
    attempt: job.retryCount + 1,
    reason,
  });
  const after = error instanceof RetryableError ? (error.retryAfterSeconds ?? 0) : 60;
  const afterSeconds = Math.max(after, 5 * 2 ** job.retryCount);
  return {
    kind: 'retry',
    afterSeconds,
    reason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
    data: { reason: reason.slice(0, 500) },
  };
}
