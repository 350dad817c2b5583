/**
 * A change the reconcile finds is told as its lost event would have been: the Bitrix24 tasks that
 * link the page hear of it once, a minor edit tells no one, and a backfill never tells anyone.
 */
import { startBackfill } from '../../../src/pipeline/backfill';
import { handleConfluenceEvent } from '../../../src/pipeline/handle-event';
import { reconcileSpaces } from '../../../src/pipeline/reconcile';
import { bitrixState } from '../../../src/sandbox/scenario/bitrix-sandbox-target';
import { scenarioSchema } from '../../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';

const HOUR = 3600_000;
const scenario = scenarioSchema.parse({
  name: 'reconcile to bitrix24',
  users: [{ accountId: 'u1', displayName: 'Alice Martin' }],
  spaces: [{ key: 'DOCS', name: 'Product docs' }],
  pages: [{ ref: 'a', space: 'DOCS', title: 'VPN setup', body: '<p>Install the client.</p>', author: 'u1' }],
  targets: [
    {
      id: 'portal',
      name: 'Acme portal',
      kind: 'bitrix24',
      bitrix: { tasks: [{ ref: 't1', title: 'Roll out VPN', pages: ['a'], form: 'tiny' }] },
    },
  ],
  mappings: [{ space: 'DOCS', targets: ['portal'] }],
  steps: [],
  expect: { targets: {} },
});

let env: SandboxEnv;
afterEach(() => env.close());

const tasks = () => bitrixState(env.bitrixes.get('portal')!, []).tasks;
const messages = () => env.bitrixes.get('portal')!.portal.model.messages.map((m) => m.text);

/** Edits page `a`; with `lost`, Forge never calls the trigger. */
async function edit(body: string, options: { lost?: boolean; minorEdit?: boolean } = {}) {
  const payload = env.state.updatePage(env.refs.get('a')!, {
    body,
    ...(options.minorEdit && { minorEdit: true }),
  });
  if (!options.lost) await handleConfluenceEvent(env.platform, payload);
  await env.queue.runUntilIdle();
}

async function hourlyRun() {
  await env.clock.advanceBy(HOUR);
  await reconcileSpaces(env.platform);
  await env.queue.runUntilIdle();
}

describe('reconcile to a Bitrix24 target', () => {
  it('tells the linked tasks of an edit whose event was lost, once; not of a minor edit; a backfill tells no one', async () => {
    env = await startSandbox(scenario, (v) => v);
    await reconcileSpaces(env.platform);
    await edit('<p>Install client 5.2.</p>');
    expect(tasks()).toEqual({ t1: 1 });

    await edit('<p>Install client 5.3.</p>', { lost: true });
    await hourlyRun();
    expect(tasks()).toEqual({ t1: 2 });
    expect(messages().at(-1)).toMatch(/^Page "VPN setup" was updated by Alice Martin, /);
    await hourlyRun();
    expect(tasks()).toEqual({ t1: 2 });

    await edit('<p>Typo fixed.</p>', { lost: true, minorEdit: true });
    await hourlyRun();
    expect(tasks()).toEqual({ t1: 2 });

    await edit('<p>Install client 5.4.</p>', { lost: true });
    expect(await startBackfill(env.platform, 'DOCS')).toMatchObject({ status: 'started' });
    await env.queue.runUntilIdle();
    await hourlyRun();
    expect(tasks()).toEqual({ t1: 2 });
  });
});
