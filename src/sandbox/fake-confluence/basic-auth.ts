import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * True when `Authorization: Basic base64(email:apiToken)` carries exactly these credentials.
 * Compared in constant time (over digests, so lengths do not leak either).
 */
export function basicAuthMatches(header: string | undefined, email: string, apiToken: string): boolean {
  const match = header === undefined ? null : /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
  if (match?.[1] === undefined) return false;
  const given = Buffer.from(match[1], 'base64').toString('utf8');
  return timingSafeEqual(digest(given), digest(`${email}:${apiToken}`));
}
