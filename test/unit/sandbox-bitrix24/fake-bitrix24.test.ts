import { VirtualClock } from '../../../src/platform/node/virtual-clock';
import type { FakeBitrix24 } from '../../../src/sandbox/fake-bitrix24/fake-bitrix24-server';
import { startFakeBitrix24 } from '../../../src/sandbox/fake-bitrix24/fake-bitrix24-server';

const WEBHOOK = { userId: 1, code: 'abc123xyz', scopes: ['task', 'tasks', 'im', 'user'] };

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('fake Bitrix24 portal', () => {
  let clock: VirtualClock;
  let portal: FakeBitrix24;
  const call = (method: string, body: unknown = {}) => post(`${portal.webhookUrl}${method}.json`, body);

  beforeEach(async () => {
    clock = new VirtualClock();
    portal = await startFakeBitrix24({ clock, webhook: WEBHOOK });
    portal.model.addUser({ id: 1, name: 'Relay', lastName: 'Bot' });
    portal.model.addUser({ id: 7, name: 'Anna', lastName: 'Smirnova', email: 'anna@acme.example' });
  });
  afterEach(() => portal.close());

  it('refuses a wrong webhook code with 401 NO_AUTH_FOUND', async () => {
    const res = await post(`${portal.url}/rest/1/wrong/tasks.task.list`, {});
    expect(res).toEqual({
      status: 401,
      json: { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data<br>' },
    });
  });

  it('refuses a method outside the webhook scopes with 403 insufficient_scope', async () => {
    await portal.close();
    portal = await startFakeBitrix24({ clock, webhook: { ...WEBHOOK, scopes: ['task'] } });
    const res = await call('im.message.add', { DIALOG_ID: '1', MESSAGE: 'hi' });
    expect(res.status).toBe(403);
    expect(res.json.error).toBe('insufficient_scope');
    expect((await call('scope')).json.result).toEqual(['task']);
  });

  it('blocks the 51st request of a burst with 503 QUERY_LIMIT_EXCEEDED and drains 2 a second', async () => {
    for (let i = 0; i < 50; i += 1) expect((await call('user.get')).status).toBe(200);
    expect(await call('user.get')).toEqual({
      status: 503,
      json: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
    });
    await clock.advanceBy(1000);
    expect((await call('user.get')).status).toBe(200);
    expect((await call('user.get')).status).toBe(200);
    expect((await call('user.get')).status).toBe(503);
    expect(portal.stats().refused).toBe(2);
  });

  it('returns custom task fields only when selected, total beside result, 50 a page', async () => {
    for (let i = 0; i < 60; i += 1)
      portal.model.addTask({
        title: `T${i}`,
        responsibleId: 7,
        createdBy: 7,
        fields: { UF_CONFLUENCE_URL: `u${i}` },
      });
    const plain = await call('tasks.task.list', { order: { ID: 'asc' }, select: ['ID', 'TITLE'] });
    const tasks = (plain.json.result as { tasks: Array<Record<string, unknown>> }).tasks;
    expect(tasks).toHaveLength(50);
    expect(plain.json.total).toBe(60);
    expect(plain.json.next).toBe(50);
    expect(tasks[0]).toEqual({ id: '100', title: 'T0', chatId: 500 });
    const second = await call('tasks.task.list', { select: ['ID', 'UF_CONFLUENCE_URL'], start: 50 });
    const more = (second.json.result as { tasks: Array<Record<string, unknown>> }).tasks;
    expect(more).toHaveLength(10);
    expect(more[0]?.ufConfluenceUrl).toBe('u50');
    expect(second.json.next).toBeUndefined();
    expect(second.json.time).toEqual(expect.objectContaining({ operating_reset_at: expect.any(Number) }));
  });

  it('ignores a filter on a user field unless the switch is on', async () => {
    portal.model.addTask({ title: 'A', responsibleId: 7, createdBy: 7, fields: { UF_CONFLUENCE_URL: 'x' } });
    portal.model.addTask({ title: 'B', responsibleId: 7, createdBy: 7, fields: { UF_CONFLUENCE_URL: 'y' } });
    const filter = { filter: { UF_CONFLUENCE_URL: 'x' } };
    expect((await call('tasks.task.list', filter)).json.total).toBe(2);
    portal.setUserFieldFilter(true);
    expect((await call('tasks.task.list', filter)).json.total).toBe(1);
  });

  it('filters by >CHANGED_DATE in the portal offset and refuses an unknown sort key', async () => {
    portal.model.addTask({ title: 'old', responsibleId: 7, createdBy: 7 });
    await clock.advanceBy(5000);
    const task = portal.model.addTask({ title: 'new', responsibleId: 7, createdBy: 7 });
    const since = new Date(clock.now() - 2000 + 3 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+03:00');
    const res = await call('tasks.task.list', { filter: { '>CHANGED_DATE': since } });
    expect((res.json.result as { tasks: Array<{ id: string }> }).tasks.map((t) => t.id)).toEqual([
      String(task.id),
    ]);
    expect(await call('tasks.task.list', { order: { UF_X: 'asc' } })).toEqual({
      status: 400,
      json: { error: '0', error_description: 'Invalid sorting key (internal error)<br>' },
    });
  });

  it('answers batch with result_error per command and [] for empty maps', async () => {
    const task = portal.model.addTask({ title: 'A', responsibleId: 7, createdBy: 7 });
    const res = await call('batch', {
      halt: 0,
      cmd: {
        ok: `im.message.add?DIALOG_ID=chat${task.chatId}&MESSAGE=Hello%20%5Bb%5Dall%5B%2Fb%5D`,
        bad: 'im.message.add?DIALOG_ID=chat999&MESSAGE=x',
      },
    });
    expect(res.status).toBe(200);
    const inner = res.json.result as Record<string, unknown>;
    expect(inner.result).toEqual({ ok: expect.any(Number) });
    expect(inner.result_error).toEqual({
      bad: { error: 'CHAT_ID', error_description: 'Error creating message<br>' },
    });
    expect(inner.result_total).toEqual([]);
    expect(inner.result_next).toEqual([]);
    expect(portal.model.messages.map((m) => m.text)).toEqual(['Hello [b]all[/b]']);
    const cmd = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, 'user.get']));
    expect((await call('batch', { cmd })).json.error).toBe('ERROR_BATCH_LENGTH_EXCEEDED');
    expect((await call('batch', { cmd: { a: 'batch?cmd[x]=user.get' } })).status).toBe(405);
  });

  it('serves the task-chat method under REST 3.0 only, with the object error shape', async () => {
    const task = portal.model.addTask({ title: 'A', responsibleId: 7, createdBy: 7 });
    const v3 = `${portal.url}/rest/api/1/abc123xyz/tasks.task.chat.message.send`;
    expect(await post(v3, { fields: { taskId: task.id, text: 'Hi' } })).toEqual({
      status: 200,
      json: { result: { result: true }, time: expect.any(Object) },
    });
    const denied = await post(v3, { fields: { taskId: 4242, text: 'Hi' } });
    expect(denied.status).toBe(400);
    expect(denied.json.error).toEqual({
      code: 'BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION',
      message: 'Access denied',
      validation: [],
    });
    expect(
      (await call('tasks.task.chat.message.send', { fields: { taskId: task.id, text: 'x' } })).json.error,
    ).toBe('ERROR_METHOD_NOT_FOUND');
  });

  it('keeps a task chat closed to a webhook user who is no member, and reports a missing task', async () => {
    const closed = portal.model.addTask({ title: 'A', responsibleId: 7, createdBy: 7, chatMember: false });
    const res = await call('im.message.add', { DIALOG_ID: `chat${closed.chatId}`, MESSAGE: 'hi' });
    expect(res).toEqual({
      status: 400,
      json: { error: 'ACCESS_ERROR', error_description: 'You do not have access to this chat<br>' },
    });
    expect((await call('tasks.task.get', { taskId: 4242 })).json).toEqual({
      error: '0',
      error_description: 'Action on the task is not allowed (internal error)<br>',
    });
  });

  it('fails the next calls of a method with an injected 429 OPERATION_TIME_LIMIT', async () => {
    portal.injectFault({ method: 'tasks.task.list', status: 429, code: 'OPERATION_TIME_LIMIT', times: 1 });
    expect(await call('tasks.task.list')).toEqual({
      status: 429,
      json: {
        error: 'OPERATION_TIME_LIMIT',
        error_description: 'Method is blocked due to operation time limit.<br>',
      },
    });
    expect((await call('tasks.task.list')).status).toBe(200);
  });
});
