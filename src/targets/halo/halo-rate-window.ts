import { keys } from '../../domain/storage-layout';
import type { Clock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import { ClaimLog } from '../claim-log';
import { extendPause, pausedUntil, refusedUntil, type Reservation } from '../rate-pause';

export interface RateWindowOptions {
  /** Requests per window; Halo hosted: 300 (targets.md A.3). */
  requests?: number;
  windowSeconds?: number;
  /** Added to the window: our stamp is taken before sending, Halo counts on arrival. */
  marginMs?: number;
  /** The storage key of the log; another target kind with a windowed limit gives its own. */
  key?: string;
}

const MAX_CLAIM_ATTEMPTS = 50;

/**
 * Halo's rolling window (300 requests per 300 s), shared by every consumer of a target through the
 * Store. Why not one value with a version counter: kvs conditions apply to entities only, and a
 * plain `set` never fails, so two consumers could both "win" the same version and overshoot. The
 * one atomic primitive plain keys offer is create-if-absent, so the window is a log: request k
 * claims `halo-window:<id>:<k>` = {at} with `ifAbsent`. Claims are unique; positions are contiguous
 * and in time order (a claimant reads the clock only after position k-1 is known to be taken), so
 * request k may go when request k-300 is at least a window (plus a margin) old: at most 300 stamps
 * in any window, whatever runs in parallel (the log is a ClaimLog: a lagging head hint costs a few
 * reads, never a lockout nor a slot given twice). Slot k-600 is deleted when k is claimed, so at
 * most ~600 small keys exist per target. On 429:
 * `halo-window:<id>:saturated` = {until}. Deleting a target should delete the `halo-window:<id>`
 * key and the `halo-window:<id>:` prefix.
 */
export class HaloRateWindow {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly base: string;
  private readonly log: ClaimLog<{ at: number }>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    targetId: string,
    options: RateWindowOptions = {},
  ) {
    this.limit = options.requests ?? 300;
    this.windowMs = (options.windowSeconds ?? 300) * 1000;
    this.marginMs = options.marginMs ?? 1000;
    this.base = options.key ?? keys.haloWindow(targetId);
    this.log = new ClaimLog(store, this.base, 2 * this.limit);
  }

  /**
   * Takes `n` slots now, or says how long until they free. A refused `reserve(1)` takes nothing; a
   * refused `reserve(n)` may keep the slots it took first (conservative: Halo sees fewer requests).
   */
  async reserve(n = 1): Promise<Reservation> {
    if (!Number.isInteger(n) || n < 1 || n > this.limit)
      throw new RangeError(`reserve(n): n must be an integer from 1 to ${this.limit}`);
    const paused = await pausedUntil(this.store, this.clock, `${this.base}:saturated`);
    if (paused !== undefined) return refusedUntil(this.clock, paused);
    let k = (await this.log.head()) + 1;
    for (let claimed = 0, attempts = 0; claimed < n;) {
      if (++attempts > MAX_CLAIM_ATTEMPTS) return { ok: false, retryAfterSeconds: 1, waitMs: 1000 };
      if (claimed === 0 && !(await this.log.claimable(k, await this.log.get(k - 1)))) {
        k = await this.log.frontier();
        continue;
      }
      const now = this.clock.now();
      const freeAt = await this.freeAt(k + n - claimed - 1 - this.limit);
      if (freeAt > now) return refusedUntil(this.clock, freeAt);
      if (await this.log.claim(k, { at: now })) {
        claimed += 1;
        k += 1;
      } else k = await this.log.freeAbove(k);
    }
    return { ok: true };
  }

  /** After a 429: nobody calls Halo for this target before `untilMs` (only ever extended). */
  async saturate(untilMs: number): Promise<void> {
    await extendPause(this.store, this.clock, `${this.base}:saturated`, untilMs);
  }

  /** When position `blocker` + limit may go: a window (plus margin) after request `blocker`. */
  private async freeAt(blocker: number): Promise<number> {
    if (blocker < 1) return 0;
    const stamp = await this.log.get(blocker);
    return stamp === undefined ? 0 : stamp.at + this.windowMs + this.marginMs;
  }
}
