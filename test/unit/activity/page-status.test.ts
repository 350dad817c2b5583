import type { LedgerRow } from '../../../src/domain/ledger';
import { haloTargetSchema, webhookTargetSchema } from '../../../src/domain/settings';
import { LedgerRepo } from '../../../src/pipeline/ledger-repo';
import { pageStatus } from '../../../src/pipeline/page-status';
import { activityPlatform, record, T0 } from './activity-kit';

const hooks = webhookTargetSchema.parse({
  id: 'hooks',
  name: 'Knowledge hooks',
  kind: 'webhook',
  url: 'https://hooks.example.com/relay',
});
const halo = haloTargetSchema.parse({
  id: 'halo',
  name: 'Service desk KB',
  kind: 'halo',
  baseUrl: 'https://acme.haloitsm.com',
  tenant: 'acme',
  clientId: 'relay',
});
const quiet = webhookTargetSchema.parse({
  id: 'quiet',
  name: 'Quiet',
  kind: 'webhook',
  url: 'https://q.example.com',
});
const PAGE = '544112828';

const row = (targetId: string, over: Partial<LedgerRow> = {}): LedgerRow => ({
  contentId: PAGE,
  targetId,
  version: 19,
  digest: 'd',
  fetchedAt: T0,
  status: 'synced',
  rev: 2,
  claimToken: '',
  claimVersion: 0,
  claimUntil: 0,
  updatedAt: T0,
  ...over,
});

async function withRows(...rows: LedgerRow[]) {
  const env = activityPlatform();
  const ledger = new LedgerRepo(env.store);
  for (const r of rows) await ledger.write(r, { operator: 'and', items: [] });
  return env;
}

describe('pageStatus', () => {
  it('synced with a link where the target has one; behind when the page moved on', async () => {
    const { store, log } = await withRows(row('hooks'), row('halo', { remoteId: '812', version: 18 }));
    await log.record(record({ at: T0, targetId: 'hooks', status: 'delivered' }));
    await log.record(
      record({
        at: T0 + 1,
        targetId: 'hooks',
        status: 'skipped',
        action: 'skip',
        reason: 'version 19 was already delivered',
      }),
    );
    const status = await pageStatus(store, [hooks, halo, quiet], PAGE, 19);
    expect(status).toEqual([
      { targetId: 'hooks', targetName: 'Knowledge hooks', state: 'synced', deliveredVersion: 19, at: T0 },
      {
        targetId: 'halo',
        targetName: 'Service desk KB',
        state: 'behind',
        deliveredVersion: 18,
        link: 'https://acme.haloitsm.com/kb?id=812',
      },
    ]);
  });

  it('failed with the reason, then synced once a later delivery succeeds', async () => {
    const { store, log } = await withRows(row('hooks', { version: 18, lastError: 'HTTP 500' }));
    await log.record(
      record({ at: T0, status: 'failed', reason: 'receiver answered 500 Internal Server Error' }),
    );
    expect(await pageStatus(store, [hooks], PAGE, 19)).toEqual([
      expect.objectContaining({
        state: 'failed',
        reason: 'receiver answered 500 Internal Server Error',
        deliveredVersion: 18,
      }),
    ]);
    await new LedgerRepo(store).write(row('hooks', { rev: 3 }), { operator: 'and', items: [] });
    await log.record(record({ at: T0 + 5000, status: 'delivered' }));
    expect(await pageStatus(store, [hooks], PAGE, 19)).toEqual([
      expect.objectContaining({ state: 'synced', deliveredVersion: 19, at: T0 + 5000 }),
    ]);
  });

  it('skipped with its reason, blocked by a restriction, pending while retrying, removed', async () => {
    const { store, log } = await withRows(row('quiet', { status: 'removed' }));
    await log.record(
      record({
        at: T0,
        targetId: 'hooks',
        status: 'skipped',
        action: 'skip',
        reason: 'page has none of the labels kb',
      }),
    );
    await log.record(
      record({
        at: T0,
        targetId: 'halo',
        status: 'skipped',
        action: 'skip',
        reason: 'page is blocked by a read restriction on page 77',
      }),
    );
    const status = await pageStatus(store, [hooks, halo, quiet], PAGE, 19);
    expect(status.map((s) => [s.targetId, s.state, s.reason])).toEqual([
      ['hooks', 'skipped', 'page has none of the labels kb'],
      ['halo', 'blocked', 'page is blocked by a read restriction on page 77'],
      ['quiet', 'removed', undefined],
    ]);
    await log.record(
      record({ at: T0 + 1, targetId: 'hooks', status: 'retrying', reason: 'HTTP 503, retry in 30s' }),
    );
    expect((await pageStatus(store, [hooks], PAGE, 19))[0]).toMatchObject({
      state: 'pending',
      reason: 'HTTP 503, retry in 30s',
    });
  });

  it('knows nothing of a page no target has seen, nor of comments logged under it', async () => {
    const { store, log } = await withRows();
    await log.record(record({ at: T0, contentId: '9001', action: 'notify', status: 'failed' }));
    expect(await pageStatus(store, [hooks, halo], PAGE, 19)).toEqual([]);
  });
});
