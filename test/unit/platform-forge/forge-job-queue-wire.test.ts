/**
 * ForgeJobQueue against the real @forge/events 3.0.8 Queue (no jest.mock): only the runtime's
 * transport, `global.__forge_fetch__`, is faked, so the PartialSuccessError comes from the real
 * validators.js (whose failedEvents carry `payload`, unlike the .d.ts).
 */
import { ForgeJobQueue } from '../../../src/platform/forge/forge-job-queue';
import { QueuePushRejectedError, QueueRateLimitError } from '../../../src/ports/job-queue';

type ForgeFetch = (target: unknown, path: string, init: { body: string }) => Promise<Response>;
const forgeGlobal = globalThis as typeof globalThis & { __forge_fetch__?: ForgeFetch };
const forgeFetch = jest.fn<ReturnType<ForgeFetch>, Parameters<ForgeFetch>>();
const reply = (status: number, body?: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status });
const pushed = (call: number): unknown => JSON.parse(forgeFetch.mock.calls[call]?.[2].body ?? 'null');

beforeEach(() => {
  forgeFetch.mockReset();
  forgeGlobal.__forge_fetch__ = forgeFetch;
});
afterAll(() => {
  delete forgeGlobal.__forge_fetch__;
});

const jobs = [{ body: { pageId: 'p1' } }, { body: { pageId: 'p2' }, delayInSeconds: 10 }];

it("posts to queue 'relay-jobs' and re-pushes only the refused event", async () => {
  forgeFetch
    .mockResolvedValueOnce(reply(202, { failedEvents: [{ index: '1', errorMessage: 'throttled' }] }))
    .mockResolvedValueOnce(reply(201));
  await new ForgeJobQueue().push(jobs);
  expect(pushed(0)).toMatchObject({ queueName: 'relay-jobs', payload: jobs });
  expect(pushed(1)).toMatchObject({
    queueName: 'relay-jobs',
    payload: [{ body: { pageId: 'p2' }, delayInSeconds: 10 }],
  });
});

it('rejects when the re-push is refused again', async () => {
  const refused = { failedEvents: [{ index: '0', errorMessage: 'throttled' }] };
  forgeFetch.mockResolvedValueOnce(reply(202, refused)).mockResolvedValueOnce(reply(202, refused));
  await expect(new ForgeJobQueue().push(jobs)).rejects.toThrow(
    new QueuePushRejectedError('1 of 2 job(s) were not accepted by the queue after one re-push: throttled'),
  );
});

it('maps HTTP 429 to QueueRateLimitError and a client-side limit to QueuePushRejectedError', async () => {
  forgeFetch.mockResolvedValueOnce(reply(429));
  await expect(new ForgeJobQueue().push(jobs)).rejects.toBeInstanceOf(QueueRateLimitError);
  await expect(new ForgeJobQueue().push([{ body: {}, delayInSeconds: 901 }])).rejects.toBeInstanceOf(
    QueuePushRejectedError,
  );
  const tooMany = Array.from({ length: 51 }, (_, i) => ({ body: { i } }));
  await expect(new ForgeJobQueue().push(tooMany)).rejects.toBeInstanceOf(QueuePushRejectedError);
  expect(forgeFetch).toHaveBeenCalledTimes(1);
});
