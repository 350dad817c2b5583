import type { z } from 'zod';
import type { HaloTargetSettings } from '../../domain/settings';
import type { Clock } from '../../ports/clock';
import type { Http, HttpResponse } from '../../ports/http';
import type { Log } from '../../ports/log';
import type { SecretStore } from '../../ports/secret-store';
import type { Store } from '../../ports/store';
import { HaloAuth } from './halo-auth';
import { HaloError, apiError } from './halo-errors';
import { HaloRateWindow } from './halo-rate-window';
import { HaloTransport } from './halo-transport';
import type { HaloRequest } from './halo-transport';

export interface HaloClientDeps {
  http: Http;
  secrets: SecretStore;
  store: Store;
  clock: Clock;
  log: Log;
}

export interface ApiCall<T> {
  method: HaloRequest['method'];
  /** Below `{baseUrl}/api`, query included. */
  path: string;
  /** How messages name the thing: "the article", "FAQ list 7". */
  what: string;
  schema: z.ZodType<T>;
  json?: unknown;
  body?: { contentType: string; bytes: Uint8Array };
  /** POST answers one object for a one-element array (targets.md A.2); some echo an array. */
  single?: boolean;
  /** The body is not read (DELETE: "treat any 2xx as success and ignore the body", A.2). */
  ignoreBody?: boolean;
}

/**
 * The resource server `{baseUrl}/api`: each call goes through the rate window (HaloTransport) with
 * a bearer token; a 401 drops the token and retries once with a new one; other non-2xx answers
 * become HaloErrors (halo-errors.ts `apiError`); 2xx bodies are parsed with the call's schema.
 */
export class HaloApi {
  readonly auth: HaloAuth;
  private readonly transport: HaloTransport;
  private readonly base: string;

  constructor(
    private readonly settings: HaloTargetSettings,
    private readonly deps: HaloClientDeps,
    signal?: AbortSignal,
  ) {
    const window = new HaloRateWindow(deps.store, deps.clock, settings.id);
    this.transport = new HaloTransport(deps, window, settings.id, signal);
    this.auth = new HaloAuth(settings, deps, this.transport);
    this.base = `${settings.baseUrl.replace(/\/+$/, '')}/api`;
  }

  async request<T>(call: ApiCall<T>): Promise<T> {
    const res = await this.send(call, false);
    if (res === undefined) throw new Error('unreachable: a 404 is an error here');
    return this.read(res, call);
  }

  /** As `request`, but a 404 (unknown or deleted record) answers `undefined`. */
  async requestOrMissing<T>(call: ApiCall<T>): Promise<T | undefined> {
    const res = await this.send(call, true);
    return res === undefined ? undefined : this.read(res, call);
  }

  private async send(call: ApiCall<unknown>, allow404: boolean): Promise<HttpResponse | undefined> {
    const url = `${this.base}${call.path}`;
    const json = call.json === undefined ? undefined : JSON.stringify(call.json);
    const contentType =
      call.body?.contentType ?? (json === undefined ? undefined : 'application/json; charset=utf-8');
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.auth.token();
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
      };
      if (contentType !== undefined) headers['content-type'] = contentType;
      const res = await this.transport.send({
        method: call.method,
        url,
        headers,
        body: call.body?.bytes ?? json,
      });
      if (res.status >= 200 && res.status < 300) return res;
      if (res.status === 401 && attempt === 1) {
        this.deps.log.info('halo refused the token; getting a new one', { targetId: this.settings.id });
        await this.auth.invalidate(token);
        continue;
      }
      if (res.status === 404 && allow404) return undefined;
      throw apiError(res.status, await this.transport.errorBody(res), call.what);
    }
  }

  private async read<T>(res: HttpResponse, call: ApiCall<T>): Promise<T> {
    const body =
      call.ignoreBody === true ? await this.drain(res) : await this.transport.json(res, this.base, call.what);
    const parsed = call.schema.safeParse(call.single === true && Array.isArray(body) ? body[0] : body);
    if (parsed.success) return parsed.data;
    throw new HaloError('unavailable', `Halo answered with an unexpected body for ${call.what}`, {
      status: res.status,
    });
  }

  private async drain(res: HttpResponse): Promise<undefined> {
    await res.arrayBuffer().catch((error: unknown) => {
      this.deps.log.debug('halo answer body unreadable', {
        targetId: this.settings.id,
        error: String(error),
      });
    });
    return undefined;
  }
}
