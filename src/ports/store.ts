/**
 * App storage, shaped after @forge/kvs: plain keys for small values, and custom entities with
 * indexes and conditional transactions (kvs conditions apply to entities only).
 * Entities and their indexes are declared in manifest.yml (app.storage.entities) and in
 * src/domain/storage-layout.ts; both must agree.
 */
export type Scalar = string | number | boolean;

export type FieldCondition =
  | { op: 'equalTo' | 'notEqualTo'; value: Scalar }
  | { op: 'lessThan' | 'lessThanEqualTo' | 'greaterThan' | 'greaterThanEqualTo'; value: string | number }
  | { op: 'beginsWith'; value: string | number }
  | { op: 'between'; value: [string | number, string | number] }
  | { op: 'exists' | 'notExists' };

/** A range condition on an index's range attribute (kvs `where`). */
export type RangeCondition =
  | { op: 'equalTo'; value: Scalar }
  | { op: 'lessThan' | 'lessThanEqualTo' | 'greaterThan' | 'greaterThanEqualTo'; value: string | number }
  | { op: 'beginsWith'; value: string | number }
  | { op: 'between'; value: [string | number, string | number] };

export interface Conditions {
  operator: 'and' | 'or';
  items: Array<{ field: string; condition: FieldCondition }>;
}

export type TxOp =
  | {
      kind: 'set';
      entity: string;
      key: string;
      value: Record<string, unknown>;
      conditions?: Conditions;
      ttlSeconds?: number;
    }
  | { kind: 'delete'; entity: string; key: string; conditions?: Conditions }
  | { kind: 'check'; entity: string; key: string; conditions: Conditions };

export interface IndexQuery {
  entity: string;
  index: string;
  partition?: readonly Scalar[];
  range?: RangeCondition;
  filter?: Conditions;
  sort?: 'ASC' | 'DESC';
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Stored<T> {
  key: string;
  value: T;
}

export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  /** `ifAbsent` = kvs keyPolicy FAIL_IF_EXISTS; returns false when the key already existed. */
  set(key: string, value: unknown, options?: { ttlSeconds?: number; ifAbsent?: boolean }): Promise<boolean>;
  delete(key: string): Promise<void>;
  listByPrefix<T>(prefix: string, options?: { limit?: number; cursor?: string }): Promise<Page<Stored<T>>>;

  getEntity<T>(entity: string, key: string): Promise<T | undefined>;
  setEntity(
    entity: string,
    key: string,
    value: Record<string, unknown>,
    options?: { ttlSeconds?: number },
  ): Promise<void>;
  deleteEntity(entity: string, key: string): Promise<void>;
  query<T>(query: IndexQuery): Promise<Page<Stored<T>>>;

  /**
   * All operations apply, or none. A condition on a missing item fails unless it is `notExists`.
   * Rejects with TransactionConflictError when any condition fails.
   */
  transact(ops: TxOp[]): Promise<void>;
}

export class TransactionConflictError extends Error {
  constructor(message = 'A transaction condition failed') {
    super(message);
    this.name = 'TransactionConflictError';
  }
}
