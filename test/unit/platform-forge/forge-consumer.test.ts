import type { AsyncEvent } from '@forge/events';
import { toForgeConsumer } from '../../../src/platform/forge/forge-consumer';
import type { JobHandler } from '../../../src/ports/job-queue';

const event: AsyncEvent = {
  queueName: 'relay-jobs',
  jobId: 'job-1',
  eventId: 'evt-1',
  body: { pageId: 'p1' },
  retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { attempt: 1 } },
};

it('hands the port job to the handler and returns its outcome in Forge form', async () => {
  const handler = jest.fn<ReturnType<JobHandler>, Parameters<JobHandler>>().mockResolvedValue({
    kind: 'retry',
    afterSeconds: 60,
    reason: 'FUNCTION_RETRY_REQUEST',
    data: { attempt: 2 },
  });
  const result = await toForgeConsumer(handler)(event);
  expect(handler).toHaveBeenCalledWith({
    body: { pageId: 'p1' },
    jobId: 'job-1',
    eventId: 'evt-1',
    retryCount: 1,
    retryData: { attempt: 1 },
  });
  expect(result).toEqual({
    _retry: true,
    retryOptions: { retryAfter: 60, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { attempt: 2 } },
  });
});

it('returns undefined when done and lets handler errors through', async () => {
  await expect(toForgeConsumer(async () => ({ kind: 'done' }))(event)).resolves.toBeUndefined();
  const boom = new Error('boom');
  await expect(
    toForgeConsumer(async () => {
      throw boom;
    })(event),
  ).rejects.toBe(boom);
});
