import { secretKeys } from '../../domain/storage-layout';
import type { BitrixTargetSettings } from '../../domain/settings';
import type { SecretStore } from '../../ports/secret-store';
import { BitrixError, apiError, readErrorBody } from './bitrix-errors';
import type { BitrixErrorBody } from './bitrix-errors';
import { BitrixTransport } from './bitrix-transport';
import type { TransportDeps } from './bitrix-transport';
import { parseWebhookUrl } from './bitrix-webhook';
import type { BitrixWebhook } from './bitrix-webhook';

export interface BitrixClientDeps extends TransportDeps {
  secrets: SecretStore;
}

/** A v1 success envelope (targets.md B.1): `total` and `next` sit next to `result`. */
export interface Envelope {
  result: unknown;
  total?: number;
  next?: number;
  time?: { date_start?: string; operating_reset_at?: number };
}

export interface BatchOutcome {
  results: Map<string, unknown>;
  errors: Map<string, BitrixErrorBody>;
  /** Requests it took (≤ 50 commands each). */
  calls: number;
}

export const BATCH_LIMIT = 50;

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `[]` stands for an empty map (PHP's json_encode, B.2). */
const asMap = (v: unknown): Record<string, unknown> => (isMap(v) ? v : {});

/** The JSON body of one `batch` request: every command runs, whatever the others answer. */
export function batchBody(commands: Array<[key: string, command: string]>): {
  halt: 0;
  cmd: Record<string, string>;
} {
  return { halt: 0, cmd: Object.fromEntries(commands) };
}

/**
 * The portal's REST API through an inbound webhook (the URL lives in secret storage only): v1
 * methods, REST 3.0 methods, and `batch` in chunks of 50 with per-command errors.
 */
export class BitrixClient {
  private constructor(
    readonly webhook: BitrixWebhook,
    private readonly transport: BitrixTransport,
  ) {}

  static async open(
    settings: BitrixTargetSettings,
    deps: BitrixClientDeps,
    signal?: AbortSignal,
  ): Promise<BitrixClient> {
    const secret = await deps.secrets.getSecret(secretKeys.bitrixWebhookUrl(settings.id));
    const parsed = parseWebhookUrl(secret, settings.portalUrl);
    if (!parsed.ok) throw new BitrixError('auth', parsed.reason);
    return new BitrixClient(parsed.webhook, new BitrixTransport(deps, settings.id, signal));
  }

  /** A classic method; non-2xx answers become BitrixErrors naming `what`. */
  async call(method: string, params: Record<string, unknown>, what = method): Promise<Envelope> {
    const answer = await this.transport.post(`${this.webhook.base}${method}.json`, method, params);
    return this.envelope(answer, what);
  }

  /** A REST 3.0 method (`/rest/api/…`, errors in the object shape). */
  async callV3(method: string, params: Record<string, unknown>, what = method): Promise<Envelope> {
    const answer = await this.transport.post(`${this.webhook.v3Base}${method}`, method, params);
    return this.envelope(answer, what);
  }

  /**
   * `batch` with `halt: 0`: one request per 50 commands, always 200; each command answers in
   * `result` or `result_error` under its key. A request that fails as a whole throws.
   */
  async batch(commands: Array<[key: string, command: string]>): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { results: new Map(), errors: new Map(), calls: 0 };
    for (let i = 0; i < commands.length; i += BATCH_LIMIT) {
      const body = batchBody(commands.slice(i, i + BATCH_LIMIT));
      const chunk = body.cmd;
      const envelope = await this.call('batch', body, 'a batch of messages');
      outcome.calls += 1;
      const inner = asMap(envelope.result);
      for (const [key, value] of Object.entries(asMap(inner.result))) outcome.results.set(key, value);
      for (const [key, value] of Object.entries(asMap(inner.result_error)))
        outcome.errors.set(key, readErrorBody({ error: asMap(value).error, ...asMap(value) }));
      for (const key of Object.keys(chunk))
        if (!outcome.results.has(key) && !outcome.errors.has(key))
          outcome.errors.set(key, { code: 'NO_ANSWER', message: 'the batch gave no answer for it' });
    }
    return outcome;
  }

  private envelope(answer: { status: number; body: unknown }, what: string): Envelope {
    if (answer.status < 200 || answer.status >= 300)
      throw apiError(answer.status, readErrorBody(answer.body), what);
    if (!isMap(answer.body) || !('result' in answer.body))
      throw new BitrixError('unavailable', `Bitrix24 answered with an unexpected body for ${what}`, {
        status: answer.status,
      });
    const body = answer.body;
    return {
      result: body.result,
      total: typeof body.total === 'number' ? body.total : undefined,
      next: typeof body.next === 'number' ? body.next : undefined,
      time: isMap(body.time) ? (body.time as Envelope['time']) : undefined,
    };
  }
}
