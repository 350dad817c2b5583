import { InvocationErrorCode } from '@forge/events';
import type { AsyncEvent } from '@forge/events';
import { RETRY_DATA_TRIMMED_FIELD } from '../../../src/platform/forge/fit-retry-data';
import { clampRetryAfter, toInvocationResult, toReceivedJob } from '../../../src/platform/forge/to-forge-job';

const event = (extra: Partial<AsyncEvent> = {}): AsyncEvent => ({
  queueName: 'relay-jobs',
  jobId: 'job-1',
  eventId: 'evt-1',
  body: { pageId: 'p1', version: 7 },
  ...extra,
});

describe('toReceivedJob', () => {
  it('maps a first delivery', () => {
    expect(toReceivedJob(event())).toEqual({
      body: { pageId: 'p1', version: 7 },
      jobId: 'job-1',
      eventId: 'evt-1',
      retryCount: 0,
    });
    expect('retryData' in toReceivedJob(event())).toBe(false);
  });

  it('maps a retry with its retryData', () => {
    const retry = event({
      retryContext: { retryCount: 2, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { attempt: 2 } },
    });
    expect(toReceivedJob(retry)).toMatchObject({ retryCount: 2, retryData: { attempt: 2 } });
  });

  it.each([null, 'text', [1, 2], 5, undefined])(
    'ignores retryData that is not an object: %p',
    (retryData) => {
      const retry = event({ retryContext: { retryCount: 1, retryReason: 'x', retryData } });
      expect(toReceivedJob(retry)).toEqual(expect.not.objectContaining({ retryData: expect.anything() }));
    },
  );
});

describe('toInvocationResult', () => {
  it('returns nothing when done', () => {
    expect(toInvocationResult({ kind: 'done' })).toBeUndefined();
  });

  it('returns a real InvocationError (its JSON form) for a retry', () => {
    const result = toInvocationResult({
      kind: 'retry',
      afterSeconds: 30,
      reason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      data: { attempt: 1, targetId: 't1' },
    });
    expect(result).toEqual({
      _retry: true,
      retryOptions: {
        retryAfter: 30,
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
        retryData: { attempt: 1, targetId: 't1' },
      },
    });
  });

  it('clamps retryAfter to 1..900 and trims retryData to 4 KB', () => {
    const long = toInvocationResult({
      kind: 'retry',
      afterSeconds: 3600,
      reason: 'FUNCTION_RETRY_REQUEST',
      data: { attempt: 1, note: 'x'.repeat(5000) },
    });
    expect(long?.retryOptions).toEqual({
      retryAfter: 900,
      retryReason: 'FUNCTION_RETRY_REQUEST',
      retryData: { attempt: 1, [RETRY_DATA_TRIMMED_FIELD]: 1 },
    });
    const short = toInvocationResult({
      kind: 'retry',
      afterSeconds: 0,
      reason: 'FUNCTION_RETRY_REQUEST',
      data: {},
    });
    expect(short?.retryOptions).toEqual({
      retryAfter: 1,
      retryReason: 'FUNCTION_RETRY_REQUEST',
      retryData: {},
    });
  });
});

describe('clampRetryAfter', () => {
  it.each([
    [-5, 1],
    [0.2, 1],
    [12.1, 13],
    [900, 900],
    [Infinity, 900],
    [NaN, 1],
  ])('%p -> %p', (input, expected) => {
    expect(clampRetryAfter(input)).toBe(expected);
  });
});
