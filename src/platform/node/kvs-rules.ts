import type { AttributeType, EntityDefinition } from '../../domain/storage-layout';

/** @forge/kvs limits (reference/forge.md §4), checked before anything is stored. */
export const KVS_LIMITS = {
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/,
  maxKeyLength: 500,
  maxValueBytes: 240 * 1024,
  maxDepth: 31,
  maxTransactionOps: 25,
  queryDefaultLimit: 10,
  queryMaxLimit: 100,
  /** kvs.query() on plain keys: "10 values by default, up to a maximum of 20" (Forge docs). */
  listMaxLimit: 20,
  int32: { min: -2147483648, max: 2147483647 },
} as const;

export function validateKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new Error('kvs: key cannot be empty');
  if (key.length > KVS_LIMITS.maxKeyLength) {
    throw new Error(`kvs: key "${key.slice(0, 40)}…" is longer than ${KVS_LIMITS.maxKeyLength} characters`);
  }
  if (!KVS_LIMITS.keyPattern.test(key)) {
    throw new Error(`kvs: key "${key}" does not match ${String(KVS_LIMITS.keyPattern)}`);
  }
}

/** Serialises a value as kvs would (JSON), enforcing size and depth; returns the JSON text. */
export function serialiseValue(key: string, value: unknown): string {
  const json = value === undefined ? undefined : JSON.stringify(value);
  if (json === undefined) throw new Error(`kvs: value of key "${key}" is not JSON-serialisable`);
  const bytes = Buffer.byteLength(json);
  if (bytes > KVS_LIMITS.maxValueBytes) {
    throw new Error(
      `kvs: value of key "${key}" is ${bytes} bytes, over the ${KVS_LIMITS.maxValueBytes} limit`,
    );
  }
  if (depthOf(value) > KVS_LIMITS.maxDepth) {
    throw new Error(`kvs: value of key "${key}" is nested deeper than ${KVS_LIMITS.maxDepth} levels`);
  }
  return json;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

export function validateTtl(ttlSeconds: number | undefined): void {
  if (ttlSeconds === undefined) return;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`kvs: ttlSeconds must be a positive number (got ${ttlSeconds})`);
  }
}

/** Page size as kvs applies it: a default, a hard maximum, and at least 1. */
export function pageLimit(limit: number | undefined, max: number): number {
  if (limit === undefined) return KVS_LIMITS.queryDefaultLimit;
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`kvs: limit must be a positive integer (got ${limit})`);
  return Math.min(limit, max);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Serialises an entity value: a plain object whose declared attributes have their declared types. */
export function serialiseEntity(entity: EntityDefinition, key: string, value: unknown): string {
  if (!isPlainObject(value))
    throw new Error(`kvs: entity "${entity.name}" key "${key}": value must be a plain object`);
  validateAttributes(entity, key, value);
  return serialiseValue(key, value);
}

/** Declared attributes must hold values of their declared type (integer = 32-bit signed). */
function validateAttributes(entity: EntityDefinition, key: string, value: Record<string, unknown>): void {
  for (const [name, type] of Object.entries(entity.attributes)) {
    const attr = value[name];
    if (attr === undefined || attr === null || matchesType(type, attr)) continue;
    throw new Error(
      `kvs: entity "${entity.name}" key "${key}": attribute "${name}" must be ${describe(type)} (got ${JSON.stringify(attr)})`,
    );
  }
}

function matchesType(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return (
        Number.isInteger(value) &&
        Number(value) >= KVS_LIMITS.int32.min &&
        Number(value) <= KVS_LIMITS.int32.max
      );
    case 'any':
      return true;
  }
}

function describe(type: AttributeType): string {
  return type === 'integer' ? 'a 32-bit signed integer' : `a ${type}`;
}
