import { ApiError, errorBody, familyOf } from './api-error';
import { basicAuthMatches } from './basic-auth';
import type { ConfluenceState } from './confluence-state';
import type { FaultInjector } from './fault-injector';
import { MediaVault } from './media-vault';
import { QueryReader } from './query-reader';
import type { RateLimiter } from './rate-limiter';
import type { RouteMatch } from './route-matcher';
import { RouteMatcher } from './route-matcher';
import type { RouteResult } from './route-types';
import { downloadRoutes } from './routes-download';
import { v1Routes } from './routes-v1';
import { v2AttachmentRoutes } from './routes-v2-attachments';
import { v2CommentRoutes } from './routes-v2-comments';
import { v2PageRoutes } from './routes-v2-pages';
import { v2SpaceRoutes } from './routes-v2-spaces';

const matcher = new RouteMatcher([
  ...v2PageRoutes,
  ...v2AttachmentRoutes,
  ...v2SpaceRoutes,
  ...v2CommentRoutes,
  ...v1Routes,
  ...downloadRoutes,
]);

export interface PipelineRequest {
  method: string;
  /** Path and query as sent, e.g. `/wiki/api/v2/pages/1?body-format=storage`. */
  url: string;
  authorization: string | undefined;
}

function failure(
  path: string,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): RouteResult {
  return { status, body: errorBody(familyOf(path), status, message), headers };
}

function statsKey(method: string, match: RouteMatch): string {
  if (match.kind === 'none') return `${method} (no route)`;
  return `${method} ${match.kind === 'found' ? match.route.template : match.template}`;
}

/**
 * What the fake answers, in the order a request meets it: counted per route template, injected
 * fault, Basic auth (401), rate limit (429), routing (404 unknown path, 405 wrong method), handler.
 * Public routes (the media CDN's `/media/{token}`) skip auth and the site's rate limit.
 */
export class RequestPipeline {
  byRoute: Record<string, number> = {};
  private readonly media: MediaVault;

  constructor(
    private readonly state: ConfluenceState,
    private readonly credentials: { email: string; apiToken: string },
    private readonly faults: FaultInjector,
    private readonly limiter: RateLimiter | undefined,
  ) {
    this.media = new MediaVault(state.clock);
  }

  answer(req: PipelineRequest): RouteResult {
    const url = new URL(req.url, 'http://fake.invalid');
    const match = matcher.match(req.method, url.pathname);
    const key = statsKey(req.method, match);
    this.byRoute[key] = (this.byRoute[key] ?? 0) + 1;
    const fault = this.faults.take(req.method, url.pathname);
    if (fault !== undefined) {
      const retry: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) retry['Retry-After'] = String(fault.retryAfterSeconds);
      return failure(url.pathname, fault.status, 'Injected fault', retry);
    }
    const open = match.kind === 'found' && match.route.public === true;
    if (!open && !basicAuthMatches(req.authorization, this.credentials.email, this.credentials.apiToken)) {
      return failure(url.pathname, 401, 'Client must be authenticated to access this resource.');
    }
    const rate = open ? undefined : this.limiter?.take();
    const result =
      rate?.allowed === false ? failure(url.pathname, 429, 'Rate limit exceeded') : this.route(match, url);
    return { ...result, headers: { ...rate?.headers, ...result.headers } };
  }

  private route(match: RouteMatch, url: URL): RouteResult {
    const path = url.pathname;
    if (match.kind === 'none') return failure(path, 404, 'Not Found');
    if (match.kind === 'wrong-method') {
      return failure(path, 405, 'Method Not Allowed', { Allow: match.allowed.join(', ') });
    }
    try {
      return match.route.handle({
        state: this.state,
        params: match.params,
        query: new QueryReader(url.searchParams),
        path,
        media: this.media,
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return failure(path, error.status, error.message, error.headers);
    }
  }

  /** A handler bug: 500 in the API's shape, with the message, so tests see it. */
  crash(req: PipelineRequest, error: unknown): RouteResult {
    const message = error instanceof Error ? error.message : String(error);
    return failure(
      new URL(req.url, 'http://fake.invalid').pathname,
      500,
      `Fake Confluence failed: ${message}`,
    );
  }
}
