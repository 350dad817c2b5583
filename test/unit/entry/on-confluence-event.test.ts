/**
 * The Forge trigger `onConfluenceEvent` with @forge/events, @forge/kvs and @forge/api mocked at the
 * module boundary and the real product-event payloads of test/fixtures/events. The trigger must
 * enqueue ids and versions only, never call Confluence or a target, and keep what it rejects.
 */
const mockPush = jest.fn();
const mockEntitySet = jest.fn();
const mockEntity = jest.fn();
const mockKvsTransact = jest.fn();
const mockAppRequest = jest.fn();
const mockFetch = jest.fn();

jest.mock('@forge/events', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/events'),
  Queue: jest.fn(() => ({ push: (...args: unknown[]) => mockPush(...args) })),
}));

jest.mock('@forge/kvs', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/kvs'),
  kvs: {
    entity: (...args: unknown[]) => mockEntity(...args),
    transact: (...args: unknown[]) => mockKvsTransact(...args),
  },
}));

jest.mock('@forge/api', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/api'),
  asApp: () => ({ requestConfluence: (...args: unknown[]) => mockAppRequest(...args) }),
  asUser: () => ({ requestConfluence: (...args: unknown[]) => mockAppRequest(...args) }),
  fetch: (...args: unknown[]) => mockFetch(...args),
}));

import { InternalServerError, Queue, RateLimitError } from '@forge/events';
import updatedPage from '../../fixtures/events/updated-page.json';
import createdComment from '../../fixtures/events/created-comment.json';
import addedLabel from '../../fixtures/events/added-label.json';
import { jobBodySchema } from '../../../src/domain/job-body';
import type { LicenceContext } from '../../../src/domain/licence';
import { onConfluenceEvent } from '../../../src/entry/on-confluence-event';

/** A trigger's invocation context as Forge passes it; `license` only on paid production installs. */
function forgeContext(license?: { isActive: boolean }): LicenceContext {
  const context = {
    installContext: 'ari:cloud:confluence::site/7c6a1f0e-2f4b-4f3e-9d1c-1b2a3c4d5e6f',
    principal: { accountId: '5b10a2844c20165700ede21g' },
    ...(license && { license }),
  };
  return context;
}

const pushedBodies = (): unknown[] =>
  mockPush.mock.calls.flatMap(([events]) => (events as Array<{ body: unknown }>).map((e) => e.body));

let logs: jest.SpyInstance[] = [];

beforeEach(() => {
  jest.clearAllMocks();
  mockPush.mockResolvedValue({ jobId: 'job-1' });
  mockEntitySet.mockResolvedValue(undefined);
  mockEntity.mockReturnValue({ set: mockEntitySet });
  logs = (['log', 'warn', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}));
});
afterEach(() => logs.forEach((spy) => spy.mockRestore()));

describe('onConfluenceEvent', () => {
  it("pushes one small job for updated:page to the 'relay-jobs' queue, and nothing else", async () => {
    const result = await onConfluenceEvent(updatedPage, forgeContext({ isActive: true }));

    expect(result).toBeUndefined();
    expect(Queue).toHaveBeenCalledWith({ key: 'relay-jobs' });
    expect(mockPush).toHaveBeenCalledTimes(1);
    const [events] = mockPush.mock.calls[0] as [Array<Record<string, unknown>>];
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({ body: expect.any(Object) });
    const body = events[0]!.body;
    expect(body).toEqual({
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
    });
    // Ids and versions only: no title, no user PII, no body.
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThan(1024);
    expect(JSON.stringify(body)).not.toContain('User Agent');
    // The consumer's contract accepts what the trigger pushes.
    expect(jobBodySchema.safeParse(body).success).toBe(true);
    // No REST, no target HTTP, no storage write in the trigger.
    expect(mockAppRequest).not.toHaveBeenCalled();
    expect(mockFetch).not.toHaveBeenCalled();
    expect(mockEntity).not.toHaveBeenCalled();
  });

  it('pushes comment and label events with the page id they concern', async () => {
    await onConfluenceEvent(createdComment, forgeContext());
    await onConfluenceEvent(addedLabel, forgeContext());
    expect(pushedBodies()).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({
          kind: 'comment',
          action: 'created',
          pageId: '544112828',
          commentId: '544300001',
          location: 'inline',
        }),
      }),
      expect.objectContaining({
        event: expect.objectContaining({ kind: 'label', action: 'added', pageId: '544112828', label: 'kb' }),
      }),
    ]);
  });

  it('pushes nothing for an event Relay caused itself (selfGenerated)', async () => {
    const result = await onConfluenceEvent({ ...updatedPage, selfGenerated: true }, forgeContext());
    expect(result).toBeUndefined();
    expect(mockPush).not.toHaveBeenCalled();
    expect(mockEntity).not.toHaveBeenCalled();
  });

  it('pushes nothing when the licence is inactive', async () => {
    const result = await onConfluenceEvent(updatedPage, forgeContext({ isActive: false }));
    expect(result).toBeUndefined();
    expect(mockPush).not.toHaveBeenCalled();
  });

  it('pushes when there is no licence in the context (development installation)', async () => {
    await onConfluenceEvent(updatedPage, forgeContext());
    await onConfluenceEvent(updatedPage, undefined);
    expect(mockPush).toHaveBeenCalledTimes(2);
  });

  it('pushes nothing for a malformed payload and records one rejected delivery through kvs', async () => {
    const malformed = {
      ...updatedPage,
      content: { ...updatedPage.content, version: { ...updatedPage.content.version, number: 'twenty' } },
    };
    const result = await onConfluenceEvent(malformed, forgeContext());

    expect(result).toBeUndefined();
    expect(mockPush).not.toHaveBeenCalled();
    expect(mockEntity).toHaveBeenCalledTimes(1);
    expect(mockEntity).toHaveBeenCalledWith('delivery');
    expect(mockEntitySet).toHaveBeenCalledTimes(1);
    const [key, value, options] = mockEntitySet.mock.calls[0] as [string, Record<string, unknown>, unknown];
    expect(key).toMatch(/^rej_[\w-]{22}:0:[0-9a-f-]{36}$/);
    expect(value).toEqual(
      expect.objectContaining({
        status: 'rejected',
        pageId: '544112828',
        targetId: '-',
        event: 'avi:confluence:updated:page',
        reason: expect.stringMatching(/^malformed page event: content\.version\.number/),
        at: expect.any(Number),
      }),
    );
    expect(options).toEqual({ ttl: { value: 30 * 24 * 3600, unit: 'SECONDS' } });
    // 'rejected' is not a counted outcome: no counter transaction.
    expect(mockKvsTransact).not.toHaveBeenCalled();
  });

  it('asks Forge to retry in 60 s when the queue is rate limited (RateLimitError)', async () => {
    mockPush.mockRejectedValue(new RateLimitError('Too many requests'));
    const result = await onConfluenceEvent(updatedPage, forgeContext());
    expect(result).toEqual({
      _retry: true,
      retryOptions: {
        retryAfter: 60,
        retryReason: 'FUNCTION_RETRY_REQUEST',
        retryData: { reason: expect.stringContaining('rate limit') },
      },
    });
    expect(mockPush).toHaveBeenCalledTimes(1);
  });

  it('asks for a quicker retry on other queue failures', async () => {
    mockPush.mockRejectedValue(new InternalServerError('upstream 500', 500));
    const result = await onConfluenceEvent(updatedPage, forgeContext());
    expect(result).toEqual({
      _retry: true,
      retryOptions: {
        retryAfter: 10,
        retryReason: 'FUNCTION_RETRY_REQUEST',
        retryData: { reason: 'upstream 500' },
      },
    });
  });
});
