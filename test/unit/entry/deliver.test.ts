/**
 * The Forge queue consumer `deliver`, from a real AsyncEvent to the signed POST.
 *
 * Boundaries: `asApp().requestConfluence` and `fetch` of @forge/api are jest mocks (the Confluence
 * answers are real v2/v1 response shapes); @forge/kvs and @forge/events are the real packages
 * talking to an in-memory kvs server through `global.__forge_fetch__` (see kvs-wire-fake.ts for why
 * that is less brittle than mocking the kvs builder API).
 */
const mockAppRequest = jest.fn();
const mockFetch = jest.fn();

jest.mock('@forge/api', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  asApp: () => ({ requestConfluence: (...args: unknown[]) => mockAppRequest(...args) }),
  asUser: () => {
    throw new Error('the consumer must not act as a user');
  },
  fetch: (...args: unknown[]) => mockFetch(...args),
}));

import type { AsyncEvent } from '@forge/events';
import { Webhook } from 'standardwebhooks';
import { deliver } from '../../../src/entry/deliver';
import { confluenceRoutes, json, pageV2Response, STORAGE_BODY } from './confluence-replies';
import { KvsWireFake, type Row } from './kvs-wire-fake';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const HOOK_URL = 'https://hooks.example.com/relay/confluence';
const PAGE = '/wiki/api/v2/pages/544112828?body-format=storage&include-labels=true';
/** `version.authorId` of the page fixture: the last editor, whose name goes into the payload. */
const EDITOR = '712020:f3e573c0-e3bc-4fde-9a9f-0d5e206c30c9';

/** The job body the trigger pushes for test/fixtures/events/updated-page.json. */
const jobBody = {
  v: 1,
  event: {
    kind: 'page',
    action: 'updated',
    pageId: '544112828',
    spaceKey: 'QM',
    version: 20,
    actorId: '5b10a2844c20165700ede21g',
    at: '2026-01-05T09:12:44.518Z',
    minorEdit: true,
    suppressNotifications: false,
  },
  trace: 'page.updated@2026-01-05T09:12:44.518Z',
};

function asyncEvent(retryCount?: number): AsyncEvent {
  return {
    queueName: 'relay-jobs',
    jobId: 'b1f0c2de-5d7a-4b8e-9a61-3f2c1d0e9a77',
    eventId: 'evt-0001',
    body: jobBody,
    ...(retryCount !== undefined && {
      retryContext: {
        retryCount,
        retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
        retryData: { reason: 'Confluence answered 429 for page 544112828' },
      },
    }),
  };
}

/**
 * Confluence as the consumer may read it for this page, answered by what is asked (not by exact
 * path), so the facts the consumer chooses to fetch (restrictions, ancestors, content state) can
 * change without rewriting this test. Real v1 shapes: content with `expand=ancestors,restrictions…`
 * (ancestors carry their own restrictions when the nested expansion is asked for),
 * `restriction/byOperation[/read]`, `content/{id}/state`, `user?accountId=`.
 */
function confluenceSite(seen: string[], options: { restrictedParent?: boolean } = {}) {
  const none = { user: { results: [], start: 0, limit: 200, size: 0 }, group: { results: [], size: 0 } };
  const someone = {
    user: { results: [{ type: 'known', accountId: 'acc-9' }], size: 1 },
    group: { results: [] },
  };
  const parentRead = { operation: 'read', restrictions: options.restrictedParent ? someone : none };
  return async (route: { value: string }): Promise<Response> => {
    const path = route.value;
    seen.push(path);
    const url = new URL(path, 'https://querypie.atlassian.net');
    switch (url.pathname) {
      case '/wiki/api/v2/pages/544112828':
        if (url.searchParams.get('body-format') !== 'storage') break;
        return json(200, pageV2Response())();
      case '/wiki/rest/api/content/544112828':
        return json(200, {
          id: '544112828',
          type: 'page',
          status: 'current',
          title: 'User Agent',
          ancestors: [
            {
              id: '544211126',
              type: 'page',
              status: 'current',
              title: 'User Manual',
              restrictions: { read: parentRead },
            },
          ],
          restrictions: { read: { operation: 'read', restrictions: none } },
        })();
      case '/wiki/rest/api/content/544211126/restriction/byOperation':
        return json(200, { read: parentRead, update: { operation: 'update', restrictions: none } })();
      case '/wiki/rest/api/content/544211126/restriction/byOperation/read':
        return json(200, parentRead)();
      case '/wiki/rest/api/content/544112828/state':
        return json(200, { contentState: null, lastUpdated: null })();
      case '/wiki/rest/api/user':
        if (url.searchParams.get('accountId') !== EDITOR) break;
        return json(200, {
          type: 'known',
          accountId: EDITOR,
          accountType: 'atlassian',
          publicName: 'Ada',
          displayName: 'Ada Lovelace',
        })();
    }
    throw new Error(`unexpected Confluence request ${path}`);
  };
}

let kvs: KvsWireFake;
let logs: jest.SpyInstance[] = [];

function seedSettings(): void {
  kvs.entity('target').set('hooks', {
    id: 'hooks',
    name: 'Knowledge hooks',
    kind: 'webhook',
    url: HOOK_URL,
    enabled: true,
    sendRemovals: true,
    sendComments: true,
    formats: ['storage'],
    timeoutSeconds: 15,
    rev: 1,
    updatedAt: 1_767_000_000_000,
  });
  kvs.entity('space-mapping').set('QM', {
    spaceKey: 'QM',
    targets: [{ targetId: 'hooks', pushRestricted: false }],
    rev: 1,
    updatedAt: 1_767_000_000_000,
  });
  kvs.secrets.set('target:hooks:signing-secrets', JSON.stringify([SECRET]));
}

const deliveries = (): Row[] => [...kvs.entity('delivery').values()];
const deliveryWrites = () => kvs.callsTo('/api/v1/entity/set').filter((b) => b.entityName === 'delivery');
const ledgerWrites = () =>
  kvs.callsTo('/api/v1/transaction').filter((tx) => JSON.stringify(tx.set ?? []).includes('"ledger"'));

beforeEach(() => {
  jest.clearAllMocks();
  kvs = new KvsWireFake();
  kvs.install();
  seedSettings();
  logs = (['log', 'warn', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}));
});
afterEach(() => {
  kvs.uninstall();
  logs.forEach((spy) => spy.mockRestore());
});

describe('deliver: Confluence throttles the page read', () => {
  beforeEach(() => {
    mockAppRequest.mockImplementation(
      confluenceRoutes({ [PAGE]: json(429, { message: 'Rate limit exceeded' }, { 'Retry-After': '30' }) }),
    );
  });

  it.each([0, 1, 3])(
    'returns an InvocationError with retryAfter ≥ 30 at retryCount %i',
    async (retryCount) => {
      const result = await deliver(asyncEvent(retryCount));
      expect(result).toEqual({
        _retry: true,
        retryOptions: {
          retryAfter: expect.any(Number),
          retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
          retryData: { reason: 'Confluence answered 429 for page 544112828' },
        },
      });
      const retryAfter = (result as unknown as { retryOptions: { retryAfter: number } }).retryOptions
        .retryAfter;
      expect(retryAfter).toBeGreaterThanOrEqual(30);
      expect(retryAfter).toBeLessThanOrEqual(900);
      expect(mockFetch).not.toHaveBeenCalled();
      expect(ledgerWrites()).toEqual([]);
      expect(deliveries()).toEqual([]);
    },
  );

  it('without retryContext (first delivery) also asks for the retry', async () => {
    const result = await deliver(asyncEvent());
    expect(result).toMatchObject({ _retry: true, retryOptions: { retryAfter: 30 } });
  });

  it('at retryCount 4 gives up: returns undefined and records a failed delivery', async () => {
    const result = await deliver(asyncEvent(4));
    expect(result).toBeUndefined();
    expect(mockFetch).not.toHaveBeenCalled();
    const set = deliveryWrites();
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({
      options: { ttl: { value: 30 * 24 * 3600, unit: 'SECONDS' } },
      value: {
        status: 'failed',
        pageId: '544112828',
        event: 'page.updated',
        reason: expect.stringMatching(/^gave up after 5 invocations: Confluence answered 429/),
      },
    });
    expect(deliveries()).toEqual([expect.objectContaining({ status: 'failed' })]);
  });
});

describe('deliver: the page is read and pushed to the mapped webhook', () => {
  let seen: string[];

  beforeEach(() => {
    seen = [];
    mockAppRequest.mockImplementation(confluenceSite(seen));
    mockFetch.mockImplementation(async () => new Response(null, { status: 204 }));
  });

  it('POSTs once to the target with Standard Webhooks headers that verify', async () => {
    const result = await deliver(asyncEvent());

    expect(result).toBeUndefined();
    expect(seen[0]).toBe(PAGE);
    expect(mockFetch).toHaveBeenCalledTimes(1);
    const [url, init] = mockFetch.mock.calls[0] as [
      string,
      RequestInit & { headers: Record<string, string> },
    ];
    expect(url).toBe(HOOK_URL);
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual' });
    expect(init.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': expect.any(String),
      'webhook-timestamp': expect.stringMatching(/^\d{10}$/),
      'webhook-signature': expect.stringMatching(/^v1,/),
    });
    const payload = new Webhook(SECRET).verify(String(init.body), init.headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe('page.created');
    expect(payload.data).toMatchObject({
      pageId: '544112828',
      title: 'User Agent',
      space: { id: '539099246', key: 'QM' },
      version: 19,
      author: { accountId: EDITOR, displayName: 'Ada Lovelace' },
      url: 'https://querypie.atlassian.net/wiki/spaces/QM/pages/544112828/User+Agent',
      labels: ['kb'],
      body: { storage: STORAGE_BODY },
    });
    // The secret never travels: only signatures do.
    expect(JSON.stringify(init)).not.toContain(SECRET);
    // Confluence is only read, as the app.
    for (const call of mockAppRequest.mock.calls as Array<[unknown, { method?: string }?]>) {
      expect(call[1]?.method ?? 'GET').toBe('GET');
    }
  });

  it('claims and settles the ledger row through kvs transactions, then logs the delivery', async () => {
    await deliver(asyncEvent());

    const [claim, settle, ...more] = ledgerWrites().map((tx) => (tx.set as Row[])[0]!);
    expect(more).toEqual([]);
    expect(claim).toMatchObject({
      entityName: 'ledger',
      key: '544112828:hooks',
      conditions: { and: [{ property: 'rev', condition: 'NOT_EXISTS' }] },
      value: { claimToken: expect.stringMatching(/.+/), claimVersion: 19, rev: 1 },
    });
    const token = (claim!.value as Row).claimToken;
    expect(settle).toMatchObject({
      entityName: 'ledger',
      key: '544112828:hooks',
      conditions: { and: [{ property: 'claimToken', condition: 'EQUAL_TO', values: [token] }] },
      value: { status: 'synced', version: 19, claimToken: '', rev: 2 },
    });
    const [, init] = mockFetch.mock.calls[0] as [string, { headers: Record<string, string> }];
    expect(kvs.entity('ledger').get('544112828:hooks')).toMatchObject({
      status: 'synced',
      version: 19,
      claimToken: '',
      lastDeliveryId: init.headers['webhook-id'],
    });
    // One log item per attempt: written as 'attempting' before the call, then as its outcome.
    const logged = deliveryWrites();
    expect(logged.map((w) => (w.value as Row).status)).toEqual(['attempting', 'delivered']);
    expect(logged[0]!.key).toBe(logged[1]!.key);
    expect(deliveries()).toEqual([
      expect.objectContaining({ status: 'delivered', targetId: 'hooks', httpStatus: 204, version: 19 }),
    ]);
  });

  it('a redelivery of the same job does not POST again (the ledger says version 19 is delivered)', async () => {
    await deliver(asyncEvent());
    await deliver(asyncEvent(1));
    expect(mockFetch).toHaveBeenCalledTimes(1);
    expect(deliveryWrites().map((w) => (w.value as Row).status)).toEqual([
      'attempting',
      'delivered',
      'skipped',
    ]);
  });

  it('while a parallel consumer holds the claim: no POST, a delayed per-target job on relay-jobs', async () => {
    kvs.entity('ledger').set('544112828:hooks', {
      contentId: '544112828',
      targetId: 'hooks',
      version: 0,
      digest: '',
      fetchedAt: 0,
      status: 'failed',
      rev: 1,
      claimToken: 'token-of-the-other-consumer',
      claimVersion: 19,
      claimUntil: Date.now() + 120_000,
      updatedAt: Date.now(),
    });
    const result = await deliver(asyncEvent());

    expect(result).toBeUndefined();
    expect(mockFetch).not.toHaveBeenCalled();
    expect(ledgerWrites()).toEqual([]);
    // The real @forge/events Queue posted the retry job through the runtime transport.
    const pushes = kvs.otherCalls.filter((c) => c.path.startsWith('/webhook/queue/publish/'));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.body).toMatchObject({
      queueName: 'relay-jobs',
      payload: [
        {
          body: { v: 1, event: { pageId: '544112828' }, targets: ['hooks'], attempt: 1 },
          delayInSeconds: expect.any(Number),
          concurrency: { key: 'target-hooks', limit: 1 },
        },
      ],
    });
    const [job] = (pushes[0]!.body as { payload: Array<{ delayInSeconds: number }> }).payload;
    expect(job!.delayInSeconds).toBeGreaterThanOrEqual(1);
    expect(job!.delayInSeconds).toBeLessThanOrEqual(900);
    expect(deliveries()).toEqual([
      expect.objectContaining({ status: 'retrying', reason: expect.stringMatching(/^waiting/) }),
    ]);
  });

  it('pushes nothing when the page sits under a read-restricted parent (default deny)', async () => {
    mockAppRequest.mockImplementation(confluenceSite(seen, { restrictedParent: true }));
    const result = await deliver(asyncEvent());
    expect(result).toBeUndefined();
    expect(mockFetch).not.toHaveBeenCalled();
    expect(ledgerWrites()).toEqual([]);
    expect(deliveries()).toEqual([
      expect.objectContaining({
        status: 'skipped',
        targetId: 'hooks',
        reason: expect.stringMatching(/read restriction.*544211126/),
      }),
    ]);
  });
});
