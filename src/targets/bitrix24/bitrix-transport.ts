import { parseRetryAfter } from '../../domain/retry-schedule';
import { keys } from '../../domain/storage-layout';
import type { Clock } from '../../ports/clock';
import type { Http } from '../../ports/http';
import type { Log } from '../../ports/log';
import type { Store } from '../../ports/store';
import { USER_AGENT } from '../halo/halo-transport';
import { BitrixBucket } from './bitrix-bucket';
import { BitrixError, parseJson, readErrorBody } from './bitrix-errors';

export interface TransportDeps {
  http: Http;
  store: Store;
  clock: Clock;
  log: Log;
}

/** A 2xx answer, parsed. */
export interface BitrixAnswer {
  status: number;
  body: unknown;
}

/**
 * The leaky bucket (targets.md B.2): +1 per request, drained 2/s, blocked above 50; mirrored by
 * BitrixBucket in the storage every consumer of the target shares, with two places kept spare for
 * requests that arrive in another order than they were stamped (clocks of parallel invocations).
 */
export const BUCKET = { burst: 50, perSecond: 2, spare: 2 } as const;
/** After a 503: "retry calls with increasing delay" (B.2); the bucket has drained 20 by then. */
const QUERY_LIMIT_WAIT_SECONDS = 10;
/** After a 429: until `operating_reset_at` when known (UNVERIFIED typical wait: a minute bucket). */
const OPERATION_LIMIT_WAIT_SECONDS = 60;
const TIMEOUT_MS = 30_000;
/**
 * A slot this close is waited for in the invocation (on the clock) rather than by re-queueing: a
 * queue delay is whole seconds and costs one of Forge's 500 events a minute, while the bucket frees
 * a slot every half second. Bounded so that an invocation (120 s timeout) never sits out a pause.
 */
const INLINE_WAIT_MS = 3_000;

/**
 * One POST to the portal, always through the target's shared window. Throws a BitrixError for
 * what every caller treats alike: no free slot or a 503 `QUERY_LIMIT_EXCEEDED` / 429
 * `OPERATION_TIME_LIMIT` (`rate-limited`; both pause every consumer of the target), no answer or
 * 5xx (`unavailable`), a 403 from Forge's egress proxy (`egress`). Other answers go to the caller.
 * Logs the method and status only: never the URL (its code is the secret) or bodies.
 */
export class BitrixTransport {
  private readonly window: BitrixBucket;

  constructor(
    private readonly deps: TransportDeps,
    private readonly targetId: string,
    private readonly signal?: AbortSignal,
  ) {
    this.window = new BitrixBucket(deps.store, deps.clock, keys.bitrixWindow(targetId), BUCKET);
  }

  async post(url: string, method: string, json: unknown): Promise<BitrixAnswer> {
    let slot = await this.window.reserve();
    for (
      let waited = 0;
      !slot.ok && waited + slot.waitMs <= INLINE_WAIT_MS;
      slot = await this.window.reserve()
    ) {
      await this.deps.clock.sleep(slot.waitMs, this.signal);
      waited += slot.waitMs;
    }
    if (!slot.ok)
      throw new BitrixError(
        'rate-limited',
        `Bitrix24's request budget for this target is used up (2 requests/s, bursts of 50, or a recent limit answer); next slot in ${slot.retryAfterSeconds} s`,
        { retryAfterSeconds: slot.retryAfterSeconds },
      );
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await this.deps.http.fetch({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT },
        body: JSON.stringify(json),
        signal: this.signal ? AbortSignal.any([this.signal, timeout]) : timeout,
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      const why =
        name === 'AbortError' || name === 'TimeoutError' ? 'did not answer in time' : 'is unreachable';
      this.deps.log.warn('bitrix24 request failed', { targetId: this.targetId, method, reason: why });
      throw new BitrixError('unavailable', `Bitrix24 ${why} (${new URL(url).host}, ${method})`);
    }
    this.deps.log.debug('bitrix24 request', { targetId: this.targetId, method, status });
    const body = parseJson(text);
    if (status >= 200 && status < 300) {
      if (body === undefined)
        throw new BitrixError('unavailable', `Bitrix24's answer to ${method} is not JSON`, { status });
      return { status, body };
    }
    return this.screen(url, method, status, body, retryAfter);
  }

  private async screen(
    url: string,
    method: string,
    status: number,
    body: unknown,
    retryAfter: string | null,
  ): Promise<BitrixAnswer> {
    const error = readErrorBody(body);
    const now = this.deps.clock.now();
    const limit =
      error.code === 'QUERY_LIMIT_EXCEEDED'
        ? QUERY_LIMIT_WAIT_SECONDS
        : error.code === 'OPERATION_TIME_LIMIT'
          ? OPERATION_LIMIT_WAIT_SECONDS
          : undefined;
    if (limit !== undefined) {
      const wait = parseRetryAfter(retryAfter, now) ?? limit;
      await this.window.saturate(now + wait * 1000);
      this.deps.log.warn('bitrix24 limit reached', { targetId: this.targetId, code: error.code, status });
      throw new BitrixError(
        'rate-limited',
        `Bitrix24 answered ${status} ${error.code} to ${method}; no calls for ${wait} s`,
        { status, code: error.code, retryAfterSeconds: wait },
      );
    }
    if (status >= 500 || status === 408)
      throw new BitrixError(
        'unavailable',
        `Bitrix24 is unavailable: ${method} answered ${status}${error.code ? ` ${error.code}` : ''}`,
        { status, code: error.code, retryAfterSeconds: parseRetryAfter(retryAfter, now) },
      );
    if (status === 403 && (await this.deps.http.egressAllowed?.(url)) === false) {
      const host = new URL(url).host;
      throw new BitrixError(
        'egress',
        `egress to ${host} is not allowed: add it with \`npm run egress -- add https://${host}\` and redeploy, or approve it in the settings page`,
        { status },
      );
    }
    return { status, body };
  }
}
