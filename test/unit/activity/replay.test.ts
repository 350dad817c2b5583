import { jobBodySchema } from '../../../src/domain/job-body';
import type { LedgerRow } from '../../../src/domain/ledger';
import { deliverJob } from '../../../src/pipeline/deliver-job';
import { LedgerRepo } from '../../../src/pipeline/ledger-repo';
import { replayAllFailed, replayOne, replayStepSchema } from '../../../src/pipeline/replay';
import { REPLAY_CHUNK } from '../../../src/pipeline/replay-step';
import { ReplayProgressRepo } from '../../../src/pipeline/replay-progress';
import { queryActivity } from '../../../src/pipeline/activity-query';
import { activityPlatform, record, T0 } from './activity-kit';

const row = (pageId: string, over: Partial<LedgerRow> = {}): LedgerRow => ({
  contentId: pageId,
  targetId: 'hooks',
  version: 3,
  digest: 'd',
  fetchedAt: T0,
  status: 'synced',
  rev: 2,
  claimToken: '',
  claimVersion: 0,
  claimUntil: 0,
  updatedAt: T0,
  ...over,
});

describe('replayOne', () => {
  it('queues the same page event again for that target only, in a body the consumer accepts', async () => {
    const { platform, log, store, queue } = activityPlatform();
    const trace = 'page.updated@2026-11-19T08:00:00.000Z';
    await log.record(record({ at: T0, status: 'failed', reason: 'HTTP 500', pageId: '700', trace }));
    const [entry] = (await queryActivity(store, { status: 'failed' }, 1)).entries;

    const answer = await replayOne(platform, entry!.key);

    expect(answer).toEqual({ queued: 1, note: 'Page 700 queued again for hooks.' });
    expect(queue.pushes).toHaveLength(1);
    const body = jobBodySchema.parse(queue.jobs[0]!.body);
    expect(body).toMatchObject({
      event: {
        kind: 'page',
        action: 'updated',
        pageId: '700',
        spaceKey: 'QM',
        at: '2026-11-19T08:00:00.000Z',
      },
      targets: ['hooks'],
      attempt: 1,
    });
    expect(body.trace).toMatch(/^replay@2026-11-20T10:00:00/);
  });

  it('replays a label event as a re-evaluation of the page (the label is not logged)', async () => {
    const { platform, log, store, queue } = activityPlatform();
    await log.record(record({ at: T0, status: 'failed', event: 'label.added', trace: 'step-3' }));
    const [entry] = (await queryActivity(store, {}, 1)).entries;
    await replayOne(platform, entry!.key);
    expect(jobBodySchema.parse(queue.jobs[0]!.body).event).toMatchObject({
      kind: 'page',
      action: 'reevaluated',
      at: '2026-11-20T10:00:00.000Z',
    });
  });

  it('replays a failed comment delivery as the same comment event, read again from where it is', async () => {
    const { platform, log, store, queue } = activityPlatform();
    const trace = 'comment.created@2026-11-19T08:00:00.000Z';
    await log.record(
      record({
        at: T0,
        status: 'failed',
        pageId: '700',
        contentId: '9001',
        action: 'notify',
        event: 'comment.created',
        location: 'inline',
        trace,
      }),
    );
    const [entry] = (await queryActivity(store, { status: 'failed' }, 1)).entries;

    expect(await replayOne(platform, entry!.key)).toEqual({
      queued: 1,
      note: 'Comment 9001 on page 700 queued again for hooks.',
    });
    expect(jobBodySchema.parse(queue.jobs[0]!.body)).toMatchObject({
      event: {
        kind: 'comment',
        action: 'created',
        pageId: '700',
        commentId: '9001',
        location: 'inline',
        at: '2026-11-19T08:00:00.000Z',
        suppressNotifications: false,
      },
      targets: ['hooks'],
    });
  });

  it('refuses entries that are not failed page or comment deliveries, or of another space', async () => {
    const { platform, log, store, queue } = activityPlatform();
    await log.record(record({ at: T0, status: 'delivered' }));
    await log.record(record({ at: T0 + 1, status: 'failed', spaceKey: 'ENG' }));
    // A comment delivery logged without where the comment is cannot be read again.
    await log.record(record({ at: T0 + 2, status: 'failed', contentId: '9001', action: 'notify' }));
    const [notify, eng, delivered] = (await queryActivity(store, {}, 5)).entries;

    expect(await replayOne(platform, delivered!.key)).toEqual({
      error: 'Only failed deliveries of a page or a comment can be replayed.',
    });
    expect(await replayOne(platform, notify!.key)).toEqual({
      error: 'Only failed deliveries of a page or a comment can be replayed.',
    });
    expect(await replayOne(platform, eng!.key, 'QM')).toEqual({
      error: 'No such delivery in the log (it may have expired).',
    });
    expect(await replayOne(platform, 'msg_nothing:1')).toMatchObject({ error: expect.any(String) });
    expect(queue.pushes).toEqual([]);
  });
});

describe('replay all failed of a target', () => {
  it('works from the settings of a personal space (its key starts with ~, which kvs keys may not hold)', async () => {
    const { platform, store, queue } = activityPlatform();
    await expect(replayAllFailed(platform, 'hooks', { spaceKey: '~alice' })).resolves.toMatchObject({
      queued: 1,
    });
    expect(await new ReplayProgressRepo(store).get('hooks', '~alice')).toMatchObject({ spaceKey: '~alice' });
    expect(await new ReplayProgressRepo(store).get('hooks', undefined)).toBeUndefined();
    expect(queue.jobs).toHaveLength(1);
  });

  it('walks the failures in chunks from a cursor: one push per step, each page once, recovered pages left', async () => {
    const { platform, log, queue, clock, store } = activityPlatform();
    const pages = Array.from({ length: 120 }, (_, i) => String(1000 + i));
    for (const [i, pageId] of pages.entries()) {
      await log.record(record({ at: T0 + i, status: 'failed', pageId, reason: 'HTTP 500' }));
      // Each page failed twice: it must still be queued once per step.
      if (i % 2 === 0) await log.record(record({ at: T0 + i, status: 'failed', pageId, attempt: 2 }));
    }
    await log.record(record({ at: T0 + 5, status: 'failed', targetId: 'halo', pageId: '5' }));
    // Page 1119 was delivered since its failure; page 1118 was delivered before it (still failed).
    const ledger = new LedgerRepo(store);
    await ledger.write(row('1119', { version: 19 }), { operator: 'and', items: [] });
    await ledger.write(row('1118', { version: 18, lastError: 'HTTP 500' }), { operator: 'and', items: [] });
    await clock.advanceBy(60_000);

    expect(await replayAllFailed(platform, 'hooks')).toMatchObject({ queued: 1 });
    // A failure after the request is not part of this replay.
    await log.record(record({ at: clock.now() + 1, status: 'failed', pageId: '9999' }));
    const queued: string[] = [];
    let steps = 0;
    let next = queue.jobs[0]!;
    for (;;) {
      const before = queue.pushes.length;
      const outcome = await deliverJob(
        platform,
        { body: next.body, jobId: 'j', eventId: 'e', retryCount: 0 },
        {
          deadlineMs: clock.now() + 60_000,
        },
      );
      expect(outcome).toEqual({ kind: 'done' });
      steps++;
      expect(queue.pushes.length).toBe(before + 1);
      const push = queue.pushes[queue.pushes.length - 1]!;
      expect(push.length).toBeLessThanOrEqual(50);
      const stepJob = push.find((j) => 'replay' in j.body);
      for (const j of push.filter((j) => !('replay' in j.body))) {
        const body = jobBodySchema.parse(j.body);
        expect(body.targets).toEqual(['hooks']);
        queued.push(body.event.pageId);
      }
      if (!stepJob) break;
      expect(stepJob.delayInSeconds).toBeGreaterThan(0);
      expect(replayStepSchema.parse(stepJob.body).replay.targetId).toBe('hooks');
      next = stepJob;
    }
    const expected = pages.filter((p) => p !== '1119');
    expect([...queued].sort()).toEqual([...expected].sort());
    expect(new Set(queued).size).toBe(queued.length);
    expect(queued[0]).toBe('1118');
    expect(steps).toBeGreaterThanOrEqual(Math.ceil(180 / REPLAY_CHUNK));
    expect(await new ReplayProgressRepo(store).get('hooks', undefined)).toEqual({
      targetId: 'hooks',
      requestedAt: T0 + 60_000,
      queued: 119,
      steps,
      done: true,
    });
  });

  it('a newer request stops the walk of an older one for the same target', async () => {
    const { platform, log, queue, clock } = activityPlatform();
    for (let i = 0; i < 60; i++)
      await log.record(record({ at: T0 + i, status: 'failed', pageId: String(2000 + i) }));
    await clock.advanceBy(1000);
    await replayAllFailed(platform, 'hooks');
    const first = queue.jobs[0]!;
    await clock.advanceBy(1000);
    await replayAllFailed(platform, 'hooks');
    const run = (body: Record<string, unknown>) =>
      deliverJob(
        platform,
        { body, jobId: 'j', eventId: 'e', retryCount: 0 },
        { deadlineMs: clock.now() + 60_000 },
      );
    const before = queue.pushes.length;
    await run(first.body);
    expect(queue.pushes.length).toBe(before);
    await run(queue.jobs[1]!.body);
    expect(queue.pushes.length).toBe(before + 1);
  });

  it('in space settings, replays only that space', async () => {
    const { platform, log, queue, clock } = activityPlatform();
    await log.record(record({ at: T0, status: 'failed', pageId: '1', spaceKey: 'QM' }));
    await log.record(record({ at: T0, status: 'failed', pageId: '2', spaceKey: 'ENG' }));
    await clock.advanceBy(1000);
    await replayAllFailed(platform, 'hooks', { spaceKey: 'QM' });
    await deliverJob(
      platform,
      { body: queue.jobs[0]!.body, jobId: 'j', eventId: 'e', retryCount: 0 },
      {
        deadlineMs: clock.now() + 60_000,
      },
    );
    const pushed = queue.pushes[1]!.map((j) => jobBodySchema.parse(j.body).event.pageId);
    expect(pushed).toEqual(['1']);
  });
});
