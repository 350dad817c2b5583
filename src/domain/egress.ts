/**
 * Egress addresses as Forge matches them: protocol and host only (a path is ignored), and
 * `https://*.example.com` covers subdomains of example.com but not example.com itself.
 */
export type EgressParse = { ok: true; address: string } | { ok: false; error: string };

const HOST = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/;

export function parseEgressAddress(input: string): EgressParse {
  const raw = input.trim();
  const match = /^(https?):\/\/([^/?#]+)/i.exec(raw);
  if (!match) return { ok: false, error: `"${raw}" is not a URL; give one like https://kb.example.org` };
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!.toLowerCase();
  if (scheme !== 'https')
    return { ok: false, error: `"${raw}" must use https: Forge egress and targets need TLS` };
  const hostname = host.replace(/:\d+$/, '');
  if (!HOST.test(hostname)) return { ok: false, error: `"${host}" is not a valid host name` };
  if (hostname === '*' || /^\*\.[^.]+$/.test(hostname)) {
    return { ok: false, error: `"${host}" is too broad; name the domain (e.g. https://*.example.org)` };
  }
  return { ok: true, address: `https://${host}` };
}

/** Whether an egress address lets a backend fetch reach `url` (host match only). */
export function egressAllows(address: string, url: string): boolean {
  const target = new URL(url);
  const allowed = new URL(address.replace('*.', 'wildcard.'));
  if (target.protocol !== allowed.protocol || target.port !== allowed.port) return false;
  if (!address.includes('://*.')) return target.hostname === allowed.hostname;
  const suffix = allowed.hostname.slice('wildcard'.length);
  return target.hostname.endsWith(suffix) && target.hostname.length > suffix.length;
}
