import { parseRetryAfter } from '../domain/retry-schedule';
import type { HttpResponse } from '../ports/http';
import type { TargetResult } from './target-adapter';

/**
 * Maps a target's HTTP answer to an outcome: 2xx delivered; 429, 408 and 5xx retryable (honouring
 * Retry-After); 410 disables the target; redirects are not followed; other 4xx fail as expected
 * errors. A 403 that Forge's egress proxy produced is named as such.
 */
export async function classifyResponse(
  res: HttpResponse,
  ctx: { url: string; now: number; egressAllowed?: boolean },
): Promise<TargetResult> {
  const status = res.status;
  if (status >= 200 && status < 300) return { kind: 'delivered', httpStatus: status };
  const host = new URL(ctx.url).host;
  if (status === 410)
    return {
      kind: 'disable',
      reason: `${host} answered 410 Gone: the endpoint is retired`,
      httpStatus: status,
    };
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'), ctx.now);
    return { kind: 'retryable', reason: `${host} answered ${status}`, retryAfterSeconds, httpStatus: status };
  }
  if (status === 403 && ctx.egressAllowed === false) {
    return {
      kind: 'failed',
      reason: `egress to ${host} is not allowed: add it with \`npm run egress -- add https://${host}\` and redeploy, or approve it in the settings page`,
      httpStatus: status,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'failed',
      reason: `${host} answered ${status} redirect; redirects are not followed`,
      httpStatus: status,
    };
  }
  const detail = (await res.text().catch(() => '')).slice(0, 200);
  return {
    kind: 'failed',
    reason: `${host} answered ${status}${detail ? `: ${detail}` : ''}`,
    httpStatus: status,
  };
}

/** A request that never got an answer (network failure, timeout, abort) is retryable. */
export function networkFailure(error: unknown, url: string): TargetResult {
  const host = new URL(url).host;
  const name = (error as { name?: string }).name;
  const reason =
    name === 'AbortError' || name === 'TimeoutError'
      ? `${host} did not answer in time`
      : `${host} unreachable: ${(error as Error).message}`;
  return { kind: 'retryable', reason };
}
