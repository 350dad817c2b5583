import { MAX_ATTEMPTS, nextRetry, parseRetryAfter } from '../../../src/domain/retry-schedule';

describe('retry schedule', () => {
  it('backs off with jitter within Forge’s 900 s delay cap', () => {
    expect(nextRetry(1, undefined, 0)).toEqual({ kind: 'retry', delaySeconds: 5 });
    expect(nextRetry(2, undefined, 0.5)).toEqual({ kind: 'retry', delaySeconds: 33 });
    expect(nextRetry(5, undefined, 0.99)).toEqual({ kind: 'retry', delaySeconds: 900 });
  });

  it('honours a longer Retry-After', () => {
    expect(nextRetry(1, 120, 0)).toEqual({ kind: 'retry', delaySeconds: 120 });
    expect(nextRetry(1, 5000, 0)).toEqual({ kind: 'retry', delaySeconds: 900 });
  });

  it('is exhausted after the last attempt', () => {
    expect(nextRetry(MAX_ATTEMPTS, undefined, 0)).toEqual({ kind: 'exhausted' });
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 5, 9, 0, 0);
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
