import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import type { HaloClientApp } from './halo-types';

interface IssuedToken {
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export type BearerCheck =
  | { kind: 'ok'; clientId: string; scopes: string[] }
  | { kind: 'missing' }
  | { kind: 'unknown' }
  | { kind: 'expired' };

export type ClientCheck = { kind: 'ok'; granted: string[] } | { kind: 'invalid' };

export interface TokenGrant {
  accessToken: string;
  scopes: string[];
  expiresIn: number;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Registered API applications and the bearer tokens issued to them, on the injected clock. */
export class TokenService {
  private readonly clients = new Map<string, Required<HaloClientApp>>();
  private readonly tokens = new Map<string, IssuedToken>();
  issued = 0;

  constructor(
    private readonly clock: Clock,
    apps: readonly HaloClientApp[],
    private readonly lifetimeSeconds: number,
  ) {
    if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1)
      throw new Error(`tokenLifetimeSeconds must be an integer ≥ 1: ${lifetimeSeconds}`);
    if (apps.length === 0) throw new Error('fake Halo needs at least one API client');
    for (const app of apps) {
      if (this.clients.has(app.clientId)) throw new Error(`duplicate clientId ${app.clientId}`);
      const scopes = app.scopes ?? ['all'];
      if (scopes.length === 0) throw new Error(`client ${app.clientId} has no scopes`);
      this.clients.set(app.clientId, { ...app, scopes: [...scopes] });
    }
  }

  /** Client id and secret, the secret compared in constant time. */
  authenticate(clientId: string, clientSecret: string): ClientCheck {
    const app = this.clients.get(clientId);
    const expected = app?.clientSecret ?? `unknown-${randomBytes(8).toString('hex')}`;
    const same = timingSafeEqual(digest(clientSecret), digest(expected));
    return app !== undefined && same ? { kind: 'ok', granted: [...app.scopes] } : { kind: 'invalid' };
  }

  issue(clientId: string, scopes: string[]): TokenGrant {
    const accessToken = `halo_at_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, {
      clientId,
      scopes: [...scopes],
      expiresAt: this.clock.now() + this.lifetimeSeconds * 1000,
    });
    this.issued += 1;
    return { accessToken, scopes: [...scopes], expiresIn: this.lifetimeSeconds };
  }

  /** Checks `Authorization: Bearer <token>` (scheme case-insensitive, as RFC 6750 allows). */
  check(header: string | undefined): BearerCheck {
    const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
    if (match?.[1] === undefined) return { kind: 'missing' };
    const token = this.tokens.get(match[1]);
    if (token === undefined) return { kind: 'unknown' };
    if (this.clock.now() >= token.expiresAt) return { kind: 'expired' };
    return { kind: 'ok', clientId: token.clientId, scopes: [...token.scopes] };
  }

  expireAll(): void {
    const now = this.clock.now();
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }
}
