import type { HttpResponse } from '../../ports/http';

/** Header the Forge egress proxy sets on responses it produced itself instead of the remote. */
export const FORGE_PROXY_ERROR_HEADER = 'forge-proxy-error';

/**
 * True when a 403 came from the Forge proxy (the host is not in the manifest's egress list) rather
 * than from the target. Evidence: @forge/api 8.3 reads `forge-proxy-error` to detect proxy-made
 * responses on product requests (api/fetch.js, getForgeProxyError), and our reference records it on
 * the FETCH_LIMIT_EXCEEDED 429. That the egress-denial 403 of a plain `fetch` carries the header is
 * UNVERIFIED (third-party apps report the value `BLOCKED_EGRESS`); so we accept any non-empty value.
 * A 403 without the header is the target's own answer.
 */
export function isEgressDenial(response: Pick<HttpResponse, 'status' | 'headers'>): boolean {
  if (response.status !== 403) return false;
  const reason = response.headers.get(FORGE_PROXY_ERROR_HEADER);
  return reason !== null && reason.trim() !== '';
}
