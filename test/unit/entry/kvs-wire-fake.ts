/**
 * An in-memory kvs *server* for the entry-point tests: it answers the real @forge/kvs 1.6.5 client
 * through the runtime transport `global.__forge_fetch__`, as the wire tests in
 * test/unit/platform-forge do, but keeps state, so a whole consumer run (settings query, ledger
 * claim and settle, delivery log, secrets) works against it.
 *
 * Why this and not `jest.mock('@forge/kvs')`: the entry points reach kvs through ForgeStore,
 * DeliveryLog, LedgerRepo, SettingsRepo and RateState, which change often (others edit src/ while
 * these tests are written). A mock of the kvs builder API (`entity().query().index().getMany()`,
 * `transact().set().execute()`) would encode how each of them calls kvs today and break on any
 * refactor; the wire protocol is fixed by the installed @forge/kvs version. Transaction conditions
 * are honoured, so a claim that must fail does fail. Anything the fake does not know answers 500,
 * so an unexpected kvs call fails the test instead of passing silently.
 *
 * UNVERIFIED like in src/platform/forge/kvs-conflict.ts: the status and code of a failed condition
 * (we answer 409 CONDITIONAL_CHECK_FAILED) and of a FAIL_IF_EXISTS collision (409 KEY_ALREADY_EXISTS).
 */
import { ENTITIES, type EntityDefinition } from '../../../src/domain/storage-layout';

type ForgeFetch = (target: unknown, path: string, init: { body?: string }) => Promise<Response>;
const forgeGlobal = globalThis as typeof globalThis & { __forge_fetch__?: ForgeFetch };

export type Row = Record<string, unknown>;

interface WireCondition {
  property?: string;
  condition: string;
  values: unknown[];
}
type WireConditions = { and?: WireCondition[]; or?: WireCondition[] } | undefined;

interface TxItem {
  key: string;
  value?: Row;
  entityName?: string;
  conditions?: WireConditions;
}

/** The request bodies @forge/kvs sends (storage-api.js, entity-query.js, transaction-api.js). */
type KvsBody = {
  key?: string;
  value?: unknown;
  entityName?: string;
  options?: { keyPolicy?: string };
  indexName?: string;
  partition?: unknown[];
  range?: WireCondition;
  filters?: WireConditions;
  sort?: string;
  cursor?: string;
  limit?: number;
  set?: TxItem[];
  delete?: TxItem[];
  check?: TxItem[];
};

export interface WireCall {
  path: string;
  body: Record<string, unknown>;
}

const reply = (status: number, body?: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status });
const notFound = () => reply(404, { code: 'KEY_NOT_FOUND', message: 'Key not found' });

function matches(value: unknown, c: WireCondition): boolean {
  const [a, b] = c.values as [never, never];
  switch (c.condition) {
    case 'EQUAL_TO':
      return value === a;
    case 'NOT_EQUAL_TO':
      return value !== a;
    case 'LESS_THAN':
      return value !== undefined && (value as never) < a;
    case 'LESS_THAN_EQUAL_TO':
      return value !== undefined && (value as never) <= a;
    case 'GREATER_THAN':
      return value !== undefined && (value as never) > a;
    case 'GREATER_THAN_EQUAL_TO':
      return value !== undefined && (value as never) >= a;
    case 'BETWEEN':
      return value !== undefined && (value as never) >= a && (value as never) <= b;
    case 'BEGINS_WITH':
      return String(value ?? '').startsWith(String(a));
    case 'EXISTS':
      return value !== undefined;
    case 'NOT_EXISTS':
      return value === undefined;
    default:
      throw new Error(`kvs fake: unsupported condition ${c.condition}`);
  }
}

/** kvs semantics: a condition on a missing item fails unless it asks for absence. */
function holds(item: Row | undefined, conditions: WireConditions): boolean {
  if (!conditions) return true;
  const test = (c: WireCondition) =>
    item === undefined ? c.condition === 'NOT_EXISTS' : matches(item[c.property ?? ''], c);
  if (conditions.and) return conditions.and.every(test);
  if (conditions.or) return conditions.or.some(test);
  throw new Error('kvs fake: conditions need `and` or `or`');
}

export class KvsWireFake {
  readonly keys = new Map<string, unknown>();
  readonly secrets = new Map<string, unknown>();
  readonly entities = new Map<string, Map<string, Row>>();
  /** Every kvs request, in order, with its parsed body. */
  readonly calls: WireCall[] = [];
  /** Requests through __forge_fetch__ that were not for kvs (e.g. queue pushes). */
  readonly otherCalls: Array<WireCall & { target: unknown }> = [];

  install(): void {
    forgeGlobal.__forge_fetch__ = (target, path, init) => Promise.resolve(this.handle(target, path, init));
  }

  uninstall(): void {
    delete forgeGlobal.__forge_fetch__;
  }

  entity(name: string): Map<string, Row> {
    let table = this.entities.get(name);
    if (!table) this.entities.set(name, (table = new Map()));
    return table;
  }

  callsTo(path: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.path === path).map((c) => c.body);
  }

  private handle(target: unknown, path: string, init: { body?: string }): Response {
    const body = (init.body ? JSON.parse(init.body) : {}) as KvsBody;
    if ((target as { type?: string } | null)?.type !== 'kvs') {
      this.otherCalls.push({ target, path, body });
      return reply(201, {});
    }
    this.calls.push({ path, body });
    const key = body.key ?? '';
    const entityName = body.entityName ?? '';
    switch (path) {
      case '/api/v1/get':
        return this.keys.has(key) ? reply(200, { key, value: this.keys.get(key) }) : notFound();
      case '/api/v1/secret/get':
        return this.secrets.has(key) ? reply(200, { key, value: this.secrets.get(key) }) : notFound();
      case '/api/v1/entity/get': {
        const row = this.entity(entityName).get(key);
        return row ? reply(200, { key, value: row }) : notFound();
      }
      case '/api/v1/set': {
        if (body.options?.keyPolicy === 'FAIL_IF_EXISTS' && this.keys.has(key))
          return reply(409, { code: 'KEY_ALREADY_EXISTS', message: `${key} exists` });
        this.keys.set(key, body.value);
        return reply(204);
      }
      case '/api/v1/secret/set':
        this.secrets.set(key, body.value);
        return reply(204);
      case '/api/v1/secret/delete':
        if (!this.secrets.has(key)) return notFound();
        this.secrets.delete(key);
        return reply(204);
      case '/api/v1/entity/set':
        this.entity(entityName).set(key, body.value as Row);
        return reply(204);
      case '/api/v1/delete':
        this.keys.delete(key);
        return reply(204);
      case '/api/v1/entity/delete':
        this.entity(entityName).delete(key);
        return reply(204);
      case '/api/v1/entity/query':
        return this.queryEntity(body);
      case '/api/v1/transaction':
        return this.transact(body);
      default:
        return reply(500, { code: 'KVS_FAKE_UNSUPPORTED', message: `kvs fake does not answer ${path}` });
    }
  }

  private queryEntity(body: KvsBody): Response {
    const definitions: EntityDefinition[] = Object.values(ENTITIES);
    const index = definitions
      .find((e) => e.name === body.entityName)
      ?.indexes.find((i) => i.name === body.indexName);
    if (!index) return reply(400, { code: 'INVALID_INDEX', message: `${body.entityName}.${body.indexName}` });
    const partition = index.partition ?? [];
    const rangeField = index.range[0] ?? '';
    const wanted = body.partition ?? [];
    const { range, filters } = body;
    const rows = [...this.entity(body.entityName ?? '')]
      .filter(([, row]) => partition.every((field, i) => row[field] === wanted[i]))
      .filter(([, row]) => !range || matches(row[rangeField], range))
      .filter(([, row]) => holds(row, filters))
      .sort(([, a], [, b]) => Number(a[rangeField] ?? 0) - Number(b[rangeField] ?? 0));
    if (body.sort === 'DESC') rows.reverse();
    const start = Number(body.cursor ?? 0);
    const limit = Number(body.limit ?? 20);
    const page = rows.slice(start, start + limit);
    const next = start + limit < rows.length ? String(start + limit) : undefined;
    return reply(200, { data: page.map(([key, value]) => ({ key, value })), cursor: next });
  }

  private transact(tx: KvsBody): Response {
    const current = (op: TxItem) =>
      op.entityName ? this.entity(op.entityName).get(op.key) : (this.keys.get(op.key) as Row | undefined);
    const all = [...(tx.set ?? []), ...(tx.delete ?? []), ...(tx.check ?? [])];
    const failed = all.find((op) => !holds(current(op), op.conditions));
    if (failed)
      return reply(409, { code: 'CONDITIONAL_CHECK_FAILED', message: `condition failed on ${failed.key}` });
    for (const op of tx.set ?? []) {
      if (op.entityName) this.entity(op.entityName).set(op.key, op.value ?? {});
      else this.keys.set(op.key, op.value);
    }
    for (const op of tx.delete ?? []) {
      if (op.entityName) this.entity(op.entityName).delete(op.key);
      else this.keys.delete(op.key);
    }
    return reply(204);
  }
}
