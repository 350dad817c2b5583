import { egressAllows } from '../../domain/egress';
import type { Http, HttpRequest, HttpResponse } from '../../ports/http';

export interface NodeHttpOptions {
  /** Per-request timeout in ms, combined with the caller's signal. Default 30 000. */
  timeoutMs?: number;
  /** The fetch to use; global fetch by default (tests may pass a stub). */
  fetch?: typeof fetch;
  /**
   * Egress addresses (e.g. `https://*.bitrix24.com`) to enforce as Forge does: a fetch elsewhere
   * resolves as a 403 carrying `forge-proxy-error: BLOCKED_EGRESS`. Unset: every host is allowed.
   */
  egress?: string[];
}

/**
 * Outbound HTTP over Node's fetch. Redirects are not followed (the 3xx response is returned);
 * network errors, timeouts and aborts reject; HTTP error statuses resolve.
 */
export class NodeHttp implements Http {
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly egress?: string[];

  constructor(options: NodeHttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.egress = options.egress;
  }

  async fetch(request: HttpRequest): Promise<HttpResponse> {
    if (!(await this.egressAllowed(request.url))) return blockedEgress(request.url);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const response = await this.fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body:
        typeof request.body === 'string' || request.body === undefined
          ? request.body
          : Buffer.from(request.body),
      redirect: 'manual',
      signal,
    });
    return {
      status: response.status,
      headers: response.headers,
      text: () => response.text(),
      arrayBuffer: () => response.arrayBuffer(),
    };
  }

  async egressAllowed(url: string): Promise<boolean> {
    return this.egress === undefined || this.egress.some((address) => egressAllows(address, url));
  }
}

function blockedEgress(url: string): HttpResponse {
  const headers = new Headers({ 'forge-proxy-error': 'BLOCKED_EGRESS', 'content-type': 'text/plain' });
  const text = `Egress to ${new URL(url).host} is not allowed by the manifest`;
  return {
    status: 403,
    headers,
    text: async () => text,
    arrayBuffer: async () => new TextEncoder().encode(text).buffer,
  };
}
