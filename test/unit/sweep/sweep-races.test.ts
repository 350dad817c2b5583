/**
 * A sweep step against what can go wrong around it: Cancel pressed while a step runs.
 */
import { cancelSweep, startSweep } from '../../../src/pipeline/sweep';
import { SweepProgressRepo } from '../../../src/pipeline/sweep-progress';
import { runSweepStep } from '../../../src/pipeline/sweep-step';
import type { SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { client, recording, stepsIn, sweepSite } from './sweep-kit';

let env: SandboxEnv;
afterEach(() => env.close());

const noJitter = () => 0;

describe('a sweep step racing other work', () => {
  it('ends a sweep whose running step raced Cancel: it does not look running, and a new backfill can start', async () => {
    env = await sweepSite(150);
    const { platform, pushes } = recording(env);
    await startSweep(platform, { kind: 'backfill', spaceKey: 'DOCS' });
    // Cancel is pressed while the first step waits for its search.
    const racing = {
      ...platform,
      confluence: {
        request: async (path: string) => {
          await cancelSweep(platform, 'backfill', 'DOCS');
          return platform.confluence.request(path);
        },
      },
    };
    await runSweepStep(racing, client(racing), stepsIn(pushes)[0]!.step, noJitter);
    const [, next] = stepsIn(pushes);
    await env.clock.advanceBy(60_000);
    expect(await runSweepStep(platform, client(platform), next!.step, noJitter)).toEqual({
      kind: 'stale',
      reason: 'cancelled',
    });
    expect(await new SweepProgressRepo(env.store).get('backfill', 'DOCS')).toMatchObject({
      done: true,
      cancelled: true,
      queued: 100,
    });
    expect((await startSweep(platform, { kind: 'backfill', spaceKey: 'DOCS' })).started).toBe(true);
  });
});
