import type { ConfluenceApi, ConfluenceRequestInit } from '../../ports/confluence-api';
import type { Http, HttpResponse } from '../../ports/http';
import { NodeHttp } from './node-http';

export interface RestConfluenceApiOptions {
  /** Site URL, e.g. https://example.atlassian.net or http://127.0.0.1:4010 (no /wiki). */
  baseUrl: string;
  email: string;
  apiToken: string;
  http?: Http;
}

export interface ConfluenceApiStats {
  requests: number;
  /** Requests per path template: query string dropped, numeric segments replaced by {id}. */
  byPath: Record<string, number>;
}

/** `/wiki/api/v2/pages/123/labels?limit=5` → `/wiki/api/v2/pages/{id}/labels`. */
export function pathTemplate(path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? path;
  return withoutQuery.replace(/\/\d+(?=\/|$)/g, '/{id}');
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
}

/** The Confluence REST API of one site, with API-token basic auth (as `relay sync` uses it). */
export class RestConfluenceApi implements ConfluenceApi {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly http: Http;
  private readonly counts = new Map<string, number>();

  constructor(options: RestConfluenceApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const credentials = Buffer.from(`${options.email}:${options.apiToken}`).toString('base64');
    this.authorization = `Basic ${credentials}`;
    this.http = options.http ?? new NodeHttp();
  }

  request(path: string, init: ConfluenceRequestInit = {}): Promise<HttpResponse> {
    if (!path.startsWith('/')) throw new Error(`Confluence path must start with "/" (got "${path}")`);
    const template = pathTemplate(path);
    this.counts.set(template, (this.counts.get(template) ?? 0) + 1);
    return this.http.fetch({
      method: init.method ?? 'GET',
      url: `${this.baseUrl}${path}`,
      headers: this.headers(init),
      body: init.body,
    });
  }

  stats(): ConfluenceApiStats {
    const byPath = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    const requests = [...this.counts.values()].reduce((sum, n) => sum + n, 0);
    return { requests, byPath };
  }

  private headers(init: ConfluenceRequestInit): Record<string, string> {
    const given = init.headers ?? {};
    const headers: Record<string, string> = {};
    if (!hasHeader(given, 'accept')) headers.Accept = 'application/json';
    if (init.body !== undefined && !hasHeader(given, 'content-type'))
      headers['Content-Type'] = 'application/json';
    for (const [name, value] of Object.entries(given)) {
      if (name.toLowerCase() !== 'authorization') headers[name] = value;
    }
    headers.Authorization = this.authorization;
    return headers;
  }
}
