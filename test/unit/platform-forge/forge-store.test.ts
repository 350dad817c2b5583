jest.mock('@forge/kvs', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/kvs'),
  kvs: {
    get: jest.fn(),
    set: jest.fn(),
    delete: jest.fn(),
    query: jest.fn(),
    entity: jest.fn(),
    transact: jest.fn(),
  },
}));

import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { ForgeStore } from '../../../src/platform/forge/forge-store';
import { recordingBuilder, filterWire } from './recording-builder';

const mockKvs = jest.mocked(kvs);

function entityStub(query?: Record<string, jest.Mock>) {
  const entity = { get: jest.fn(), set: jest.fn(), delete: jest.fn(), query: jest.fn(() => query) };
  mockKvs.entity.mockReturnValue(entity as never);
  return entity;
}

const kvsError = (status: number, code: string): ForgeKvsAPIError =>
  new ForgeKvsAPIError({ status, statusText: 'x' }, { code, message: `${code} from kvs` });

const store = new ForgeStore();

beforeEach(() => jest.resetAllMocks());

describe('ForgeStore plain keys', () => {
  it('gets a key', async () => {
    mockKvs.get.mockResolvedValue({ at: 1 } as never);
    await expect(store.get('rate:t1')).resolves.toEqual({ at: 1 });
    expect(mockKvs.get).toHaveBeenCalledWith('rate:t1');
  });

  it('sets without options', async () => {
    await expect(store.set('rate:t1', { at: 1 })).resolves.toBe(true);
    expect(mockKvs.set).toHaveBeenCalledWith('rate:t1', { at: 1 });
  });

  it('sets with a TTL in whole SECONDS', async () => {
    await store.set('user:abc', 'Ada', { ttlSeconds: 59.2 });
    expect(mockKvs.set).toHaveBeenCalledWith('user:abc', 'Ada', { ttl: { value: 60, unit: 'SECONDS' } });
  });

  it('sets ifAbsent with keyPolicy FAIL_IF_EXISTS (and the TTL)', async () => {
    await expect(store.set('lock', 1, { ifAbsent: true, ttlSeconds: 30 })).resolves.toBe(true);
    expect(mockKvs.set).toHaveBeenCalledWith('lock', 1, {
      ttl: { value: 30, unit: 'SECONDS' },
      keyPolicy: 'FAIL_IF_EXISTS',
    });
  });

  it('returns false when FAIL_IF_EXISTS collides', async () => {
    mockKvs.set.mockRejectedValue(kvsError(409, 'KEY_ALREADY_EXISTS'));
    await expect(store.set('lock', 1, { ifAbsent: true })).resolves.toBe(false);
    expect(mockKvs.set).toHaveBeenCalledWith('lock', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
  });

  it('rethrows other kvs errors unchanged', async () => {
    const error = kvsError(429, 'TOO_MANY_REQUESTS');
    mockKvs.set.mockRejectedValue(error);
    await expect(store.set('lock', 1, { ifAbsent: true })).rejects.toBe(error);
  });

  it('deletes a key', async () => {
    await store.delete('rate:t1');
    expect(mockKvs.delete).toHaveBeenCalledWith('rate:t1');
  });

  it('lists by prefix with limit and cursor', async () => {
    const { builder, calls } = recordingBuilder(['where', 'limit', 'cursor'], {
      results: [{ key: 'rate:a', value: 1, expireTime: 'x' }],
      nextCursor: 'c2',
    });
    mockKvs.query.mockReturnValue(builder as never);
    await expect(store.listByPrefix('rate:', { limit: 10, cursor: 'c1' })).resolves.toEqual({
      items: [{ key: 'rate:a', value: 1 }],
      nextCursor: 'c2',
    });
    expect(calls).toEqual([
      ['where', 'key', { condition: 'BEGINS_WITH', values: ['rate:'] }],
      ['limit', 10],
      ['cursor', 'c1'],
    ]);
  });

  it('lists by prefix without options and omits an absent cursor', async () => {
    const { builder, calls } = recordingBuilder(['where', 'limit', 'cursor'], { results: [] });
    mockKvs.query.mockReturnValue(builder as never);
    await expect(store.listByPrefix('user:')).resolves.toEqual({ items: [] });
    expect(calls).toEqual([['where', 'key', { condition: 'BEGINS_WITH', values: ['user:'] }]]);
  });
});

describe('ForgeStore entities', () => {
  it('gets, sets (with TTL) and deletes through kvs.entity(name)', async () => {
    const entity = entityStub();
    entity.get.mockResolvedValue({ rev: 1 });
    await expect(store.getEntity('target', 't1')).resolves.toEqual({ rev: 1 });
    await store.setEntity('delivery', 'd1', { at: 5 }, { ttlSeconds: 2592000 });
    await store.setEntity('target', 't1', { rev: 2 });
    await store.deleteEntity('target', 't1');
    expect(mockKvs.entity.mock.calls).toEqual([['target'], ['delivery'], ['target'], ['target']]);
    expect(entity.get).toHaveBeenCalledWith('t1');
    expect(entity.set.mock.calls).toEqual([
      ['d1', { at: 5 }, { ttl: { value: 2592000, unit: 'SECONDS' } }],
      ['t1', { rev: 2 }],
    ]);
    expect(entity.delete).toHaveBeenCalledWith('t1');
  });

  it('queries an index with partition, range, filter, sort, limit and cursor', async () => {
    const { builder, calls } = recordingBuilder(['index', 'where', 'filters', 'sort', 'limit', 'cursor'], {
      results: [{ key: 'd1', value: { status: 'failed' } }],
      nextCursor: 'n1',
    });
    const entity = entityStub(builder);
    const page = await store.query({
      entity: 'delivery',
      index: 'by-target',
      partition: ['t1'],
      range: { op: 'greaterThan', value: 5 },
      filter: {
        operator: 'and',
        items: [{ field: 'status', condition: { op: 'equalTo', value: 'failed' } }],
      },
      sort: 'DESC',
      limit: 25,
      cursor: 'c1',
    });
    expect(page).toEqual({ items: [{ key: 'd1', value: { status: 'failed' } }], nextCursor: 'n1' });
    expect(mockKvs.entity).toHaveBeenCalledWith('delivery');
    expect(entity.query).toHaveBeenCalledWith();
    expect(calls.map(([method, ...args]) => [method, ...args.map(filterWire)])).toEqual([
      ['index', 'by-target', { partition: ['t1'] }],
      ['where', { condition: 'GREATER_THAN', values: [5] }],
      ['filters', { and: [{ property: 'status', condition: 'EQUAL_TO', values: ['failed'] }] }],
      ['sort', 'DESC'],
      ['limit', 25],
      ['cursor', 'c1'],
    ]);
  });

  it('queries an index without a partition and with only what was asked', async () => {
    const { builder, calls } = recordingBuilder(['index', 'where', 'filters', 'sort', 'limit', 'cursor']);
    entityStub(builder);
    await expect(store.query({ entity: 'target', index: 'updatedAt', sort: 'ASC' })).resolves.toEqual({
      items: [],
    });
    expect(calls).toEqual([
      ['index', 'updatedAt'],
      ['sort', 'ASC'],
    ]);
  });
});
