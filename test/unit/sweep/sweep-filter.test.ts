import { startSweep } from '../../../src/pipeline/sweep';
import { runSweepStep } from '../../../src/pipeline/sweep-step';
import type { SandboxEnv } from '../../../src/sandbox/scenario/sandbox-env';
import { client, ledgerRow, pagesIn, recording, stepsIn, sweepSite } from './sweep-kit';

let env: SandboxEnv;
afterEach(() => env.close());

/** A consumer claimed version 1 of the page for `hooks` and never settled: the lease ends at `until`. */
const claimedRow = (pageId: string, until: number) =>
  ledgerRow(env, pageId, {
    status: 'failed',
    claimToken: 'consumer-that-died',
    claimVersion: 1,
    claimUntil: until,
  });

async function sweptPages(kind: 'backfill' | 'reconcile'): Promise<string[]> {
  const { platform, pushes } = recording(env);
  await startSweep(platform, { kind, spaceKey: 'DOCS', since: env.clock.now() - 3600_000 });
  await runSweepStep(platform, client(platform), stepsIn(pushes)[0]!.step, () => 0);
  return pagesIn(pushes);
}

describe('which pages a sweep leaves out', () => {
  it.each(['backfill', 'reconcile'] as const)(
    '%s: queues a page whose only claim has expired (its consumer died), not one being delivered now',
    async (kind) => {
      env = await sweepSite(3);
      const [dead, live] = [env.refs.get('p1')!, env.refs.get('p2')!];
      await claimedRow(dead, env.clock.now() - 1);
      await claimedRow(live, env.clock.now() + 60_000);
      const queued = await sweptPages(kind);
      expect(queued).toContain(dead);
      expect(queued).not.toContain(live);
      expect(queued).toContain(env.refs.get('p0'));
    },
  );
});
