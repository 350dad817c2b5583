/**
 * ForgeStore against the real @forge/kvs 1.6.5 (no jest.mock): only the runtime's transport,
 * `global.__forge_fetch__`, is faked. Checks the request bodies kvs actually sends and how its real
 * error objects come back through our mapping.
 */
import { ForgeStore } from '../../../src/platform/forge/forge-store';
import { TransactionConflictError } from '../../../src/ports/store';

type ForgeFetch = (target: unknown, path: string, init: { body: string }) => Promise<Response>;
const forgeGlobal = globalThis as typeof globalThis & { __forge_fetch__?: ForgeFetch };
const forgeFetch = jest.fn<ReturnType<ForgeFetch>, Parameters<ForgeFetch>>();

const reply = (status: number, body?: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status });
const sent = (call = 0): { path: string; body: unknown } => {
  const [, path, init] = forgeFetch.mock.calls[call] ?? [];
  return { path: path ?? '', body: init ? JSON.parse(init.body) : undefined };
};

beforeEach(() => {
  forgeFetch.mockReset();
  forgeGlobal.__forge_fetch__ = forgeFetch;
});
afterAll(() => {
  delete forgeGlobal.__forge_fetch__;
});

const store = new ForgeStore();

it('sends FAIL_IF_EXISTS and reads a 409 answer as "already there"', async () => {
  forgeFetch.mockResolvedValueOnce(reply(204));
  forgeFetch.mockResolvedValueOnce(reply(409, { code: 'KEY_ALREADY_EXISTS', message: 'Key exists' }));
  await expect(store.set('claim:1', { by: 'a' }, { ifAbsent: true, ttlSeconds: 30 })).resolves.toBe(true);
  await expect(store.set('claim:1', { by: 'b' }, { ifAbsent: true })).resolves.toBe(false);
  expect(sent(0)).toEqual({
    path: '/api/v1/set',
    body: {
      key: 'claim:1',
      value: { by: 'a' },
      options: { ttl: { value: 30, unit: 'SECONDS' }, keyPolicy: 'FAIL_IF_EXISTS' },
    },
  });
});

it('sends a conditional transaction in the kvs wire shape', async () => {
  forgeFetch.mockResolvedValueOnce(reply(204));
  await store.transact([
    {
      kind: 'set',
      entity: 'ledger',
      key: 'p1:t1',
      value: { rev: 4 },
      ttlSeconds: 60,
      conditions: { operator: 'and', items: [{ field: 'rev', condition: { op: 'equalTo', value: 3 } }] },
    },
    {
      kind: 'check',
      entity: 'target',
      key: 't1',
      conditions: { operator: 'or', items: [{ field: 'claimToken', condition: { op: 'notExists' } }] },
    },
  ]);
  expect(sent()).toEqual({
    path: '/api/v1/transaction',
    body: {
      set: [
        {
          key: 'p1:t1',
          value: { rev: 4 },
          entityName: 'ledger',
          conditions: { and: [{ property: 'rev', condition: 'EQUAL_TO', values: [3] }] },
          options: { ttl: { value: 60, unit: 'SECONDS' } },
        },
      ],
      check: [
        {
          key: 't1',
          entityName: 'target',
          conditions: { or: [{ property: 'claimToken', condition: 'NOT_EXISTS', values: [true] }] },
        },
      ],
    },
  });
});

it('maps a failed transaction condition to TransactionConflictError and rethrows a 400', async () => {
  const op = { kind: 'delete' as const, entity: 'ledger', key: 'k' };
  forgeFetch.mockResolvedValueOnce(reply(409, { code: 'CONDITIONAL_CHECK_FAILED', message: 'no' }));
  await expect(store.transact([op])).rejects.toBeInstanceOf(TransactionConflictError);
  forgeFetch.mockResolvedValueOnce(
    reply(400, { code: 'BAD_REQUEST', message: 'Provided request body is invalid' }),
  );
  await expect(store.transact([op])).rejects.toMatchObject({ name: 'ForgeKvsError', code: 'BAD_REQUEST' });
});

it('sends an index query with partition, range, filters and sort', async () => {
  forgeFetch.mockResolvedValueOnce(reply(200, { data: [{ key: 'd1', value: { at: 9 } }], cursor: 'next' }));
  const page = await store.query({
    entity: 'delivery',
    index: 'by-status',
    partition: ['failed'],
    range: { op: 'between', value: [1, 10] },
    filter: { operator: 'and', items: [{ field: 'targetId', condition: { op: 'equalTo', value: 't1' } }] },
    sort: 'DESC',
    limit: 5,
  });
  expect(page).toEqual({ items: [{ key: 'd1', value: { at: 9 } }], nextCursor: 'next' });
  expect(sent()).toEqual({
    path: '/api/v1/entity/query',
    body: {
      entityName: 'delivery',
      indexName: 'by-status',
      partition: ['failed'],
      range: { condition: 'BETWEEN', values: [1, 10] },
      sort: 'DESC',
      limit: 5,
      filters: { and: [{ property: 'targetId', condition: 'EQUAL_TO', values: ['t1'] }] },
    },
  });
});
