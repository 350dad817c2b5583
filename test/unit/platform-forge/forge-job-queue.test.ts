const mockPush = jest.fn();

jest.mock('@forge/events', () => ({
  ...jest.requireActual<Record<string, unknown>>('@forge/events'),
  Queue: jest.fn(() => ({ push: mockPush })),
}));

import {
  InternalServerError,
  InvalidPushSettingsError,
  NoEventsToPushError,
  PartialSuccessError,
  PayloadTooBigError,
  Queue,
  RateLimitError,
  TooManyEventsError,
} from '@forge/events';
import type { FailedEvent } from '@forge/events/out/types';
import { InvalidPayloadError } from '@forge/events/out/errors';
import { ForgeJobQueue } from '../../../src/platform/forge/forge-job-queue';
import { QueuePushRejectedError, QueueRateLimitError } from '../../../src/ports/job-queue';

const jobA = { body: { pageId: 'p1', version: 3 }, delayInSeconds: 30, concurrency: { key: 't1', limit: 2 } };
const jobB = { body: { pageId: 'p2', version: 1 } };

/** PartialSuccessError as validators.js 3.0.8 builds it: failedEvents carry `payload`, not `event`. */
const partial = (
  failed: Array<{ errorMessage: string; payload?: unknown; event?: unknown }>,
): PartialSuccessError =>
  new PartialSuccessError(
    `Failed to process ${failed.length} event(s).`,
    { jobId: 'j1' },
    failed as FailedEvent[],
  );

beforeEach(() => {
  mockPush.mockReset();
  mockPush.mockResolvedValue({ jobId: 'j1' });
});

it("constructs the Queue with key 'relay-jobs'", () => {
  new ForgeJobQueue();
  expect(Queue).toHaveBeenCalledWith({ key: 'relay-jobs' });
});

it('pushes PushJobs as PushEvents, leaving out absent settings', async () => {
  await new ForgeJobQueue().push([jobA, jobB]);
  expect(mockPush).toHaveBeenCalledTimes(1);
  expect(mockPush).toHaveBeenCalledWith([
    { body: { pageId: 'p1', version: 3 }, delayInSeconds: 30, concurrency: { key: 't1', limit: 2 } },
    { body: { pageId: 'p2', version: 1 } },
  ]);
  expect(Object.keys(mockPush.mock.calls[0][0][1])).toEqual(['body']);
});

it('maps RateLimitError to QueueRateLimitError', async () => {
  mockPush.mockRejectedValue(new RateLimitError('Too many requests'));
  await expect(new ForgeJobQueue().push([jobB])).rejects.toBeInstanceOf(QueueRateLimitError);
});

it.each([
  new TooManyEventsError('too many'),
  new PayloadTooBigError('too big'),
  new InvalidPayloadError('bad body'),
  new NoEventsToPushError('none'),
  new InvalidPushSettingsError('bad delay'),
])('maps %p to QueuePushRejectedError keeping its message', async (error) => {
  mockPush.mockRejectedValue(error);
  const rejection = new ForgeJobQueue().push([jobB]);
  await expect(rejection).rejects.toBeInstanceOf(QueuePushRejectedError);
  await expect(rejection).rejects.toThrow(error.message);
});

it('rethrows other errors unchanged', async () => {
  const error = new InternalServerError('500 boom', 500);
  mockPush.mockRejectedValue(error);
  await expect(new ForgeJobQueue().push([jobB])).rejects.toBe(error);
});

it('re-pushes the refused events once (runtime `payload` shape) and succeeds', async () => {
  mockPush.mockRejectedValueOnce(partial([{ errorMessage: 'busy', payload: { body: jobB.body } }]));
  await new ForgeJobQueue().push([jobA, jobB]);
  expect(mockPush).toHaveBeenCalledTimes(2);
  expect(mockPush).toHaveBeenLastCalledWith([{ body: jobB.body }]);
});

it('also reads the declared `event` shape of failed events', async () => {
  mockPush.mockRejectedValueOnce(partial([{ errorMessage: 'busy', event: { body: jobA.body } }]));
  await new ForgeJobQueue().push([jobA, jobB]);
  expect(mockPush).toHaveBeenLastCalledWith([{ body: jobA.body }]);
});

it('rejects naming how many failed when the re-push is refused again', async () => {
  mockPush
    .mockRejectedValueOnce(
      partial([
        { errorMessage: 'busy', payload: { body: jobA.body } },
        { errorMessage: 'busy', payload: { body: jobB.body } },
      ]),
    )
    .mockRejectedValueOnce(partial([{ errorMessage: 'still busy', payload: { body: jobB.body } }]));
  const rejection = new ForgeJobQueue().push([jobA, jobB]);
  await expect(rejection).rejects.toBeInstanceOf(QueuePushRejectedError);
  await expect(rejection).rejects.toThrow(
    '1 of 2 job(s) were not accepted by the queue after one re-push: still busy',
  );
  expect(mockPush).toHaveBeenCalledTimes(2);
});

it('maps a rate limit during the re-push to QueueRateLimitError', async () => {
  mockPush
    .mockRejectedValueOnce(partial([{ errorMessage: 'busy', payload: { body: jobB.body } }]))
    .mockRejectedValueOnce(new RateLimitError('Too many requests'));
  await expect(new ForgeJobQueue().push([jobA, jobB])).rejects.toBeInstanceOf(QueueRateLimitError);
});

it('rejects without re-pushing when the refused events cannot be identified', async () => {
  mockPush.mockRejectedValueOnce(partial([]));
  const rejection = new ForgeJobQueue().push([jobA, jobB]);
  await expect(rejection).rejects.toBeInstanceOf(QueuePushRejectedError);
  await expect(rejection).rejects.toThrow('some of 2 job(s) were not accepted');
  expect(mockPush).toHaveBeenCalledTimes(1);
});
