import { QUEUE_LIMITS } from '../ports/job-queue';

/**
 * Per-target retries, as re-queued jobs with `delayInSeconds` (never a sleep). The schedule follows
 * Standard Webhooks' advice (fast first, then backing off) within Forge's 900 s delay cap.
 */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 300, 900, 900] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

export type RetryDecision = { kind: 'retry'; delaySeconds: number } | { kind: 'exhausted' };

/**
 * `attempt` is the attempt that just failed (1-based). A Retry-After from the target wins over the
 * schedule when it is longer; `random` in [0,1) adds up to 20 % jitter so retries do not align.
 */
export function nextRetry(
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: number,
): RetryDecision {
  if (attempt >= MAX_ATTEMPTS) return { kind: 'exhausted' };
  const scheduled = RETRY_DELAYS_SECONDS[attempt - 1] ?? QUEUE_LIMITS.maxDelaySeconds;
  const jittered = Math.round(scheduled * (1 + 0.2 * random));
  const wanted = Math.max(jittered, Math.ceil(retryAfterSeconds ?? 0));
  return { kind: 'retry', delaySeconds: Math.min(Math.max(wanted, 1), QUEUE_LIMITS.maxDelaySeconds) };
}

/** Parses Retry-After: delta seconds or an HTTP date (relative to `nowMs`). */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
