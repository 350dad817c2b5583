import { parseRetryAfter } from '../../domain/retry-schedule';
import type { Clock } from '../../ports/clock';
import type { Http, HttpResponse } from '../../ports/http';
import type { Log } from '../../ports/log';
import { HaloError, egressDenied, parseHaloErrorBody, unreachable } from './halo-errors';
import type { HaloErrorBody } from './halo-errors';
import type { HaloRateWindow } from './halo-rate-window';

export interface HaloRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface TransportDeps {
  http: Http;
  clock: Clock;
  log: Log;
}

export const USER_AGENT = 'Relay-for-Confluence/0.1';
const TIMEOUT_MS = 30_000;
/** targets.md A.3: Halo may send no Retry-After; a 5-minute window needs at least ~60 s. */
const DEFAULT_429_WAIT_SECONDS = 60;

/**
 * One request to Halo (auth or resource server), always through the target's rate window. Throws
 * a HaloError for what every caller treats alike: no free slot (`rate-limited`, Halo not called),
 * no answer (`unavailable`), 429 (saturates the window, `rate-limited`), 408/5xx (`unavailable`
 * with Retry-After), a 403 from Forge's egress proxy (`egress`). Other answers go to the caller.
 * Logs method, path and status only: never headers, bodies or query strings.
 */
export class HaloTransport {
  constructor(
    private readonly deps: TransportDeps,
    private readonly window: HaloRateWindow,
    private readonly targetId: string,
    private readonly signal?: AbortSignal,
  ) {}

  async send(request: HaloRequest): Promise<HttpResponse> {
    const slot = await this.window.reserve();
    if (!slot.ok) {
      const wait = slot.retryAfterSeconds;
      const message = `Halo's request budget for this target is used up (300 requests per rolling 5 minutes, or a recent 429); next slot in ${wait} s`;
      throw new HaloError('rate-limited', message, { retryAfterSeconds: wait });
    }
    const path = new URL(request.url).pathname;
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    let res: HttpResponse;
    try {
      res = await this.deps.http.fetch({
        ...request,
        headers: { ...request.headers, 'user-agent': USER_AGENT },
        signal: this.signal ? AbortSignal.any([this.signal, timeout]) : timeout,
      });
    } catch (error) {
      const failure = unreachable(error, request.url);
      this.deps.log.warn('halo request failed', {
        targetId: this.targetId,
        method: request.method,
        path,
        reason: failure.message,
      });
      throw failure;
    }
    this.deps.log.debug('halo request', {
      targetId: this.targetId,
      method: request.method,
      path,
      status: res.status,
    });
    return this.screen(res, request.url);
  }

  /** The error body of a non-2xx answer; an unreadable body counts as empty. */
  async errorBody(res: HttpResponse): Promise<HaloErrorBody> {
    const text = await res.text().catch((error: unknown) => {
      this.deps.log.debug('halo error body unreadable', { targetId: this.targetId, error: String(error) });
      return '';
    });
    return parseHaloErrorBody(text);
  }

  /** A 2xx body as JSON; anything else (a proxy's HTML page, a cut body) is `unavailable`. */
  async json(res: HttpResponse, url: string, what = new URL(url).pathname): Promise<unknown> {
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw unreachable(error, url);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new HaloError('unavailable', `Halo's answer for ${what} is not JSON`, {
        status: res.status,
      });
    }
  }

  private async screen(res: HttpResponse, url: string): Promise<HttpResponse> {
    const status = res.status;
    const now = this.deps.clock.now();
    if (status === 429) {
      const wait = parseRetryAfter(res.headers.get('retry-after'), now) ?? DEFAULT_429_WAIT_SECONDS;
      await this.window.saturate(now + wait * 1000);
      const said = (await this.errorBody(res)).message;
      this.deps.log.warn('halo rate limit reached', { targetId: this.targetId, retryAfterSeconds: wait });
      const message = `Halo's rate limit was reached${said ? ` (${said})` : ''}; no calls for ${wait} s`;
      throw new HaloError('rate-limited', message, { status, retryAfterSeconds: wait, haloMessage: said });
    }
    if (status === 408 || status >= 500) {
      const wait = parseRetryAfter(res.headers.get('retry-after'), now);
      const said = (await this.errorBody(res)).message;
      const message = `Halo is unavailable: ${new URL(url).host} answered ${status}${said ? `: ${said}` : ''}`;
      throw new HaloError('unavailable', message, { status, retryAfterSeconds: wait, haloMessage: said });
    }
    if (status === 403 && (await this.deps.http.egressAllowed?.(url)) === false) throw egressDenied(url);
    return res;
  }
}
