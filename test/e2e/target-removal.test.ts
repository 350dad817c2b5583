import { ENTITIES, secretKeys } from '../../src/domain/storage-layout';
import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { pushNowJob } from '../../src/pipeline/replay';
import { deleteMapping, saveMapping } from '../../src/pipeline/settings/mapping-operations';
import { deleteTarget, saveTarget } from '../../src/pipeline/settings/target-operations';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

const GLOBAL = { kind: 'global' } as const;

describe('removing a target', () => {
  let env: SandboxEnv;
  afterEach(() => env.close());

  it('forgets what was delivered to it: a new target with the same id gets every page again', async () => {
    env = await startSandbox(
      scenarioSchema.parse({
        name: 'removal',
        users: [{ accountId: 'u1', displayName: 'Alice' }],
        spaces: [{ key: 'DOCS', name: 'Docs' }],
        pages: [{ ref: 'p', space: 'DOCS', title: 'Runbook', body: '<p>v1</p>', author: 'u1' }],
        targets: [{ id: 'hooks', name: 'hooks', kind: 'webhook', settings: {} }],
        mappings: [{ space: 'DOCS', targets: [{ id: 'hooks', pushRestricted: true }] }],
        steps: [],
        expect: { targets: {} },
      }),
      (v) => v,
    );
    const pageId = env.refs.get('p')!;
    const received = () => env.receivers.get('hooks')!.messages().length;
    const ledgerRows = () =>
      Object.values(env.store.snapshot().entities[ENTITIES.ledger.name] ?? {}).filter(
        (row) => (row as { targetId?: string }).targetId === 'hooks',
      );
    await handleConfluenceEvent(env.platform, env.state.updatePage(pageId, { body: '<p>v2</p>' }));
    await env.queue.runUntilIdle();
    expect(received()).toBe(1);
    expect(ledgerRows()).toHaveLength(1);

    // The admin unmaps the space and removes the target, keeping its settings and secret at hand.
    const target = (await env.store.getEntity<Record<string, unknown>>(ENTITIES.target.name, 'hooks'))!;
    const mapping = (await env.store.getEntity<Record<string, unknown>>(ENTITIES.spaceMapping.name, 'DOCS'))!;
    const [secret] = JSON.parse(
      (await env.platform.secrets.getSecret(secretKeys.webhookSecrets('hooks')))!,
    ) as string[];
    const { rev: targetRev, updatedAt: _t, ...settings } = target;
    const { rev: mappingRev, updatedAt: _m, ...spaceMapping } = mapping;
    expect(await deleteMapping(env.platform, GLOBAL, { spaceKey: 'DOCS', rev: mappingRev })).toMatchObject({
      status: 'saved',
    });
    expect(await deleteTarget(env.platform, { id: 'hooks', rev: targetRev })).toMatchObject({
      status: 'saved',
    });

    // Until what was stored about it is cleared, its id cannot be given to a new target.
    const again = { target: settings, rev: 0, secret: { value: secret } };
    expect(await saveTarget(env.platform, again)).toMatchObject({
      status: 'invalid',
      issues: [{ field: 'id', message: expect.stringContaining('still being cleared') }],
    });
    await env.queue.runUntilIdle();
    expect(ledgerRows()).toEqual([]);

    // A new target with the same id gets the page as a first delivery (this receiver is the old one,
    // so it recognises the delivery id: the same page version, target and action).
    expect(await saveTarget(env.platform, again)).toMatchObject({ status: 'saved' });
    expect(await saveMapping(env.platform, GLOBAL, { mapping: spaceMapping, rev: 0 })).toMatchObject({
      status: 'saved',
    });
    await env.queue.push([pushNowJob(pageId, 'u1', env.clock.now())]);
    await env.queue.runUntilIdle();
    expect(received()).toBe(2);
    expect(ledgerRows()).toHaveLength(1);
  });
});
