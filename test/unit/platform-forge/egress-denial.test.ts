import { isEgressDenial } from '../../../src/platform/forge/egress-denial';

const response = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

describe('isEgressDenial', () => {
  it('recognises a 403 made by the Forge proxy', () => {
    expect(isEgressDenial(response(403, { 'forge-proxy-error': 'BLOCKED_EGRESS' }))).toBe(true);
    expect(isEgressDenial(response(403, { 'Forge-Proxy-Error': 'REQUEST_EGRESS_ALLOWLIST_ERR' }))).toBe(true);
  });

  it("treats a target's own 403 and other proxy errors as not a denial", () => {
    expect(isEgressDenial(response(403))).toBe(false);
    expect(isEgressDenial(response(403, { 'forge-proxy-error': ' ' }))).toBe(false);
    expect(isEgressDenial(response(429, { 'forge-proxy-error': 'FETCH_LIMIT_EXCEEDED' }))).toBe(false);
  });
});
