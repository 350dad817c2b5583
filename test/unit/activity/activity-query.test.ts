import { queryActivity } from '../../../src/pipeline/activity-query';
import { dailyCounts, spaceDailyCounts } from '../../../src/pipeline/activity-chart';
import { ENTITIES } from '../../../src/domain/storage-layout';
import { activityPlatform, record, T0 } from './activity-kit';

const MIN = 60_000;

async function seed() {
  const env = activityPlatform();
  const rows = [
    record({ at: T0 + 1 * MIN, targetId: 'hooks', status: 'delivered' }),
    record({ at: T0 + 2 * MIN, targetId: 'halo', status: 'failed', reason: 'Halo answered 500' }),
    record({ at: T0 + 3 * MIN, targetId: 'hooks', status: 'failed', spaceKey: 'ENG', pageId: '700' }),
    record({ at: T0 + 3 * MIN, targetId: 'halo', status: 'skipped', reason: 'page has no label kb' }),
    record({ at: T0 + 3 * MIN, targetId: 'hooks', status: 'retrying', reason: 'HTTP 503' }),
    record({ at: T0 + 4 * MIN, targetId: 'hooks', status: 'delivered', pageId: '701', spaceKey: 'ENG' }),
  ];
  for (const r of rows) await env.log.record(r);
  return { ...env, rows };
}

async function all(store: Parameters<typeof queryActivity>[0], filter: object, limit: number) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await queryActivity(store, filter, limit, cursor);
    pages.push(page.entries.map((e) => e.deliveryId));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

describe('queryActivity', () => {
  it('merges every status newest first and pages without repeating or dropping (ties at one time)', async () => {
    const { store, rows } = await seed();
    const newestFirst = [...rows].sort((a, b) => b.at - a.at).map((r) => r.deliveryId);
    for (const limit of [1, 2, 4, 10]) {
      const pages = await all(store, {}, limit);
      expect(pages.flat().sort()).toEqual([...newestFirst].sort());
      expect(pages.flat()).toHaveLength(rows.length);
      expect(pages.every((p) => p.length <= limit)).toBe(true);
      // Newest first across pages: times never increase.
      const times = pages.flat().map((id) => rows.find((r) => r.deliveryId === id)!.at);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it('filters by target, status, space and page together', async () => {
    const { store, rows } = await seed();
    const failedHooks = await queryActivity(store, { targetId: 'hooks', status: 'failed' }, 10);
    expect(failedHooks.entries.map((e) => e.deliveryId)).toEqual([rows[2]!.deliveryId]);
    expect(failedHooks.nextCursor).toBeUndefined();
    const eng = await queryActivity(store, { spaceKey: 'ENG' }, 10);
    expect(eng.entries.map((e) => e.pageId)).toEqual(['701', '700']);
    const pageInQm = await queryActivity(store, { pageId: '700', spaceKey: 'QM' }, 10);
    expect(pageInQm.entries).toEqual([]);
    const halo = await queryActivity(store, { targetId: 'halo' }, 10);
    expect(halo.entries.map((e) => [e.status, e.reason])).toEqual([
      ['skipped', 'page has no label kb'],
      ['failed', 'Halo answered 500'],
    ]);
    expect(halo.entries[0]!.key).toBe(`${rows[3]!.deliveryId}:1`);
  });

  it('pages 100 at a time through many entries logged at the same millisecond', async () => {
    const { store } = activityPlatform();
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      const r = record({ at: i < 130 ? T0 : T0 - i, status: i % 3 === 0 ? 'failed' : 'delivered' });
      ids.push(r.deliveryId);
      await store.setEntity(ENTITIES.delivery.name, `${r.deliveryId}:1`, { ...r });
    }
    for (const filter of [{}, { targetId: 'hooks' }]) {
      const pages = await all(store, filter, 100);
      expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
      expect(pages.flat().sort()).toEqual([...ids].sort());
    }
  });

  it('rejects a cursor that is not one of its own', async () => {
    const { store } = await seed();
    await expect(queryActivity(store, {}, 5, 'bm9wZQ')).rejects.toThrow();
  });
});

describe('dailyCounts', () => {
  it('sums the daily counters of the targets per day and outcome, zero-filled, oldest first', async () => {
    const { store, log, clock } = await seed();
    await log.record(record({ at: T0 - 24 * 3600_000, targetId: 'halo', status: 'delivered' }));
    const counts = await dailyCounts(store, ['hooks', 'halo'], 3, clock.now());
    const nonZero = counts.filter((c) => c.n > 0);
    expect(nonZero).toEqual([
      { day: '2026-11-19', outcome: 'delivered', n: 1 },
      { day: '2026-11-20', outcome: 'delivered', n: 2 },
      { day: '2026-11-20', outcome: 'skipped', n: 1 },
      { day: '2026-11-20', outcome: 'failed', n: 2 },
      { day: '2026-11-20', outcome: 'retrying', n: 1 },
    ]);
    expect(counts).toHaveLength(3 * 4);
    expect(counts[0]).toEqual({ day: '2026-11-18', outcome: 'delivered', n: 0 });
    const onlyHalo = await dailyCounts(store, ['halo'], 1, clock.now());
    expect(onlyHalo.filter((c) => c.n > 0)).toEqual([
      { day: '2026-11-20', outcome: 'skipped', n: 1 },
      { day: '2026-11-20', outcome: 'failed', n: 1 },
    ]);
  });
});

describe('spaceDailyCounts', () => {
  it("counts one space's log per day and outcome, optionally for one target", async () => {
    const { store, clock } = await seed();
    const eng = await spaceDailyCounts(store, 'ENG', 1, clock.now());
    expect(eng).toEqual({
      partial: false,
      days: [
        { day: '2026-11-20', outcome: 'delivered', n: 1 },
        { day: '2026-11-20', outcome: 'skipped', n: 0 },
        { day: '2026-11-20', outcome: 'failed', n: 1 },
        { day: '2026-11-20', outcome: 'retrying', n: 0 },
      ],
    });
    const haloInQm = await spaceDailyCounts(store, 'QM', 1, clock.now(), 'halo');
    expect(haloInQm.days.filter((d) => d.n > 0).map((d) => [d.outcome, d.n])).toEqual([
      ['skipped', 1],
      ['failed', 1],
    ]);
  });

  it('says when the space logged more than its reads cover', async () => {
    const { store, clock } = activityPlatform();
    for (let i = 0; i < 1001; i++) {
      const r = record({ at: T0 - i, status: 'delivered' });
      await store.setEntity(ENTITIES.delivery.name, `${r.deliveryId}:1`, { ...r });
    }
    const counted = await spaceDailyCounts(store, 'QM', 2, clock.now());
    expect(counted.partial).toBe(true);
    expect(counted.days.reduce((sum, d) => sum + d.n, 0)).toBe(1000);
  });
});
