import { NodeJobQueue, type NodeJobQueueOptions } from '../../../src/platform/node/node-job-queue';
import { MemoryLog } from '../../../src/platform/node/memory-log';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import type { JobHandler, JobOutcome, ReceivedJob } from '../../../src/ports/job-queue';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function setup(options: Partial<NodeJobQueueOptions> = {}) {
  const clock = new VirtualClock(T0);
  const queue = new NodeJobQueue({ clock, seed: 7, redeliveryRate: 0, ...options });
  const deliveries: Array<ReceivedJob & { at: number }> = [];
  const handle = (decide: (job: ReceivedJob) => JobOutcome | Promise<JobOutcome>): void => {
    const handler: JobHandler = async (job) => {
      deliveries.push({ ...job, at: clock.now() - T0 });
      return decide(job);
    };
    queue.setHandler(handler);
  };
  return { clock, queue, deliveries, handle };
}

const retry = (afterSeconds: number, data: Record<string, unknown> = {}): JobOutcome => ({
  kind: 'retry',
  afterSeconds,
  reason: 'FUNCTION_RETRY_REQUEST',
  data,
});

describe('NodeJobQueue delivery', () => {
  it('delivers a delayed job when virtual time reaches it', async () => {
    const { queue, deliveries, handle } = setup();
    handle(() => ({ kind: 'done' }));
    await queue.push([{ body: { n: 1 }, delayInSeconds: 30 }]);
    const early = await queue.runUntilIdle({ maxVirtualMs: 10_000 });
    expect(early.stoppedBy).toBe('maxVirtualMs');
    expect(deliveries).toEqual([]);
    const summary = await queue.runUntilIdle();
    expect(summary).toMatchObject({ stoppedBy: 'idle', delivered: 1, pending: 0, inFlight: 0 });
    expect(deliveries.map((d) => [d.body, d.at, d.retryCount])).toEqual([[{ n: 1 }, 30_000, 0]]);
  });

  it('redelivers a retry after afterSeconds with retryCount + 1 and the retry data', async () => {
    const { queue, deliveries, handle } = setup();
    handle((job) => (job.retryCount < 2 ? retry(30, { attempt: job.retryCount + 1 }) : { kind: 'done' }));
    await queue.push([{ body: { n: 1 } }]);
    await queue.runUntilIdle();
    expect(deliveries.map((d) => [d.at, d.retryCount, d.retryData])).toEqual([
      [0, 0, undefined],
      [30_000, 1, { attempt: 1 }],
      [60_000, 2, { attempt: 2 }],
    ]);
    expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(1);
    expect(queue.stats()).toMatchObject({ delivered: 3, retried: 2, dropped: [] });
  });

  it('caps app retries at 4, then drops the event', async () => {
    const log = new MemoryLog();
    const { queue, deliveries, handle } = setup({ log });
    handle(() => retry(10));
    await queue.push([{ body: { n: 1 } }]);
    await queue.runUntilIdle();
    expect(deliveries.map((d) => d.retryCount)).toEqual([0, 1, 2, 3, 4]);
    const stats = queue.stats();
    expect(stats.retried).toBe(4);
    expect(stats.dropped).toHaveLength(1);
    expect(stats.dropped[0]).toMatchObject({ retryCount: 4, eventId: deliveries[0]?.eventId });
    expect(stats.dropped[0]?.reason).toMatch(/after 4 retries/);
    expect(log.entries('error').map((e) => e.msg)).toEqual(['queue event dropped']);
  });

  it('clamps afterSeconds to 1..900', async () => {
    const { queue, deliveries, handle } = setup();
    handle((job) => [retry(5000), retry(0)][job.retryCount] ?? { kind: 'done' });
    await queue.push([{ body: { n: 1 } }]);
    await queue.runUntilIdle();
    expect(deliveries.map((d) => d.at)).toEqual([0, 900_000, 901_000]);
  });

  it('drops a retry whose retryData exceeds 4 KB', async () => {
    const { queue, handle } = setup();
    handle(() => retry(10, { blob: 'x'.repeat(5000) }));
    await queue.push([{ body: { n: 1 } }]);
    await queue.runUntilIdle();
    expect(queue.stats().dropped.map((d) => d.reason)).toEqual([expect.stringMatching(/retryData/)]);
    expect(queue.stats().delivered).toBe(1);
  });

  it('treats a thrown handler as a platform retry after 1-10 s under the same cap', async () => {
    const { queue, deliveries, handle } = setup();
    handle((job) => {
      if (job.retryCount === 0) throw new Error('socket hang up');
      return { kind: 'done' };
    });
    await queue.push([{ body: { n: 1 } }]);
    await queue.runUntilIdle();
    expect(deliveries.map((d) => d.retryCount)).toEqual([0, 1]);
    expect(deliveries[1]?.at).toBeGreaterThanOrEqual(1_000);
    expect(deliveries[1]?.at).toBeLessThanOrEqual(10_000);
    expect(queue.stats()).toMatchObject({ thrown: 1, errors: ['socket hang up'], retried: 1 });
    expect(queue.stats().history.map((h) => h.outcome)).toEqual(['thrown', 'done']);
  });

  it('drops an event whose handler always throws after 4 platform retries', async () => {
    const { queue, deliveries, handle } = setup();
    handle(() => Promise.reject(new Error('boom')));
    await queue.push([{ body: { n: 1 } }]);
    await queue.runUntilIdle();
    expect(deliveries).toHaveLength(5);
    expect(queue.stats().thrown).toBe(5);
    expect(queue.stats().dropped[0]?.reason).toMatch(/handler threw: boom/);
  });

  it('delivers a done job once more with the same ids when redelivery strikes', async () => {
    const { queue, deliveries, handle } = setup({ redeliveryRate: 1 });
    handle(() => ({ kind: 'done' }));
    await queue.push([{ body: { n: 1 } }, { body: { n: 2 } }]);
    await queue.runUntilIdle();
    expect(deliveries).toHaveLength(4);
    const byEvent = new Map<string, number>();
    for (const d of deliveries) byEvent.set(d.eventId, (byEvent.get(d.eventId) ?? 0) + 1);
    expect([...byEvent.values()]).toEqual([2, 2]);
    expect(queue.stats().redelivered).toBe(2);
    expect(queue.stats().history.filter((h) => h.duplicate)).toHaveLength(2);
  });

  it('never duplicates with redeliveryRate 0, and delivers each body as a fresh copy', async () => {
    const { queue, deliveries, handle } = setup({ redeliveryRate: 0 });
    handle((job) => {
      job.body.mutated = true;
      return { kind: 'done' };
    });
    const body = { n: 1 };
    await queue.push([{ body }]);
    body.n = 99;
    await queue.runUntilIdle();
    expect(deliveries).toHaveLength(1);
    expect(queue.stats().history[0]?.body).toEqual({ n: 1 });
  });

  it('stops after maxJobs deliveries', async () => {
    const { queue, handle } = setup();
    handle(() => ({ kind: 'done' }));
    await queue.push(Array.from({ length: 10 }, (_, n) => ({ body: { n } })));
    const summary = await queue.runUntilIdle({ maxJobs: 3 });
    expect(summary).toMatchObject({ stoppedBy: 'maxJobs', delivered: 3, pending: 7 });
  });
});
