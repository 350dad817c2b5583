/**
 * Whole sandbox runs of the two page sweeps, through the real queue (duplicates, reordering, the
 * 500-a-minute limit), fake Confluence's CQL search and loopback webhook receivers: a backfill of a
 * mapped space delivers every page a target may take exactly once and nothing restricted; an edit
 * whose event was lost reaches the target once the hourly reconcile has run.
 */
import { startBackfill } from '../../src/pipeline/backfill';
import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { reconcileSpaces } from '../../src/pipeline/reconcile';
import { SweepProgressRepo } from '../../src/pipeline/sweep-progress';
import { applyStep } from '../../src/sandbox/scenario/apply-step';
import { scenarioSchema, stepSchema } from '../../src/sandbox/scenario/scenario-schema';
import { runScenario } from '../../src/sandbox/scenario/run-scenario';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

const HOUR = 3600_000;
const PAGES = 230;

/** DOCS: 230 pages; p0 restricted, p1 below it (inherits it), every tenth labelled `kb`. */
const scenario = scenarioSchema.parse({
  name: 'backfill and reconcile',
  seed: 21,
  users: [
    { accountId: 'u1', displayName: 'Alice' },
    { accountId: 'u2', displayName: 'Bob' },
  ],
  spaces: [
    { key: 'DOCS', name: 'Docs' },
    { key: 'ENG', name: 'Engineering' },
  ],
  pages: [
    ...Array.from({ length: PAGES }, (_, i) => ({
      ref: `p${i}`,
      space: 'DOCS',
      title: `Page ${i}`,
      body: `<p>Page ${i}</p>`,
      author: 'u1',
      ...(i === 1 && { parent: 'p0' }),
      ...(i === 0 && { restrictions: { read: ['u2'], update: [] } }),
      ...(i % 10 === 5 && { labels: ['kb'] }),
    })),
    { ref: 'eng', space: 'ENG', title: 'Not mapped', body: '<p>e</p>', author: 'u1' },
  ],
  targets: [
    { id: 'hooks', name: 'Hooks', kind: 'webhook' },
    { id: 'kb', name: 'KB', kind: 'webhook' },
  ],
  mappings: [{ space: 'DOCS', targets: ['hooks', { id: 'kb', labels: { include: ['kb'] } }] }],
  steps: [],
  expect: { targets: {} },
});

let env: SandboxEnv;

const idOf = (ref: string) => env.refs.get(ref)!;
const accepted = (target: string) =>
  env.receivers
    .get(target)!
    .messages()
    .filter((m) => m.status !== null && m.status < 300 && !m.duplicate);

describe('backfill and reconcile over a sandbox run', () => {
  afterEach(() => env.close());

  it('backfills a mapped space: every eligible page exactly once, nothing restricted; a second run sends nothing', async () => {
    env = await startSandbox(scenario, (v) => v);
    const answer = await startBackfill(env.platform, 'DOCS', { requestedBy: 'u1' });
    expect(answer).toMatchObject({ status: 'started', progress: { total: PAGES } });
    await env.queue.runUntilIdle();

    const eligible = Array.from({ length: PAGES }, (_, i) => i)
      .filter((i) => i > 1)
      .map((i) => idOf(`p${i}`));
    const hooks = accepted('hooks');
    expect(hooks.map((m) => m.pageId).sort()).toEqual([...eligible].sort());
    expect(hooks.every((m) => m.type === 'page.created' && m.version === 1)).toBe(true);
    const kb = accepted('kb').map((m) => m.pageId);
    expect(kb.sort()).toEqual(
      Array.from({ length: PAGES }, (_, i) => i)
        .filter((i) => i % 10 === 5)
        .map((i) => idOf(`p${i}`))
        .sort(),
    );
    for (const restricted of [idOf('p0'), idOf('p1')]) {
      expect(
        env.receivers
          .get('hooks')!
          .messages()
          .filter((m) => m.pageId === restricted),
      ).toEqual([]);
    }
    expect(env.receivers.get('hooks')!.violations()).toEqual([]);
    const stats = env.queue.stats();
    expect(stats.dropped).toEqual([]);
    expect(stats.errors).toEqual([]);
    expect(await new SweepProgressRepo(env.store).get('backfill', 'DOCS')).toMatchObject({
      done: true,
      seen: PAGES,
      queued: PAGES,
      steps: 3,
    });

    // Again: every page the targets hold at its version is left out; only the never-delivered
    // (restricted, or left out by the label rule) are looked at again, and nothing is sent.
    const before = env.receivers.get('hooks')!.messages().length;
    await startBackfill(env.platform, 'DOCS');
    await env.queue.runUntilIdle();
    const again = await new SweepProgressRepo(env.store).get('backfill', 'DOCS');
    expect(again).toMatchObject({ done: true, seen: PAGES });
    expect(again!.queued).toBe(PAGES - kb.length);
    expect(env.receivers.get('hooks')!.messages()).toHaveLength(before);
    expect(accepted('kb')).toHaveLength(kb.length);
  });

  it('delivers an edit whose event was lost once the hourly reconcile has run', async () => {
    env = await startSandbox(scenario, (v) => v);
    await env.clock.advanceBy(24 * HOUR);
    await reconcileSpaces(env.platform);
    const edit = (page: string, body: string) =>
      applyStep(env, stepSchema.parse({ do: 'update-page', page, body }), (v) => v, undefined);
    const seen = edit('p7', '<p>heard</p>');
    await handleConfluenceEvent(env.platform, seen, undefined, 'e2e');
    await env.queue.runUntilIdle();
    await env.clock.advanceBy(5 * 60_000);
    edit('p7', '<p>edited while events were lost</p>');
    edit('p15', '<p>kb page edited while events were lost</p>');
    edit('p0', '<p>restricted, lost too</p>');
    await env.queue.runUntilIdle();
    expect(
      accepted('hooks')
        .filter((m) => m.pageId === idOf('p7'))
        .map((m) => m.version),
    ).toEqual([2]);

    await env.clock.advanceBy(HOUR);
    await reconcileSpaces(env.platform);
    await env.queue.runUntilIdle();

    const versions = (target: string, ref: string) =>
      accepted(target)
        .filter((m) => m.pageId === idOf(ref))
        .map((m) => m.version);
    expect(versions('hooks', 'p7')).toEqual([2, 3]);
    expect(versions('hooks', 'p15')).toEqual([2]);
    expect(versions('kb', 'p15')).toEqual([2]);
    expect(versions('kb', 'p7')).toEqual([]);
    expect(
      env.receivers
        .get('hooks')!
        .messages()
        .filter((m) => m.pageId === idOf('p0')),
    ).toEqual([]);

    await env.clock.advanceBy(HOUR);
    await reconcileSpaces(env.platform);
    await env.queue.runUntilIdle();
    expect(versions('hooks', 'p7')).toEqual([2, 3]);
    expect(await new SweepProgressRepo(env.store).get('reconcile', 'DOCS')).toMatchObject({ queued: 0 });
    expect(env.receivers.get('hooks')!.violations()).toEqual([]);
  });
});

describe('scenario steps for the sweeps', () => {
  it('runs a lost event, the hourly reconcile and a backfill', async () => {
    const scenario = scenarioSchema.parse({
      name: 'lost events, reconcile and backfill',
      seed: 5,
      users: [{ accountId: 'u1', displayName: 'Alice' }],
      spaces: [
        { key: 'DOCS', name: 'Docs' },
        { key: 'OLD', name: 'Archive' },
      ],
      pages: [
        { ref: 'guide', space: 'DOCS', title: 'Guide', body: '<p>v1</p>', author: 'u1' },
        { ref: 'old-a', space: 'OLD', title: 'Old A', body: '<p>a</p>', author: 'u1' },
        {
          ref: 'old-secret',
          space: 'OLD',
          title: 'Old secret',
          body: '<p>s</p>',
          author: 'u1',
          restrictions: { read: ['u1'], update: [] },
        },
      ],
      targets: [{ id: 'hooks', name: 'Hooks', kind: 'webhook' }],
      mappings: [
        { space: 'DOCS', targets: ['hooks'] },
        { space: 'OLD', targets: ['hooks'] },
      ],
      steps: [
        { do: 'wait', seconds: 86_400 },
        { do: 'reconcile' },
        { do: 'update-page', page: 'guide', body: '<p>v2</p>', lost: true },
        { do: 'wait', seconds: 3600 },
        { do: 'reconcile' },
        { do: 'backfill', space: 'OLD' },
      ],
      expect: {
        targets: {
          hooks: {
            pages: {
              guide: { present: true, version: 2 },
              'old-a': { present: true, version: 1 },
              'old-secret': { present: false },
            },
          },
        },
      },
    });
    const result = await runScenario({ scenario, body: (v) => v });
    expect(result.mismatches).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.steps.map((step) => step.note)).toEqual([
      undefined,
      'reconcile: first run',
      'event lost',
      undefined,
      'reconcile: DOCS, OLD',
      'backfill of OLD: started',
    ]);
  });
});
