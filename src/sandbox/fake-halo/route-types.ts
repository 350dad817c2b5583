import type { Clock } from '../../ports/clock';
import type { HaloStore } from './halo-store';
import type { TokenService } from './token-service';

export interface HaloRequest {
  method: string;
  /** Path only, as sent. */
  path: string;
  query: URLSearchParams;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  body: Buffer;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON. With neither `json` nor `raw`, the body is empty. */
  json?: unknown;
  raw?: { data: Buffer; contentType: string };
}

/** What serves the routes: the data and the server's own settings. */
export interface HaloEnv {
  clock: Clock;
  store: HaloStore;
  tokens: TokenService;
  tenant: string;
  /** e.g. `http://127.0.0.1:PORT`; set once the server listens. */
  baseUrl: string;
  maxArticleBodyChars: number;
  teams: ReadonlyMap<number, string>;
}

export interface RouteContext {
  req: HaloRequest;
  /** Path parameters by template name, e.g. `{ id: '418' }`. */
  params: Record<string, string>;
  env: HaloEnv;
}

/**
 * Who may call a route: `public` needs no bearer token (authinfo, the token endpoint, image links);
 * the others need a valid token whose scopes include one of the route's scopes.
 */
export type Access = 'public' | 'kb-read' | 'kb-write' | 'image-upload';

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** e.g. `/api/KBArticle/{id}`; matched case-insensitively; also the stats key. */
  template: string;
  access: Access;
  handle(ctx: RouteContext): Reply;
}
