import type { Clock } from '../../ports/clock';

/**
 * Bitrix24's leaky bucket (targets.md B.2): each request adds 1, the counter drains `perSecond`,
 * a request that would take it above `burst` is refused with 503 (and not counted: UNVERIFIED).
 * Non-Enterprise plans: 50 and 2/s.
 */
export class LeakyBucket {
  private level = 0;
  private at: number;

  constructor(
    private readonly clock: Clock,
    readonly burst = 50,
    readonly perSecond = 2,
  ) {
    this.at = clock.now();
  }

  take(): boolean {
    const now = this.clock.now();
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.level + 1 > this.burst + 1e-9) return false;
    this.level += 1;
    return true;
  }
}
