import { NodeJobQueue } from '../../../src/platform/node/node-job-queue';
import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import { QueuePushRejectedError, QueueRateLimitError, type PushJob } from '../../../src/ports/job-queue';

const jobs = (n: number, extra: Partial<PushJob> = {}): PushJob[] =>
  Array.from({ length: n }, (_, i) => ({ body: { pageId: String(i), version: 1 }, ...extra }));

function setup(): { clock: VirtualClock; queue: NodeJobQueue } {
  const clock = new VirtualClock();
  return { clock, queue: new NodeJobQueue({ clock, seed: 1 }) };
}

describe('NodeJobQueue push limits (as @forge/events)', () => {
  it('takes 1 to 50 events per push', async () => {
    const { queue } = setup();
    await expect(queue.push([])).rejects.toBeInstanceOf(QueuePushRejectedError);
    await expect(queue.push(jobs(51))).rejects.toThrow(QueuePushRejectedError);
    await expect(queue.push(jobs(50))).resolves.toBeUndefined();
    expect(queue.stats().pushed).toBe(50);
  });

  it('rejects a push whose JSON exceeds 200 KB', async () => {
    const { queue } = setup();
    const big = [{ body: { blob: 'x'.repeat(201 * 1024) } }];
    await expect(queue.push(big)).rejects.toThrow(/Payload too big/);
    await expect(queue.push([{ body: { blob: 'x'.repeat(199 * 1024) } }])).resolves.toBeUndefined();
  });

  it('validates bodies, delays and concurrency settings', async () => {
    const { queue } = setup();
    await expect(queue.push(jobs(1, { delayInSeconds: 901 }))).rejects.toThrow('delayInSeconds');
    await expect(queue.push(jobs(1, { delayInSeconds: -1 }))).rejects.toThrow('delayInSeconds');
    await expect(queue.push(jobs(1, { delayInSeconds: 1.5 }))).rejects.toThrow('delayInSeconds');
    await expect(queue.push(jobs(1, { delayInSeconds: 900 }))).resolves.toBeUndefined();
    const arrayBody = [{ body: ['x'] as unknown as Record<string, unknown> }];
    await expect(queue.push(arrayBody)).rejects.toThrow('plain object');
    await expect(queue.push(jobs(1, { concurrency: { key: 't1', limit: 0 } }))).rejects.toThrow('limit');
    await expect(queue.push(jobs(1, { concurrency: { key: '', limit: 1 } }))).rejects.toThrow('key');
    expect(queue.backlog().pending).toBe(1);
  });

  it('allows 500 events per rolling minute and enqueues nothing beyond', async () => {
    const { clock, queue } = setup();
    for (let i = 0; i < 10; i++) {
      await queue.push(jobs(50));
      await clock.advanceBy(5_000);
    }
    await expect(queue.push(jobs(1))).rejects.toBeInstanceOf(QueueRateLimitError);
    expect(queue.stats().pushed).toBe(500);
    expect(queue.backlog().pending).toBe(500);
    // The first push (at 0 s) leaves the window at 60 s; now is 50 s.
    await clock.advanceBy(10_000);
    await expect(queue.push(jobs(50))).resolves.toBeUndefined();
    await expect(queue.push(jobs(1))).rejects.toBeInstanceOf(QueueRateLimitError);
  });

  it('rejects a whole push that would cross the window, not part of it', async () => {
    const { queue } = setup();
    for (let i = 0; i < 9; i++) await queue.push(jobs(50));
    await queue.push(jobs(49));
    await expect(queue.push(jobs(2))).rejects.toBeInstanceOf(QueueRateLimitError);
    expect(queue.backlog().pending).toBe(499);
    await expect(queue.push(jobs(1))).resolves.toBeUndefined();
  });

  it('gives one jobId per push and one eventId per event', async () => {
    const queue = new NodeJobQueue({ clock: new VirtualClock(), seed: 1, redeliveryRate: 0 });
    const seen: Array<{ jobId: string; eventId: string; pageId: unknown }> = [];
    queue.setHandler(async (job) => {
      seen.push({ jobId: job.jobId, eventId: job.eventId, pageId: job.body.pageId });
      return { kind: 'done' };
    });
    await queue.push(jobs(3));
    await queue.push([{ body: { pageId: 'other' } }]);
    await queue.runUntilIdle();
    expect(seen).toHaveLength(4);
    const [firstPush, secondPush] = [
      seen.filter((s) => s.pageId !== 'other'),
      seen.filter((s) => s.pageId === 'other'),
    ];
    expect(new Set(firstPush.map((s) => s.jobId)).size).toBe(1);
    expect(secondPush[0]?.jobId).not.toBe(firstPush[0]?.jobId);
    expect(new Set(seen.map((s) => s.eventId)).size).toBe(4);
    expect(seen[0]?.jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses to run without a handler', async () => {
    const { queue } = setup();
    await expect(queue.runUntilIdle()).rejects.toThrow('setHandler');
  });
});
