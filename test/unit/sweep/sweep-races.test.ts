/**
 * A sweep step against what can go wrong around it: Cancel pressed while a step runs, a step whose
 * progress save is lost after it queued its successor.
 */
import { cancelSweep, startSweep } from '../../../src/pipeline/sweep';
import { SweepProgressRepo } from '../../../src/pipeline/sweep-progress';
import { runSweepStep } from '../../../src/pipeline/sweep-step';
import type { SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { client, pagesIn, recording, stepsIn, sweepSite } from './sweep-kit';

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

  it('finishes a sweep whose step queued its successor but lost its own save', async () => {
    env = await sweepSite(150);
    const { platform, pushes } = recording(env);
    await startSweep(platform, { kind: 'backfill', spaceKey: 'DOCS' });
    const store = platform.store;
    const failing = {
      ...platform,
      store: new Proxy(store, {
        get: (target, name: keyof typeof store) =>
          name === 'set'
            ? (key: string, ...rest: unknown[]) =>
                key.startsWith('sweep:')
                  ? Promise.reject(new Error('storage unavailable'))
                  : (target.set as (...a: unknown[]) => Promise<unknown>).call(target, key, ...rest)
            : (target[name] as (...a: unknown[]) => unknown).bind(target),
      }),
    };
    await expect(runSweepStep(failing, client(failing), stepsIn(pushes)[0]!.step, noJitter)).rejects.toThrow(
      'storage unavailable',
    );
    // The queue does not retry that step; its successor runs from the stored cursor.
    const [, successor] = stepsIn(pushes);
    expect(successor?.step.step).toBe(1);
    await env.clock.advanceBy(60_000);
    expect(await runSweepStep(platform, client(platform), successor!.step, noJitter)).toMatchObject({
      kind: 'stepped',
      done: false,
    });
    const [, , third] = stepsIn(pushes);
    expect(third?.step.step).toBe(2);
    await env.clock.advanceBy(60_000);
    expect(await runSweepStep(platform, client(platform), third!.step, noJitter)).toMatchObject({
      kind: 'stepped',
      done: true,
    });
    expect(new Set(pagesIn(pushes)).size).toBe(150);
    expect(await new SweepProgressRepo(env.store).get('backfill', 'DOCS')).toMatchObject({
      done: true,
      steps: 3,
    });
  });
});
