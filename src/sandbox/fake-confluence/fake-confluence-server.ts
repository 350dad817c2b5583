import { createServer } from 'node:http';
import type { Clock } from '../../ports/clock';
import type { ConfluenceState } from './confluence-state';
import { FaultInjector } from './fault-injector';
import type { FaultRule } from './fault-injector';
import { RateLimiter } from './rate-limiter';
import { RequestPipeline } from './request-pipeline';
import type { PipelineRequest } from './request-pipeline';
import type { RouteResult } from './route-types';

export type { FaultRule } from './fault-injector';

export interface FakeConfluenceOptions {
  state: ConfluenceState;
  credentials: { email: string; apiToken: string };
  clock: Clock;
  /** Sliding one-minute window on `clock`; unlimited when omitted. */
  rateLimit?: { requestsPerMinute: number };
  port?: number;
}

export interface FakeConfluence {
  /**
   * Site URL, e.g. `http://127.0.0.1:PORT`; REST paths start with `/wiki/...`. Attachment
   * downloads redirect to `/media/{token}` on the same origin (the fake media CDN, no auth).
   */
  url: string;
  close(): Promise<void>;
  /** Requests per `METHOD template`, e.g. `GET /wiki/api/v2/pages/{id}`; unknown paths: `GET (no route)`. */
  stats(): { requests: number; byRoute: Record<string, number> };
  resetStats(): void;
  injectFaults(rules: FaultRule[]): void;
}

/**
 * Starts a loopback (127.0.0.1) Confluence Cloud REST server over `state` and points the state's
 * `_links.base` at it. See request-pipeline.ts for the order of checks.
 */
export async function startFakeConfluence(opts: FakeConfluenceOptions): Promise<FakeConfluence> {
  const faults = new FaultInjector();
  const limiter = opts.rateLimit && new RateLimiter(opts.clock, opts.rateLimit.requestsPerMinute);
  const pipeline = new RequestPipeline(opts.state, opts.credentials, faults, limiter);
  const server = createServer((req, res) => {
    const request: PipelineRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      authorization: req.headers.authorization,
    };
    let result: RouteResult;
    try {
      result = pipeline.answer(request);
    } catch (error) {
      result = pipeline.crash(request, error);
    }
    if (result.body instanceof Uint8Array) {
      res.writeHead(result.status ?? 200, { ...result.headers });
      res.end(result.body);
      return;
    }
    res.writeHead(result.status ?? 200, {
      'Content-Type': 'application/json;charset=UTF-8',
      ...result.headers,
    });
    res.end(JSON.stringify(result.body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('fake Confluence did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}`;
  opts.state.setBaseUrl(`${url}/wiki`);
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
    stats: () => ({
      requests: Object.values(pipeline.byRoute).reduce((a, b) => a + b, 0),
      byRoute: { ...pipeline.byRoute },
    }),
    resetStats: () => {
      pipeline.byRoute = {};
    },
    injectFaults: (rules) => faults.add(rules),
  };
}
