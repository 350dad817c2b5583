import { ENTITIES, type EntityDefinition } from '../../domain/storage-layout';
import type { Clock } from '../../ports/clock';
import type { IndexQuery, Page, Store, Stored, TxOp } from '../../ports/store';
import { TransactionConflictError } from '../../ports/store';
import { ExpiringMap } from './expiring-map';
import { matchesConditions } from './kvs-conditions';
import { runIndexQuery } from './kvs-index-query';
import {
  KVS_LIMITS,
  pageLimit,
  serialiseEntity,
  serialiseValue,
  validateKey,
  validateTtl,
} from './kvs-rules';
import { validateTransaction } from './kvs-transaction';

type EntityRecord = Record<string, unknown>;

export interface MemoryStoreOptions {
  clock: Clock;
  /** Declared entities; defaults to every entity of src/domain/storage-layout.ts. */
  entities?: EntityDefinition[];
}

export interface StoreStats {
  reads: number;
  writes: number;
  queries: number;
  transactions: number;
  conflicts: number;
}

export interface StoreSnapshot {
  keys: Record<string, unknown>;
  entities: Record<string, Record<string, EntityRecord>>;
}

type SetOptions = { ttlSeconds?: number; ifAbsent?: boolean };
type ListOptions = { limit?: number; cursor?: string };

const encodeKey = (key: string): string => Buffer.from(key).toString('base64url');
const decodeKey = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

/**
 * @forge/kvs in memory, on an injected clock: plain keys, custom entities with declared indexes,
 * TTL, conditional transactions and kvs's validation. Values are kept as parsed JSON (kvs stores
 * JSON), so callers never share objects with the store and non-JSON values lose what kvs would.
 */
export class MemoryStore implements Store {
  private readonly definitions = new Map<string, EntityDefinition>();
  private readonly plain: ExpiringMap<unknown>;
  private readonly spaces = new Map<string, ExpiringMap<EntityRecord>>();
  private readonly counters: StoreStats = { reads: 0, writes: 0, queries: 0, transactions: 0, conflicts: 0 };

  constructor(options: MemoryStoreOptions) {
    this.plain = new ExpiringMap(options.clock);
    for (const entity of options.entities ?? Object.values(ENTITIES)) {
      this.definitions.set(entity.name, entity);
      this.spaces.set(entity.name, new ExpiringMap(options.clock));
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    validateKey(key);
    this.counters.reads++;
    return this.plain.get(key) as T | undefined;
  }

  async set(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    validateKey(key);
    validateTtl(options.ttlSeconds);
    const json = serialiseValue(key, value);
    this.counters.writes++;
    if (options.ifAbsent && this.plain.has(key)) return false;
    this.plain.set(key, JSON.parse(json), options.ttlSeconds);
    return true;
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    this.counters.writes++;
    this.plain.delete(key);
  }

  async listByPrefix<T>(prefix: string, options: ListOptions = {}): Promise<Page<Stored<T>>> {
    this.counters.queries++;
    const limit = pageLimit(options.limit, KVS_LIMITS.listMaxLimit);
    const after = options.cursor === undefined ? undefined : decodeKey(options.cursor);
    const matching = this.plain
      .liveEntries()
      .filter(({ key }) => key.startsWith(prefix) && (after === undefined || key > after));
    const items = matching
      .slice(0, limit)
      .map(({ key, value }) => ({ key, value: structuredClone(value) as T }));
    const last = items[items.length - 1];
    return matching.length > limit && last ? { items, nextCursor: encodeKey(last.key) } : { items };
  }

  async getEntity<T>(entity: string, key: string): Promise<T | undefined> {
    const space = this.space(entity);
    validateKey(key);
    this.counters.reads++;
    return space.get(key) as T | undefined;
  }

  async setEntity(
    entity: string,
    key: string,
    value: EntityRecord,
    options: { ttlSeconds?: number } = {},
  ): Promise<void> {
    const prepared = this.prepareEntity(entity, key, value, options.ttlSeconds);
    this.counters.writes++;
    this.space(entity).set(key, prepared, options.ttlSeconds);
  }

  async deleteEntity(entity: string, key: string): Promise<void> {
    const space = this.space(entity);
    validateKey(key);
    this.counters.writes++;
    space.delete(key);
  }

  async query<T>(query: IndexQuery): Promise<Page<Stored<T>>> {
    const space = this.space(query.entity);
    this.counters.queries++;
    const page = runIndexQuery(this.definition(query.entity), space.liveEntries(), query);
    const items = page.items.map(({ key, value }) => ({ key, value: structuredClone(value) as T }));
    return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
  }

  async transact(ops: TxOp[]): Promise<void> {
    validateTransaction(ops, (name) => this.definition(name));
    const prepared = ops.map((op) =>
      op.kind === 'set' ? this.prepareEntity(op.entity, op.key, op.value, op.ttlSeconds) : undefined,
    );
    this.counters.transactions++;
    const failed = ops.find(
      (op) => op.conditions && !matchesConditions(this.space(op.entity).peek(op.key), op.conditions),
    );
    if (failed) {
      this.counters.conflicts++;
      throw new TransactionConflictError(
        `Transaction condition failed on ${failed.entity} "${failed.key}" (${failed.kind})`,
      );
    }
    ops.forEach((op, i) => this.apply(op, prepared[i]));
  }

  /** All live data as plain JSON, for the sandbox report. */
  snapshot(): StoreSnapshot {
    const toObject = <V>(map: ExpiringMap<V>): Record<string, V> =>
      Object.fromEntries(map.liveEntries().map(({ key, value }) => [key, value]));
    const entities = Object.fromEntries([...this.spaces].map(([name, space]) => [name, toObject(space)]));
    return structuredClone({ keys: toObject(this.plain), entities });
  }

  stats(): StoreStats {
    return { ...this.counters };
  }

  private apply(op: TxOp, value: EntityRecord | undefined): void {
    const space = this.space(op.entity);
    if (op.kind === 'set' && value) space.set(op.key, value, op.ttlSeconds);
    if (op.kind === 'delete') space.delete(op.key);
  }

  private definition(entity: string): EntityDefinition {
    const definition = this.definitions.get(entity);
    if (!definition) throw this.unknownEntity(entity);
    return definition;
  }

  private space(entity: string): ExpiringMap<EntityRecord> {
    const space = this.spaces.get(entity);
    if (!space) throw this.unknownEntity(entity);
    return space;
  }

  private unknownEntity(entity: string): Error {
    const known = [...this.definitions.keys()].join(', ');
    return new Error(`kvs: unknown entity "${entity}" (declared: ${known})`);
  }

  /** Validates an entity write as kvs would and returns the value as it will be stored. */
  private prepareEntity(entity: string, key: string, value: unknown, ttlSeconds?: number): EntityRecord {
    validateKey(key);
    validateTtl(ttlSeconds);
    return JSON.parse(serialiseEntity(this.definition(entity), key, value));
  }
}
