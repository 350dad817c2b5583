jest.mock('@forge/kvs', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/kvs'),
  kvs: { transact: jest.fn() },
}));

import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { ForgeStore } from '../../../src/platform/forge/forge-store';
import { TransactionConflictError } from '../../../src/ports/store';
import { filterWire, recordingBuilder } from './recording-builder';

const mockKvs = jest.mocked(kvs);
const store = new ForgeStore();
const kvsError = (status: number, code: string): ForgeKvsAPIError =>
  new ForgeKvsAPIError({ status, statusText: 'x' }, { code, message: `${code} from kvs` });

beforeEach(() => jest.resetAllMocks());

describe('ForgeStore.transact', () => {
  const rev3 = {
    operator: 'and' as const,
    items: [{ field: 'rev', condition: { op: 'equalTo' as const, value: 3 } }],
  };

  function transactStub() {
    const recorded = recordingBuilder(['set', 'delete', 'check']);
    mockKvs.transact.mockReturnValue(recorded.builder as never);
    return recorded;
  }

  it('adds set / delete / check with entity names, conditions and TTL, then executes', async () => {
    const { builder, calls } = transactStub();
    await store.transact([
      { kind: 'set', entity: 'ledger', key: 'p1:t1', value: { rev: 4 }, conditions: rev3 },
      { kind: 'set', entity: 'delivery', key: 'd1', value: { at: 1 }, ttlSeconds: 60 },
      { kind: 'delete', entity: 'ledger', key: 'p2:t1' },
      { kind: 'delete', entity: 'ledger', key: 'p3:t1', conditions: rev3 },
      { kind: 'check', entity: 'target', key: 't1', conditions: rev3 },
    ]);
    const shape = (args: unknown[]) =>
      args.map((arg) =>
        typeof arg === 'object' && arg !== null && 'conditions' in arg
          ? { ...arg, conditions: filterWire(arg.conditions) }
          : arg,
      );
    const rev3Wire = { and: [{ property: 'rev', condition: 'EQUAL_TO', values: [3] }] };
    expect(calls.map(([method, ...args]) => [method, ...shape(args)])).toEqual([
      ['set', 'p1:t1', { rev: 4 }, { entityName: 'ledger', conditions: rev3Wire }],
      ['set', 'd1', { at: 1 }, { entityName: 'delivery' }, { ttl: { value: 60, unit: 'SECONDS' } }],
      ['delete', 'p2:t1', { entityName: 'ledger' }],
      ['delete', 'p3:t1', { entityName: 'ledger', conditions: rev3Wire }],
      ['check', 't1', { entityName: 'target', conditions: rev3Wire }],
    ]);
    expect(builder.execute).toHaveBeenCalledTimes(1);
  });

  it('turns a failed condition into TransactionConflictError with the kvs error as cause', async () => {
    const { builder } = transactStub();
    const kvsFailure = kvsError(409, 'CONDITIONAL_CHECK_FAILED');
    builder.execute.mockRejectedValue(kvsFailure);
    const error: unknown = await store
      .transact([{ kind: 'check', entity: 'target', key: 't1', conditions: rev3 }])
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransactionConflictError);
    expect((error as Error).message).toContain('CONDITIONAL_CHECK_FAILED');
    expect((error as Error).cause).toBe(kvsFailure);
  });

  it('rethrows other errors unchanged', async () => {
    const { builder } = transactStub();
    const rateLimited = kvsError(429, 'TOO_MANY_REQUESTS');
    builder.execute.mockRejectedValue(rateLimited);
    await expect(store.transact([{ kind: 'delete', entity: 'ledger', key: 'k' }])).rejects.toBe(rateLimited);
    const plain = new Error('network down');
    builder.execute.mockRejectedValue(plain);
    await expect(store.transact([{ kind: 'delete', entity: 'ledger', key: 'k' }])).rejects.toBe(plain);
  });
});
