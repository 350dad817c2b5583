import { keys } from '../domain/storage-layout';
import type { Store } from '../ports/store';

/** How far a "replay all failed of a target" has got: pages queued, steps run, finished or not. */
export interface ReplayProgress {
  targetId: string;
  spaceKey?: string;
  requestedAt: number;
  queued: number;
  steps: number;
  done: boolean;
}

const TTL_SECONDS = 24 * 3600;

/** One progress item per target and scope; a newer request replaces (and stops) an older walk. */
export class ReplayProgressRepo {
  constructor(private readonly store: Store) {}

  get(targetId: string, spaceKey: string | undefined): Promise<ReplayProgress | undefined> {
    return this.store.get<ReplayProgress>(keys.replayProgress(targetId, spaceKey));
  }

  async save(progress: ReplayProgress): Promise<void> {
    await this.store.set(keys.replayProgress(progress.targetId, progress.spaceKey), progress, {
      ttlSeconds: TTL_SECONDS,
    });
  }

  /** The progress of the targets' replays in this scope that are known (kept for a day). */
  async forTargets(targetIds: readonly string[], spaceKey: string | undefined): Promise<ReplayProgress[]> {
    const found = await Promise.all(targetIds.map((id) => this.get(id, spaceKey)));
    return found.filter((p): p is ReplayProgress => p !== undefined);
  }
}
