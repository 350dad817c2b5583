import { SITE, PAGE_ID, attempt, linkTasks, pageEvent, startBitrixKit, upsert } from './bitrix-kit';
import type { BitrixKit } from './bitrix-kit';

describe('Bitrix24 adapter: linked tasks', () => {
  let kit: BitrixKit;
  beforeEach(async () => {
    kit = await startBitrixKit();
  });
  afterEach(() => kit.close());

  it('comments in the chat of every task linking the page, whatever the URL form', async () => {
    const ids = linkTasks(kit, 3, [
      `${SITE}/wiki/spaces/DOCS/pages/${PAGE_ID}/VPN+setup`,
      `${SITE}/wiki/x/vIBuI`,
      `${SITE}/wiki/pages/viewpage.action?pageId=${PAGE_ID}`,
    ]);
    kit.portal.model.addTask({
      title: 'other',
      responsibleId: 7,
      createdBy: 8,
      fields: { UF_CONFLUENCE_URL: `${SITE}/wiki/x/AYAB` },
    });
    kit.portal.model.addTask({
      title: 'other site',
      responsibleId: 7,
      createdBy: 8,
      fields: { UF_CONFLUENCE_URL: `https://evil.example/wiki/x/vIBuI` },
    });
    const result = await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    expect(result).toEqual(expect.objectContaining({ kind: 'delivered', note: '3 of 3 message(s) sent' }));
    const chats = ids.map((id) => `chat${kit.portal.model.tasks.get(id)?.chatId}`);
    expect(kit.portal.model.messages.map((m) => m.dialogId).sort()).toEqual(chats.sort());
    expect(kit.portal.model.messages[0]?.text).toBe(
      `Page "VPN setup" was updated by Alice Martin, 2026-01-05 09:00 UTC. Link: ${SITE}/wiki/spaces/DOCS/pages/${PAGE_ID}/VPN+setup`,
    );
  });

  it('uses the Russian default and a configured template', async () => {
    linkTasks(kit, 1);
    await kit.adapter({ language: 'ru' }).deliver(upsert(pageEvent('updated')), attempt());
    expect(kit.portal.model.messages[0]?.text).toMatch(
      /^Страница "VPN setup" обновлена Alice Martin, 2026-01-05 09:00 UTC\. Ссылка: https:/,
    );
    await kit.clock.advanceBy(61_000);
    await kit
      .adapter({ updateTemplate: '[b]{title}[/b] changed: {url}' })
      .deliver(upsert(pageEvent('updated')), attempt());
    expect(kit.portal.model.messages[1]?.text).toMatch(/^\[b\]VPN setup\[\/b\] changed: https:/);
  });

  it('takes ⌈(N+1)/50⌉ batch calls for N tasks and the space chat, after one index scan', async () => {
    linkTasks(kit, 120);
    const chat = kit.portal.model.addChat([1, 7]);
    const adapter = kit.adapter();
    const options = { bitrixDialogId: `chat${chat}`, bitrixNotifyUpdates: true };
    await adapter.deliver(upsert(pageEvent('updated'), options), attempt());
    kit.portal.resetStats();
    await kit.clock.advanceBy(30_000);
    const result = await adapter.deliver(upsert(pageEvent('updated'), options), attempt());
    expect(result.kind).toBe('delivered');
    expect(kit.portal.stats().byMethod).toEqual({ batch: 3 });
    expect(kit.portal.model.messages).toHaveLength(2 * 121);
  });

  it('sends nothing for a minor edit or suppressed notifications', async () => {
    linkTasks(kit, 2);
    const minor = await kit.adapter().deliver(upsert(pageEvent('updated', { minorEdit: true })), attempt());
    const quiet = await kit
      .adapter()
      .deliver(upsert(pageEvent('updated', { suppressNotifications: true })), attempt());
    expect(minor.kind).toBe('delivered');
    expect(quiet.kind).toBe('delivered');
    expect(kit.portal.stats().requests).toBe(0);
    expect(kit.portal.model.messages).toEqual([]);
  });

  it('never sends a message twice when a delivery is retried', async () => {
    linkTasks(kit, 60);
    const id = attempt().deliveryId;
    const adapter = kit.adapter();
    const first = await adapter.deliver(upsert(pageEvent('updated')), attempt(id));
    expect(first.kind).toBe('delivered');
    const again = await adapter.deliver(upsert(pageEvent('updated')), attempt(id));
    expect(again).toEqual(expect.objectContaining({ kind: 'delivered', note: '0 of 60 message(s) sent' }));
    expect(kit.portal.model.messages).toHaveLength(60);
  });

  it('goes on after a burst limit, sending only what was left', async () => {
    linkTasks(kit, 70);
    const adapter = kit.adapter();
    const id = attempt().deliveryId;
    await adapter.deliver(upsert(pageEvent('updated', { minorEdit: false })), attempt('warm'));
    const before = kit.portal.model.messages.length;
    await kit.clock.advanceBy(61_000);
    kit.portal.injectFault({ method: 'batch', status: 503, code: 'QUERY_LIMIT_EXCEEDED', times: 1 });
    const throttled = await adapter.deliver(upsert(pageEvent('updated')), attempt(id));
    expect(throttled).toEqual(
      expect.objectContaining({ kind: 'throttled', retryAfterSeconds: 10, httpStatus: 503 }),
    );
    await kit.clock.advanceBy(10_000);
    const done = await adapter.deliver(upsert(pageEvent('updated')), attempt(id));
    expect(done).toEqual(expect.objectContaining({ kind: 'delivered', note: '70 of 70 message(s) sent' }));
    expect(kit.portal.model.messages.length - before).toBe(70);
  });

  it('backs off on 429 OPERATION_TIME_LIMIT and pauses every consumer of the target', async () => {
    linkTasks(kit, 1);
    kit.portal.injectFault({
      method: 'tasks.task.list',
      status: 429,
      code: 'OPERATION_TIME_LIMIT',
      times: 1,
    });
    const result = await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    expect(result).toEqual(
      expect.objectContaining({ kind: 'throttled', retryAfterSeconds: 60, httpStatus: 429 }),
    );
    const other = await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    expect(other.kind).toBe('throttled');
    expect(kit.portal.stats().byMethod['tasks.task.list']).toBe(1);
  });

  it('drops a task deleted meanwhile and still tells the others', async () => {
    const [gone, ...rest] = linkTasks(kit, 3);
    const adapter = kit.adapter();
    await adapter.deliver(upsert(pageEvent('updated')), attempt());
    kit.portal.model.deleteTask(gone!);
    const result = await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(result.kind).toBe('delivered');
    expect(result.kind === 'delivered' && result.note).toMatch(
      /^2 of 3 message\(s\) sent; task:\d+: Bitrix24 rejected the message: CHAT_ID/,
    );
    await kit.clock.advanceBy(61_000);
    const third = await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(third.kind === 'delivered' && third.note).toBe('2 of 2 message(s) sent');
    expect(
      kit.portal.model.messages.filter((m) =>
        rest.some((id) => m.dialogId === `chat${kit.portal.model.tasks.get(id)?.chatId}`),
      ),
    ).toHaveLength(6);
  });

  it('writes through the task when the webhook user cannot post to its chat', async () => {
    const closed = kit.portal.model.addTask({
      title: 'closed',
      responsibleId: 7,
      createdBy: 8,
      chatMember: false,
      fields: { UF_CONFLUENCE_URL: `${SITE}/wiki/x/vIBuI` },
    });
    const result = await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    expect(result.kind).toBe('delivered');
    expect(kit.portal.model.messages).toEqual([
      expect.objectContaining({ via: 'tasks.task.chat.message.send', taskId: closed.id }),
    ]);
  });

  it('fails clearly when the user field is missing on the portal', async () => {
    await kit.close();
    kit = await startBitrixKit({ userFields: ['UF_OTHER'] });
    const result = await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    expect(result).toEqual({
      kind: 'failed',
      reason: expect.stringMatching(/^the task field UF_CONFLUENCE_URL does not exist on 127\.0\.0\.1:\d+/),
    });
  });

  it('comments on old portals (no task chats) through task.commentitem.add', async () => {
    await kit.close();
    kit = await startBitrixKit({ taskChats: false });
    linkTasks(kit, 2);
    const adapter = kit.adapter();
    await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(kit.portal.model.messages.map((m) => m.via)).toEqual([
      'task.commentitem.add',
      'task.commentitem.add',
    ]);
    kit.portal.resetStats();
    await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(kit.portal.stats().byMethod).toEqual({ batch: 1 });
  });
});
