import type { HttpResponse } from './http';

export interface ConfluenceRequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Transport to the Confluence REST API of the current site. `path` starts at `/wiki/...` and is
 * already encoded by the caller. Forge: `asApp().requestConfluence`; Node: the site URL plus
 * API-token basic auth. Typed calls live in src/pipeline/confluence-client.ts, shared by both.
 */
export interface ConfluenceApi {
  request(path: string, init?: ConfluenceRequestInit): Promise<HttpResponse>;
}
