import { articleRoutes } from './article-routes';
import { authRoutes } from './auth-routes';
import { authorise } from './bearer-auth';
import { faqListRoutes } from './faq-list-routes';
import type { FaultRules } from './fault-rules';
import { HaloError, pipelineError, rateLimitBody, renderErrorBody } from './halo-error';
import type { ReadResult } from './http-io';
import { imageRoutes } from './image-routes';
import type { RollingWindow } from './rolling-window';
import { RouteMatcher } from './route-matcher';
import type { RouteMatch } from './route-matcher';
import type { HaloEnv, HaloRequest, Reply } from './route-types';

const matcher = new RouteMatcher([...authRoutes, ...articleRoutes, ...faqListRoutes, ...imageRoutes]);

function errorReply(error: HaloError): Reply {
  return { status: error.status, json: renderErrorBody(error.errorBody), headers: error.headers };
}

function statsKey(method: string, match: RouteMatch): string {
  if (match.kind === 'none') return `${method} (no route)`;
  return `${method} ${match.kind === 'found' ? match.route.template : match.template}`;
}

/**
 * What the fake answers, in the order a request meets it: counted per route template; injected
 * fault; rolling-window rate limit (429); request too large (413); routing (404 unknown path, 405
 * wrong method, both with ASP.NET's stock messages, UNVERIFIED); bearer token and scope (401/403,
 * except the public routes); the handler (its HaloErrors rendered in Halo's shapes).
 */
export class RequestPipeline {
  byRoute: Record<string, number> = {};

  constructor(
    private readonly env: HaloEnv,
    private readonly faults: FaultRules,
    private readonly window: RollingWindow,
    private readonly sendRetryAfter: boolean,
  ) {}

  answer(input: ReadResult): Reply {
    const { method, path } = input.kind === 'ok' ? input.request : input;
    const match = matcher.match(method, path);
    const key = statsKey(method, match);
    this.byRoute[key] = (this.byRoute[key] ?? 0) + 1;
    const fault = this.faults.take(method, path);
    if (fault !== undefined) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      const body =
        fault.body ??
        (fault.status === 429
          ? renderErrorBody(rateLimitBody(this.window.requests, this.window.windowSeconds))
          : { ClassName: 'System.Exception', Message: 'Injected fault' });
      return { status: fault.status, json: body, headers };
    }
    const rate = this.window.take();
    if (!rate.allowed) {
      const headers: Record<string, string> = this.sendRetryAfter
        ? { 'Retry-After': String(rate.retryAfterSeconds) }
        : {};
      const body = rateLimitBody(this.window.requests, this.window.windowSeconds);
      return { status: 429, json: renderErrorBody(body), headers };
    }
    try {
      if (input.kind === 'too-large') throw pipelineError(413, 'The request body is too large.');
      return this.route(match, input.request);
    } catch (error) {
      if (error instanceof HaloError) return errorReply(error);
      throw error;
    }
  }

  private route(match: RouteMatch, req: HaloRequest): Reply {
    if (match.kind === 'none') {
      throw pipelineError(404, `No HTTP resource was found that matches the request URI '${req.path}'.`);
    }
    if (match.kind === 'wrong-method') {
      throw pipelineError(405, `The requested resource does not support http method '${req.method}'.`, {
        Allow: match.allowed.join(', '),
      });
    }
    authorise(match.route.access, req.header('authorization'), this.env.tokens);
    return match.route.handle({ req, params: match.params, env: this.env });
  }

  /** A handler bug: 500 in Halo's exception shape, with the message, so tests see it. */
  crash(error: unknown): Reply {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, json: { ClassName: 'System.Exception', Message: `Fake Halo failed: ${message}` } };
  }
}
