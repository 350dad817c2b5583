import { handleConfluenceEvent } from '../../../src/pipeline/handle-event';
import { reconcileSpaces, SAFETY_MARGIN_MS } from '../../../src/pipeline/reconcile';
import { SweepProgressRepo } from '../../../src/pipeline/sweep-progress';
import { applyStep } from '../../../src/sandbox/scenario/apply-step';
import type { SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { stepSchema } from '../../../src/sandbox/scenario/scenario-schema';
import { sweepSite } from './sweep-kit';

const HOUR = 3600_000;
let env: SandboxEnv;
afterEach(() => env.close());

/** A change made in Confluence; `delivered: false` loses its event (Forge never calls the trigger). */
async function change(s: Record<string, unknown>, delivered = true): Promise<void> {
  const payload = applyStep(env, stepSchema.parse(s), (v) => v, undefined);
  if (delivered) await handleConfluenceEvent(env.platform, payload, undefined, 'test');
  await env.queue.runUntilIdle();
}

async function hourlyRun() {
  await env.clock.advanceBy(HOUR);
  const result = await reconcileSpaces(env.platform);
  await env.queue.runUntilIdle();
  return result;
}

/** The site as it was the day before Relay was installed: nothing delivered yet. */
async function installedSite(): Promise<void> {
  env = await sweepSite(12, { restricted: 1 });
  await env.clock.advanceBy(24 * HOUR);
}

const messages = (ref: string) =>
  env.receivers
    .get('hooks')!
    .messages()
    .filter((m) => m.pageId === env.refs.get(ref));

describe('scheduled reconcile', () => {
  it('only records its start on the first run ever: pages that never fired an event are left to a backfill', async () => {
    await installedSite();
    const pushed = env.queue.stats().pushed;
    expect(await reconcileSpaces(env.platform)).toEqual({ firstRun: true, spaces: [] });
    await env.queue.runUntilIdle();
    expect(env.queue.stats().pushed).toBe(pushed);
    expect(env.receivers.get('hooks')!.messages()).toEqual([]);
  });

  it('queues nothing when no event was missed, restricted pages included', async () => {
    await installedSite();
    await reconcileSpaces(env.platform);
    await change({ do: 'update-page', page: 'p3', body: '<p>edited</p>' });
    await change({ do: 'update-page', page: 'p0', body: '<p>secret edit</p>' });
    expect(messages('p3')).toHaveLength(1);
    expect(messages('p0')).toEqual([]);
    const before = env.receivers.get('hooks')!.messages().length;

    const run = await hourlyRun();

    expect(run).toMatchObject({ firstRun: false, spaces: ['DOCS', 'ENG'] });
    expect(await new SweepProgressRepo(env.store).get('reconcile', 'DOCS')).toMatchObject({
      done: true,
      seen: 2,
      queued: 0,
      skipped: 2,
    });
    expect(await new SweepProgressRepo(env.store).get('reconcile', 'ENG')).toMatchObject({
      done: true,
      seen: 0,
    });
    expect(env.receivers.get('hooks')!.messages()).toHaveLength(before);
  });

  it('finds an edit whose event was lost and delivers it once; the next run leaves it alone', async () => {
    await installedSite();
    await reconcileSpaces(env.platform);
    await change({ do: 'update-page', page: 'p5', body: '<p>first</p>' });
    await env.clock.advanceBy(20 * 60_000);
    await change({ do: 'update-page', page: 'p5', body: '<p>second, event lost</p>' }, false);
    await change({ do: 'update-page', page: 'p0', body: '<p>restricted, event lost</p>' }, false);
    expect(messages('p5').map((m) => m.version)).toEqual([2]);

    await hourlyRun();

    expect(messages('p5').map((m) => [m.type, m.version])).toEqual([
      ['page.created', 2],
      ['page.updated', 3],
    ]);
    expect(messages('p0')).toEqual([]);
    expect(await new SweepProgressRepo(env.store).get('reconcile', 'DOCS')).toMatchObject({ queued: 2 });
    await hourlyRun();
    await hourlyRun();
    expect(messages('p5')).toHaveLength(2);
    expect(env.receivers.get('hooks')!.violations()).toEqual([]);
  });

  it('sweeps again the window of a run whose search kept failing: the edit lost in that hour is delivered', async () => {
    await installedSite();
    await reconcileSpaces(env.platform);
    await change({ do: 'update-page', page: 'p5', body: '<p>first</p>' });
    await env.clock.advanceBy(20 * 60_000);
    await change({ do: 'update-page', page: 'p5', body: '<p>second, event lost</p>' }, false);
    // Confluence's search fails for the whole of the next run (five answers: the step and its four retries).
    env.confluence.injectFaults([
      { pathPrefix: '/wiki/rest/api/content/search', status: 503, retryAfterSeconds: 1, times: 10 },
    ]);
    await hourlyRun();
    expect(await new SweepProgressRepo(env.store).get('reconcile', 'DOCS')).toMatchObject({
      done: true,
      error: expect.stringContaining('503'),
    });
    expect(messages('p5').map((m) => m.version)).toEqual([2]);

    await hourlyRun();

    expect(messages('p5').map((m) => m.version)).toEqual([2, 3]);
  });

  it('reaches back to the previous run start minus the safety margin', async () => {
    await installedSite();
    await reconcileSpaces(env.platform);
    const firstStart = env.clock.now();
    const run = await hourlyRun();
    expect(run.since).toBe(firstStart - SAFETY_MARGIN_MS);
  });
});
