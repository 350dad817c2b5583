/**
 * Test connection through the settings resolver, the only time a resolver calls a target: against
 * a real loopback receiver that verifies signatures with the `standardwebhooks` library, and the
 * fake Halo. Boundaries as in admin-resolver.test.ts; `fetch` of @forge/api is forwarded to Node's
 * fetch (a real request).
 */
jest.mock('@forge/api', () => jest.requireActual('./forge-api-stub').forgeApiStub());

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { SystemClock } from '../../../src/platform/node/system-clock';
import { startFakeHalo } from '../../../src/sandbox/fake-halo/fake-halo-server';
import { confluenceRoutes } from './confluence-replies';
import { mockFetch, mockUserRequest } from './forge-api-stub';
import type { KvsWireFake } from './kvs-wire-fake';
import {
  NEW_SECRET,
  SECRET,
  SPACE_ADMIN,
  call,
  grantEgress,
  spaceSettings,
  settingsWorld,
  NEW_WEBHOOK as newWebhook,
} from './resolver-kit';

const world = settingsWorld(['https://*.halopsa.com', 'https://hooks.example.com', 'https://*.bitrix24.com']);
let kvs: KvsWireFake;
beforeEach(() => (kvs = world()));
beforeEach(() => mockFetch.mockImplementation((url: string, init: RequestInit) => fetch(url, init)));

describe('testConnection', () => {
  let server: Server;
  let requests: Array<{ headers: Record<string, unknown>; body: string }>;
  let reply: (verified: boolean) => number;

  beforeEach(async () => {
    requests = [];
    reply = (verified) => (verified ? 204 : 401);
    const verifier = new Webhook(SECRET);
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        requests.push({ headers: req.headers, body });
        let verified = true;
        try {
          verifier.verify(body, req.headers as Record<string, string>);
        } catch {
          verified = false;
        }
        const status = reply(verified);
        if (status === 0) return; // hang
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(status === 401 ? '{"error":"bad signature"}' : '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function loopbackTarget(secret = SECRET): Promise<string> {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/relay`;
    grantEgress([url.replace('/hooks/relay', '')]);
    await call('saveTarget', {
      target: { ...newWebhook, id: 'loop', url },
      rev: 0,
      secret: { value: secret },
    });
    return url;
  }

  it('sends one signed relay.test message and says the receiver answered', async () => {
    await loopbackTarget();
    const result = await call('testConnection', { id: 'loop' });
    expect(result).toEqual({ ok: true, detail: expect.stringMatching(/^127\.0\.0\.1:\d+ answered 204$/) });
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ type: 'relay.test', data: { targetId: 'loop' } });
    expect(requests[0]!.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('a receiver that rejects the signature points the admin at the secret', async () => {
    await loopbackTarget(NEW_SECRET);
    await expect(call('testConnection', { id: 'loop' })).resolves.toEqual({
      ok: false,
      field: 'secret',
      reason: expect.stringContaining(
        'refused the request (401): the receiver must verify with the signing secret set here',
      ),
    });
  });

  it('a host the app may not reach is named without sending anything', async () => {
    await call('saveTarget', {
      target: { ...newWebhook, id: 'far', url: 'https://receiver.partner.example.org/hook' },
      rev: 0,
      secret: { value: SECRET },
    });
    await expect(call('testConnection', { id: 'far' })).resolves.toEqual({
      ok: false,
      reason: 'egress to receiver.partner.example.org is not allowed',
      field: 'url',
      egressHost: 'receiver.partner.example.org',
    });
    expect(mockFetch).not.toHaveBeenCalled();
  });

  it('a receiver that never answers gets a clear "no answer" within the bound, well under 25 s', async () => {
    await loopbackTarget();
    reply = () => 0;
    const started = Date.now();
    const result = await call('testConnection', { id: 'loop' });
    const took = Date.now() - started;
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/did not answer in time|no answer within 10 s/),
      field: 'url',
    });
    expect(took).toBeGreaterThanOrEqual(9_500);
    expect(took).toBeLessThan(12_000);
  });

  it('Bitrix24 without its webhook URL is named as such, before any request; unknown targets and space admins are refused', async () => {
    kvs.entity('target').set('b24', {
      kind: 'bitrix24',
      id: 'b24',
      name: 'Bitrix24',
      portalUrl: 'https://acme.bitrix24.com',
      rev: 1,
    });
    await expect(call('testConnection', { id: 'b24' })).resolves.toEqual({
      ok: false,
      reason: 'the Bitrix24 webhook URL is not set',
      field: 'webhookUrl',
    });
    await expect(call('testConnection', { id: 'nope' })).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'unknownTarget', targetId: 'nope' },
    });
    mockUserRequest.mockImplementation(confluenceRoutes(SPACE_ADMIN));
    await expect(call('testConnection', { id: 'hooks' }, spaceSettings)).resolves.toEqual({
      status: 'refused',
      refusal: { code: 'notConfluenceAdmin' },
    });
    expect(mockFetch).not.toHaveBeenCalled();
  });
});

describe('testConnection of a Halo target (against the fake Halo on loopback)', () => {
  it('signs in and reads the FAQ lists; a wrong client secret is named as such, never shown', async () => {
    const halo = await startFakeHalo({
      clock: new SystemClock(),
      tenant: 'acme',
      clients: [{ clientId: 'relay-app', clientSecret: 'halo-client-secret-value' }],
    });
    try {
      grantEgress([halo.url]);
      kvs.entity('target').set('kb', { ...(kvs.entity('target').get('kb') as object), baseUrl: halo.url });
      await expect(call('testConnection', { id: 'kb' })).resolves.toEqual({
        ok: true,
        detail: 'signed in to Halo and read the knowledge base (0 FAQ lists)',
      });

      kvs.secrets.set('target:kb:halo-client-secret', 'not-the-secret');
      const refused = await call('testConnection', { id: 'kb' });
      expect(refused).toEqual({
        ok: false,
        reason: expect.stringMatching(/^Halo rejected the client ID or client secret/),
      });
      expect(JSON.stringify(refused)).not.toContain('not-the-secret');
    } finally {
      await halo.close();
    }
  });
});
