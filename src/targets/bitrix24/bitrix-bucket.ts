import type { Clock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import { ClaimLog } from '../claim-log';
import { extendPause, pausedUntil, refusedUntil, type Reservation } from '../rate-pause';

export interface BucketShape {
  /** Requests the bucket holds (Bitrix24: 50). */
  burst: number;
  /** Requests it drains a second (Bitrix24: 2). */
  perSecond: number;
  /** Room kept free: requests in flight may arrive in another order than they were stamped. */
  spare: number;
}

interface Claim {
  /** When the bucket, as we fill it, is empty again after this request (GCRA's theoretical arrival time). */
  tat: number;
}

const MAX_CLAIM_ATTEMPTS = 20;
/** Claims kept behind the newest; older ones are deleted as new ones are made. */
const KEEP = 100;

/**
 * Bitrix24's leaky bucket as the portal keeps it (targets.md B.2: +1 per request, drained
 * `perSecond`, refused above `burst`), mirrored exactly so that every consumer of a target shares
 * one pace: the generic cell rate algorithm. Request k may go at `now` when the bucket after
 * request k-1 (empty at its `tat`) holds at most `burst - 1 - spare` requests at `now`; it then
 * empties a drain interval later. Long-run pace 2/s, bursts of up to `burst - spare` at once.
 *
 * The state is a ClaimLog (`<key>:<k>` = {tat}): request k reads claim k-1 and claims k, so claims
 * are unique and each one builds on its predecessor, whatever runs in parallel; a lagging head
 * hint costs a few reads, never a lockout nor a place given twice. `<key>:saturated` = {until}
 * after a 503 or 429. Deleting a target should delete the key and its `<key>:` prefix.
 */
export class BitrixBucket {
  private readonly intervalMs: number;
  private readonly headroomMs: number;
  private readonly log: ClaimLog<Partial<Claim>>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly key: string,
    shape: BucketShape,
  ) {
    this.intervalMs = 1000 / shape.perSecond;
    this.headroomMs = (shape.burst - 1 - shape.spare) * this.intervalMs;
    this.log = new ClaimLog(store, key, KEEP);
  }

  /** Takes a place in the bucket now, or says how long until there is one. */
  async reserve(): Promise<Reservation> {
    const paused = await pausedUntil(this.store, this.clock, `${this.key}:saturated`);
    if (paused !== undefined) return refusedUntil(this.clock, paused);
    let k = (await this.log.head()) + 1;
    for (let attempts = 0; attempts < MAX_CLAIM_ATTEMPTS; attempts++) {
      const before = await this.log.get(k - 1);
      if (!(await this.log.claimable(k, before))) {
        k = await this.log.frontier();
        continue;
      }
      const tat = before?.tat ?? 0;
      const now = this.clock.now();
      if (tat - now > this.headroomMs) return refusedUntil(this.clock, tat - this.headroomMs);
      if (await this.log.claim(k, { tat: Math.max(tat, now) + this.intervalMs })) return { ok: true };
      k = await this.log.freeAbove(k);
    }
    return { ok: false, retryAfterSeconds: 1, waitMs: 1000 };
  }

  /** After a 503 or 429: nobody calls the portal for this target before `untilMs` (only extended). */
  async saturate(untilMs: number): Promise<void> {
    await extendPause(this.store, this.clock, `${this.key}:saturated`, untilMs);
  }
}
