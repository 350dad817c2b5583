import type { EntityDefinition } from '../../domain/storage-layout';
import type { TxOp } from '../../ports/store';
import { KVS_LIMITS } from './kvs-rules';

/**
 * kvs transaction validation, before any condition is evaluated: 1..25 operations, every entity
 * declared, and no item (entity + key) named twice. Throws a plain Error, as kvs's validation does.
 */
export function validateTransaction(ops: TxOp[], definition: (entity: string) => EntityDefinition): void {
  if (ops.length === 0) throw new Error('kvs: a transaction needs at least one operation');
  if (ops.length > KVS_LIMITS.maxTransactionOps) {
    throw new Error(
      `kvs: a transaction has at most ${KVS_LIMITS.maxTransactionOps} operations (got ${ops.length})`,
    );
  }
  const seen = new Set<string>();
  for (const op of ops) {
    definition(op.entity);
    const id = JSON.stringify([op.entity, op.key]);
    if (seen.has(id)) throw new Error(`kvs: transaction names ${op.entity} "${op.key}" more than once`);
    seen.add(id);
  }
}
