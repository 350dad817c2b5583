import type { DeliveryRecord } from '../../src/domain/delivery-record';
import { ENTITIES, keys } from '../../src/domain/storage-layout';
import { deliverJob } from '../../src/pipeline/deliver-job';
import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { WaitingLine } from '../../src/pipeline/waiting-line';
import { sweepAllLines } from '../../src/entry/line-sweep';
import { QueueRateLimitError } from '../../src/ports/job-queue';
import { normaliseEvent } from '../../src/domain/normalise-event';
import { feedEvents } from '../../src/sandbox/scenario/feed-events';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

const PAGES = 120;

/** One space mapped to a Bitrix24 target; page i is linked by one task. */
function scenario(pages = PAGES) {
  return scenarioSchema.parse({
    name: 'waiting-line',
    users: [{ accountId: 'u', displayName: 'Una User' }],
    spaces: [{ key: 'KB', name: 'Knowledge base' }],
    pages: Array.from({ length: pages }, (_, i) => ({
      ref: `p${i}`,
      space: 'KB',
      title: `Page ${i}`,
      body: '<p>v1</p>',
      author: 'u',
    })),
    targets: [
      {
        id: 'portal',
        name: 'portal',
        kind: 'bitrix24',
        bitrix: {
          tasks: Array.from({ length: pages }, (_, i) => ({
            ref: `t${i}`,
            title: `Task ${i}`,
            pages: [`p${i}`],
          })),
        },
      },
    ],
    mappings: [{ space: 'KB', targets: [{ id: 'portal', pushRestricted: true }] }],
    steps: [],
    expect: { targets: {} },
  });
}

const records = (env: SandboxEnv) =>
  Object.values(env.store.snapshot().entities[ENTITIES.delivery.name] ?? {}) as unknown as DeliveryRecord[];
const parkedKeys = (env: SandboxEnv) =>
  Object.keys(env.store.snapshot().keys).filter((k) => k.startsWith(`${keys.line('portal')}:`));

describe('the waiting line of a rate-limited target', () => {
  let env: SandboxEnv;
  afterEach(() => env.close());

  /** A warm target with an empty bucket and fresh counters; returns the portal and the start. */
  async function begin() {
    const portal = env.bitrixes.get('portal')!.portal;
    await warm();
    portal.resetStats();
    portal.model.messages.length = 0;
    return { portal, pushedBefore: env.queue.stats().pushed, start: env.clock.now() };
  }

  async function warm(): Promise<void> {
    // The first scan of the page → tasks index, then a minute for the bucket to empty.
    await handleConfluenceEvent(
      env.platform,
      env.state.updatePage(env.refs.get('p0')!, { body: '<p>warm</p>' }),
    );
    await env.queue.runUntilIdle();
    await env.clock.advanceBy(60_000);
  }

  it('paces a burst of updates at the bucket’s rate: all delivered, none refused', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const { portal, pushedBefore, start } = await begin();
    for (let i = 0; i < PAGES; i++)
      await handleConfluenceEvent(
        env.platform,
        env.state.updatePage(env.refs.get(`p${i}`)!, { body: `<p>v2 of ${i}</p>` }),
      );
    await env.queue.runUntilIdle();

    // Every task got its comment, and the portal never had to refuse a request.
    expect(portal.model.messages).toHaveLength(PAGES);
    const { requests, refused } = portal.stats();
    expect(refused).toBe(0);
    const updates = records(env).filter((r) => r.at >= start && r.targetId === 'portal');
    expect(updates.filter((r) => r.status === 'delivered')).toHaveLength(PAGES);
    expect(updates.filter((r) => r.status === 'failed')).toHaveLength(0);
    // 120 triggers and hardly anything else: the waits happened in the invocations.
    const pushed = env.queue.stats().pushed - pushedBefore;
    expect(pushed).toBeLessThan(PAGES + 15);
    expect(parkedKeys(env)).toEqual([]);
    expect(env.store.snapshot().keys[keys.lineDrain('portal')]).toBeUndefined();
    // At the bucket's pace: 48 at once, then 2 a second; the last comment within a second of that.
    const floorMs = ((requests - 48) / 2) * 1000;
    const lastAt = Math.max(...portal.model.messages.map((m) => m.at)) - start;
    expect(lastAt).toBeGreaterThanOrEqual(floorMs);
    expect(lastAt).toBeLessThanOrEqual(floorMs + 1000);
  });

  it('a stream of updates faster than the bucket: the waiting deliveries go through the line', async () => {
    const events = 300;
    // Many consumer invocations at once, as on Forge: more than the bucket can serve.
    env = await startSandbox(scenario(events), (v) => v, { maxParallel: 16 });
    const { portal, pushedBefore, start } = await begin();
    // One update every 150 ms (400 a minute, most of Forge's 500 queue events a minute).
    const { retriedTriggers, lostEvents } = await feedEvents(env, events, 150, (i) =>
      env.state.updatePage(env.refs.get(`p${i}`)!, { body: `<p>rev ${i}</p>` }),
    );
    expect([retriedTriggers, lostEvents]).toEqual([0, 0]);
    expect(portal.model.messages).toHaveLength(events);
    const { requests, refused } = portal.stats();
    expect(refused).toBe(0);
    const history = env.queue.stats().history.filter((h) => !h.duplicate);
    const drains = history.filter((h) => 'drain' in h.body).length;
    expect(drains).toBeGreaterThan(0);
    // Triggers, plus a few dozen drain jobs: far fewer than one queue event per waiting delivery.
    expect(env.queue.stats().pushed - pushedBefore).toBeLessThan(events + 60);
    expect(parkedKeys(env)).toEqual([]);
    // The bucket, not the line, sets the pace: the last comment within 2 s of the bucket's floor.
    const floorMs = ((requests - 48) / 2) * 1000;
    const lastAt = Math.max(...portal.model.messages.map((m) => m.at)) - start;
    expect(lastAt).toBeGreaterThanOrEqual(floorMs);
    expect(lastAt).toBeLessThanOrEqual(floorMs + 2_000);
  });

  it('a parked delivery whose page cannot be read is parked again and delivered later', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const portal = env.bitrixes.get('portal')!.portal;
    await warm();
    portal.model.messages.length = 0;
    const normalised = normaliseEvent(env.state.updatePage(env.refs.get('p3')!, { body: '<p>v2</p>' }));
    if (normalised.kind !== 'event') throw new Error('the fake’s event must normalise');
    const body = {
      v: 1,
      event: normalised.event,
      targets: ['portal'],
      attempt: 1,
      waits: 1,
      ticketAt: env.clock.now(),
    };
    env.confluence.injectFaults([{ pathPrefix: '/wiki/api/v2/pages/', status: 503, times: 1 }]);
    await new WaitingLine(env.platform, 'portal').park({ body }, env.clock.now());
    expect(parkedKeys(env)).toHaveLength(1);
    const drainedAt = env.clock.now();
    await env.queue.runUntilIdle();
    expect(portal.model.messages.map((m) => m.text)).toEqual([
      expect.stringContaining('Page "Page 3" was updated'),
    ]);
    // The first try met the 503 and was parked again (5 s later, as Forge's first retry).
    expect(portal.model.messages[0]!.at - drainedAt).toBeGreaterThanOrEqual(5_000);
    expect(parkedKeys(env)).toEqual([]);
  });

  it('a lost drain job is replaced by the next delivery that parks once its mark is stale', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await warm();
    const line = new WaitingLine(env.platform, 'portal');
    const body = { v: 1, drain: { targetId: 'portal' } };
    // A mark says a drain is due now, but no such job exists (its invocation crashed).
    await env.store.set(keys.lineDrain('portal'), { at: env.clock.now() });
    const page = {
      v: 1,
      event: { kind: 'page', action: 'updated', pageId: env.refs.get('p1')!, spaceKey: 'KB', version: 1 },
      targets: ['portal'],
      ticketAt: env.clock.now(),
    };
    await line.park({ body: page }, env.clock.now());
    expect(env.queue.backlog().pending).toBe(0); // the mark is fresh: nobody pushes a drain
    await env.clock.advanceBy(6 * 60_000);
    await line.park({ body: page }, env.clock.now());
    expect(env.queue.backlog().pending).toBe(1); // stale: a new drain is pushed
    expect(
      await deliverJob(
        env.platform,
        { body, jobId: 'j', eventId: 'e', retryCount: 0 },
        { deadlineMs: env.clock.now() + 100_000 },
      ),
    ).toEqual({ kind: 'done' });
    expect(parkedKeys(env)).toEqual([]);
  });

  it('only the drain the line expects carries it on: duplicate drain jobs do not multiply', async () => {
    env = await startSandbox(scenario(), (v) => v);
    await warm();
    const line = new WaitingLine(env.platform, 'portal');
    const event = normaliseEvent(env.state.updatePage(env.refs.get('p2')!, { body: '<p>v2</p>' }));
    if (event.kind !== 'event') throw new Error('the fake’s event must normalise');
    const body = { v: 1, event: event.event, targets: ['portal'], ticketAt: env.clock.now() };
    await line.park({ body }, env.clock.now());
    await line.park({ body }, env.clock.now());
    expect(env.queue.backlog().pending).toBe(1); // one drain for the line
    const mark = env.store.snapshot().keys[keys.lineDrain('portal')] as { id: string };
    await line.reschedule('a-duplicate'); // a drain the mark does not name: it stops there
    expect(env.queue.backlog().pending).toBe(1);
    await line.reschedule(mark.id); // the expected one pushes the next, for what is left
    expect(env.queue.backlog().pending).toBe(2);
  });

  it('a drain that cannot push its successor is retried by the queue, and the sweep resumes the line', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const portal = env.bitrixes.get('portal')!.portal;
    await warm();
    portal.model.messages.length = 0;
    const event = normaliseEvent(env.state.updatePage(env.refs.get('p4')!, { body: '<p>v2</p>' }));
    if (event.kind !== 'event') throw new Error('the fake’s event must normalise');
    // The target is paused for a minute (a 429); the delivery waits in the line.
    await env.store.set(keys.rate('portal'), { nextAllowedAt: env.clock.now() + 60_000 });
    const body = { v: 1, event: event.event, targets: ['portal'], ticketAt: env.clock.now() };
    await new WaitingLine(env.platform, 'portal').park({ body }, env.clock.now());
    const mark = env.store.snapshot().keys[keys.lineDrain('portal')] as { id: string };
    // The queue refuses every push (500 events a minute used up by triggers).
    const refusing = {
      ...env.platform,
      queue: { push: () => Promise.reject(new QueueRateLimitError()) },
    };
    const drainJob = (retryCount: number) => ({
      body: { v: 1, drain: { targetId: 'portal', id: mark.id } },
      jobId: 'j',
      eventId: 'e',
      retryCount,
    });
    const options = { deadlineMs: env.clock.now() + 100_000 };
    expect(await deliverJob(refusing, drainJob(0), options)).toMatchObject({
      kind: 'retry',
      reason: 'FUNCTION_RETRY_REQUEST',
    });
    expect(await deliverJob(refusing, drainJob(4), options)).toEqual({ kind: 'done' });
    // Given up: no mark is left behind, the delivery is still parked, and the sweep starts a drain.
    expect(env.store.snapshot().keys[keys.lineDrain('portal')]).toBeUndefined();
    expect(parkedKeys(env)).toHaveLength(1);
    const pending = env.queue.backlog().pending;
    expect(await sweepAllLines(env.platform)).toEqual(['portal']);
    expect(await sweepAllLines(env.platform)).toEqual([]); // one drain is enough
    expect(env.queue.backlog().pending).toBe(pending + 1);
    await env.queue.runUntilIdle();
    expect(portal.model.messages.map((m) => m.text)).toEqual([
      expect.stringContaining('"Page 4" was updated'),
    ]);
    expect(parkedKeys(env)).toEqual([]);
  });
});
