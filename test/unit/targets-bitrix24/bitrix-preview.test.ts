import { REEVALUATED } from '../../../src/domain/relay-event';
import { secretKeys } from '../../../src/domain/storage-layout';
import type { Http } from '../../../src/ports/http';
import { parsePhpQuery } from '../../../src/sandbox/fake-bitrix24/php-query-parse';
import { BitrixClient } from '../../../src/targets/bitrix24/bitrix-client';
import { TaskIndex } from '../../../src/targets/bitrix24/task-index';
import type { DeliveryItem, PayloadPreview } from '../../../src/targets/target-adapter';
import {
  PAGE_ID,
  PAGE_URL,
  TARGET,
  WEBHOOK,
  attempt,
  comment,
  linkTasks,
  pageEvent,
  startBitrixKit,
  upsert,
} from './bitrix-kit';
import type { BitrixKit } from './bitrix-kit';

/** The preview's network: every call rejected, as in src/pipeline/preview.ts. */
const calls: string[] = [];
const noNetwork: Http = {
  fetch: (request) => {
    calls.push(request.url);
    return Promise.reject(new Error('a preview sends nothing'));
  },
};

/** The messages of a previewed batch body, as (dialog, text) in order. */
function previewed(preview: PayloadPreview): Array<{ dialogId: string; text: string }> {
  const body = JSON.parse(preview.body ?? '{}') as { halt: number; cmd: Record<string, string> };
  expect(body.halt).toBe(0);
  return Object.values(body.cmd).map((command) => {
    const [method, query = ''] = command.split('?');
    expect(method).toBe('im.message.add');
    const params = parsePhpQuery(query);
    expect(params.URL_PREVIEW).toBe('N');
    return { dialogId: String(params.DIALOG_ID), text: String(params.MESSAGE) };
  });
}

/** The item as the consumer builds it once the ledger shows `version` delivered. */
function told(item: DeliveryItem, version: number): DeliveryItem {
  if (item.action !== 'upsert') throw new Error('an upsert is expected');
  return { ...item, remoteState: { version } };
}

function trashed(remoteState?: Record<string, unknown>): DeliveryItem {
  return { action: 'remove', event: pageEvent('trashed'), pageId: PAGE_ID, reason: 'trashed', remoteState };
}

describe('Bitrix24 preview', () => {
  let kit: BitrixKit;
  beforeEach(async () => {
    calls.length = 0;
    kit = await startBitrixKit();
  });
  afterEach(() => kit.close());

  const preview = (item: DeliveryItem, overrides = {}) =>
    kit.adapter(overrides, { http: noNetwork }).preview(item);

  /** Builds the task index the way a delivery does: one real delivery of an update. */
  async function indexBuilt(chats: { chatMember?: boolean }[] = [{}, {}]): Promise<number[]> {
    const ids = chats.map(
      (c, i) =>
        kit.portal.model.addTask({
          title: `Task ${i + 1}`,
          responsibleId: 7,
          createdBy: 8,
          fields: { UF_CONFLUENCE_URL: PAGE_URL },
          ...c,
        }).id,
    );
    await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    kit.portal.model.messages.length = 0;
    kit.portal.resetStats();
    return ids;
  }

  it('shows the exact batch a delivery then sends, text for text and dialog for dialog, without a call', async () => {
    await indexBuilt();
    const chat = `chat${kit.portal.model.addChat([1, 7])}`;
    const item = upsert(pageEvent('updated'), { bitrixDialogId: chat, bitrixNotifyUpdates: true });
    const before = JSON.stringify(kit.store.snapshot());
    const shown = await preview(item);
    expect(calls).toEqual([]);
    expect(kit.portal.stats().requests).toBe(0);
    expect(JSON.stringify(kit.store.snapshot())).toBe(before);
    expect(shown.request).toBe('POST batch');
    expect(shown.contentType).toBe('application/json');
    expect(shown.body).not.toContain(WEBHOOK.code);
    expect(JSON.stringify(shown.notes)).not.toContain(WEBHOOK.code);
    expect(shown.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^the task index \(field UF_CONFLUENCE_URL\) is refreshed from the portal first/,
        ),
        expect.stringMatching(/cannot write to gets the message through the task/),
        expect.stringMatching(/not sent again$/),
      ]),
    );
    await kit.clock.advanceBy(61_000);
    await kit.adapter().deliver(item, attempt());
    const got = kit.portal.model.messages.map((m) => ({ dialogId: m.dialogId, text: m.text }));
    expect(previewed(shown)).toEqual(got);
    expect(got).toHaveLength(3);
    expect(got[2]?.dialogId).toBe(chat);
  });

  it('names every reason for sending nothing, as the delivery decides it', async () => {
    await indexBuilt();
    const cases: Array<[DeliveryItem, RegExp]> = [
      [upsert(pageEvent('updated', { minorEdit: true })), /^minor edit or notifications suppressed/],
      [
        upsert(pageEvent('updated', { suppressNotifications: true })),
        /^minor edit or notifications suppressed/,
      ],
      [
        upsert(pageEvent('updated', { action: REEVALUATED, suppressNotifications: true })),
        /^Push now and re-evaluations notify no one/,
      ],
      [told(upsert(pageEvent('updated')), 7), /^nothing to tell for page\.updated$/],
      [upsert(pageEvent('permissions_updated')), /^nothing to tell for page\.permissions_updated$/],
      [trashed(), /^no message: the page left for a reason that is not told$/],
    ];
    for (const [item, reason] of cases) {
      const shown = await preview(item);
      expect(shown).toEqual({ request: 'nothing is sent', notes: [expect.stringMatching(reason)] });
      // The delivery says the same and sends nothing.
      const result = await kit.adapter().deliver(item, attempt());
      expect(result).toEqual(expect.objectContaining({ kind: 'delivered', note: shown.notes[0] }));
    }
    expect(kit.portal.model.messages).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('never tells anything of a page that left for a restriction, even with its title known', async () => {
    await indexBuilt();
    const left: DeliveryItem = {
      action: 'remove',
      event: pageEvent('permissions_updated'),
      pageId: PAGE_ID,
      reason: 'read restriction',
      remoteState: { title: 'VPN setup', url: PAGE_URL, field: 'UF_CONFLUENCE_URL' },
      title: 'VPN setup',
    };
    const shown = await preview(left);
    expect(shown.body).toBeUndefined();
    expect(JSON.stringify(shown)).not.toContain('VPN setup');
  });

  it('a trashed page: the removal comment to each linked task, with the title last pushed', async () => {
    await indexBuilt();
    const item = trashed({ title: 'VPN setup', url: PAGE_URL, field: 'UF_CONFLUENCE_URL', version: 7 });
    const shown = await preview(item);
    await kit.adapter().deliver(item, attempt());
    const got = kit.portal.model.messages.map((m) => ({ dialogId: m.dialogId, text: m.text }));
    expect(got).toHaveLength(2);
    expect(previewed(shown)).toEqual(got);
    expect(got[0]?.text).toMatch(/^Page "VPN setup" was removed from Confluence/);
  });

  it('more than 50 messages: the first batch of 50 and how many batches follow', async () => {
    linkTasks(kit, 120);
    await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    const chat = `chat${kit.portal.model.addChat([1, 7])}`;
    const shown = await preview(
      upsert(pageEvent('updated'), { bitrixDialogId: chat, bitrixNotifyUpdates: true }),
    );
    expect(previewed(shown)).toHaveLength(50);
    expect(shown.notes).toContain('121 messages go in 3 batch requests of up to 50; the first is shown');
  });

  it('before the index exists: no task known yet, and says that the delivery builds it', async () => {
    linkTasks(kit, 2);
    const shown = await preview(upsert(pageEvent('updated')));
    expect(shown.request).toBe('nothing is sent');
    expect(shown.notes[0]).toBe('no linked task or chat to tell');
    expect(shown.notes).toContainEqual(expect.stringMatching(/is built at the first delivery/));
    expect(kit.portal.stats().requests).toBe(0);
  });

  it('a new page: only the space chat hears of it, with the summary of the BB-code', async () => {
    const chat = `chat${kit.portal.model.addChat([1, 7])}`;
    const item = upsert(pageEvent('created'), { bitrixDialogId: chat });
    const shown = await preview(item);
    expect(shown.notes).not.toContainEqual(expect.stringMatching(/task index/));
    await kit.adapter().deliver(item, attempt());
    expect(previewed(shown)).toEqual([{ dialogId: chat, text: kit.portal.model.messages[0]?.text }]);
    expect(previewed(shown)[0]?.text).toContain('Use [b]client 5.2[/b].');
  });

  it('an old portal: task messages as task.commentitem.add in the batch, once the portal showed it', async () => {
    await kit.close();
    kit = await startBitrixKit({ taskChats: false });
    linkTasks(kit, 2);
    await kit.adapter().deliver(upsert(pageEvent('updated')), attempt());
    const shown = await preview(upsert(pageEvent('updated')));
    const cmd = (JSON.parse(shown.body!) as { cmd: Record<string, string> }).cmd;
    expect(Object.values(cmd).map((c) => c.split('?')[0])).toEqual([
      'task.commentitem.add',
      'task.commentitem.add',
    ]);
    expect(parsePhpQuery(cmd.m0!.split('?')[1]!)).toMatchObject({
      FIELDS: { POST_MESSAGE: expect.stringMatching(/^Page "VPN setup" was updated by Alice Martin/) },
    });
  });

  it('tasks without a chat on a new-card portal: the REST 3.0 method, one request each', async () => {
    await kit.close();
    kit = await startBitrixKit({ taskChats: false });
    linkTasks(kit, 2);
    // The index as a delivery's refresh builds it; nothing is known yet of the portal's task card.
    const client = await BitrixClient.open(kit.settings, kit.deps);
    await new TaskIndex(kit.store, kit.clock, TARGET, 'UF_CONFLUENCE_URL').refresh(client);
    const shown = await preview(upsert(pageEvent('updated')));
    expect(shown.request).toBe('POST tasks.task.chat.message.send');
    expect(JSON.parse(shown.body!)).toEqual({
      fields: { taskId: expect.any(Number), text: expect.stringMatching(/^Page "VPN setup" was updated/) },
    });
    expect(shown.notes).toContainEqual(
      expect.stringMatching(/^2 message\(s\) to tasks without a chat go one request each/),
    );
  });

  it('a new comment: one message per task author, and a missing webhook URL is named, never shown', async () => {
    await indexBuilt();
    await kit.secrets.deleteSecret(secretKeys.bitrixWebhookUrl(TARGET));
    const item = comment();
    const shown = await preview(item);
    expect(previewed(shown)).toEqual([
      { dialogId: '8', text: expect.stringMatching(/^\[b\]New comment in Confluence\[\/b\]/) },
    ]);
    expect(shown.notes).toContain('the delivery would fail now: the Bitrix24 webhook URL is not set');
    if (item.action !== 'notify') throw new Error('a comment is a notify item');
    const deleted = { ...item, comment: { ...item.comment, deleted: true } };
    expect(await preview(deleted)).toEqual({
      request: 'nothing is sent',
      notes: ['only new comments are told'],
    });
  });
});
