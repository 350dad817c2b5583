/**
 * The preview is what a target receives: previews taken over HTTP from the sandbox's Confluence
 * (as its user) match, field for field, what the webhook receiver and fake Halo then get when the
 * same page is pushed now. The preview itself sends nothing to either.
 */
import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { previewPage, type TargetPreview } from '../../src/pipeline/preview';
import { pushNowJob } from '../../src/pipeline/replay';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

const scenario = scenarioSchema.parse({
  name: 'preview fidelity',
  users: [{ accountId: 'u1', displayName: 'Alice' }],
  spaces: [{ key: 'DOCS', name: 'Product docs' }],
  pages: [
    {
      ref: 'vpn',
      space: 'DOCS',
      title: 'VPN setup',
      body: '<h2>Steps</h2><p>Install the <strong>client</strong>.</p><ul><li>Windows</li><li>macOS</li></ul>',
      author: 'u1',
      labels: ['kb', 'network'],
    },
  ],
  targets: [
    {
      id: 'hooks',
      name: 'Knowledge hooks',
      kind: 'webhook',
      settings: { formats: ['storage', 'markdown', 'text'] },
    },
    { id: 'desk', name: 'Service desk', kind: 'halo' },
  ],
  mappings: [{ space: 'DOCS', targets: ['hooks', 'desk'] }],
  steps: [],
  expect: { targets: {} },
});

let env: SandboxEnv;
afterEach(() => env.close());

async function preview(pageId: string): Promise<Record<string, TargetPreview>> {
  const answer = await previewPage(env.platform, env.confluenceApi, pageId);
  if ('error' in answer) throw new Error(answer.error);
  return Object.fromEntries(answer.targets.map((t) => [t.targetId, t]));
}

describe('preview fidelity', () => {
  it('matches what each target receives on Push now, before and after the first delivery', async () => {
    env = await startSandbox(scenario, (v) => v);
    const pageId = env.refs.get('vpn')!;
    const hooks = env.receivers.get('hooks')!;
    const halo = env.halos.get('desk')!;

    // First push: a new article in a FAQ list created for the space; the webhook says page.created.
    const first = await preview(pageId);
    expect(hooks.messages()).toHaveLength(0);
    expect(halo.state().articles).toHaveLength(0);
    expect(first.desk!.payload!.notes).toContain('a FAQ list for space DOCS is created at the first push');
    await env.platform.queue.push([pushNowJob(pageId, 'u1', env.clock.now())]);
    await env.queue.runUntilIdle();
    expect(hooks.messages().map((m) => m.body)).toEqual([first.hooks!.payload!.body]);
    const [created] = halo.state().articles;
    const sent = (JSON.parse(first.desk!.payload!.body!) as Array<Record<string, unknown>>)[0]!;
    expect(created).toMatchObject({
      name: sent.name,
      description: sent.description,
      tags: String(sent.tag_string).split(','),
      showforall: sent.showforall,
    });

    // The page changes: the preview now updates article `id` in the list that exists.
    await handleConfluenceEvent(
      env.platform,
      env.state.updatePage(pageId, {
        body: '<p>Install the client, then sign in.</p>',
        title: 'VPN setup guide',
      }),
    );
    await env.queue.runUntilIdle();
    const second = await preview(pageId);
    expect(second.desk!.action).toBe('upsert');
    const update = (JSON.parse(second.desk!.payload!.body!) as Array<Record<string, unknown>>)[0]!;
    const [article] = halo.state().articles;
    expect(update).toMatchObject({
      id: article!.id,
      name: 'VPN setup guide',
      faqlists: [{ id: article!.faqlistIds[0] }],
    });
    expect(article).toMatchObject({ name: update.name, description: update.description });
    const lastToHooks = hooks.messages().at(-1)!;
    expect(JSON.parse(second.hooks!.payload!.body!)).toMatchObject({
      type: 'page.updated',
      data: {
        title: 'VPN setup guide',
        body: (JSON.parse(lastToHooks.body) as { data: { body: unknown } }).data.body,
      },
    });
  });
});
