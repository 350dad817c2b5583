import { jobBodySchema } from '../domain/job-body';
import type { JobOutcome, ReceivedJob } from '../ports/job-queue';
import { QUEUE_LIMITS } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { drainWorkersFor } from '../targets/create-adapter';
import { abortTimer, deliverBody, type DeliverOptions } from './deliver-body';
import { DeliveryLog } from './delivery-log';
import { InvocationBudget } from './invocation-budget';
import { recordRejected } from './record-rejected';
import { SettingsRepo } from './settings-repo';
import { WaitingLine, type DrainStep, type Parked } from './waiting-line';

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
export async function drain(
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
