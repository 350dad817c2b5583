import { queryActivity } from '../../../src/pipeline/activity-query';
import type { Platform } from '../../../src/ports/platform';
import { startSweep } from '../../../src/pipeline/sweep';
import { SweepProgressRepo } from '../../../src/pipeline/sweep-progress';
import { sweepJob } from '../../../src/pipeline/sweep-step';
import type { SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { recording, stepsIn, sweepSite } from './sweep-kit';

let env: SandboxEnv;
afterEach(() => env.close());

/** Confluence answering every search with `status` (and a Retry-After), everything else as usual. */
function searchAnswers(platform: Platform, status: number, body: string): Platform {
  return {
    ...platform,
    confluence: {
      request: (path, init) =>
        path.startsWith('/wiki/rest/api/content/search')
          ? Promise.resolve(new Response(body, { status, headers: { 'retry-after': '120' } }))
          : platform.confluence.request(path, init),
    },
  };
}

async function firstStep(platform: Platform, pushes: Parameters<typeof stepsIn>[0]) {
  await startSweep(platform, { kind: 'backfill', spaceKey: 'DOCS' });
  const [first] = stepsIn(pushes);
  return { body: first!.job.body, jobId: 'j1', eventId: 'e1' };
}

describe('a sweep step as a queue job', () => {
  it('asks the queue for a retry when Confluence is busy (Retry-After honoured), and gives up after four', async () => {
    env = await sweepSite(3);
    const { platform, pushes } = recording(env);
    const busy = searchAnswers(platform, 503, '{"message":"busy"}');
    const job = await firstStep(platform, pushes);
    const outcome = await sweepJob(busy, { ...job, retryCount: 0 }, () => 0);
    expect(outcome).toMatchObject({
      kind: 'retry',
      afterSeconds: 120,
      reason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
    });
    expect(await sweepJob(busy, { ...job, retryCount: 3 }, () => 0)).toMatchObject({ afterSeconds: 240 });
    expect(await sweepJob(busy, { ...job, retryCount: 4 }, () => 0)).toEqual({ kind: 'done' });
    expect(await new SweepProgressRepo(env.store).get('backfill', 'DOCS')).toMatchObject({
      done: true,
      error: expect.stringContaining('Confluence answered 503'),
      queued: 0,
    });
  });

  it('ends the sweep with the reason when Confluence refuses the search', async () => {
    env = await sweepSite(3);
    const { platform, pushes } = recording(env);
    const refused = searchAnswers(platform, 400, '{"message":"Could not parse cql"}');
    const job = await firstStep(platform, pushes);
    expect(await sweepJob(refused, { ...job, retryCount: 0 }, () => 0)).toEqual({ kind: 'done' });
    const progress = await new SweepProgressRepo(env.store).get('backfill', 'DOCS');
    expect(progress?.error).toContain('Confluence answered 400');
    expect(progress?.error).toContain('Could not parse cql');
  });

  it('records a malformed step body as rejected and does nothing else', async () => {
    env = await sweepSite(1);
    const { platform, pushes } = recording(env);
    const body = { v: 1, sweep: { kind: 'everything', spaceKey: 'DOCS', runId: 'x', step: 0 } };
    expect(await sweepJob(platform, { body, jobId: 'j', eventId: 'e', retryCount: 0 }, () => 0)).toEqual({
      kind: 'done',
    });
    expect(pushes).toEqual([]);
    const log = await queryActivity(env.store, { status: 'rejected' }, 5);
    expect(log.entries).toEqual([expect.objectContaining({ reason: 'malformed sweep step', targetId: '-' })]);
  });
});
