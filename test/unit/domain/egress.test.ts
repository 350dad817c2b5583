import { egressAllows, parseEgressAddress } from '../../../src/domain/egress';

describe('egress addresses', () => {
  it('keeps scheme and host only', () => {
    expect(parseEgressAddress('https://KB.example.org/api/x?y=1')).toEqual({
      ok: true,
      address: 'https://kb.example.org',
    });
    expect(parseEgressAddress('https://*.example.org')).toEqual({
      ok: true,
      address: 'https://*.example.org',
    });
  });

  it('refuses plain http, non-URLs and too-broad wildcards', () => {
    expect(parseEgressAddress('http://kb.example.org')).toMatchObject({ ok: false });
    expect(parseEgressAddress('kb.example.org')).toMatchObject({ ok: false });
    expect(parseEgressAddress('https://*.org')).toMatchObject({ ok: false });
  });

  it('matches like Forge: a wildcard covers subdomains, not the domain itself', () => {
    expect(egressAllows('https://*.bitrix24.com', 'https://acme.bitrix24.com/rest/1/x/')).toBe(true);
    expect(egressAllows('https://*.bitrix24.com', 'https://bitrix24.com/')).toBe(false);
    expect(egressAllows('https://kb.example.org', 'https://kb.example.org/path')).toBe(true);
    expect(egressAllows('https://kb.example.org', 'https://evil.example.org/')).toBe(false);
  });
});
