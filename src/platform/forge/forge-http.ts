import { fetch, permissions } from '@forge/api';
import type { RequestInit } from '@forge/api';
import type { Http, HttpRequest, HttpResponse } from '../../ports/http';

/**
 * The Http port over `fetch` from @forge/api (egress-checked against manifest.yml). Redirects are
 * never followed (`redirect: 'manual'`; that the Forge runtime honours it is UNVERIFIED). An egress
 * denial resolves as a 403 response and is returned like any other response: targets recognise it
 * with isEgressDenial. Network failures and aborts reject with the runtime's error, unchanged.
 */
export class ForgeHttp implements Http {
  async fetch(request: HttpRequest): Promise<HttpResponse> {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      redirect: 'manual',
      ...(request.body !== undefined && { body: toBody(request.body) }),
      ...(request.signal && { signal: request.signal }),
    };
    return fetch(request.url, init);
  }

  /** The manifest's egress list as the runtime sees it (host match only). */
  async egressAllowed(url: string): Promise<boolean> {
    return permissions.canFetchFrom('backend', url);
  }
}

/** @forge/api takes text or an ArrayBuffer; bytes are copied into an exact-size buffer. */
function toBody(body: string | Uint8Array): string | ArrayBuffer {
  if (typeof body === 'string') return body;
  return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
}
