import { keys } from '../../../src/domain/storage-layout';
import { MemoryStore } from '../../../src/platform/node/memory-store';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import { HaloRateWindow } from '../../../src/targets/halo/halo-rate-window';
import { jittery } from '../jittery-store';

const WINDOW_MS = 300_000;
const MARGIN_MS = 1_000;

/** Counts the reservations granted at each virtual time. */
function grantedWithin(stamps: number[], from: number): number {
  return stamps.filter((t) => t > from - WINDOW_MS - MARGIN_MS && t <= from).length;
}

describe('HaloRateWindow: 300 requests per rolling 300 s, shared through the Store', () => {
  let clock: VirtualClock;
  let store: MemoryStore;
  beforeEach(() => {
    clock = new VirtualClock();
    store = new MemoryStore({ clock });
  });

  it('grants 300, refuses the 301st until the oldest has left the window (plus the margin)', async () => {
    const window = new HaloRateWindow(store, clock, 'kb');
    for (let i = 0; i < 300; i += 1) {
      expect(await window.reserve()).toEqual({ ok: true });
      if (i === 0) await clock.advanceBy(10_000);
    }
    expect(await window.reserve()).toEqual({ ok: false, retryAfterSeconds: 291, waitMs: 291_000 });
    await clock.advanceBy(WINDOW_MS - 10_000 + MARGIN_MS - 1);
    expect(await window.reserve()).toEqual({ ok: false, retryAfterSeconds: 1, waitMs: 1 });
    await clock.advanceBy(1);
    expect(await window.reserve()).toEqual({ ok: true }); // request 1 left the window
    expect(await window.reserve()).toEqual({ ok: false, retryAfterSeconds: 10, waitMs: 10_000 });
  });

  it('parallel consumers (separate instances, interleaved storage calls) never overshoot', async () => {
    const shared = jittery(store);
    const stamps: number[] = [];
    const consumer = async (n: number) => {
      const window = new HaloRateWindow(shared, clock, 'kb');
      for (let i = 0; i < n; i += 1) if ((await window.reserve()).ok) stamps.push(clock.now());
    };
    await Promise.all(Array.from({ length: 12 }, () => consumer(40)));
    expect(stamps).toHaveLength(300);
    await clock.advanceBy(WINDOW_MS / 2);
    await Promise.all(Array.from({ length: 12 }, () => consumer(40)));
    expect(stamps).toHaveLength(300);
    await clock.advanceBy(WINDOW_MS / 2 + MARGIN_MS);
    await Promise.all(Array.from({ length: 12 }, () => consumer(40)));
    expect(stamps).toHaveLength(600);
    expect(grantedWithin(stamps, clock.now())).toBe(300);
    // Old slots are cleaned up: the log holds at most ~2 windows of positions.
    const slots = Object.keys(store.snapshot().keys).filter((k) => k.startsWith(`${keys.haloWindow('kb')}:`));
    expect(slots.length).toBeLessThanOrEqual(600);
  });

  it('targets do not share a window', async () => {
    const a = new HaloRateWindow(store, clock, 'a', { requests: 2, windowSeconds: 10 });
    const b = new HaloRateWindow(store, clock, 'b', { requests: 2, windowSeconds: 10 });
    expect([await a.reserve(), await a.reserve(), await a.reserve()].map((r) => r.ok)).toEqual([
      true,
      true,
      false,
    ]);
    expect([await b.reserve(), await b.reserve()].map((r) => r.ok)).toEqual([true, true]);
  });

  it('reserve(n) takes n slots or none; bad n is a bug', async () => {
    const window = new HaloRateWindow(store, clock, 'kb', { requests: 5, windowSeconds: 10, marginMs: 0 });
    expect(await window.reserve(3)).toEqual({ ok: true });
    expect(await window.reserve(3)).toEqual({ ok: false, retryAfterSeconds: 10, waitMs: 10_000 });
    expect(await window.reserve(2)).toEqual({ ok: true });
    await expect(window.reserve(6)).rejects.toThrow(RangeError);
    await expect(window.reserve(0)).rejects.toThrow(RangeError);
  });

  it('saturate: after a 429 nobody is granted a slot before the given time; it only extends', async () => {
    const window = new HaloRateWindow(store, clock, 'kb');
    const other = new HaloRateWindow(store, clock, 'kb');
    await window.saturate(clock.now() + 60_000);
    await other.saturate(clock.now() + 30_000);
    expect(await other.reserve()).toEqual({ ok: false, retryAfterSeconds: 60, waitMs: 60_000 });
    await clock.advanceBy(59_999);
    expect(await window.reserve()).toEqual({ ok: false, retryAfterSeconds: 1, waitMs: 1 });
    await clock.advanceBy(1);
    expect(await other.reserve()).toEqual({ ok: true });
  });

  it('1,000 sequential requests take the floor of the limit, within 10 %', async () => {
    const window = new HaloRateWindow(store, clock, 'kb');
    const start = clock.now();
    for (let i = 0; i < 1000; i += 1) {
      for (let r = await window.reserve(); !r.ok; r = await window.reserve())
        await clock.advanceBy(r.retryAfterSeconds * 1000);
    }
    const elapsed = clock.now() - start;
    const floor = (Math.ceil(1000 / 300) - 1) * WINDOW_MS; // 900 s: the 1,000th request's earliest start
    expect(elapsed).toBeGreaterThanOrEqual(floor);
    expect(elapsed).toBeLessThanOrEqual(floor * 1.1);
  });
});
