import { kvs } from '@forge/kvs';
import { TransactionConflictError } from '../../ports/store';
import type { TxOp } from '../../ports/store';
import { isKvsConflict } from './kvs-conflict';
import { toKvsFilter } from './to-kvs-conditions';
import type { KvsRow } from './to-kvs-conditions';

function unreachable(op: never): never {
  throw new Error(`Unsupported transaction operation: ${JSON.stringify(op)}`);
}

/** kvs TTL for a number of seconds (kvs takes whole units; a fraction is rounded up). */
export function secondsTtl(seconds: number): { ttl: { value: number; unit: 'SECONDS' } } {
  return { ttl: { value: Math.ceil(seconds), unit: 'SECONDS' } };
}

type Builder = ReturnType<typeof kvs.transact>;

function addOp(tx: Builder, op: TxOp): void {
  switch (op.kind) {
    case 'set': {
      const entity = {
        entityName: op.entity,
        ...(op.conditions && { conditions: toKvsFilter(op.conditions) }),
      };
      if (op.ttlSeconds === undefined) tx.set<KvsRow>(op.key, op.value, entity);
      else tx.set<KvsRow>(op.key, op.value, entity, secondsTtl(op.ttlSeconds));
      return;
    }
    case 'delete':
      tx.delete<KvsRow>(op.key, {
        entityName: op.entity,
        ...(op.conditions && { conditions: toKvsFilter(op.conditions) }),
      });
      return;
    case 'check':
      tx.check<KvsRow>(op.key, { entityName: op.entity, conditions: toKvsFilter(op.conditions) });
      return;
    default:
      unreachable(op);
  }
}

/**
 * Runs the operations as one kvs transaction. A failed condition becomes the port's
 * TransactionConflictError (matched by the UNVERIFIED rule in kvs-conflict.ts, original error as
 * `cause`); every other error is rethrown unchanged. kvs documents at most 25 operations and each
 * key once per transaction; the server enforces both.
 */
export async function executeTransaction(ops: TxOp[]): Promise<void> {
  const tx = kvs.transact();
  for (const op of ops) addOp(tx, op);
  try {
    await tx.execute();
  } catch (error) {
    if (!isKvsConflict(error)) throw error;
    const conflict = new TransactionConflictError(
      `A transaction condition failed (${error.code}): ${error.message}`,
    );
    throw Object.assign(conflict, { cause: error });
  }
}
