import { reconcileSpaces, SAFETY_MARGIN_MS } from '../../../src/pipeline/reconcile';
import { CHAIN_BATCH, continueReconcile, type ReconcileRun } from '../../../src/pipeline/reconcile-chain';
import { SWEEP_EVENTS_PER_MINUTE } from '../../../src/pipeline/sweep-budget';
import { SweepProgressRepo } from '../../../src/pipeline/sweep-progress';
import { applyStep } from '../../../src/sandbox/scenario/apply-step';
import { startSandbox, type SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { scenarioSchema, stepSchema } from '../../../src/sandbox/scenario/scenario-schema';
import { recording, stepsIn } from './sweep-kit';

const HOUR = 3600_000;
const SPACES = 600;
const key = (i: number) => `S${String(i).padStart(3, '0')}`;

let env: SandboxEnv;
let pushed: Array<{ at: number; count: number }>;
afterEach(() => env.close());

/** `count` mapped spaces, a page in the first and in the last. Every push to the queue is recorded. */
async function bigSite(count: number): Promise<void> {
  const spaces = Array.from({ length: count }, (_, i) => ({ key: key(i), name: `Space ${i}` }));
  env = await startSandbox(
    scenarioSchema.parse({
      name: 'many spaces',
      seed: 5,
      users: [{ accountId: 'u1', displayName: 'Alice' }],
      spaces,
      pages: [
        { ref: 'first', space: key(0), title: 'First', body: '<p>a</p>', author: 'u1' },
        { ref: 'last', space: key(count - 1), title: 'Last', body: '<p>z</p>', author: 'u1' },
      ],
      targets: [{ id: 'hooks', name: 'Hooks', kind: 'webhook' }],
      mappings: spaces.map((s) => ({ space: s.key, targets: ['hooks'] })),
      steps: [],
      expect: { targets: {} },
    }),
    (v) => v,
  );
  pushed = [];
  const push = env.queue.push.bind(env.queue);
  env.queue.push = (jobs) => {
    pushed.push({ at: env.clock.now(), count: jobs.length });
    return push(jobs);
  };
  await env.clock.advanceBy(24 * HOUR);
}

/** An edit of `ref` whose event Forge lost (the trigger never ran). */
function lostEdit(ref: string): void {
  applyStep(
    env,
    stepSchema.parse({ do: 'update-page', page: ref, body: '<p>edited</p>' }),
    (v) => v,
    undefined,
  );
}

async function delivered(ref: string): Promise<number[]> {
  await env.queue.runUntilIdle();
  const id = env.refs.get(ref);
  return env.receivers
    .get('hooks')!
    .messages()
    .filter((m) => m.pageId === id && m.status === 200 && !m.duplicate)
    .map((m) => m.version ?? 0);
}

/** The most events pushed within any 60 seconds. */
function busiestMinute(): number {
  return Math.max(
    ...pushed.map(({ at }) =>
      pushed.filter((p) => p.at > at - 60_000 && p.at <= at).reduce((sum, p) => sum + p.count, 0),
    ),
  );
}

const lastRun = () => env.store.get<ReconcileRun>('reconcile:last-run');

describe('reconcile of many spaces', () => {
  it(`starts ${SPACES} sweeps a batch a minute within the shared budget, and records its start only at the end`, async () => {
    await bigSite(SPACES);
    await reconcileSpaces(env.platform);
    const previous = env.clock.now();
    await env.clock.advanceBy(HOUR - 5 * 60_000);
    lostEdit('last');
    await env.clock.advanceBy(5 * 60_000);
    const runAt = env.clock.now();

    const run = await reconcileSpaces(env.platform);

    expect(run).toMatchObject({ firstRun: false, since: previous - SAFETY_MARGIN_MS });
    expect(run.spaces).toEqual(Array.from({ length: CHAIN_BATCH }, (_, i) => key(i)));
    // The hour is not recorded as checked before every space has its sweep.
    expect(await lastRun()).toMatchObject({ startedAt: previous, chain: { runAt, after: key(99) } });
    expect(await delivered('last')).toEqual([2]);
    expect(await lastRun()).toEqual({ startedAt: runAt });
    const repo = new SweepProgressRepo(env.store);
    for (const i of [0, 99, 100, 599])
      expect(await repo.get('reconcile', key(i))).toMatchObject({
        done: true,
        since: previous - SAFETY_MARGIN_MS,
      });
    expect(env.queue.stats().errors).toEqual([]);
    expect(busiestMinute()).toBeLessThanOrEqual(SWEEP_EVENTS_PER_MINUTE + 2);
    // Spread over minutes: six batches at least a minute apart.
    expect(env.clock.now() - runAt).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it('covers the spaces a dead chain did not reach at the next run, and does not start a second chain while one lives', async () => {
    await bigSite(CHAIN_BATCH + 50);
    await reconcileSpaces(env.platform);
    const previous = env.clock.now();
    await env.clock.advanceBy(HOUR);
    // This run's chain dies after its first batch: its next job is never delivered.
    const { platform, pushes } = recording(env);
    const dyingRunAt = env.clock.now();
    const dying = await reconcileSpaces(platform);
    expect(dying.spaces).toHaveLength(CHAIN_BATCH);
    expect(stepsIn(pushes)).toHaveLength(CHAIN_BATCH);
    const chainJob = pushes.flat().find((job) => 'reconcile' in job.body)!;
    expect(chainJob).toMatchObject({ delayInSeconds: 60, body: { v: 1, reconcile: { runAt: dyingRunAt } } });
    await env.clock.advanceBy(5 * 60_000);
    expect(await reconcileSpaces(platform)).toMatchObject({ busy: true, spaces: [] });
    lostEdit('last');

    await env.clock.advanceBy(HOUR);
    const next = await reconcileSpaces(env.platform);

    expect(next.since).toBe(previous - SAFETY_MARGIN_MS);
    expect(await delivered('last')).toEqual([2]);
    expect((await lastRun())?.chain).toBeUndefined();
    // The dead chain's job, were it delivered now, finds its run replaced and starts nothing.
    expect(await continueReconcile(env.platform, dyingRunAt, () => 0)).toEqual([]);
  });
});
