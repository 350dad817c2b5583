import { createServer } from 'node:http';
import type { Clock } from '../../ports/clock';
import { readRequest, writeReply } from '../fake-halo/http-io';
import type { HaloRequest, Reply } from '../fake-halo/route-types';
import { BitrixModel } from './bitrix-model';
import { runBatch } from './batch-method';
import { MethodError, classicError, timing, v3Error } from './bitrix-replies';
import { LeakyBucket } from './leaky-bucket';
import { methodTable } from './method-table';
import type { MethodSpec } from './method-table';
import { parsePhpQuery } from './php-query-parse';

export interface FakeBitrixOptions {
  clock: Clock;
  webhook: { userId: number; code: string; scopes: string[] };
  bucket?: { burst: number; perSecond: number };
  /** New task card with task chats (default) or an old portal (comments, no REST 3.0 chat method). */
  taskChats?: boolean;
  /** Filtering tasks on a `UF_…` field works (undocumented): off by default. */
  userFieldFilter?: boolean;
  userFields?: string[];
}

export interface FakeBitrixFault {
  method: string;
  status: number;
  code: string;
  times: number;
}

export interface FakeBitrix24 {
  url: string;
  /** The inbound webhook URL an admin would paste. */
  webhookUrl: string;
  model: BitrixModel;
  stats(): { requests: number; byMethod: Record<string, number>; refused: number };
  resetStats(): void;
  /** The next `times` calls of `method` fail (e.g. 429 OPERATION_TIME_LIMIT). */
  injectFault(fault: FakeBitrixFault): void;
  setUserFieldFilter(on: boolean): void;
  close(): Promise<void>;
}

const NOT_FOUND = new MethodError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');

/**
 * A loopback Bitrix24 portal (targets.md B.8): webhook-URL auth (401 `NO_AUTH_FOUND`), scopes
 * (403 `insufficient_scope`), the leaky bucket (503 `QUERY_LIMIT_EXCEEDED`), injected faults such
 * as 429 `OPERATION_TIME_LIMIT`, classic and REST 3.0 routes with their error shapes, `batch`, and
 * `[]` for empty maps. Order of checks: route, auth, bucket, fault, method, scope, handler.
 */
export async function startFakeBitrix24(opts: FakeBitrixOptions): Promise<FakeBitrix24> {
  const taskChats = opts.taskChats ?? true;
  const model = new BitrixModel(opts.clock, opts.webhook.userId, taskChats);
  for (const f of opts.userFields ?? ['UF_CONFLUENCE_URL']) model.userFields.add(f);
  const methods = methodTable(taskChats, opts.webhook.scopes);
  const bucket = new LeakyBucket(opts.clock, opts.bucket?.burst, opts.bucket?.perSecond);
  const faults: FakeBitrixFault[] = [];
  let userFieldFilter = opts.userFieldFilter ?? false;
  let byMethod: Record<string, number> = {};
  let refused = 0;
  const resetAt = () => opts.clock.now() + 600_000;

  const call = (spec: MethodSpec | undefined, params: Record<string, unknown>) => {
    if (!spec) throw NOT_FOUND;
    if (spec.scope !== 'basic' && !opts.webhook.scopes.includes(spec.scope))
      throw new MethodError(
        403,
        'insufficient_scope',
        'The request requires higher privileges than provided by the webhook token',
      );
    return spec.run(model, params, { userFieldFilter });
  };

  const answer = (req: HaloRequest): Reply => {
    const route = /^\/rest\/(api\/)?(\d+)\/([^/]+)\/([A-Za-z0-9_.]+?)(\.json)?\/?$/.exec(req.path);
    const v3 = route?.[1] !== undefined;
    const fail = (e: MethodError): Reply => ({ status: e.status, json: v3 ? v3Error(e) : classicError(e) });
    if (!route?.[4]) return fail(NOT_FOUND);
    if (Number(route[2]) !== opts.webhook.userId || route[3] !== opts.webhook.code)
      return fail(new MethodError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'));
    const name = route[4].toLowerCase();
    byMethod[name] = (byMethod[name] ?? 0) + 1;
    if (!bucket.take()) {
      refused += 1;
      return { status: 503, json: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } };
    }
    const fault = faults.find((f) => f.method === name && f.times > 0);
    if (fault) {
      fault.times -= 1;
      const description =
        fault.code === 'OPERATION_TIME_LIMIT'
          ? 'Method is blocked due to operation time limit.'
          : 'Injected fault';
      return fail(new MethodError(fault.status, fault.code, description));
    }
    const params = readParams(req);
    if (params === undefined)
      return fail(new MethodError(400, 'INVALID_REQUEST', 'The request body is not valid JSON'));
    try {
      const spec = methods.get(name);
      if (v3 !== (spec?.v3 === true)) throw NOT_FOUND;
      const done =
        name === 'batch'
          ? runBatch(params, (method, p) => call(methods.get(method), p), methods, opts.clock)
          : call(spec, params);
      return { status: 200, json: { ...done, time: timing(opts.clock, resetAt()) } };
    } catch (error) {
      if (error instanceof MethodError) return fail(error);
      throw error;
    }
  };

  const server = createServer((req, res) => {
    readRequest(req)
      .then((input) => {
        if (input.kind !== 'ok') return writeReply(res, { status: 413, json: { error: 'INVALID_REQUEST' } });
        writeReply(res, answer(input.request));
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent)
          writeReply(res, {
            status: 500,
            json: { error: 'INTERNAL_SERVER_ERROR', error_description: message },
          });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('fake Bitrix24 did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    webhookUrl: `${url}/rest/${opts.webhook.userId}/${opts.webhook.code}/`,
    model,
    stats: () => ({
      requests: Object.values(byMethod).reduce((a, b) => a + b, 0),
      byMethod: { ...byMethod },
      refused,
    }),
    resetStats: () => {
      byMethod = {};
      refused = 0;
    },
    injectFault: (fault) => faults.push({ ...fault, method: fault.method.toLowerCase() }),
    setUserFieldFilter: (on) => {
      userFieldFilter = on;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

/** A JSON body (POST) or PHP-style query parameters (GET, or a form body). */
function readParams(req: HaloRequest): Record<string, unknown> | undefined {
  const text = req.body.toString('utf8');
  if (
    /json/i.test(req.header('content-type') ?? '') ||
    (text.trim().startsWith('{') && req.method === 'POST')
  ) {
    try {
      const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
  return parsePhpQuery(req.method === 'GET' ? req.query.toString() : text);
}
