import type { ConfluenceState } from './confluence-state';
import type { MediaVault } from './media-vault';
import type { QueryReader } from './query-reader';

export interface RouteContext {
  state: ConfluenceState;
  /** Path parameters by template name, e.g. `{ id: '123' }`. */
  params: Record<string, string>;
  query: QueryReader;
  path: string;
  /** Download redirects issue media tokens here; `/media/{token}` redeems them. */
  media: MediaVault;
}

export interface RouteResult {
  status?: number;
  /** JSON-encoded, unless it is a Uint8Array: then sent as is (set Content-Type in `headers`). */
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET';
  /** e.g. `/wiki/api/v2/pages/{id}`; also the key in stats().byRoute. */
  template: string;
  /**
   * Served without Basic auth and outside the site's rate limit (the media CDN's capability
   * URLs). Everything else needs credentials.
   */
  public?: boolean;
  handle(ctx: RouteContext): RouteResult;
}
