/**
 * A sweep step against what can go wrong around it: Cancel pressed while a step runs, a step whose
 * progress save is lost after it queued its successor, a page leaving the results mid-walk.
 */
import { cancelSweep, startSweep } from '../../../src/pipeline/sweep';
import { SweepProgressRepo } from '../../../src/pipeline/sweep-progress';
import { runSweepStep } from '../../../src/pipeline/sweep-step';
import type { SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { client, ledgerRow, pagesIn, recording, stepsIn, sweepSite } from './sweep-kit';

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

  it.each([
    ['keyset', 249],
    ['offset', 248],
  ] as const)(
    'a page trashed mid-walk, the cursor kept as %s: %i of the 249 pages left are queued; the next backfill brings the rest',
    async (mode, queued) => {
      env = await sweepSite(250);
      env.state.searchCursor = mode;
      const { platform, pushes } = recording(env);
      await startSweep(platform, { kind: 'backfill', spaceKey: 'DOCS' });
      await runSweepStep(platform, client(platform), stepsIn(pushes)[0]!.step, noJitter);
      const [gone] = pagesIn(pushes);
      env.state.trashPage(gone!);
      for (let n = 1; n < 3; n++) {
        await env.clock.advanceBy(60_000);
        await runSweepStep(platform, client(platform), stepsIn(pushes).at(-1)!.step, noJitter);
      }
      expect(await new SweepProgressRepo(env.store).get('backfill', 'DOCS')).toMatchObject({ done: true });
      const current = [...env.refs.entries()]
        .filter(([ref, id]) => ref !== 'eng' && id !== gone)
        .map(([, id]) => id);
      const first = new Set(pagesIn(pushes).filter((id) => id !== gone));
      expect(first.size).toBe(queued);
      // What the walk queued is delivered; a second backfill queues only what the first skipped.
      for (const id of first) await ledgerRow(env, id, { version: 1 });
      pushes.length = 0;
      await env.clock.advanceBy(60_000);
      await startSweep(platform, { kind: 'backfill', spaceKey: 'DOCS' });
      for (let n = 0; n < 3; n++) {
        await env.clock.advanceBy(60_000);
        await runSweepStep(platform, client(platform), stepsIn(pushes).at(-1)!.step, noJitter);
      }
      expect(new Set([...first, ...pagesIn(pushes)])).toEqual(new Set(current));
    },
  );
});
