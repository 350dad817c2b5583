import type { JobBody } from '../domain/job-body';
import { nextRetry } from '../domain/retry-schedule';
import type { JobOutcome, PushJob, ReceivedJob } from '../ports/job-queue';
import { QUEUE_LIMITS } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { ConfluenceClient } from './confluence/confluence-client';
import { DeliveryLog } from './delivery-log';
import { deliverToTarget, type TargetDeps, type TargetStep, type TargetWork } from './deliver-to-target';
import { ExpectedError, RetryableError } from './errors';
import type { InvocationBudget } from './invocation-budget';
import { LedgerRepo } from './ledger-repo';
import { prepareWork } from './prepare-work';
import { RateState } from './rate-state';
import { recordRejected } from './record-rejected';
import { SettingsRepo } from './settings-repo';
import { walkSubtree } from './walk-subtree';
import { spacingFor } from '../targets/create-adapter';
import { WaitingLine } from './waiting-line';

/*
 * One page event's delivery within an invocation: fetch once, plan per target, deliver to each on its
 * own, and push what must come later (retries, continuations, deliveries parked in a waiting line).
 * Used by the consumer (deliver-job.ts) and by the drains of the waiting lines (drain-job.ts).
 */

export interface DeliverOptions {
  /** When this invocation must have finished (function timeout minus a margin). */
  deadlineMs: number;
  /** Real milliseconds after which target calls are aborted (before Forge kills the function). */
  abortAfterMs?: number;
  random?: () => number;
  /** Network calls allowed per invocation (Forge: 100; a margin is kept). */
  fetchBudget?: number;
}

export function abortTimer(budget: InvocationBudget, options: DeliverOptions): NodeJS.Timeout | undefined {
  return options.abortAfterMs === undefined
    ? undefined
    : setTimeout(() => budget.controller.abort(new Error('function deadline reached')), options.abortAfterMs);
}

/** One job's work within an invocation's budget (a queue job, or a delivery parked in a line). */
export async function deliverBody(
  platform: Platform,
  body: JobBody,
  job: ReceivedJob,
  budget: InvocationBudget,
  random: () => number,
): Promise<JobOutcome> {
  const log = new DeliveryLog(platform.store);
  const confluence = new ConfluenceClient(
    budget.wrapConfluence(platform.confluence),
    () => platform.clock.now(),
    budget.wrapHttp(platform.http),
  );
  const settingsRepo = new SettingsRepo(platform.store, platform.log);
  try {
    if (body.subtree) {
      await walkSubtree(platform, confluence, body);
      return { kind: 'done' };
    }
    // A retry or a wait for one target: if it is still not this delivery's turn, wait again
    // without reading the page (no Confluence call, no claim).
    const early = await stillWaiting(platform, settingsRepo, body);
    if (early) {
      await sendOn(platform, [retryJob(body, early.targetId, early.step)]);
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
    await sendOn(platform, requeue);
    return { kind: 'done' };
  } catch (error) {
    return failure(platform, log, body, job, error);
  }
}

/**
 * Jobs for later: a delivery waiting for its turn at a rate-limited target joins that target's
 * waiting line (no queue event of its own); everything else is pushed, 50 to a push.
 */
async function sendOn(platform: Platform, jobs: PushJob[]): Promise<void> {
  const pushed: PushJob[] = [];
  for (const job of jobs) {
    const body = job.body as JobBody;
    const targetId = body.targets?.length === 1 ? body.targets[0] : undefined;
    if (targetId !== undefined && body.ticketAt !== undefined) {
      const due = Math.max(body.ticketAt, platform.clock.now() + (job.delayInSeconds ?? 0) * 1000 - 999);
      await new WaitingLine(platform, targetId).park(job, due);
    } else pushed.push(job);
  }
  for (let i = 0; i < pushed.length; i += QUEUE_LIMITS.maxEventsPerPush) {
    await platform.queue.push(pushed.slice(i, i + QUEUE_LIMITS.maxEventsPerPush));
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
