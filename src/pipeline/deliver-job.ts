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
import { continueReconcile, isReconcileStep, reconcileStepSchema } from './reconcile-chain';
import { recordRejected } from './record-rejected';
import { isReplayStep, replayStepSchema } from './replay';
import { replayStep } from './replay-step';
import { SettingsRepo } from './settings-repo';
import { isPurgeStep, purgeStep, purgeStepSchema } from './target-purge';
import { isSweepStep } from './sweep';
import { sweepJob } from './sweep-step';
import { walkSubtree } from './walk-subtree';
import { drainWorkersFor, spacingFor } from '../targets/create-adapter';
import { drainStepSchema, isDrainStep, WaitingLine, type DrainStep, type Parked } from './waiting-line';

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
  // A removed target's stored state, cleared step by step (target-purge.ts).
  if (isPurgeStep(job.body)) {
    const step = purgeStepSchema.safeParse(job.body);
    if (step.success) await purgeStep(platform, step.data.purge);
    else await recordRejected(log, platform.clock.now(), 'malformed purge step', job.body);
    return { kind: 'done' };
  }
  // A page sweep of a space (backfill or reconcile), one step per job (sweep-step.ts).
  if (isSweepStep(job.body)) return sweepJob(platform, job, options.random ?? Math.random);
  // The hourly reconcile starting its sweeps, a batch of spaces a minute (reconcile-chain.ts).
  if (isReconcileStep(job.body)) {
    const step = reconcileStepSchema.safeParse(job.body);
    if (step.success)
      await continueReconcile(platform, step.data.reconcile.runAt, options.random ?? Math.random);
    else await recordRejected(log, platform.clock.now(), 'malformed reconcile step', job.body);
    return { kind: 'done' };
  }
  if (isDrainStep(job.body)) {
    const step = drainStepSchema.safeParse(job.body);
    if (!step.success) {
      await recordRejected(log, platform.clock.now(), 'malformed drain step', job.body);
      return { kind: 'done' };
    }
    return drain(platform, job, step.data.drain, options);
  }
  const parsed = jobBodySchema.safeParse(job.body);
  if (!parsed.success) {
    const reason = `malformed job body: ${JSON.stringify(describeIssues(parsed.error))}`;
    await recordRejected(log, platform.clock.now(), reason, job.body);
    return { kind: 'done' };
  }
  const budget = new InvocationBudget(options.deadlineMs, () => platform.clock.now(), options.fetchBudget);
  const timer = abortTimer(budget, options);
  try {
    return await deliverBody(platform, parsed.data, job, budget, options.random ?? Math.random);
  } finally {
    clearTimeout(timer);
  }
}

function abortTimer(budget: InvocationBudget, options: DeliverOptions): NodeJS.Timeout | undefined {
  return options.abortAfterMs === undefined
    ? undefined
    : setTimeout(() => budget.controller.abort(new Error('function deadline reached')), options.abortAfterMs);
}

/** One job's work within an invocation's budget (a queue job, or a delivery parked in a line). */
async function deliverBody(
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
 * The drain job of a target's waiting line: delivers the parked deliveries in turn order (a few at
 * once where the target kind allows, drainWorkersFor), each as soon as the target may be called
 * (its pause waited for here when it ends within LOOKAHEAD_MS; the adapter paces the calls
 * themselves), while the invocation's calls and time last; then pushes itself for the rest. A turn
 * is a place in the line, not a time: a delivery whose turn is later goes now when the target has
 * room. A parked delivery that fails before reaching the target waits out a back-off, up to Forge's
 * retry count, as its own job would have been retried.
 */
async function drainLine(
  platform: Platform,
  drain: DrainStep['drain'],
  budget: InvocationBudget,
  random: () => number,
): Promise<void> {
  const line = new WaitingLine(platform, drain.targetId);
  const target = (await new SettingsRepo(platform.store, platform.log).load()).targets.find(
    (t) => t.id === drain.targetId,
  );
  const workers = target ? drainWorkersFor(target) : 1;
  for (let parked = await line.list(); parked.length > 0; parked = await line.list()) {
    let next = 0;
    let delivered = 0;
    let inFlight = 0;
    let stop = false;
    // A few deliveries at once: each spends most of its time reading the page and storage, and
    // one at a time would set a slower pace than the target's own; the adapter keeps its limit.
    const worker = async (): Promise<void> => {
      while (!stop && next < parked.length) {
        const item = parked[next++]!;
        const now = platform.clock.now();
        if ((item.notBefore ?? 0) > now) continue;
        const readyAt = await line.readyAt();
        if (readyAt > now + LOOKAHEAD_MS || !budget.roomForDelivery(inFlight)) {
          stop = true;
          return;
        }
        inFlight++;
        try {
          if (readyAt > now) await platform.clock.sleep(readyAt - now, budget.controller.signal);
          await deliverParked(platform, line, item, budget, random);
        } finally {
          inFlight--;
        }
        delivered++;
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    if (stop || delivered === 0) break;
  }
  return line.reschedule(drain.id);
}

/**
 * A drain job. Storage or the queue failing under it asks Forge for a redelivery (which needs no
 * push, unlike pushing a new drain); once the retries are used up the drain lets go of the line's
 * mark, so that the next park or the sweep starts a new one: parked deliveries are never stranded.
 */
async function drain(
  platform: Platform,
  job: ReceivedJob,
  step: DrainStep['drain'],
  options: DeliverOptions,
): Promise<JobOutcome> {
  const budget = new InvocationBudget(options.deadlineMs, () => platform.clock.now(), options.fetchBudget);
  const timer = abortTimer(budget, options);
  try {
    await drainLine(platform, step, budget, options.random ?? Math.random);
    return { kind: 'done' };
  } catch (error) {
    const reason = (error as Error).message;
    platform.log.warn('drain failed', { targetId: step.targetId, attempt: job.retryCount + 1, reason });
    if (job.retryCount < QUEUE_LIMITS.maxRetries)
      return {
        kind: 'retry',
        afterSeconds: 60,
        reason: 'FUNCTION_RETRY_REQUEST',
        data: { reason: reason.slice(0, 500) },
      };
    await new WaitingLine(platform, step.targetId).release(step.id).catch(() => undefined);
    return { kind: 'done' };
  } finally {
    clearTimeout(timer);
  }
}

/** A pause of the target this short is waited for in the drain's invocation. */
const LOOKAHEAD_MS = 3_000;

async function deliverParked(
  platform: Platform,
  line: WaitingLine,
  item: Parked,
  budget: InvocationBudget,
  random: () => number,
): Promise<void> {
  const log = new DeliveryLog(platform.store);
  const parsed = jobBodySchema.safeParse(item.job.body);
  if (!parsed.success) {
    await recordRejected(log, platform.clock.now(), 'malformed parked job', item.job.body);
    return line.remove(item);
  }
  // Its turn has come: it holds the front of the line from now on.
  const body = { ...parsed.data, ticketAt: platform.clock.now() };
  const job: ReceivedJob = {
    body,
    jobId: 'line',
    eventId: item.key,
    retryCount: item.retryCount,
  };
  let outcome: JobOutcome;
  try {
    outcome = await deliverBody(platform, body, job, budget, random);
  } catch (error) {
    // What the queue would retry as a thrown invocation (FUNCTION_RETRY_REQUEST), within its count.
    const reason = `internal error: ${(error as Error).message}`;
    platform.log.error('parked delivery failed', { targetId: line.targetId, reason });
    if (item.retryCount >= QUEUE_LIMITS.maxRetries) {
      await recordRejected(log, platform.clock.now(), `gave up: ${reason}`, parsed.data, 'failed');
      return line.remove(item);
    }
    outcome = {
      kind: 'retry',
      afterSeconds: 5 * 2 ** item.retryCount,
      reason: 'FUNCTION_RETRY_REQUEST',
      data: {},
    };
  }
  if (outcome.kind === 'retry') {
    const notBefore = platform.clock.now() + outcome.afterSeconds * 1000;
    await line.park(item.job, item.due, { retryCount: item.retryCount + 1, notBefore });
  }
  await line.remove(item);
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
