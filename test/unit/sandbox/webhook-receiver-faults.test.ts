import type { WebhookReceiver } from '../../../src/sandbox/webhook-receiver/webhook-receiver';
import { startWebhookReceiver } from '../../../src/sandbox/webhook-receiver/webhook-receiver';
import type { TestClock } from './test-clock';
import { testClock } from './test-clock';
import { SECRET, deliver, pageBody } from './webhook-sender';

let clock: TestClock;
let receiver: WebhookReceiver;

beforeEach(async () => {
  clock = testClock();
  receiver = await startWebhookReceiver({ clock, secrets: [SECRET] });
});
afterEach(() => receiver.close());

const send = (id: string, body = pageBody('page.updated', '42', 2)) =>
  deliver(receiver.url, clock, { id, body });

describe('webhook receiver fault steps', () => {
  it('answers a status with Retry-After for the given number of requests, then recovers', async () => {
    receiver.setFaults([{ status: 429, retryAfterSeconds: 7, times: 2 }]);
    const first = await send('msg_a');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await send('msg_a')).status).toBe(429);
    expect((await send('msg_a')).status).toBe(200);
    expect(receiver.messages().map((m) => [m.status, m.applied, m.duplicate])).toEqual([
      [429, false, false],
      [429, false, false],
      [200, true, false],
    ]);
  });

  it('hangs until the client aborts, then answers the next request', async () => {
    receiver.setFaults([{ hang: true, times: 1 }]);
    const abort = new AbortController();
    const pending = deliver(receiver.url, clock, {
      id: 'msg_h',
      body: pageBody('page.created', '1', 1),
      signal: abort.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.messages()).toHaveLength(1);
    abort.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(receiver.messages()[0]?.status).toBeNull();
    expect((await send('msg_h2')).status).toBe(200);
  });

  it('is down until the given clock time, then gone for good', async () => {
    receiver.setFaults([{ downUntil: clock.now() + 60_000 }, { gone: true }]);
    expect((await send('msg_d')).status).toBe(503);
    clock.advance(59_999);
    expect((await send('msg_d')).status).toBe(503);
    clock.advance(1);
    expect((await send('msg_d')).status).toBe(410);
    clock.advance(3_600_000);
    expect((await send('msg_e')).status).toBe(410);
    expect(receiver.state()).toEqual({});
  });

  it('downtime with a custom status, followed by normal answers', async () => {
    receiver.setFaults([{ downUntil: clock.now() + 1000, status: 502 }]);
    expect((await send('msg_s')).status).toBe(502);
    clock.advance(1000);
    expect((await send('msg_s')).status).toBe(200);
  });
});

describe('webhook receiver idempotency and ordering', () => {
  it('answers a duplicate webhook-id 200 without applying it again', async () => {
    expect((await send('msg_1', pageBody('page.updated', '42', 2))).status).toBe(200);
    expect((await send('msg_2', pageBody('page.updated', '42', 3))).status).toBe(200);
    const again = await send('msg_1', pageBody('page.updated', '42', 2));
    expect(again.status).toBe(200);
    expect(receiver.messages()[2]).toMatchObject({ duplicate: true, applied: false });
    expect(receiver.state()['42']).toMatchObject({ version: 3, lastMessageId: 'msg_2' });
    expect(receiver.violations()).toEqual([]);
  });

  it('reports the same webhook-id with a different body', async () => {
    await send('msg_1', pageBody('page.updated', '42', 2));
    await send('msg_1', pageBody('page.updated', '42', 2, { title: 'Changed' }));
    expect(receiver.violations()).toEqual([
      expect.stringMatching(/msg_1: same webhook-id delivered with a different body/),
    ]);
  });

  it('reports an older version delivered after a newer one; page.removed marks the page absent', async () => {
    await send('msg_v5', pageBody('page.updated', '42', 5));
    await send('msg_v4', pageBody('page.updated', '42', 4));
    expect(receiver.violations()).toEqual([
      expect.stringMatching(/older version delivered after newer.*\(4 after 5\)/),
    ]);
    await send(
      'msg_rm',
      JSON.stringify({ type: 'page.removed', timestamp: '2026-03-02T10:00:00Z', data: { pageId: '42' } }),
    );
    expect(receiver.state()['42']).toMatchObject({
      present: false,
      lastType: 'page.removed',
      lastMessageId: 'msg_rm',
    });
  });
});
