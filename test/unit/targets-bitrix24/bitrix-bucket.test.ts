import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import { MemoryStore } from '../../../src/platform/node/memory-store';
import { LeakyBucket } from '../../../src/sandbox/fake-bitrix24/leaky-bucket';
import { BitrixBucket } from '../../../src/targets/bitrix24/bitrix-bucket';
import { jittery } from '../jittery-store';

const SHAPE = { burst: 50, perSecond: 2, spare: 2 };

describe('BitrixBucket: the portal’s leaky bucket mirrored in shared storage', () => {
  let clock: VirtualClock;
  let store: MemoryStore;
  beforeEach(() => {
    clock = new VirtualClock();
    store = new MemoryStore({ clock });
  });

  it('grants a burst of 48 (50 less 2 spare), then one place every half second', async () => {
    const bucket = new BitrixBucket(store, clock, 'b', SHAPE);
    for (let i = 0; i < 48; i++) expect(await bucket.reserve()).toEqual({ ok: true });
    expect(await bucket.reserve()).toEqual({ ok: false, retryAfterSeconds: 1, waitMs: 500 });
    await clock.advanceBy(499);
    expect(await bucket.reserve()).toMatchObject({ ok: false, waitMs: 1 });
    await clock.advanceBy(1);
    expect(await bucket.reserve()).toEqual({ ok: true });
    expect(await bucket.reserve()).toEqual({ ok: false, retryAfterSeconds: 1, waitMs: 500 });
    // After a quiet minute the bucket is empty again: a full burst.
    await clock.advanceBy(60_000);
    for (let i = 0; i < 48; i++) expect(await bucket.reserve()).toEqual({ ok: true });
    expect((await bucket.reserve()).ok).toBe(false);
  });

  it('parallel consumers never overfill the portal’s bucket, and keep its pace', async () => {
    const shared = jittery(store);
    const portal = new LeakyBucket(clock, 50, 2);
    let granted = 0;
    let refusedByPortal = 0;
    const consumer = async () => {
      const bucket = new BitrixBucket(shared, clock, 'b', SHAPE);
      for (let i = 0; i < 20; i++) {
        const place = await bucket.reserve();
        if (!place.ok) continue;
        granted++;
        if (!portal.take()) refusedByPortal++;
      }
    };
    const start = clock.now();
    // 6 consumers, 20 tries each, every 500 ms for a minute: demand far above 2/s.
    while (clock.now() - start < 60_000) {
      await Promise.all(Array.from({ length: 6 }, consumer));
      await clock.advanceBy(500);
    }
    expect(refusedByPortal).toBe(0);
    // The floor of a 50-burst, 2/s bucket over 60 s is 50 + 120; two places are kept spare.
    expect(granted).toBeGreaterThanOrEqual(48 + 119);
    expect(granted).toBeLessThanOrEqual(50 + 121);
  });

  it('after a limit answer nobody gets a place before the given time; it only extends', async () => {
    const bucket = new BitrixBucket(store, clock, 'b', SHAPE);
    const other = new BitrixBucket(store, clock, 'b', SHAPE);
    await bucket.saturate(clock.now() + 10_000);
    await other.saturate(clock.now() + 5_000);
    expect(await other.reserve()).toEqual({ ok: false, retryAfterSeconds: 10, waitMs: 10_000 });
    await clock.advanceBy(10_000);
    expect(await other.reserve()).toEqual({ ok: true });
  });

  it('targets do not share a bucket, and old claims are cleaned up', async () => {
    const a = new BitrixBucket(store, clock, 'a', SHAPE);
    const b = new BitrixBucket(store, clock, 'b', SHAPE);
    for (let i = 0; i < 48; i++) await a.reserve();
    expect((await a.reserve()).ok).toBe(false);
    expect((await b.reserve()).ok).toBe(true);
    for (let i = 0; i < 400; i++) {
      await clock.advanceBy(500);
      expect(await a.reserve()).toEqual({ ok: true });
    }
    const claims = Object.keys(store.snapshot().keys).filter((k) => k.startsWith('a:'));
    expect(claims.length).toBeLessThanOrEqual(101);
  });

  it('a head hint left behind (a stalled write) costs a few reads, never a lockout', async () => {
    const bucket = new BitrixBucket(store, clock, 'b', SHAPE);
    for (let i = 0; i < 48; i++) await bucket.reserve();
    await clock.advanceBy(60_000);
    for (let i = 0; i < 30; i++) await bucket.reserve(); // 78 claims so far
    await store.set('b', { head: 1 }); // a consumer that claimed position 1 wrote its hint last
    await clock.advanceBy(60_000);
    const portal = new LeakyBucket(clock, 50, 2);
    const granted: boolean[] = [];
    for (let i = 0; i < 60; i++) {
      const place = await bucket.reserve();
      granted.push(place.ok);
      if (place.ok) expect(portal.take()).toBe(true);
    }
    // An empty bucket again: a burst of 48, then refusals until the next half second.
    expect(granted.filter(Boolean)).toHaveLength(48);
    expect(((await store.get<{ head: number }>('b')) ?? { head: 0 }).head).toBe(78 + 48);
  });

  it('a head hint below the kept claims never hands out a place twice', async () => {
    const bucket = new BitrixBucket(store, clock, 'b', SHAPE);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 48; i++) await bucket.reserve();
      await clock.advanceBy(60_000);
    }
    for (let i = 0; i < 48; i++) expect((await bucket.reserve()).ok).toBe(true); // 288 claims
    await store.set('b', { head: 3 }); // positions up to 188 are deleted
    // The bucket is full: a place only after half a second, whatever the hint says.
    expect(await bucket.reserve()).toMatchObject({ ok: false, waitMs: 500 });
    await clock.advanceBy(500);
    expect(await bucket.reserve()).toEqual({ ok: true });
    expect((await bucket.reserve()).ok).toBe(false);
  });
});
