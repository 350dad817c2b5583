import type { Clock } from '../../ports/clock';

export type WindowDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Halo's hosted limit: N requests per rolling window (targets.md A.3: 300 per rolling 5 minutes),
 * on the injected clock. A request is accepted while fewer than N accepted requests are younger
 * than the window; refused requests are not counted (UNVERIFIED: whether Halo counts them).
 */
export class RollingWindow {
  private readonly accepted: number[] = [];
  private readonly windowMs: number;

  constructor(
    private readonly clock: Clock,
    readonly requests: number,
    readonly windowSeconds: number,
  ) {
    if (!Number.isInteger(requests) || requests < 1)
      throw new Error(`rateLimit.requests must be an integer ≥ 1: ${requests}`);
    if (!(windowSeconds > 0)) throw new Error(`rateLimit.windowSeconds must be > 0: ${windowSeconds}`);
    this.windowMs = windowSeconds * 1000;
  }

  take(): WindowDecision {
    const now = this.clock.now();
    let oldest = this.accepted[0];
    while (oldest !== undefined && oldest <= now - this.windowMs) {
      this.accepted.shift();
      oldest = this.accepted[0];
    }
    if (this.accepted.length >= this.requests && oldest !== undefined) {
      const waitMs = oldest + this.windowMs - now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    this.accepted.push(now);
    return { allowed: true };
  }
}
