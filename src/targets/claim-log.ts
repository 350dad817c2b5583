import type { Store } from '../ports/store';

interface Head {
  head: number;
}

/** Jumps of a whole kept range a lagging hint may need (a hint 64 ranges behind is a broken log). */
const MAX_JUMPS = 64;

/**
 * A log of numbered claims shared by every consumer of a target, made with create-if-absent (kvs
 * `FAIL_IF_EXISTS`), the one atomic primitive plain kvs keys offer: `<base>:<k>` = the claim of
 * position k, unique whoever races for it. Positions are taken in order, so the claims are
 * contiguous; those `keep` places behind the newest are deleted as new ones are made.
 * `<base>` = {head} is a hint of the newest position, only ever moved forward by the writer that
 * reads it lower (two racing writers may leave it a place or two behind; never ahead).
 *
 * Where to claim next is found from the hint, and when the hint lags (a writer that stalled, a
 * lost write) by doubling steps and a binary search over the contiguous claims, in O(log lag)
 * reads: a lagging hint costs a few reads, never a lockout. A position below the kept range is
 * never claimed again (that would hand out a place twice): callers read a claim's predecessor
 * first and, when it is missing below the hint, jump with `frontier()`.
 */
export class ClaimLog<T> {
  constructor(
    private readonly store: Store,
    private readonly base: string,
    private readonly keep: number,
  ) {}

  get(k: number): Promise<T | undefined> {
    return k < 1 ? Promise.resolve(undefined) : this.store.get<T>(this.slot(k));
  }

  async head(): Promise<number> {
    return (await this.store.get<Head>(this.base))?.head ?? 0;
  }

  /**
   * The first free position: after the hint, or after the claims it lags behind. A hint below the
   * kept range (its claim deleted) jumps ahead by the kept range until it meets a kept claim.
   */
  async frontier(): Promise<number> {
    let p = await this.head();
    if (p === 0) return (await this.get(1)) === undefined ? 1 : this.freeAbove(1);
    for (let jumps = 0; (await this.get(p)) === undefined; jumps++) {
      if (jumps >= MAX_JUMPS) throw new Error(`the claim log ${this.base} has no claim near its head`);
      p += this.keep;
    }
    return this.freeAbove(p);
  }

  /**
   * Whether position k (whose predecessor was just read as `before`) may be claimed at all: not
   * when the predecessor is missing although positions were claimed (k is below the kept range).
   */
  async claimable(k: number, before: T | undefined): Promise<boolean> {
    if (k === 1) return (await this.head()) === 0 && (await this.get(1)) === undefined;
    return before !== undefined;
  }

  /** Claims position k; true when this caller got it. */
  async claim(k: number, value: T): Promise<boolean> {
    if (!(await this.store.set(this.slot(k), value, { ifAbsent: true }))) return false;
    if ((await this.head()) < k) await this.store.set(this.base, { head: k } satisfies Head);
    if (k > this.keep) await this.store.delete(this.slot(k - this.keep));
    return true;
  }

  /** The first free position above `taken` (a position known to be claimed and kept). */
  async freeAbove(taken: number): Promise<number> {
    let lo = taken;
    let step = 1;
    while ((await this.get(taken + step)) !== undefined) {
      lo = taken + step;
      step *= 2;
    }
    let hi = taken + step;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await this.get(mid)) !== undefined) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private slot(k: number): string {
    return `${this.base}:${k}`;
  }
}
