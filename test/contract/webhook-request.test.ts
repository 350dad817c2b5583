import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { webhookTargetSchema } from '../../src/domain/settings';
import { secretKeys } from '../../src/domain/storage-layout';
import { MemoryLog } from '../../src/platform/node/memory-log';
import { MemorySecretStore } from '../../src/platform/node/memory-secret-store';
import { MemoryStore } from '../../src/platform/node/memory-store';
import { NodeHttp } from '../../src/platform/node/node-http';
import { VirtualClock } from '../../src/platform/node/virtual-clock';
import { WebhookAdapter } from '../../src/targets/webhook/webhook-adapter';
import type { Http } from '../../src/ports/http';
import type { DeliveryItem } from '../../src/targets/target-adapter';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function receiver(status: number, headers: Record<string, string> = {}) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(status, headers).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/confluence`;
  return { seen, url, close: () => new Promise((r) => server.close(r)) };
}

const item: DeliveryItem = {
  action: 'upsert',
  event: {
    kind: 'page',
    action: 'updated',
    pageId: '544112828',
    spaceKey: 'QM',
    version: 19,
    minorEdit: false,
    suppressNotifications: false,
    at: '2026-01-05T09:00:00.000Z',
  },
  page: {
    id: '544112828',
    title: 'User Agent',
    status: 'current',
    spaceId: '539099246',
    spaceKey: 'QM',
    parentId: '544211126',
    version: { number: 19, minorEdit: false, authorId: 'acc-1', createdAt: '2025-11-15T03:45:52.751Z' },
    body: '<h2>Overview</h2><p>Text &amp; more</p>',
    labels: [
      { name: 'kb', prefix: 'global' },
      { name: 'mine', prefix: 'my' },
    ],
    url: 'https://querypie.atlassian.net/wiki/spaces/QM/pages/544112828/User+Agent',
  },
  author: { accountId: 'acc-1', displayName: 'Alice Martin' },
  firstDelivery: false,
  rendered: {},
};

async function adapterFor(url: string, http: Http = new NodeHttp()) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const secrets = new MemorySecretStore();
  await secrets.setSecret(secretKeys.webhookSecrets('hooks'), JSON.stringify([SECRET]));
  const settings = webhookTargetSchema.parse({ id: 'hooks', name: 'Hooks', kind: 'webhook', url });
  const store = new MemoryStore({ clock });
  return new WebhookAdapter(settings, { http, secrets, store, clock, log: new MemoryLog() });
}

describe('webhook target: the exact request', () => {
  it('POSTs the signed Standard Webhooks request', async () => {
    const r = await receiver(204);
    try {
      const adapter = await adapterFor(r.url);
      const result = await adapter.deliver(item, {
        deliveryId: 'msg_abc',
        attempt: 1,
        signal: new AbortController().signal,
      });
      expect(result).toEqual({ kind: 'delivered', httpStatus: 204 });
      const [req] = r.seen;
      expect(req!.method).toBe('POST');
      expect(req!.url).toBe('/hooks/confluence');
      expect(req!.headers['content-type']).toBe('application/json');
      expect(req!.headers['webhook-id']).toBe('msg_abc');
      expect(req!.headers['webhook-timestamp']).toBe(String(Date.UTC(2026, 0, 5, 9, 0, 0) / 1000));
      expect(JSON.parse(req!.body)).toEqual({
        type: 'page.updated',
        timestamp: '2025-11-15T03:45:52.751Z',
        data: {
          pageId: '544112828',
          title: 'User Agent',
          space: { id: '539099246', key: 'QM' },
          version: 19,
          minorEdit: false,
          author: { accountId: 'acc-1', displayName: 'Alice Martin' },
          updatedAt: '2025-11-15T03:45:52.751Z',
          url: 'https://querypie.atlassian.net/wiki/spaces/QM/pages/544112828/User+Agent',
          parentId: '544211126',
          labels: ['kb'],
          body: { storage: '<h2>Overview</h2><p>Text &amp; more</p>' },
          event: 'avi:confluence:updated:page',
        },
      });
      // The spec's library computes the same signature over the raw body.
      const expected = new Webhook(SECRET).sign(
        'msg_abc',
        new Date(Number(req!.headers['webhook-timestamp']) * 1000),
        req!.body,
      );
      expect(req!.headers['webhook-signature']).toBe(expected);
    } finally {
      await r.close();
    }
  });

  it.each([
    [503, { 'retry-after': '42' }, { kind: 'retryable', retryAfterSeconds: 42, httpStatus: 503 }],
    [429, {}, { kind: 'retryable', httpStatus: 429 }],
    [410, {}, { kind: 'disable', httpStatus: 410 }],
    [302, { location: 'https://elsewhere.example' }, { kind: 'failed', httpStatus: 302 }],
    [400, {}, { kind: 'failed', httpStatus: 400 }],
  ])('maps a %i answer', async (status, headers, expected) => {
    const r = await receiver(status, headers);
    try {
      const adapter = await adapterFor(r.url);
      const result = await adapter.deliver(item, {
        deliveryId: 'msg_x',
        attempt: 1,
        signal: new AbortController().signal,
      });
      expect(result).toMatchObject(expected);
    } finally {
      await r.close();
    }
  });

  it('names the domain when Forge egress denies the request (403, not an exception)', async () => {
    const r = await receiver(403);
    try {
      const node = new NodeHttp();
      const denied = await adapterFor(r.url, {
        fetch: (req) => node.fetch(req),
        egressAllowed: async () => false,
      });
      const result = await denied.deliver(item, {
        deliveryId: 'msg_y',
        attempt: 1,
        signal: new AbortController().signal,
      });
      expect(result).toMatchObject({ kind: 'failed', httpStatus: 403 });
      expect(result.kind === 'failed' && result.reason).toContain(
        `egress to ${new URL(r.url).host} is not allowed`,
      );
    } finally {
      await r.close();
    }
  });
});
