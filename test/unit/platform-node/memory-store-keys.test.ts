import { MemoryStore } from '../../../src/platform/node/memory-store';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';

function setup(): { clock: VirtualClock; store: MemoryStore } {
  const clock = new VirtualClock();
  return { clock, store: new MemoryStore({ clock }) };
}

describe('MemoryStore plain keys', () => {
  it('stores, reads and deletes values as copies', async () => {
    const { store } = setup();
    const value = { nextAt: 5, tags: ['a'] };
    await store.set('rate:t1', value);
    value.tags.push('mutated-after-set');
    const read = await store.get<{ nextAt: number; tags: string[] }>('rate:t1');
    expect(read).toEqual({ nextAt: 5, tags: ['a'] });
    read?.tags.push('mutated-after-get');
    expect(await store.get('rate:t1')).toEqual({ nextAt: 5, tags: ['a'] });
    await store.delete('rate:t1');
    expect(await store.get('rate:t1')).toBeUndefined();
  });

  it('stores what JSON keeps, as kvs does', async () => {
    const { store } = setup();
    await store.set('user:1', { name: 'Ada', gone: undefined, at: new Date(Date.UTC(2026, 0, 5)) });
    expect(await store.get('user:1')).toEqual({ name: 'Ada', at: '2026-01-05T00:00:00.000Z' });
    await expect(store.set('user:2', undefined)).rejects.toThrow('user:2');
  });

  it('creates only when absent with ifAbsent (FAIL_IF_EXISTS)', async () => {
    const { store } = setup();
    expect(await store.set('lock:a', 'first', { ifAbsent: true })).toBe(true);
    expect(await store.set('lock:a', 'second', { ifAbsent: true })).toBe(false);
    expect(await store.get('lock:a')).toBe('first');
    expect(await store.set('lock:a', 'third')).toBe(true);
    expect(await store.get('lock:a')).toBe('third');
  });

  it('expires values on the injected clock, everywhere', async () => {
    const { clock, store } = setup();
    await store.set('user:1', 'Ada', { ttlSeconds: 60 });
    await clock.advanceBy(59_999);
    expect(await store.get('user:1')).toBe('Ada');
    await clock.advanceBy(1);
    expect(await store.get('user:1')).toBeUndefined();
    expect((await store.listByPrefix('user:')).items).toEqual([]);
    expect(store.snapshot().keys).toEqual({});
    expect(await store.set('user:1', 'Bob', { ifAbsent: true })).toBe(true);
  });

  it('lists by prefix in key order, page by page', async () => {
    const { store } = setup();
    const keys = Array.from({ length: 25 }, (_, i) => `rate:t${String(i).padStart(2, '0')}`);
    for (const key of [...keys].reverse()) await store.set(key, key);
    await store.set('user:zz', 'other');
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listByPrefix<string>('rate:', { limit: 10, cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.value));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(keys);
  });

  it('defaults list pages to 10 and caps them at 20', async () => {
    const { store } = setup();
    for (let i = 0; i < 30; i++) await store.set(`k:${String(i).padStart(2, '0')}`, i);
    expect((await store.listByPrefix('k:')).items).toHaveLength(10);
    const capped = await store.listByPrefix('k:', { limit: 100 });
    expect(capped.items).toHaveLength(20);
    expect(capped.nextCursor).toBeDefined();
    await expect(store.listByPrefix('k:', { limit: 0 })).rejects.toThrow('limit');
  });

  it('validates keys against the kvs regex and length', async () => {
    const { store } = setup();
    await expect(store.set('a/b', 1)).rejects.toThrow('a/b');
    await expect(store.set('   ', 1)).rejects.toThrow('does not match');
    await expect(store.set('', 1)).rejects.toThrow('empty');
    await expect(store.get('page?1')).rejects.toThrow('page?1');
    await expect(store.set('x'.repeat(501), 1)).rejects.toThrow('500');
    await expect(store.set('x'.repeat(500), 1)).resolves.toBe(true);
    await expect(store.set('ok: key_with-all.the#chars 1', 1)).resolves.toBe(true);
  });

  it('rejects values over 240 KiB, naming the key', async () => {
    const { store } = setup();
    const limit = 240 * 1024;
    await expect(store.set('big:ok', 'x'.repeat(limit - 2))).resolves.toBe(true);
    await expect(store.set('big:no', 'x'.repeat(limit - 1))).rejects.toThrow('big:no');
    expect(await store.get('big:no')).toBeUndefined();
  });

  it('counts operations by kind', async () => {
    const { store } = setup();
    await store.set('a:1', 1);
    await store.get('a:1');
    await store.listByPrefix('a:');
    await store.delete('a:1');
    expect(store.stats()).toEqual({ reads: 1, writes: 2, queries: 1, transactions: 0, conflicts: 0 });
  });
});
