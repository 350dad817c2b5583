import type { Route } from './route-types';

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; template: string; allowed: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return segment;
    throw error;
  }
}

/**
 * Matches paths against templates like `/api/KBArticle/{id}`. Case-insensitive, as ASP.NET routing
 * is (HAPI posts to `api/kbarticle`); a trailing slash is tolerated. Fewer parameters win.
 */
export class RouteMatcher {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly Route[]) {
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
      return { route, pattern: new RegExp(`^${source}/?$`, 'i'), names };
    });
  }

  match(method: string, path: string): RouteMatch {
    const hits = this.compiled
      .map((c) => ({ c, m: c.pattern.exec(path) }))
      .filter((hit): hit is { c: CompiledRoute; m: RegExpExecArray } => hit.m !== null)
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
