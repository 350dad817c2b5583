import type { ConfluenceState } from './confluence-state';
import type { QueryReader } from './query-reader';

export interface RouteContext {
  state: ConfluenceState;
  /** Path parameters by template name, e.g. `{ id: '123' }`. */
  params: Record<string, string>;
  query: QueryReader;
  path: string;
}

export interface RouteResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET';
  /** e.g. `/wiki/api/v2/pages/{id}`; also the key in stats().byRoute. */
  template: string;
  handle(ctx: RouteContext): RouteResult;
}
