import { startBackfill } from '../../pipeline/backfill';
import { reconcileSpaces } from '../../pipeline/reconcile';
import type { SandboxEnv } from './sandbox-env';
import type { Step } from './scenario-schema';

/**
 * The scenario steps that act as Relay rather than as Confluence: `reconcile` runs the hourly
 * reconcile once (the first run only records its start), `backfill` starts a backfill of a space
 * as an admin would from the settings page. Returns a note for the run's report; other steps have
 * none.
 */
export async function runSweepAction(env: SandboxEnv, step: Step): Promise<string | undefined> {
  switch (step.do) {
    case 'reconcile': {
      const run = await reconcileSpaces(env.platform);
      return run.firstRun ? 'reconcile: first run' : `reconcile: ${run.spaces.join(', ') || 'no space'}`;
    }
    case 'backfill': {
      const since = step.since === undefined ? undefined : Date.parse(`${step.since}T00:00:00Z`);
      const answer = await startBackfill(env.platform, step.space, since === undefined ? {} : { since });
      if ('error' in answer) throw new Error(`backfill of ${step.space}: ${answer.error}`);
      return `backfill of ${step.space}: ${answer.status}`;
    }
    default:
      return undefined;
  }
}
