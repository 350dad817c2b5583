export interface RouteLike {
  method: string;
  template: string;
}

export type RouteMatch<R extends RouteLike> =
  | { kind: 'found'; route: R; params: Record<string, string> }
  | { kind: 'wrong-method'; template: string; allowed: string[] }
  | { kind: 'none' };

export interface MatcherOptions {
  /** ASP.NET-style routing (Halo): case-insensitive, a trailing slash tolerated. */
  lenientPaths?: boolean;
}

/** A malformed escape stays as sent; the handler's own validation then answers 400. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return segment;
    throw error;
  }
}

interface CompiledRoute<R> {
  route: R;
  pattern: RegExp;
  names: string[];
}

/**
 * Matches a request path against route templates like `/wiki/api/v2/pages/{id}/labels`, for the
 * loopback fakes. A template with fewer parameters wins, so `/content/search` is not taken for
 * `/content/{id}`.
 */
export class RouteMatcher<R extends RouteLike> {
  private readonly compiled: Array<CompiledRoute<R>>;

  constructor(routes: readonly R[], options: MatcherOptions = {}) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.template
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (param?.[1] === undefined) return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(param[1]);
          return '([^/]+)';
        })
        .join('/');
      const pattern = options.lenientPaths ? new RegExp(`^${source}/?$`, 'i') : new RegExp(`^${source}$`);
      return { route, pattern, names };
    });
  }

  match(method: string, path: string): RouteMatch<R> {
    const hits = this.compiled
      .map((c) => ({ c, m: c.pattern.exec(path) }))
      .filter((hit): hit is { c: CompiledRoute<R>; m: RegExpExecArray } => hit.m !== null)
      .sort((a, b) => a.c.names.length - b.c.names.length);
    const first = hits[0];
    if (first === undefined) return { kind: 'none' };
    const hit = hits.find((h) => h.c.route.method === method);
    if (hit === undefined) {
      const allowed = [...new Set(hits.map((h) => h.c.route.method))];
      return { kind: 'wrong-method', template: first.c.route.template, allowed };
    }
    const params: Record<string, string> = {};
    hit.c.names.forEach((name, i) => {
      params[name] = safeDecode(hit.m[i + 1] ?? '');
    });
    return { kind: 'found', route: hit.c.route, params };
  }
}
