/** Outbound HTTP to targets. Forge: `fetch` from @forge/api (egress-checked); Node: global fetch. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  /** Text (JSON, forms) or bytes (multipart uploads). */
  body?: string | Uint8Array;
  /** Aborts the request; the consumer derives it from the function's remaining time. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** The body as bytes (attachments, images). */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Redirects are never followed (a 3xx is a failure for a webhook). Network failures and aborts
 * reject; HTTP error statuses resolve. On Forge an egress denial resolves as a 403 response.
 */
export interface Http {
  fetch(request: HttpRequest): Promise<HttpResponse>;
  /**
   * Whether the platform lets a backend fetch reach `url` (Forge: the manifest's egress list, via
   * `permissions.canFetchFrom`). Lets a target tell an egress denial from the receiver's own 403.
   */
  egressAllowed?(url: string): Promise<boolean>;
}
