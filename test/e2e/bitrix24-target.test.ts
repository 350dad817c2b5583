import type { DeliveryRecord } from '../../src/domain/delivery-record';
import { ENTITIES } from '../../src/domain/storage-layout';
import { handleConfluenceEvent } from '../../src/pipeline/handle-event';
import { replayOne } from '../../src/pipeline/replay';
import { bitrixState } from '../../src/sandbox/scenario/bitrix-sandbox-target';
import { scenarioSchema } from '../../src/sandbox/scenario/scenario-schema';
import { startSandbox, type SandboxEnv } from '../../src/sandbox/scenario/sandbox-env';

function scenario(settings: Record<string, unknown> = {}) {
  return scenarioSchema.parse({
    name: 'bitrix24',
    users: [
      { accountId: 'u1', displayName: 'Alice Martin', email: 'alice@example.com' },
      { accountId: 'u2', displayName: 'Bob Ivanov' },
    ],
    spaces: [{ key: 'DOCS', name: 'Product docs' }],
    pages: [
      { ref: 'a', space: 'DOCS', title: 'VPN setup', body: '<p>Install the client.</p>', author: 'u1' },
      { ref: 'b', space: 'DOCS', title: 'Printer FAQ', body: '<p>Turn it off and on.</p>', author: 'u1' },
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
        settings,
        bitrix: {
          chats: ['news'],
          tasks: [
            { ref: 't1', title: 'Roll out VPN', pages: ['a'], form: 'tiny' },
            { ref: 't2', title: 'Fix printers', pages: ['a', 'b'], form: 'pageId' },
            { ref: 't3', title: 'Pay review', pages: ['secret'] },
          ],
          secretPages: ['secret'],
        },
      },
    ],
    mappings: [{ space: 'DOCS', targets: [{ id: 'portal', bitrixChat: 'news' }] }],
    steps: [],
    expect: { targets: {} },
  });
}

describe('the Bitrix24 target', () => {
  let env: SandboxEnv;
  afterEach(() => env.close());

  const sandbox = () => env.bitrixes.get('portal')!;
  const state = () => bitrixState(sandbox(), ['Salary bands']);
  const run = async (event: unknown) => {
    await handleConfluenceEvent(env.platform, event);
    await env.queue.runUntilIdle();
  };
  const log = () =>
    Object.values(env.store.snapshot().entities[ENTITIES.delivery.name] ?? {})
      .map((v) => v as unknown as DeliveryRecord)
      .sort((x, y) => x.at - y.at);

  it('comments on the tasks linking an updated page, once per version, never on minor edits', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const a = env.refs.get('a')!;
    await run(env.state.updatePage(a, { body: '<p>Install client 5.2.</p>' }));
    expect(state().tasks).toEqual({ t1: 1, t2: 1, t3: 0 });
    await run(env.state.updatePage(a, { body: '<p>Typo fixed.</p>', minorEdit: true }));
    await run(env.state.addLabel(a, { name: 'vpn' }));
    expect(state().tasks).toEqual({ t1: 1, t2: 1, t3: 0 });
    await env.clock.advanceBy(120_000);
    await run(env.state.updatePage(env.refs.get('b')!, { body: '<p>Use the new driver.</p>' }));
    expect(state().tasks).toEqual({ t1: 1, t2: 2, t3: 0 });
    const texts = sandbox().portal.model.messages.map((m) => m.text);
    expect(texts[0]).toMatch(
      /^Page "VPN setup" was updated by Alice Martin, 2026-01-05 \d\d:\d\d UTC\. Link: http:\/\/127\.0\.0\.1:\d+\/wiki\/spaces\/DOCS\/pages\/\d+\/VPN\+setup$/,
    );
  });

  it('Replay of a failed delivery tells the tasks what they missed, once', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const a = env.refs.get('a')!;
    // The webhook was revoked when the page changed: the delivery fails (not retryable).
    sandbox().portal.injectFault({ method: 'batch', status: 401, code: 'NO_AUTH_FOUND', times: 1 });
    await run(env.state.updatePage(a, { body: '<p>Install client 5.3.</p>' }));
    expect(state().tasks).toEqual({ t1: 0, t2: 0, t3: 0 });
    const failed = log().filter((r) => r.targetId === 'portal' && r.status === 'failed');
    expect(failed).toHaveLength(1);
    // Fixed: Replay from the Activity tab sends the comments the tasks missed.
    const key = Object.entries(env.store.snapshot().entities[ENTITIES.delivery.name] ?? {}).find(
      ([, v]) => (v as unknown as DeliveryRecord).deliveryId === failed[0]!.deliveryId,
    )![0];
    expect(await replayOne(env.platform, key)).toMatchObject({ queued: 1 });
    await env.queue.runUntilIdle();
    expect(state().tasks).toEqual({ t1: 1, t2: 1, t3: 0 });
    // The failure is settled: a second Replay is refused, and the next edit is told as usual.
    expect(await replayOne(env.platform, key)).toEqual({
      error: 'Only failed deliveries of a page or a comment can be replayed.',
    });
    await env.clock.advanceBy(120_000);
    await run(env.state.updatePage(a, { body: '<p>Install client 5.4.</p>' }));
    expect(state().tasks).toEqual({ t1: 2, t2: 2, t3: 0 });
  });

  it('Replay of a failed comment notification tells the people of the tasks, once', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const a = env.refs.get('a')!;
    const told = (text: string) =>
      sandbox().portal.model.messages.filter((m) => m.text.includes(text)).length;
    await run(env.state.addComment({ pageId: a, body: '<p>Works on Linux too.</p>', authorId: 'u2' }));
    const perComment = told('Works on Linux too.');
    expect(perComment).toBeGreaterThan(0);
    sandbox().portal.injectFault({ method: 'batch', status: 401, code: 'NO_AUTH_FOUND', times: 1 });
    await run(env.state.addComment({ pageId: a, body: '<p>And on BSD?</p>', authorId: 'u2' }));
    expect(told('And on BSD?')).toBe(0);
    const failed = log().filter((r) => r.targetId === 'portal' && r.status === 'failed');
    expect(failed).toEqual([expect.objectContaining({ event: 'comment.created', location: 'footer' })]);
    const key = Object.entries(env.store.snapshot().entities[ENTITIES.delivery.name] ?? {}).find(
      ([, v]) => (v as unknown as DeliveryRecord).deliveryId === failed[0]!.deliveryId,
    )![0];
    expect(await replayOne(env.platform, key)).toMatchObject({ queued: 1 });
    await env.queue.runUntilIdle();
    expect(told('And on BSD?')).toBe(perComment);
    // Settled: a second Replay is refused, and nothing is told twice.
    expect(await replayOne(env.platform, key)).toEqual({
      error: 'Only failed deliveries of a page or a comment can be replayed.',
    });
    await env.queue.runUntilIdle();
    expect(told('And on BSD?')).toBe(perComment);
  });

  it('tells the chat of a new page, and the tasks of a trashed one', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const created = env.state.createPage({
      spaceId: env.state.getSpaceByKey('DOCS')!.id,
      title: 'Release notes',
      body: '<p>Version <strong>2.0</strong> is out.</p>',
      authorId: 'u1',
    });
    await run(created);
    expect(state().chats).toEqual({ news: 1 });
    expect(sandbox().portal.model.messages[0]?.text).toContain('Version [b]2.0[/b] is out.');
    await run(env.state.updatePage(env.refs.get('a')!, { body: '<p>v2</p>' }));
    await run(env.state.trashPage(env.refs.get('a')!));
    expect(state().tasks).toEqual({ t1: 2, t2: 2, t3: 0 });
    expect(sandbox().portal.model.messages.at(-1)?.text).toMatch(
      /^Page "VPN setup" was removed from Confluence/,
    );
  });

  it('never names a restricted page, not even when it is trashed', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const secret = env.refs.get('secret')!;
    await run(env.state.updatePage(secret, { body: '<p>New bands.</p>' }));
    await run(env.state.trashPage(secret));
    // A page that was pushed, then restricted: removed in silence.
    const a = env.refs.get('a')!;
    await run(env.state.updatePage(a, { body: '<p>v2</p>' }));
    await run(
      env.state.setRestrictions(a, {
        read: { users: ['u1'], groups: [] },
        update: { users: [], groups: [] },
      }),
    );
    await run(env.state.trashPage(a));
    expect(state().violations).toEqual([]);
    expect(state().tasks).toEqual({ t1: 1, t2: 1, t3: 0 });
    expect(log().some((r) => r.targetId === 'portal' && /not told/.test(r.reason ?? ''))).toBe(true);
  });

  it('a task deleted meanwhile does not block the others, and leaves the index', async () => {
    env = await startSandbox(scenario(), (v) => v);
    const a = env.refs.get('a')!;
    await run(env.state.updatePage(a, { body: '<p>v2</p>' }));
    sandbox().portal.model.deleteTask(sandbox().tasks.get('t1')!);
    await run(env.state.updatePage(a, { body: '<p>v3</p>' }));
    expect(state().tasks.t2).toBe(2);
    const reasons = log().map((r) => r.reason);
    expect(reasons).toContainEqual(
      expect.stringMatching(/^1 of 2 message\(s\) sent; task:\d+: Bitrix24 rejected the message: CHAT_ID/),
    );
    await env.clock.advanceBy(61_000);
    await run(env.state.updatePage(a, { body: '<p>v4</p>' }));
    expect(log().filter((r) => r.reason === '1 of 1 message(s) sent')).toHaveLength(1);
  });

  it('messages the watchers: by e-mail where Confluence shows it, else through the user map', async () => {
    env = await startSandbox(scenario({ notifyWatchers: true, userMap: { u2: 11 } }), (v) => v);
    const a = env.refs.get('a')!;
    await run(env.state.updatePage(a, { body: '<p>v2</p>', by: 'u2' }));
    // Watchers: the creator (u1, e-mail alice@example.com → Bitrix24 user 10) and the editor (u2, mapped to 11).
    const personal = sandbox().portal.model.messages.filter((m) => /^\d+$/.test(m.dialogId));
    expect(personal.map((m) => m.dialogId).sort()).toEqual(['10', '11']);
    expect(personal[0]?.text).toMatch(
      /^\[b\]Page updated in Confluence\[\/b\]\[br\]\[url=http:\/\/127\.0\.0\.1:\d+\/wiki\/spaces\/DOCS\/pages\/\d+\/VPN\+setup\]VPN setup\[\/url\] by Bob Ivanov/,
    );
  });

  it('a page linked by 2,600 tasks: every task told once, within the bucket, across throttled turns', async () => {
    const big = scenario();
    const tasks = Array.from({ length: 2600 }, (_, i) => ({
      ref: `x${i}`,
      title: `Task ${i}`,
      pages: ['a'],
      form: 'url' as const,
    }));
    big.targets[0]!.bitrix.tasks = tasks;
    env = await startSandbox(big, (v) => v);
    const start = env.clock.now();
    await run(env.state.updatePage(env.refs.get('a')!, { body: '<p>v2</p>' }));
    const { portal } = sandbox();
    expect(portal.stats().refused).toBe(0);
    // 1 field check + 52 pages of tasks + the filter's proof (1 batch) + 52 batches of 50 messages.
    expect(portal.stats().byMethod).toEqual({
      'task.item.userfield.getlist': 1,
      'tasks.task.list': 52,
      batch: 53,
    });
    const perChat = new Map<string, number>();
    for (const m of portal.model.messages) perChat.set(m.dialogId, (perChat.get(m.dialogId) ?? 0) + 1);
    expect(perChat.size).toBe(2600);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(log().filter((r) => r.status === 'failed')).toEqual([]);
    // 105 requests through a bucket of 50 draining 2/s: at least 27 s of waiting for turns.
    expect(env.clock.now() - start).toBeGreaterThanOrEqual(27_000);
  }, 60_000);
});
