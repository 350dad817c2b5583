import type { WebhookReceiver } from '../../../src/sandbox/webhook-receiver/webhook-receiver';
import { startWebhookReceiver } from '../../../src/sandbox/webhook-receiver/webhook-receiver';
import type { TestClock } from './test-clock';
import { testClock } from './test-clock';
import { OTHER_SECRET, SECRET, deliver, pageBody } from './webhook-sender';

// Standard Webhooks test vector (reference/targets.md C.1).
const VECTOR = {
  id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
  timestamp: 1674087231,
  body: '{"type":"page.updated","timestamp":"2022-11-03T20:26:10.344522Z","data":{"page_id":"12345"}}',
  signature: 'v1,ylHnrSmNN/A7kfc3/SpblCDJHKxBjHNRt0rOPDM9VHM=',
};

let clock: TestClock;
let receiver: WebhookReceiver;

beforeEach(async () => {
  clock = testClock();
  receiver = await startWebhookReceiver({ clock, secrets: [SECRET] });
});
afterEach(() => receiver.close());

describe('webhook receiver signature checks', () => {
  it('verifies the spec test vector on the injected clock (its body lacks pageId, so 400, not 401)', async () => {
    clock.set(VECTOR.timestamp * 1000 + 10_000);
    const response = await deliver(receiver.url, clock, { ...VECTOR });
    expect(response.status).toBe(400);
    expect(receiver.messages()[0]).toMatchObject({
      id: VECTOR.id,
      verified: true,
      status: 400,
      timestamp: VECTOR.timestamp,
    });
    expect(receiver.violations()).toEqual([
      expect.stringMatching(/msg_2KWPBgLlAfxdpx2AI54pPJ85f4W: bad body: data.pageId/),
    ]);
  });

  it('accepts and applies a message signed with the secret', async () => {
    const response = await deliver(receiver.url, clock, {
      id: 'msg_1',
      body: pageBody('page.created', '42', 1),
    });
    expect(response.status).toBe(200);
    expect(receiver.messages()[0]).toMatchObject({
      id: 'msg_1',
      type: 'page.created',
      verified: true,
      status: 200,
      applied: true,
      duplicate: false,
      receivedAt: clock.now(),
    });
    expect(receiver.state()['42']).toEqual({
      present: true,
      version: 1,
      title: 'Page 42',
      labels: ['kb'],
      lastMessageId: 'msg_1',
      lastType: 'page.created',
    });
    expect(receiver.violations()).toEqual([]);
  });

  it('rejects a bad signature and a stale or future timestamp with 401 and a violation', async () => {
    const body = pageBody('page.created', '42', 1);
    const bad = await deliver(receiver.url, clock, {
      id: 'msg_bad',
      body,
      signature: 'v1,' + Buffer.alloc(32).toString('base64'),
    });
    expect(bad.status).toBe(401);
    const stale = await deliver(receiver.url, clock, {
      id: 'msg_old',
      body,
      timestamp: Math.floor(clock.now() / 1000) - 301,
    });
    expect(stale.status).toBe(401);
    const future = await deliver(receiver.url, clock, {
      id: 'msg_new',
      body,
      timestamp: Math.floor(clock.now() / 1000) + 301,
    });
    expect(future.status).toBe(401);
    const edge = await deliver(receiver.url, clock, {
      id: 'msg_edge',
      body,
      timestamp: Math.floor(clock.now() / 1000) - 300,
    });
    expect(edge.status).toBe(200);
    expect(receiver.violations()).toHaveLength(3);
    expect(receiver.violations()[1]).toMatch(/msg_old: unverified request: webhook-timestamp too old/);
    expect(receiver.messages().map((m) => m.verified)).toEqual([false, false, false, true]);
  });

  it('rejects a request without the Standard Webhooks headers', async () => {
    const response = await fetch(receiver.url, { method: 'POST', body: pageBody('page.created', '1', 1) });
    expect(response.status).toBe(401);
    expect(receiver.violations()[0]).toMatch(/missing webhook-id/);
  });

  it('accepts key rotation: two signatures, one by an accepted secret', async () => {
    const body = pageBody('page.updated', '7', 3);
    const rotated = await deliver(receiver.url, clock, {
      id: 'msg_rot',
      body,
      secrets: [OTHER_SECRET, SECRET],
    });
    expect(rotated.status).toBe(200);
    const unknown = await deliver(receiver.url, clock, { id: 'msg_unknown', body, secrets: [OTHER_SECRET] });
    expect(unknown.status).toBe(401);
  });

  it('answers 400 to a verified body that is not JSON', async () => {
    const response = await deliver(receiver.url, clock, { id: 'msg_txt', body: 'not json' });
    expect(response.status).toBe(400);
    expect(receiver.messages()[0]?.verified).toBe(true);
    expect(receiver.violations()).toEqual(['msg_txt: bad body: body is not JSON']);
  });
});
