import { jobBodySchema } from '../domain/job-body';
import { describeIssues } from '../domain/settings';
import type { JobOutcome, ReceivedJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { abortTimer, deliverBody, type DeliverOptions } from './deliver-body';
import { DeliveryLog } from './delivery-log';
import { drain } from './drain-job';
import { InvocationBudget } from './invocation-budget';
import { continueReconcile, isReconcileStep, reconcileStepSchema } from './reconcile-chain';
import { recordRejected } from './record-rejected';
import { isReplayStep, replayStepSchema } from './replay';
import { replayStep } from './replay-step';
import { isPurgeStep, purgeStep, purgeStepSchema } from './target-purge';
import { isSweepStep } from './sweep';
import { sweepJob } from './sweep-step';
import { drainStepSchema, isDrainStep } from './waiting-line';

export type { DeliverOptions } from './deliver-body';

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
