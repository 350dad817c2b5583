/**
 * The preview is what a target receives: previews taken over HTTP from the sandbox's Confluence
 * (as its user) match, field for field, what the webhook receiver and fake Halo then get when the
 * same page is pushed now, and, message for message, what a Bitrix24 portal records. The preview
 * itself sends nothing to any of them.
 */
import type { DeliveryAttempt, DeliveryItem, PayloadPreview } from '../../src/targets/target-adapter';
import { BitrixAdapter } from '../../src/targets/bitrix24/bitrix-adapter';
import { REEVALUATION_TELLS_NONE } from '../../src/targets/bitrix24/bitrix-plan';
import { bitrixState } from '../../src/sandbox/scenario/bitrix-sandbox-target';
import { parsePhpQuery } from '../../src/sandbox/fake-bitrix24/php-query-parse';
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
afterEach(async () => {
  jest.restoreAllMocks();
  await env.close();
});

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

  it('Bitrix24: the preview of each delivery is, message for message, what the portal records', async () => {
    env = await startSandbox(bitrixScenario, (v) => v);
    const pageId = env.refs.get('vpn')!;
    const sandbox = env.bitrixes.get('portal')!;
    const { portal } = sandbox;
    const taskChat = (ref: string) => `chat${portal.model.tasks.get(sandbox.tasks.get(ref)!)!.chatId}`;

    // Push now tells Bitrix24 nothing, and the preview says so and why, without a call to the portal.
    const asked = await preview(pageId);
    expect(asked.portal).toMatchObject({
      action: 'upsert',
      payload: { request: 'nothing is sent', notes: [REEVALUATION_TELLS_NONE] },
    });
    expect(portal.stats().requests).toBe(0);
    await env.platform.queue.push([pushNowJob(pageId, 'u1', env.clock.now())]);
    await env.queue.runUntilIdle();
    expect(portal.model.messages).toEqual([]);

    // Each delivery the consumer makes is previewed first, from the very item it gets.
    const seen: Array<{ item: DeliveryItem; shown: PayloadPreview; got: Array<[string, string]> }> = [];
    const deliver = BitrixAdapter.prototype.deliver;
    jest.spyOn(BitrixAdapter.prototype, 'deliver').mockImplementation(async function (
      this: BitrixAdapter,
      item: DeliveryItem,
      attempt: DeliveryAttempt,
    ) {
      const requests = portal.stats().requests;
      const stored = JSON.stringify(env.store.snapshot());
      const shown = await this.preview(item);
      expect(portal.stats().requests).toBe(requests);
      expect(JSON.stringify(env.store.snapshot())).toBe(stored);
      const from = portal.model.messages.length;
      const result = await deliver.call(this, item, attempt);
      // A task chat the webhook's user cannot write to: the message goes through the task instead.
      const got = portal.model.messages
        .slice(from)
        .map((m): [string, string] => [
          m.via === 'tasks.task.chat.message.send'
            ? `chat${portal.model.tasks.get(m.taskId!)!.chatId}`
            : m.dialogId,
          m.text,
        ]);
      seen.push({ item, shown, got });
      return result;
    });
    const run = async (event: unknown) => {
      await handleConfluenceEvent(env.platform, event);
      await env.queue.runUntilIdle();
      await env.clock.advanceBy(61_000);
    };

    // The first update builds the task index: the preview knows no task yet and says so.
    await run(env.state.updatePage(pageId, { body: '<p>Install client 5.2.</p>' }));
    expect(seen[0]!.shown.notes).toContainEqual(expect.stringMatching(/is built at the first delivery/));
    expect(seen[0]!.got).toHaveLength(4);
    await run(env.state.updatePage(pageId, { body: '<p>Install client 5.3, then sign in.</p>' }));
    await run(
      env.state.createPage({
        spaceId: env.state.getSpaceByKey('DOCS')!.id,
        title: 'Release notes',
        body: '<p>Version <strong>2.0</strong> is out.</p>',
        authorId: 'u1',
      }),
    );
    await run(env.state.addComment({ pageId, body: '<p>Does it work on Linux?</p>', authorId: 'u2' }));
    await run(env.state.updatePage(env.refs.get('secret')!, { body: '<p>New bands.</p>' }));
    await run(env.state.trashPage(pageId));

    const later = seen.slice(1);
    expect(later.map((s) => `${s.item.action}:${s.item.event.action}`)).toEqual([
      'upsert:updated',
      'upsert:created',
      'notify:created',
      'remove:trashed',
    ]);
    for (const { shown, got } of later) {
      expect(shown.request).toBe('POST batch');
      expect(got.length).toBeGreaterThan(0);
      expect(sorted(batchMessages(shown))).toEqual(sorted(got));
    }
    // The update: three task chats (one through the task) and the space chat.
    expect(sorted(later[0]!.got).map(([dialog]) => dialog)).toEqual(
      sorted([
        [taskChat('t1'), ''],
        [taskChat('t2'), ''],
        [taskChat('t3'), ''],
        [sandbox.chats.get('news')!, ''],
      ]).map(([dialog]) => dialog),
    );
    expect(later[0]!.shown.notes).toContainEqual(
      expect.stringMatching(/cannot write to gets the message through the task/),
    );
    expect(bitrixState(sandbox, ['Salary bands']).violations).toEqual([]);
  });
});

const bitrixScenario = scenarioSchema.parse({
  name: 'preview fidelity, Bitrix24',
  users: [
    { accountId: 'u1', displayName: 'Alice Martin', email: 'alice@example.com' },
    { accountId: 'u2', displayName: 'Bob Ivanov' },
  ],
  spaces: [{ key: 'DOCS', name: 'Product docs' }],
  pages: [
    { ref: 'vpn', space: 'DOCS', title: 'VPN setup', body: '<p>Install the client.</p>', author: 'u1' },
    {
      ref: 'secret',
      space: 'DOCS',
      title: 'Salary bands',
      body: '<p>Confidential.</p>',
      author: 'u2',
      restrictions: { read: ['u2'] },
    },
  ],
  targets: [
    {
      id: 'portal',
      name: 'Acme portal',
      kind: 'bitrix24',
      bitrix: {
        chats: ['news'],
        tasks: [
          { ref: 't1', title: 'Roll out VPN', pages: ['vpn'], form: 'tiny' },
          { ref: 't2', title: 'Fix printers', pages: ['vpn'], form: 'pageId' },
          { ref: 't3', title: 'Audit access', pages: ['vpn'], form: 'url', chatMember: false },
          { ref: 't4', title: 'Pay review', pages: ['secret'], form: 'url' },
        ],
        secretPages: ['secret'],
      },
    },
  ],
  mappings: [{ space: 'DOCS', targets: [{ id: 'portal', bitrixChat: 'news', bitrixNotifyUpdates: true }] }],
  steps: [],
  expect: { targets: {} },
});

/** The (dialog, text) of each `im.message.add` in a previewed batch body. */
function batchMessages(shown: PayloadPreview): Array<[string, string]> {
  const body = JSON.parse(shown.body!) as { halt: number; cmd: Record<string, string> };
  expect(body.halt).toBe(0);
  return Object.values(body.cmd).map((command) => {
    const [method, query = ''] = command.split('?');
    expect(method).toBe('im.message.add');
    const params = parsePhpQuery(query);
    return [String(params.DIALOG_ID), String(params.MESSAGE)];
  });
}

const sorted = (messages: Array<[string, string]>) =>
  [...messages].sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
