import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { keys } from '../domain/storage-layout';
import { QUEUE_LIMITS, type PushJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';

export const drainStepSchema = z.object({
  v: z.literal(1),
  /** `id` tells the drain the line's mark expects from a duplicate or superseded one. */
  drain: z.object({ targetId: z.string().min(1), id: z.string().optional() }),
});

export type DrainStep = z.infer<typeof drainStepSchema>;

export function isDrainStep(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'drain' in body;
}

/** A delivery waiting for its turn at a rate-limited target: the job it would have been. */
export interface Parked {
  key: string;
  /** When its turn comes (ms since the epoch). */
  due: number;
  job: PushJob;
  /** Invocations of this delivery that failed before the target was reached (as Forge's retryCount). */
  retryCount: number;
  /** A back-off after such a failure: not to be delivered before. */
  notBefore?: number;
}

type ParkedValue = Omit<Parked, 'key'>;

interface RateMark {
  nextAllowedAt?: number;
}

interface DrainMark {
  /** When the drain job pushed last is due. */
  at: number;
  /** That job's id: only it carries the line on (a duplicate delivery of a drain job ends there). */
  id?: string;
}

/** A drain mark this far past its time belongs to a drain that was lost (a crash): take over. */
const STALE_DRAIN_MS = 5 * 60_000;
/** Parked deliveries read per listing (they are sorted by turn within it). */
const LIST_LIMIT = 50;

/**
 * The waiting line of a rate-limited target. A delivery that must wait for its turn (rate-state.ts)
 * is parked in storage instead of being re-pushed as a delayed job of its own, and one drain job
 * per target carries the line: it delivers the parked deliveries in turn order, pacing itself in
 * the invocation, and pushes itself again for the rest. A thousand deliveries waiting behind
 * Bitrix24's 2 requests a second thus cost a few dozen queue events instead of a thousand, so the
 * triggers keep Forge's 500 events a minute for themselves (DESIGN §3).
 *
 * Parked deliveries are removed only after they were handled (a crash leaves them for the next
 * drain; the ledger makes a second run harmless). A lost drain job is noticed by the next park,
 * or by the sweep every five minutes, once its mark is STALE_DRAIN_MS old; a drain that fails is
 * retried by the queue (no push needed) and, when it gives up, lets go of its mark.
 */
export class WaitingLine {
  constructor(
    private readonly platform: Platform,
    readonly targetId: string,
  ) {}

  /**
   * Parks `job` with its turn `due` (its place in the line), or after a failure not before
   * `notBefore`, and makes sure a drain job will come for it.
   */
  async park(job: PushJob, due: number, retry?: { retryCount: number; notBefore: number }): Promise<void> {
    const value: ParkedValue = { due, job: { body: job.body }, retryCount: retry?.retryCount ?? 0 };
    if (retry) value.notBefore = retry.notBefore;
    const key = `${keys.line(this.targetId)}:${String(Math.max(0, Math.round(due))).padStart(15, '0')}:${randomUUID()}`;
    // No expiry: a parked delivery leaves the line only once handled (the sweep keeps it moving).
    await this.platform.store.set(key, value);
    await this.ensureDrain(Math.max(await this.readyAt(), retry?.notBefore ?? 0));
  }

  /** When the target may be called again: the rate state's pause (rate-state.ts), or now. */
  async readyAt(): Promise<number> {
    const mark = await this.platform.store.get<RateMark>(keys.rate(this.targetId));
    return Math.max(this.platform.clock.now(), mark?.nextAllowedAt ?? 0);
  }

  /** The parked deliveries in turn order (at most LIST_LIMIT; UNVERIFIED that kvs lists keys in order). */
  async list(): Promise<Parked[]> {
    const page = await this.platform.store.listByPrefix<ParkedValue>(`${keys.line(this.targetId)}:`, {
      limit: LIST_LIMIT,
    });
    return page.items
      .map(({ key, value }) => ({ ...value, key }))
      .sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : 1));
  }

  async remove(parked: Parked): Promise<void> {
    await this.platform.store.delete(parked.key);
  }

  /**
   * The drain `id` is over: push the next one for what is left (when the target may be called and
   * the first back-off has passed), or give up the mark when the line is empty. Only the drain the
   * mark names carries the line on, so duplicate deliveries of a drain job do not multiply; a park
   * racing with the release is caught by the second look.
   */
  async reschedule(id: string | undefined): Promise<void> {
    const now = this.platform.clock.now();
    const mark = await this.platform.store.get<DrainMark>(keys.lineDrain(this.targetId));
    const current = mark === undefined || mark.id === id || mark.at <= now - STALE_DRAIN_MS;
    if (!current) return;
    const left = await this.list();
    if (left.length > 0) {
      await this.pushDrain(Math.max(await this.readyAt(), Math.min(...left.map((p) => p.notBefore ?? 0))));
      return;
    }
    await this.platform.store.delete(keys.lineDrain(this.targetId));
    if ((await this.list()).length > 0) await this.ensureDrain(await this.readyAt());
  }

  /**
   * The sweep (a scheduled trigger): a line with deliveries but no live drain job, e.g. after a drain
   * gave up on its retries or a lost push, gets one. True when one was pushed.
   */
  async sweep(): Promise<boolean> {
    const left = await this.list();
    if (left.length === 0) return false;
    return this.ensureDrain(Math.max(await this.readyAt(), Math.min(...left.map((p) => p.notBefore ?? 0))));
  }

  /** A drain that gives up drops its mark if it still holds it, so the next park or sweep takes over. */
  async release(id: string | undefined): Promise<void> {
    const mark = await this.platform.store.get<DrainMark>(keys.lineDrain(this.targetId));
    if (mark !== undefined && mark.id === id) await this.platform.store.delete(keys.lineDrain(this.targetId));
  }

  private async ensureDrain(at: number): Promise<boolean> {
    const now = this.platform.clock.now();
    const mark = await this.platform.store.get<DrainMark>(keys.lineDrain(this.targetId));
    if (mark && mark.at > now - STALE_DRAIN_MS && mark.at <= Math.max(at, now) + 1000) return false;
    await this.pushDrain(at);
    return true;
  }

  /**
   * The mark is written before the push, so the drain pushed is always the one the line expects;
   * a push that fails takes its mark back (the caller's retry, the next park or the sweep go on).
   */
  private async pushDrain(at: number): Promise<void> {
    const now = this.platform.clock.now();
    const delayInSeconds = Math.min(Math.max(0, Math.ceil((at - now) / 1000)), QUEUE_LIMITS.maxDelaySeconds);
    const id = randomUUID();
    const mark: DrainMark = { at: now + delayInSeconds * 1000, id };
    await this.platform.store.set(keys.lineDrain(this.targetId), mark, {
      ttlSeconds: delayInSeconds + STALE_DRAIN_MS / 1000,
    });
    const body: DrainStep = { v: 1, drain: { targetId: this.targetId, id } };
    try {
      await this.platform.queue.push([
        { body, delayInSeconds, concurrency: { key: `target-${this.targetId}`, limit: 1 } },
      ]);
    } catch (error) {
      await this.release(id);
      throw error;
    }
  }
}

/** Gives every target's waiting line a drain job where one is missing (scheduled every 5 minutes). */
export async function sweepLines(platform: Platform, targetIds: readonly string[]): Promise<string[]> {
  const pushed: string[] = [];
  for (const targetId of targetIds)
    if (await new WaitingLine(platform, targetId).sweep()) pushed.push(targetId);
  return pushed;
}
