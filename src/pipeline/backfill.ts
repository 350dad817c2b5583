import { mappedSpaceKeys } from '../domain/selection';
import { sweepCql } from '../domain/sweep-query';
import type { Platform } from '../ports/platform';
import { ConfluenceClient } from './confluence/confluence-client';
import { SettingsRepo } from './settings-repo';
import { cancelSweep, startSweep } from './sweep';
import { SweepProgressRepo, type SweepProgress } from './sweep-progress';

/** What the settings pages show of a backfill (the cursor stays in storage). */
export type BackfillView = Omit<SweepProgress, 'cursor' | 'runId' | 'kind'>;

export type BackfillAnswer =
  | { status: 'started' | 'running' | 'cancelled'; progress: BackfillView }
  | { status: 'preview'; spaceKey: string; total?: number }
  | { error: string };

function view(progress: SweepProgress): BackfillView {
  const { cursor: _cursor, runId: _runId, kind: _kind, ...rest } = progress;
  return rest;
}

/**
 * Backfill of a space: every current page (or those modified since `since`) goes through the
 * normal pipeline as a re-evaluation, so eligibility, restrictions, the ledger (a page already
 * delivered at its version is not queued again) and the targets' rate limits all apply. A backfill
 * still running is not started twice. The estimate of the total is a count read once; when
 * Confluence cannot give it, progress shows the pages queued only.
 */
export async function startBackfill(
  platform: Platform,
  spaceKey: string,
  options: { since?: number; requestedBy?: string; dryRun?: boolean } = {},
): Promise<BackfillAnswer> {
  const settings = await new SettingsRepo(platform.store, platform.log).load();
  if (!mappedSpaceKeys(settings).includes(spaceKey))
    return { error: `No enabled target takes pages of space ${spaceKey}: map the space to a target first.` };
  const running = await new SweepProgressRepo(platform.store).get('backfill', spaceKey);
  if (running && !running.done) return { status: 'running', progress: view(running) };
  const total = await estimate(platform, spaceKey, options.since);
  // The dry run: what a backfill would look at, for the admin to confirm; nothing is queued.
  if (options.dryRun) return { status: 'preview', spaceKey, ...(total !== undefined && { total }) };
  const start = await startSweep(platform, {
    kind: 'backfill',
    spaceKey,
    ...(options.since !== undefined && { since: options.since }),
    ...(options.requestedBy !== undefined && { requestedBy: options.requestedBy }),
    ...(total !== undefined && { total }),
  });
  platform.log.info('backfill started', { spaceKey, started: start.started, total });
  return { status: start.started ? 'started' : 'running', progress: view(start.progress) };
}

async function estimate(platform: Platform, spaceKey: string, since: number | undefined) {
  const confluence = new ConfluenceClient(platform.confluence, () => platform.clock.now());
  try {
    return await confluence.countPages(sweepCql(spaceKey, since));
  } catch (error) {
    platform.log.warn('backfill: no estimate of the pages', { spaceKey, reason: (error as Error).message });
    return undefined;
  }
}

/** The latest backfill of each space (running or finished in the last two weeks). */
export async function backfillProgress(
  platform: Platform,
  spaceKeys: readonly string[],
): Promise<Array<{ spaceKey: string; progress?: BackfillView }>> {
  const repo = new SweepProgressRepo(platform.store);
  return Promise.all(
    spaceKeys.map(async (spaceKey) => {
      const progress = await repo.get('backfill', spaceKey);
      return progress ? { spaceKey, progress: view(progress) } : { spaceKey };
    }),
  );
}

export async function cancelBackfill(platform: Platform, spaceKey: string): Promise<BackfillAnswer> {
  const cancelled = await cancelSweep(platform, 'backfill', spaceKey);
  if (!cancelled) return { error: `No backfill of space ${spaceKey} is running.` };
  platform.log.info('backfill cancelled', { spaceKey, queued: cancelled.queued });
  return { status: 'cancelled', progress: view(cancelled) };
}

/** Spaces a caller may backfill: every mapped space, or the one their space settings are for. */
export async function backfillSpaces(platform: Platform, only?: string): Promise<string[]> {
  if (only !== undefined) return [only];
  return mappedSpaceKeys(await new SettingsRepo(platform.store, platform.log).load());
}
