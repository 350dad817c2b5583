import type { Clock } from '../../../src/ports/clock';
import type { FakeHalo, FakeHaloOptions } from '../../../src/sandbox/fake-halo/fake-halo-server';
import { startFakeHalo } from '../../../src/sandbox/fake-halo/fake-halo-server';

export const TENANT = 'acme';
export const CLIENT_ID = 'c9534241-dde9-4d04-9d45-32b1fbff22ed';
export const SECRET = '14c0c9af-2db1-48ab-b29c-51975df4afa2';
export const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);

/** A Clock that moves only when the test says so; the fake must never sleep. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(start = T0): ManualClock {
  let now = start;
  return {
    now: () => now,
    sleep: () => Promise.reject(new Error('the fake must not sleep')),
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export interface CallOptions {
  /** Bearer token; null sends no Authorization header. */
  token?: string | null;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface Kit {
  halo: FakeHalo;
  clock: ManualClock;
  /** Fetches a token with the default client (scope `all`). */
  token(scope?: string, clientId?: string, secret?: string): Promise<string>;
  /** `POST {authUrl}/token` with a form body; `tenant` null leaves the parameter out. */
  requestToken(form: Record<string, string>, tenant?: string | null): Promise<Reply>;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
}

async function toReply(response: Response): Promise<Reply> {
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.startsWith('application/json') === true;
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: isJson ? JSON.parse(text) : undefined,
  };
}

export async function startKit(overrides: Partial<FakeHaloOptions> = {}): Promise<Kit> {
  const clock = manualClock();
  const halo = await startFakeHalo({
    clock,
    tenant: TENANT,
    clients: [
      { clientId: CLIENT_ID, clientSecret: SECRET },
      { clientId: 'reader', clientSecret: 'reader-secret', scopes: ['read:kb'] },
      { clientId: 'kb-editor', clientSecret: 'kb-secret', scopes: ['read:kb', 'edit:kb'] },
    ],
    ...overrides,
  });
  const requestToken: Kit['requestToken'] = async (form, tenant = TENANT) => {
    const query = tenant === null ? '' : `?tenant=${encodeURIComponent(tenant)}`;
    const response = await fetch(`${halo.authUrl}/token${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return toReply(response);
  };
  const token: Kit['token'] = async (scope = 'all', clientId = CLIENT_ID, secret = SECRET) => {
    const form = { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope };
    const reply = await requestToken(form);
    if (reply.status !== 200) throw new Error(`token request failed: ${reply.status} ${reply.text}`);
    return (reply.json as { access_token: string }).access_token;
  };
  const call: Kit['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined && options.token !== null)
      headers.Authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers['Content-Type'] ??= 'application/json; charset=utf-8';
      body = JSON.stringify(options.json);
    }
    return toReply(await fetch(`${halo.url}${path}`, { method, headers, body }));
  };
  return { halo, clock, token, requestToken, call };
}

/** ISO time of the kit clock's start plus `ms`. */
export function at(ms = 0): string {
  return new Date(T0 + ms).toISOString();
}
