import { ENTITIES } from '../../../src/domain/storage-layout';
import { MemoryStore } from '../../../src/platform/node/memory-store';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import type { IndexQuery, Stored } from '../../../src/ports/store';

const DELIVERY = ENTITIES.delivery.name;

interface Delivery {
  targetId: string;
  pageId: string;
  spaceKey: string;
  status: string;
  at: number;
}

const delivery = (
  targetId: string,
  at: number,
  status = at % 3 === 0 ? 'failed' : 'delivered',
): Delivery => ({
  targetId,
  pageId: `p${at}`,
  spaceKey: 'DOCS',
  status,
  at,
});

async function seeded(clock = new VirtualClock()): Promise<MemoryStore> {
  const store = new MemoryStore({ clock });
  // Written out of order, so sorting is the store's doing.
  for (const at of [...Array.from({ length: 25 }, (_, i) => i + 1)].reverse()) {
    await store.setEntity(DELIVERY, `t1-${String(at).padStart(3, '0')}`, { ...delivery('t1', at) });
  }
  for (let at = 1; at <= 5; at++) await store.setEntity(DELIVERY, `t2-${at}`, { ...delivery('t2', at) });
  return store;
}

async function all(
  store: MemoryStore,
  query: IndexQuery,
): Promise<{ pages: number[]; items: Stored<Delivery>[] }> {
  const pages: number[] = [];
  const items: Stored<Delivery>[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<Delivery>({ ...query, cursor });
    pages.push(page.items.length);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { pages, items };
}

describe('MemoryStore index queries', () => {
  it('pages through one partition in range order, each item exactly once', async () => {
    const store = await seeded();
    const { pages, items } = await all(store, { entity: DELIVERY, index: 'by-target', partition: ['t1'] });
    expect(pages).toEqual([10, 10, 5]);
    expect(items.map((item) => item.value.at)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(items.every((item) => item.value.targetId === 't1')).toBe(true);
  });

  it('sorts descending and continues the cursor in that order', async () => {
    const store = await seeded();
    const { items } = await all(store, {
      entity: DELIVERY,
      index: 'by-target',
      partition: ['t1'],
      sort: 'DESC',
      limit: 7,
    });
    expect(items.map((item) => item.value.at)).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it('applies range to the range attribute and filter to any attribute', async () => {
    const store = await seeded();
    const base: IndexQuery = { entity: DELIVERY, index: 'by-target', partition: ['t1'], limit: 100 };
    const between = await store.query<Delivery>({ ...base, range: { op: 'between', value: [5, 9] } });
    expect(between.items.map((item) => item.value.at)).toEqual([5, 6, 7, 8, 9]);
    const after = await store.query<Delivery>({ ...base, range: { op: 'greaterThan', value: 22 } });
    expect(after.items.map((item) => item.value.at)).toEqual([23, 24, 25]);
    const failed = await all(store, {
      ...base,
      limit: 2,
      filter: {
        operator: 'and',
        items: [{ field: 'status', condition: { op: 'equalTo', value: 'failed' } }],
      },
    });
    expect(failed.items.map((item) => item.value.at)).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
    const either = await store.query<Delivery>({
      ...base,
      filter: {
        operator: 'or',
        items: [
          { field: 'pageId', condition: { op: 'equalTo', value: 'p1' } },
          { field: 'pageId', condition: { op: 'equalTo', value: 'p2' } },
        ],
      },
    });
    expect(either.items.map((item) => item.key)).toEqual(['t1-001', 't1-002']);
  });

  it('orders equal range values by key', async () => {
    const store = new MemoryStore({ clock: new VirtualClock() });
    for (const key of ['c', 'a', 'b']) await store.setEntity(DELIVERY, key, { ...delivery('t1', 7) });
    const page = await store.query({ entity: DELIVERY, index: 'by-status', partition: ['delivered'] });
    expect(page.items.map((item) => item.key)).toEqual(['a', 'b', 'c']);
  });

  it('queries an index without partition, and leaves out items lacking its attribute', async () => {
    const store = new MemoryStore({ clock: new VirtualClock() });
    await store.setEntity(ENTITIES.target.name, 'b', { kind: 'webhook', rev: 1, updatedAt: 20 });
    await store.setEntity(ENTITIES.target.name, 'a', { kind: 'halo', rev: 1, updatedAt: 10 });
    await store.setEntity(ENTITIES.target.name, 'draft', { kind: 'halo', rev: 0 });
    const page = await store.query({ entity: ENTITIES.target.name, index: 'updatedAt' });
    expect(page.items.map((item) => item.key)).toEqual(['a', 'b']);
  });

  it('defaults to 10 items and caps a page at 100', async () => {
    const store = new MemoryStore({ clock: new VirtualClock() });
    for (let at = 0; at < 120; at++) await store.setEntity(DELIVERY, `k${at}`, { ...delivery('t9', at) });
    const query = { entity: DELIVERY, index: 'by-target', partition: ['t9'] };
    expect((await store.query(query)).items).toHaveLength(10);
    const capped = await store.query({ ...query, limit: 500 });
    expect(capped.items).toHaveLength(100);
    expect(capped.nextCursor).toBeDefined();
  });

  it('rejects unknown indexes, wrong partitions and bad cursors by name', async () => {
    const store = await seeded();
    await expect(store.query({ entity: DELIVERY, index: 'by-colour', partition: ['t1'] })).rejects.toThrow(
      '"by-colour"',
    );
    await expect(store.query({ entity: DELIVERY, index: 'by-target' })).rejects.toThrow('partition');
    await expect(
      store.query({ entity: DELIVERY, index: 'by-target', partition: ['t1', 'x'] }),
    ).rejects.toThrow('partition');
    await expect(
      store.query({ entity: 'deliveries', index: 'by-target', partition: ['t1'] }),
    ).rejects.toThrow('"deliveries"');
    await expect(
      store.query({ entity: DELIVERY, index: 'by-target', partition: ['t1'], cursor: '@@' }),
    ).rejects.toThrow('cursor');
  });

  it('hides expired items from queries', async () => {
    const clock = new VirtualClock();
    const store = new MemoryStore({ clock });
    await store.setEntity(DELIVERY, 'old', { ...delivery('t1', 1) }, { ttlSeconds: 30 * 86_400 });
    await store.setEntity(DELIVERY, 'new', { ...delivery('t1', 2) });
    await clock.advanceBy(30 * 86_400_000);
    const page = await store.query({ entity: DELIVERY, index: 'by-target', partition: ['t1'] });
    expect(page.items.map((item) => item.key)).toEqual(['new']);
    expect(store.stats().queries).toBe(1);
  });
});
