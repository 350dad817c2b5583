import type { DeliveryItem } from '../../../src/targets/target-adapter';
import {
  PAGE_ID,
  PAGE_URL,
  SITE,
  attempt,
  comment,
  linkTasks,
  page,
  pageEvent,
  startBitrixKit,
  upsert,
} from './bitrix-kit';
import type { BitrixKit } from './bitrix-kit';

const remoteState = { title: 'VPN setup', url: PAGE_URL, field: 'UF_CONFLUENCE_URL', version: 7 };

function remove(action: 'trashed' | 'deleted' | 'permissions_updated', reason: string): DeliveryItem {
  return { action: 'remove', event: pageEvent(action), pageId: PAGE_ID, reason, remoteState };
}

describe('Bitrix24 adapter: removals, chats, comments, watchers', () => {
  let kit: BitrixKit;
  beforeEach(async () => {
    kit = await startBitrixKit();
  });
  afterEach(() => kit.close());

  it('tells linked tasks that a trashed page was removed, in the configured language', async () => {
    linkTasks(kit, 2);
    const result = await kit
      .adapter({ language: 'ru' })
      .deliver(remove('trashed', 'page was trashed'), attempt());
    expect(result.kind).toBe('delivered');
    expect(kit.portal.model.messages.map((m) => m.text)).toEqual([
      expect.stringMatching(
        /^Страница "VPN setup" удалена из Confluence пользователем Confluence, .* UTC\. Была по адресу: https:\/\/acme/,
      ),
      expect.stringMatching(/^Страница "VPN setup" удалена/),
    ]);
  });

  it('says nothing at all when a page leaves because it became restricted', async () => {
    linkTasks(kit, 2);
    const result = await kit
      .adapter()
      .deliver(remove('permissions_updated', 'page is blocked by a read restriction'), attempt());
    expect(result).toEqual({
      kind: 'delivered',
      note: 'no message: the page left for a reason that is not told',
    });
    expect(kit.portal.stats().requests).toBe(0);
    expect(kit.portal.model.messages).toEqual([]);
  });

  it('tells the space chat of a new page with a BB-code summary, escaping the title', async () => {
    const chat = kit.portal.model.addChat([1, 7]);
    const item = upsert(pageEvent('created'), { bitrixDialogId: `chat${chat}` });
    if (item.action !== 'upsert') throw new Error('upsert expected');
    item.page = page({ title: 'Use [b]bold[/b] here' });
    const result = await kit.adapter().deliver(item, attempt());
    expect(result.kind).toBe('delivered');
    expect(kit.portal.stats().byMethod).toEqual({ batch: 1 });
    const [message] = kit.portal.model.messages;
    expect(message?.dialogId).toBe(`chat${chat}`);
    expect(message?.text).toBe(
      `[b]New page in Confluence[/b][br][url=${PAGE_URL}]Use [\u200bb]bold[\u200b/b] here[/url] by Alice Martin, 2026-01-05 09:00 UTC[br]Use [b]client 5.2[/b].`,
    );
  });

  it('does not tell the chat of updates unless the mapping asks', async () => {
    const chat = kit.portal.model.addChat([1]);
    await kit.adapter().deliver(upsert(pageEvent('updated'), { bitrixDialogId: `chat${chat}` }), attempt());
    expect(kit.portal.model.messages).toEqual([]);
  });

  it('a chat the webhook user cannot post to fails that message only', async () => {
    linkTasks(kit, 1);
    const closed = kit.portal.model.addChat([7]);
    const result = await kit
      .adapter()
      .deliver(
        upsert(pageEvent('updated'), { bitrixDialogId: `chat${closed}`, bitrixNotifyUpdates: true }),
        attempt(),
      );
    expect(result.kind === 'delivered' && result.note).toMatch(
      /^1 of 2 message\(s\) sent; chat:chat\d+: Bitrix24 denied the message: ACCESS_ERROR/,
    );
  });

  it('messages the author of each linked task about a new comment, once per person', async () => {
    linkTasks(kit, 3); // all created by user 8, responsible 7
    const result = await kit.adapter().deliver(comment(), attempt());
    expect(result.kind).toBe('delivered');
    expect(kit.portal.model.messages).toEqual([
      expect.objectContaining({
        dialogId: '8',
        text: `[b]New comment in Confluence[/b][br]on [url=${PAGE_URL}]VPN setup[/url] by Bob Ivanov, 2026-01-05 10:30 UTC[br]Does this cover [i]node pools[/i]?`,
      }),
    ]);
    await kit.adapter({ commentRecipient: 'responsible' }).deliver(comment(), attempt());
    expect(kit.portal.model.messages[1]?.dialogId).toBe('7');
    await kit.adapter().deliver(comment('updated'), attempt());
    expect(kit.portal.model.messages).toHaveLength(2);
  });

  it('reads the task field of the mapping that admitted the page, for comments too', async () => {
    await kit.close();
    kit = await startBitrixKit({ userFields: ['UF_CONFLUENCE_URL', 'UF_WIKI'] });
    kit.portal.model.addTask({
      title: 'wiki',
      responsibleId: 7,
      createdBy: 8,
      fields: { UF_WIKI: `${SITE}/wiki/x/vIBuI` },
    });
    linkTasks(kit, 1); // through the target's field: not this mapping's
    const item = comment();
    if (item.action !== 'notify') throw new Error('notify expected');
    const result = await kit
      .adapter()
      .deliver({ ...item, options: { bitrixUserField: 'UF_WIKI' } }, attempt());
    expect(result.kind === 'delivered' && result.note).toBe('1 of 1 message(s) sent');
    const updated = await kit
      .adapter()
      .deliver(upsert(pageEvent('updated'), { bitrixUserField: 'UF_WIKI' }), attempt());
    expect(updated.kind === 'delivered' && updated.note).toBe('1 of 1 message(s) sent');
  });

  it('messages watchers matched by e-mail or through the user map', async () => {
    linkTasks(kit, 1);
    const watchers = async () => [
      { accountId: 'a1', email: 'anna@acme.example' },
      { accountId: 'a2', email: 'nobody@acme.example' },
      { accountId: 'a3' },
    ];
    const confluence = {
      spaceName: async () => undefined,
      attachments: async () => [],
      download: async () => undefined,
      watchers,
    };
    const adapter = kit.adapter(
      { notifyWatchers: true, userMap: { a3: 8 }, serverSideFilter: 'off' },
      { confluence },
    );
    const result = await adapter.deliver(upsert(pageEvent('updated')), attempt());
    expect(result.kind === 'delivered' && result.note).toBe('3 of 3 message(s) sent');
    expect(
      kit.portal.model.messages
        .map((m) => m.dialogId)
        .slice(1)
        .sort(),
    ).toEqual(['7', '8']);
    expect(kit.portal.stats().byMethod.batch).toBe(2);
  });

  it('matches links on the Confluence site of the page only', async () => {
    linkTasks(kit, 1, [`https://other.atlassian.net/wiki/x/vIBuI`]);
    linkTasks(kit, 1, [`${SITE}/wiki/x/vIBuI`]);
    await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    expect(kit.portal.model.messages).toHaveLength(1);
  });
});
