import { NodeJobQueue, type NodeJobQueueOptions } from '../../../src/platform/node/node-job-queue';
import { SystemClock } from '../../../src/platform/node/system-clock';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import type { PushJob } from '../../../src/ports/job-queue';

const numbered = (count: number, extra: Partial<PushJob> = {}): PushJob[] =>
  Array.from({ length: count }, (_, n) => ({ body: { n }, ...extra }));

async function deliveryOrder(options: Partial<NodeJobQueueOptions>): Promise<unknown[]> {
  const clock = new VirtualClock();
  const queue = new NodeJobQueue({ clock, seed: 1, redeliveryRate: 0, ...options });
  const order: unknown[] = [];
  queue.setHandler(async (job) => {
    order.push(job.body.n);
    return { kind: 'done' };
  });
  await queue.push(numbered(20));
  await queue.runUntilIdle();
  return order;
}

describe('NodeJobQueue ordering and concurrency', () => {
  it('replays the same order for the same seed, and another for another seed', async () => {
    const first = await deliveryOrder({ seed: 42 });
    expect(await deliveryOrder({ seed: 42 })).toEqual(first);
    expect(await deliveryOrder({ seed: 43 })).not.toEqual(first);
    expect(first).not.toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect([...first].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it('is FIFO when reordering is off', async () => {
    expect(await deliveryOrder({ reorder: false, maxParallel: 1 })).toEqual(
      Array.from({ length: 20 }, (_, n) => n),
    );
  });

  it('interleaves handlers that await the clock', async () => {
    const run = async (maxParallel: number): Promise<string[]> => {
      const clock = new VirtualClock();
      const queue = new NodeJobQueue({ clock, seed: 3, redeliveryRate: 0, reorder: false, maxParallel });
      const events: string[] = [];
      queue.setHandler(async (job) => {
        events.push(`start ${String(job.body.n)}`);
        await clock.sleep(1_000);
        events.push(`end ${String(job.body.n)}`);
        return { kind: 'done' };
      });
      await queue.push(numbered(2));
      const summary = await queue.runUntilIdle();
      expect(summary.elapsedMs).toBe(maxParallel > 1 ? 1_000 : 2_000);
      return events;
    };
    expect(await run(4)).toEqual(['start 0', 'start 1', 'end 0', 'end 1']);
    expect(await run(1)).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
  });

  it('never runs more than the concurrency limit per key, while other keys run alongside', async () => {
    const clock = new VirtualClock();
    const queue = new NodeJobQueue({ clock, seed: 9, redeliveryRate: 0, maxParallel: 4 });
    const load = new Map<string, number>();
    const peak = new Map<string, number>();
    let total = 0;
    let peakTotal = 0;
    queue.setHandler(async (job) => {
      const key = String(job.body.key);
      load.set(key, (load.get(key) ?? 0) + 1);
      peak.set(key, Math.max(peak.get(key) ?? 0, load.get(key) ?? 0));
      peakTotal = Math.max(peakTotal, ++total);
      await clock.sleep(500 + Number(job.body.n) * 10);
      load.set(key, (load.get(key) ?? 0) - 1);
      total--;
      return { kind: 'done' };
    });
    const keyed = (key: string, limit: number): PushJob[] =>
      Array.from({ length: 8 }, (_, n) => ({ body: { key, n }, concurrency: { key, limit } }));
    await queue.push([...keyed('target-a', 2), ...keyed('target-b', 1)]);
    await queue.runUntilIdle();
    expect(peak.get('target-a')).toBe(2);
    expect(peak.get('target-b')).toBe(1);
    expect(peakTotal).toBe(3);
    expect(queue.stats()).toMatchObject({
      delivered: 16,
      maxInFlight: 3,
      maxInFlightByKey: { 'target-a': 2, 'target-b': 1 },
    });
  });

  it('fills maxParallel with unkeyed jobs and no more', async () => {
    const clock = new VirtualClock();
    const queue = new NodeJobQueue({ clock, seed: 9, redeliveryRate: 0, maxParallel: 3 });
    queue.setHandler(async () => {
      await clock.sleep(100);
      return { kind: 'done' };
    });
    await queue.push(numbered(10));
    const summary = await queue.runUntilIdle();
    expect(queue.stats().maxInFlight).toBe(3);
    expect(summary.elapsedMs).toBe(400);
  });

  it('holds virtual time still while a handler awaits real I/O', async () => {
    const clock = new VirtualClock();
    const queue = new NodeJobQueue({ clock, seed: 5, redeliveryRate: 0 });
    const seen: Array<[unknown, number, number]> = [];
    queue.setHandler(async (job) => {
      const before = clock.now();
      if (job.body.n === 0) await new Promise((resolve) => setTimeout(resolve, 30));
      seen.push([job.body.n, before, clock.now()]);
      return { kind: 'done' };
    });
    await queue.push([{ body: { n: 0 } }, { body: { n: 1 }, delayInSeconds: 60 }]);
    const t0 = clock.now();
    await queue.runUntilIdle();
    expect(seen).toEqual([
      [0, t0, t0],
      [1, t0 + 60_000, t0 + 60_000],
    ]);
  });

  it('a handler that sleeps on the clock after real I/O, with nothing else pending, still finishes', async () => {
    const clock = new VirtualClock();
    const queue = new NodeJobQueue({ clock, seed: 5, redeliveryRate: 0 });
    let finishedAt: number | undefined;
    queue.setHandler(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20)); // real I/O: no timer on the clock
      await clock.sleep(1_500); // then a wait for a rate limit, on the clock
      finishedAt = clock.now();
      return { kind: 'done' };
    });
    await queue.push([{ body: { n: 0 } }]);
    const t0 = clock.now();
    await queue.runUntilIdle();
    expect(finishedAt).toBe(t0 + 1_500);
  });

  it('waits in real time on a real clock', async () => {
    const queue = new NodeJobQueue({ clock: new SystemClock(), seed: 1, redeliveryRate: 0 });
    const times: number[] = [];
    queue.setHandler(async (job) => {
      times.push(Date.now());
      return job.retryCount === 0
        ? { kind: 'retry', afterSeconds: 1, reason: 'FUNCTION_RETRY_REQUEST', data: {} }
        : { kind: 'done' };
    });
    await queue.push(numbered(1));
    await queue.runUntilIdle();
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });
});
