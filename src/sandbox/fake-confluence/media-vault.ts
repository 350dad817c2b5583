import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports/clock';

/**
 * How long a media URL from a download redirect stays valid. UNVERIFIED: the real media service's
 * token lifetime (its URLs are short-lived signed links; this value is a guess).
 */
export const MEDIA_TOKEN_TTL_MS = 10 * 60_000;

export interface MediaGrant {
  bytes: Uint8Array;
  mediaType: string;
  expiresAt: number;
}

/**
 * The fake media CDN behind `/wiki/download/attachments/…`: each download redirect issues an
 * unguessable token, and `/media/{token}` serves those bytes without credentials (a capability
 * URL) until the token expires on the injected clock. A token keeps serving the version it was
 * issued for, even after a newer upload.
 */
export class MediaVault {
  private readonly grants = new Map<string, MediaGrant>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = MEDIA_TOKEN_TTL_MS,
  ) {}

  issue(bytes: Uint8Array, mediaType: string): string {
    const now = this.clock.now();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
    const token = randomBytes(24).toString('base64url');
    this.grants.set(token, { bytes, mediaType, expiresAt: now + this.ttlMs });
    return token;
  }

  /** The grant while it is live; undefined for unknown or expired tokens. */
  redeem(token: string): MediaGrant | undefined {
    const grant = this.grants.get(token);
    if (grant === undefined || grant.expiresAt <= this.clock.now()) return undefined;
    return grant;
  }
}
