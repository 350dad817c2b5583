import type { Clock } from '../../ports/clock';

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

const WINDOW_MS = 60_000;

/** `yyyy-MM-ddTHH:mmZ`, rounded up to the minute, as X-RateLimit-Reset is documented. */
function resetStamp(ms: number): string {
  const minute = Math.ceil(ms / 60_000) * 60_000;
  return new Date(minute).toISOString().slice(0, 16) + 'Z';
}

/**
 * A sliding one-minute window on the injected clock. Past `requestsPerMinute` a request is refused
 * with Retry-After (whole seconds until the oldest counted request leaves the window) and the
 * X-RateLimit-* headers (reference/confluence.md §1.8; UNVERIFIED: which of them Confluence sends
 * to API-token traffic). Refused requests do not count.
 */
export class RateLimiter {
  private readonly accepted: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`requestsPerMinute must be an integer ≥ 1: ${limit}`);
  }

  take(): RateDecision {
    const now = this.clock.now();
    let oldest = this.accepted[0];
    while (oldest !== undefined && oldest <= now - WINDOW_MS) {
      this.accepted.shift();
      oldest = this.accepted[0];
    }
    if (this.accepted.length >= this.limit && oldest !== undefined) {
      const freeAt = oldest + WINDOW_MS;
      return {
        allowed: false,
        headers: {
          'Retry-After': String(Math.max(1, Math.ceil((freeAt - now) / 1000))),
          'X-RateLimit-Limit': String(this.limit),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': resetStamp(freeAt),
        },
      };
    }
    this.accepted.push(now);
    const remaining = this.limit - this.accepted.length;
    return {
      allowed: true,
      headers: {
        'X-RateLimit-Limit': String(this.limit),
        'X-RateLimit-Remaining': String(remaining),
        ...(remaining < this.limit / 5 ? { 'X-RateLimit-NearLimit': 'true' } : {}),
      },
    };
  }
}
