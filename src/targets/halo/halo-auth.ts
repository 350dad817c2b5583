import { z } from 'zod';
import type { HaloTargetSettings } from '../../domain/settings';
import { webhookUrlSchema } from '../../domain/settings';
import { secretKeys } from '../../domain/storage-layout';
import type { Clock } from '../../ports/clock';
import type { Log } from '../../ports/log';
import type { SecretStore } from '../../ports/secret-store';
import { HaloError, tokenError } from './halo-errors';
import type { HaloTransport } from './halo-transport';
import { haloAuthInfoSchema, haloTokenSchema } from './halo-types';

export interface AuthDeps {
  secrets: SecretStore;
  clock: Clock;
  log: Log;
}

interface AuthEndpoint {
  url: string;
  tenant?: string;
}

/** `for` ties a cached token to the connection it was issued for (a changed base URL drops it). */
const cachedTokenSchema = z.object({ accessToken: z.string(), expiresAt: z.number(), for: z.string() });
type CachedToken = z.infer<typeof cachedTokenSchema>;

/** A token is used until this long before it expires. */
const EXPIRY_MARGIN_MS = 60_000;

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * OAuth2 client credentials against Halo's auth server (targets.md A.1). The auth server is the
 * configured `authUrl`, else `auth_url` of `GET {baseUrl}/api/authinfo`, else `{baseUrl}/auth`.
 * The token is cached with its expiry in memory and in the SecretStore (shared by every
 * invocation), reused until 60 s before it expires. Token calls go through the rate window too.
 */
export class HaloAuth {
  private current?: CachedToken;
  private pending?: Promise<string>;
  private endpoint?: AuthEndpoint;
  private readonly connection: string;

  constructor(
    private readonly settings: HaloTargetSettings,
    private readonly deps: AuthDeps,
    private readonly transport: HaloTransport,
  ) {
    const { baseUrl, authUrl, tenant, clientId, scope } = settings;
    this.connection = [baseUrl, authUrl ?? '', tenant ?? '', clientId, scope].join('|');
  }

  /** A valid access token: from memory, from the SecretStore, or a new one from Halo. */
  async token(): Promise<string> {
    if (this.current !== undefined && this.fresh(this.current)) return this.current.accessToken;
    this.pending ??= this.load().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** A new token from Halo whatever is cached (Test connection checks the credentials themselves). */
  async renew(): Promise<string> {
    this.current = undefined;
    this.pending = undefined;
    return this.load(true);
  }

  /** After a 401: forgets `token`, also in the SecretStore unless another consumer replaced it. */
  async invalidate(token: string): Promise<void> {
    if (this.current?.accessToken === token) this.current = undefined;
    if ((await this.readCache())?.accessToken === token)
      await this.deps.secrets.deleteSecret(secretKeys.haloToken(this.settings.id));
  }

  private fresh(token: CachedToken): boolean {
    return token.for === this.connection && token.expiresAt - EXPIRY_MARGIN_MS > this.deps.clock.now();
  }

  private async load(renew = false): Promise<string> {
    const cached = renew ? undefined : await this.readCache();
    const token = cached !== undefined && this.fresh(cached) ? cached : await this.requestToken();
    if (token !== cached)
      await this.deps.secrets.setSecret(secretKeys.haloToken(this.settings.id), JSON.stringify(token));
    this.current = token;
    return token.accessToken;
  }

  private async readCache(): Promise<CachedToken | undefined> {
    const raw = await this.deps.secrets.getSecret(secretKeys.haloToken(this.settings.id));
    if (raw === undefined) return undefined;
    const parsed = cachedTokenSchema.safeParse(parseJson(raw));
    if (!parsed.success) this.deps.log.warn('halo token cache unreadable', { targetId: this.settings.id });
    return parsed.data;
  }

  private async requestToken(): Promise<CachedToken> {
    const targetId = this.settings.id;
    const secret = await this.deps.secrets.getSecret(secretKeys.haloClientSecret(targetId));
    if (secret === undefined || secret === '')
      throw new HaloError('auth', `no Halo client secret is set for target '${targetId}'`);
    const { url, tenant } = await this.authEndpoint();
    const tokenUrl = `${url}/token${tenant === undefined ? '' : `?tenant=${encodeURIComponent(tenant)}`}`;
    const { clientId, scope } = this.settings;
    const form = { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope };
    const asked = this.deps.clock.now();
    const res = await this.transport.send({
      method: 'POST',
      url: tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
    if (res.status < 200 || res.status >= 300)
      throw tokenError(res.status, await this.transport.errorBody(res), { tenant, scope, url: tokenUrl });
    const grant = haloTokenSchema.safeParse(await this.transport.json(res, tokenUrl));
    if (!grant.success) throw new HaloError('auth', "Halo's token endpoint answered without an access token");
    this.deps.log.info('halo token issued', { targetId, expiresInSeconds: grant.data.expires_in });
    const expiresAt = asked + grant.data.expires_in * 1000;
    return { accessToken: grant.data.access_token, expiresAt, for: this.connection };
  }

  private async authEndpoint(): Promise<AuthEndpoint> {
    const { authUrl, tenant } = this.settings;
    if (authUrl !== undefined) return { url: trimSlash(authUrl), tenant };
    this.endpoint ??= await this.discover();
    return this.endpoint;
  }

  /** `GET /api/authinfo`; any answer without a usable `auth_url` falls back to `{baseUrl}/auth`. */
  private async discover(): Promise<AuthEndpoint> {
    const base = trimSlash(this.settings.baseUrl);
    const tenant = this.settings.tenant;
    const fallback = { url: `${base}/auth`, tenant };
    const url = `${base}/api/authinfo`;
    try {
      const res = await this.transport.send({ method: 'GET', url, headers: { accept: 'application/json' } });
      const info =
        res.status === 200 ? haloAuthInfoSchema.safeParse(await this.transport.json(res, url)) : undefined;
      const authUrl = webhookUrlSchema.safeParse(info?.data?.auth_url);
      if (!authUrl.success) {
        this.deps.log.info('halo authinfo not usable; using {baseUrl}/auth', { targetId: this.settings.id });
        return fallback;
      }
      return { url: trimSlash(authUrl.data), tenant: tenant ?? (info?.data?.tenant_id || undefined) };
    } catch (error) {
      // A 5xx or a body that is not JSON: the default auth server may still answer.
      if (error instanceof HaloError && error.kind === 'unavailable' && error.status !== undefined)
        return fallback;
      throw error;
    }
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
