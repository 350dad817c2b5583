import { kvs, Sort, WhereConditions } from '@forge/kvs';
import type { IndexQuery, Page, Store, Stored, TxOp } from '../../ports/store';
import { isKvsConflict } from './kvs-conflict';
import { executeTransaction, secondsTtl } from './kvs-transaction';
import { toKvsFilter, toWhereClause } from './to-kvs-conditions';
import type { KvsRow } from './to-kvs-conditions';

interface KvsPage<T> {
  results: Array<{ key: string; value: T }>;
  nextCursor?: string;
}

function toPage<T>(page: KvsPage<T>): Page<Stored<T>> {
  const items = page.results.map(({ key, value }) => ({ key, value }));
  return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
}

/**
 * The Store port over @forge/kvs: plain keys (kvs.get/set/delete/query), custom entities
 * (kvs.entity), and conditional transactions (kvs.transact). No caching: every call is one kvs call.
 */
export class ForgeStore implements Store {
  get<T>(key: string): Promise<T | undefined> {
    return kvs.get<T>(key);
  }

  /**
   * `ifAbsent` sends keyPolicy FAIL_IF_EXISTS. kvs 1.6.5 has no special handling for the collision:
   * the server's error response surfaces as a ForgeKvsAPIError, which we recognise with the
   * UNVERIFIED rule of isKvsConflict (HTTP 409/412 or a conflict-like code) and report as `false`.
   */
  async set(
    key: string,
    value: unknown,
    options?: { ttlSeconds?: number; ifAbsent?: boolean },
  ): Promise<boolean> {
    const ttl = options?.ttlSeconds === undefined ? {} : secondsTtl(options.ttlSeconds);
    if (!options?.ifAbsent) {
      if (options?.ttlSeconds === undefined) await kvs.set(key, value);
      else await kvs.set(key, value, ttl);
      return true;
    }
    try {
      await kvs.set(key, value, { ...ttl, keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (error) {
      if (isKvsConflict(error)) return false;
      throw error;
    }
  }

  delete(key: string): Promise<void> {
    return kvs.delete(key);
  }

  async listByPrefix<T>(
    prefix: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<Page<Stored<T>>> {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix));
    if (options?.limit !== undefined) query = query.limit(options.limit);
    if (options?.cursor !== undefined) query = query.cursor(options.cursor);
    return toPage(await query.getMany<T>());
  }

  getEntity<T>(entity: string, key: string): Promise<T | undefined> {
    return kvs.entity<T>(entity).get(key);
  }

  async setEntity(
    entity: string,
    key: string,
    value: Record<string, unknown>,
    options?: { ttlSeconds?: number },
  ): Promise<void> {
    const table = kvs.entity<KvsRow>(entity);
    if (options?.ttlSeconds === undefined) await table.set(key, value);
    else await table.set(key, value, secondsTtl(options.ttlSeconds));
  }

  deleteEntity(entity: string, key: string): Promise<void> {
    return kvs.entity(entity).delete(key);
  }

  async query<T>(query: IndexQuery): Promise<Page<Stored<T>>> {
    const index = kvs.entity<KvsRow>(query.entity).query();
    let builder = query.partition
      ? index.index(query.index, { partition: [...query.partition] })
      : index.index(query.index);
    if (query.range) builder = builder.where(toWhereClause(query.range));
    if (query.filter) builder = builder.filters(toKvsFilter(query.filter));
    if (query.sort) builder = builder.sort(query.sort === 'DESC' ? Sort.DESC : Sort.ASC);
    if (query.limit !== undefined) builder = builder.limit(query.limit);
    if (query.cursor !== undefined) builder = builder.cursor(query.cursor);
    const page = await builder.getMany();
    // The Store port is generic like kvs itself: the entity's shape is the caller's to know.
    return toPage({ ...page, results: page.results.map(({ key, value }) => ({ key, value: value as T })) });
  }

  transact(ops: TxOp[]): Promise<void> {
    return executeTransaction(ops);
  }
}
