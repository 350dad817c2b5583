/** The Activity tab's operations as the settings resolver will register them (resolver-kit.ts). */
import { jobBodySchema } from '../../../src/domain/job-body';
import { PAGE } from './user-site';
import { record, T0 } from './activity-kit';
import { SPACE_QM, setUp } from './resolver-kit';

describe('Activity operations', () => {
  it('lists the whole log for a Confluence admin, newest first, with reasons and what can be replayed', async () => {
    const { call, log } = await setUp('site-admin');
    await log.record(
      record({ at: T0, status: 'failed', reason: 'hooks.example.com answered 500', httpStatus: 500 }),
    );
    await log.record(record({ at: T0 + 1, status: 'delivered', spaceKey: 'ENG', pageId: '700' }));
    const result = await call('listActivity', { limit: 1 });
    expect(result).toMatchObject({
      scope: 'global',
      targets: [
        { id: 'halo', name: 'Service desk KB' },
        { id: 'hooks', name: 'Knowledge hooks' },
      ],
    });
    expect((result.entries as unknown[]).length).toBe(1);
    expect(result.entries).toEqual([
      expect.objectContaining({ pageId: '700', status: 'delivered', replayable: false }),
    ]);
    const next = await call('listActivity', { limit: 1, cursor: result.nextCursor });
    expect(next.entries).toEqual([
      expect.objectContaining({
        pageId: PAGE,
        status: 'failed',
        reason: 'hooks.example.com answered 500',
        httpStatus: 500,
        replayable: true,
      }),
    ]);
    expect(next.nextCursor).toBeUndefined();
    expect(JSON.stringify([result, next])).not.toMatch(/whsec_|token=|halo-client-secret/);
  });

  it('gives a space admin only that space, whatever filter the payload names', async () => {
    const { call, log, seen } = await setUp('space-admin');
    await log.record(record({ at: T0, status: 'failed', spaceKey: 'QM' }));
    await log.record(record({ at: T0 + 1, status: 'failed', spaceKey: 'ENG', pageId: '700' }));
    const result = await call('listActivity', { filter: { spaceKey: 'ENG' } });
    expect(seen).toContain(SPACE_QM);
    expect(result.scope).toBe('space');
    expect(result.entries).toEqual([expect.objectContaining({ spaceKey: 'QM' })]);
    const chart = (await call('activityChart', { days: 1 })) as {
      days: Array<{ n: number }>;
      partial: boolean;
    };
    expect(chart.partial).toBe(false);
    expect(chart.days.filter((d) => d.n > 0)).toEqual([{ day: '2026-11-20', outcome: 'failed', n: 1 }]);
  });

  it('refuses callers without the right, before reading anything', async () => {
    const nobody = await setUp('nobody');
    await nobody.log.record(record({ at: T0, status: 'failed' }));
    for (const key of ['listActivity', 'activityChart', 'replayFailed', 'previewPage']) {
      expect(await nobody.call(key, { targetId: 'hooks', pageId: PAGE })).toEqual({
        error: 'Only admins of space QM can see its Relay activity.',
      });
    }
    expect(nobody.queue.pushes).toEqual([]);
  });

  it('validates payloads and names the field', async () => {
    const { call } = await setUp('site-admin');
    expect(await call('listActivity', { filter: { status: 'lost' } })).toMatchObject({
      error: 'Invalid request.',
      fields: [expect.objectContaining({ field: 'filter.status' })],
    });
    expect(await call('replayFailed', { targetId: 'nope' })).toEqual({ error: 'No target nope.' });
  });

  it('replays one failure and all failures of a target by queueing, and returns at once', async () => {
    const { call, log, queue } = await setUp('site-admin');
    await log.record(record({ at: T0, status: 'failed', reason: 'HTTP 500' }));
    const [entry] = (await call('listActivity')).entries as Array<{ key: string }>;
    expect(await call('replayDelivery', { key: entry!.key })).toEqual({
      queued: 1,
      note: `Page ${PAGE} queued again for hooks.`,
    });
    expect(jobBodySchema.parse(queue.jobs[0]!.body)).toMatchObject({
      targets: ['hooks'],
      event: { pageId: PAGE },
    });
    expect(await call('replayFailed', { targetId: 'hooks' })).toMatchObject({ queued: 1 });
    expect(queue.jobs[1]!.body).toMatchObject({ v: 1, replay: { targetId: 'hooks', requestedBy: 'acc-1' } });
    expect((await call('listActivity')).replays).toEqual([
      { targetId: 'hooks', requestedAt: T0, queued: 0, steps: 0, done: false },
    ]);
  });

  it('charts deliveries per day by outcome for site admins', async () => {
    const { call, log } = await setUp('site-admin');
    await log.record(record({ at: T0, status: 'failed' }));
    await log.record(record({ at: T0, status: 'delivered', targetId: 'halo' }));
    const chart = await call('activityChart', { days: 2 });
    expect((chart.days as Array<{ n: number }>).filter((d) => d.n > 0)).toEqual([
      { day: '2026-11-20', outcome: 'delivered', n: 1 },
      { day: '2026-11-20', outcome: 'failed', n: 1 },
    ]);
  });
});
