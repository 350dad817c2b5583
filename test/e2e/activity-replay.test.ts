/**
 * A whole sandbox run of "what happened to my page": a receiver is down, the page's delivery to it
 * fails after its retries and shows in the log with the reason; the byline (read over HTTP as the
 * sandbox's user, whom fake Confluence lets read the page) says failed; the preview shows what would
 * be sent without sending; once the receiver is back, Replay delivers and the byline says synced.
 * Replay of all failures of the target then queues only what is still failed.
 */
import Resolver from '@forge/resolver';
import { defineBylineOperations } from '../../src/entry/byline-operations';
import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { queryActivity } from '../../src/pipeline/activity-query';
import { previewPage } from '../../src/pipeline/preview';
import { replayAllFailed, replayOne } from '../../src/pipeline/replay';
import { applyStep } from '../../src/sandbox/scenario/apply-step';
import { scenarioSchema, stepSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

const DOWN_SECONDS = 3 * 3600;

const scenario = scenarioSchema.parse({
  name: 'replay after an outage',
  seed: 8,
  users: [{ accountId: 'u1', displayName: 'Alice' }],
  spaces: [{ key: 'DOCS', name: 'Docs' }],
  pages: [
    { ref: 'runbook', space: 'DOCS', title: 'Runbook', body: '<p>v1</p>', author: 'u1' },
    { ref: 'faq', space: 'DOCS', title: 'FAQ', body: '<p>Questions</p>', author: 'u1' },
  ],
  targets: [
    {
      id: 'hooks',
      name: 'Knowledge hooks',
      kind: 'webhook',
      faults: [{ downForSeconds: DOWN_SECONDS, status: 503 }],
    },
    { id: 'archive', name: 'Archive', kind: 'webhook' },
  ],
  mappings: [{ space: 'DOCS', targets: ['hooks', 'archive'] }],
  steps: [],
  expect: { targets: {} },
});

let env: SandboxEnv;
afterEach(() => env.close());

async function step(s: Record<string, unknown>) {
  const payload = applyStep(env, stepSchema.parse(s), (v) => v, undefined);
  expect(await handleConfluenceEvent(env.platform, payload, undefined, 'e2e')).toEqual({ kind: 'done' });
  await env.queue.runUntilIdle();
}

function byline(pageId: string) {
  const resolver = defineBylineOperations(new Resolver(), {
    platform: () => env.platform,
    asUser: () => env.confluenceApi,
  }).getDefinitions();
  const context = {
    extension: { type: 'confluence:contentBylineItem', content: { id: pageId, type: 'page' } },
  };
  return resolver(
    { call: { functionKey: 'getPageStatus', payload: {} }, context },
    { principal: { accountId: 'u1' } },
  ) as Promise<{
    visible: boolean;
    targets: Array<{ targetId: string; state: string; reason?: string; deliveredVersion: number }>;
  }>;
}

describe('delivery log, replay and byline over a sandbox run', () => {
  it('shows the failure with its reason, replays it after the target recovers, and the byline moves to synced', async () => {
    env = await startSandbox(scenario, (v) => v);
    const runbook = env.refs.get('runbook')!;
    const faq = env.refs.get('faq')!;
    const hooks = env.receivers.get('hooks')!;
    await step({ do: 'update-page', page: 'runbook', body: '<p>v2: restart the relay</p>' });
    await step({ do: 'update-page', page: 'faq', title: 'FAQ (new)' });

    // The failure is in the log, newest first, with its reason; the healthy target got both pages.
    const failed = await queryActivity(env.store, { targetId: 'hooks', status: 'failed' }, 10);
    expect(failed.entries.map((e) => e.pageId)).toEqual([faq, runbook]);
    for (const e of failed.entries) expect(e.reason).toMatch(/gave up after 7 attempts: .*answered 503/);
    expect(hooks.state()).toEqual({});
    expect(hooks.messages().every((m) => m.status === 503)).toBe(true);
    expect(env.receivers.get('archive')!.state()[runbook]).toMatchObject({ present: true, version: 2 });

    const before = await byline(runbook);
    expect(before.visible).toBe(true);
    expect(before.targets).toEqual([
      expect.objectContaining({ targetId: 'archive', state: 'synced', deliveredVersion: 2 }),
      expect.objectContaining({
        targetId: 'hooks',
        state: 'failed',
        deliveredVersion: 0,
        reason: failed.entries[1]!.reason,
      }),
    ]);

    // The preview builds what hooks would receive, and sends nothing.
    const seenBefore = hooks.messages().length;
    const preview = await previewPage(env.platform, env.confluenceApi, runbook);
    if ('error' in preview) throw new Error(preview.error);
    const toHooks = preview.targets.find((t) => t.targetId === 'hooks')!;
    expect(toHooks.action).toBe('upsert');
    const body = JSON.parse(toHooks.payload!.body!) as {
      type: string;
      data: { version: number; body: { storage: string } };
    };
    expect(body).toMatchObject({
      type: 'page.created',
      data: { version: 2, body: { storage: '<p>v2: restart the relay</p>' } },
    });
    expect(hooks.messages()).toHaveLength(seenBefore);

    // The receiver comes back; Replay of the runbook's failure delivers it.
    await env.clock.advanceTo(env.clock.now() + DOWN_SECONDS * 1000);
    expect(await replayOne(env.platform, failed.entries[1]!.key)).toMatchObject({ queued: 1 });
    await env.queue.runUntilIdle();
    expect(hooks.state()[runbook]).toMatchObject({ present: true, version: 2 });
    expect(hooks.violations()).toEqual([]);
    // The same delivery as the failed attempts: same webhook-id, same bytes.
    const toRunbook = hooks.messages().filter((m) => m.pageId === runbook);
    expect(new Set(toRunbook.map((m) => `${m.id} ${m.body}`)).size).toBe(1);
    expect(toRunbook.map((m) => m.status)).toEqual([503, 503, 503, 503, 503, 503, 503, 200]);
    const after = await byline(runbook);
    expect(after.targets).toEqual([
      expect.objectContaining({ targetId: 'archive', state: 'synced', deliveredVersion: 2 }),
      expect.objectContaining({ targetId: 'hooks', state: 'synced', deliveredVersion: 2 }),
    ]);
    const delivered = await queryActivity(
      env.store,
      { targetId: 'hooks', pageId: runbook, status: 'delivered' },
      5,
    );
    expect(delivered.entries).toHaveLength(1);
    expect(delivered.entries[0]!.trace).toMatch(/^replay@/);

    // Replay all failed of hooks: only the FAQ is still failed; the runbook is not sent again.
    expect(await replayAllFailed(env.platform, 'hooks')).toMatchObject({ queued: 1 });
    await env.queue.runUntilIdle();
    expect(hooks.state()[faq]).toMatchObject({ present: true, title: 'FAQ (new)' });
    expect(hooks.messages().filter((m) => m.pageId === runbook && m.applied)).toHaveLength(1);
    expect((await byline(faq)).targets.find((t) => t.targetId === 'hooks')).toMatchObject({
      state: 'synced',
    });
  });
});
