/**
 * The Activity operations with their Forge wiring (the default deps): rights read through
 * `asUser().requestConfluence` of @forge/api (a jest mock; `asApp` must never serve them), the log
 * read by the real @forge/kvs client over kvs-wire-fake.ts — so the index queries (partition,
 * `where` on the time, filters, DESC, cursors) go over the kvs wire as on Forge.
 */
const mockUserRequest = jest.fn();

jest.mock('@forge/api', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  asUser: (...args: unknown[]) => {
    if (args.length > 0) throw new Error('rights must be read as the calling user');
    return { requestConfluence: (...a: unknown[]) => mockUserRequest(...a) };
  },
  asApp: () => {
    throw new Error('rights must never be read as the app');
  },
}));

import Resolver from '@forge/resolver';
import { defineActivityOperations } from '../../../src/entry/activity-operations';
import { KvsWireFake } from '../entry/kvs-wire-fake';
import { record, T0 } from './activity-kit';

const CURRENT_USER = '/wiki/rest/api/user/current?expand=operations';
const runtime = { principal: { accountId: 'acc-1' } };
const context = { extension: { type: 'confluence:globalSettings' } };

let kvs: KvsWireFake;
beforeEach(() => {
  jest.clearAllMocks();
  kvs = new KvsWireFake();
  kvs.install();
  const rows = [
    record({ at: T0, status: 'failed', reason: 'HTTP 500', pageId: '11' }),
    record({ at: T0 + 1, status: 'delivered', pageId: '12' }),
    record({ at: T0 + 2, status: 'failed', reason: 'HTTP 502', pageId: '13', spaceKey: 'ENG' }),
    record({ at: T0 + 3, status: 'failed', reason: 'HTTP 503', pageId: '14', targetId: 'halo' }),
  ];
  for (const r of rows) kvs.entity('delivery').set(`${r.deliveryId}:1`, { ...r });
});
afterEach(() => kvs.uninstall());

function as(admin: boolean) {
  mockUserRequest.mockImplementation(async (route: { value: string }) => {
    if (route.value !== CURRENT_USER) throw new Error(`unexpected ${route.value}`);
    const operations = [{ operation: 'use', targetType: 'application' }];
    if (admin) operations.push({ operation: 'administer', targetType: 'application' });
    return new Response(JSON.stringify({ type: 'known', accountId: 'acc-1', operations }), { status: 200 });
  });
}

const resolver = defineActivityOperations(new Resolver()).getDefinitions();
const call = (payload: unknown) =>
  resolver({ call: { functionKey: 'listActivity', payload }, context }, runtime) as Promise<{
    entries?: Array<{ pageId: string }>;
    nextCursor?: string;
    error?: string;
  }>;

describe('Activity on Forge', () => {
  it('pages the failures of a target newest first over the kvs wire', async () => {
    as(true);
    const first = await call({ filter: { targetId: 'hooks', status: 'failed' }, limit: 1 });
    expect(first.entries?.map((e) => e.pageId)).toEqual(['13']);
    const second = await call({
      filter: { targetId: 'hooks', status: 'failed' },
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second.entries?.map((e) => e.pageId)).toEqual(['11']);
    expect(second.nextCursor).toBeUndefined();
    const query = kvs.callsTo('/api/v1/entity/query').filter((q) => q.entityName === 'delivery');
    expect(query[0]).toMatchObject({
      entityName: 'delivery',
      indexName: 'by-target',
      partition: ['hooks'],
      sort: 'DESC',
    });
    const all = await call({});
    expect(all.entries?.map((e) => e.pageId)).toEqual(['14', '13', '12', '11']);
  });

  it('refuses someone who is not a Confluence admin and reads no log', async () => {
    as(false);
    expect(await call({})).toEqual({ error: 'Only Confluence admins can see Relay activity.' });
    expect(kvs.callsTo('/api/v1/entity/query')).toEqual([]);
  });
});
