import { keys } from '../domain/storage-layout';
import type { Store } from '../ports/store';

/** A backfill is asked for by an admin; a reconcile is the scheduled search for missed events. */
export type SweepKind = 'backfill' | 'reconcile';

/** How far a sweep of one space has got. The stored cursor decides which step runs next. */
export interface SweepProgress {
  kind: SweepKind;
  spaceKey: string;
  /** Each start gets a new id: steps of an older run of the same space stop. */
  runId: string;
  /** Only pages modified at or after this instant (ms); none: every page of the space. */
  since?: number;
  /** CQL cursor of the next step; none before the first step. */
  cursor?: string;
  /** Steps done; a step job whose number differs was done already (a duplicate delivery). */
  steps: number;
  /** Pages the search found (modified since `since`), queued, and skipped as already delivered. */
  seen: number;
  queued: number;
  skipped: number;
  /** What the search counted when the sweep started (an estimate: pages change meanwhile). */
  total?: number;
  done: boolean;
  cancelled?: boolean;
  /** Why the sweep stopped early. */
  error?: string;
  /** The walk stopped before its end (the search failed): pages of its window were not seen. */
  incomplete?: boolean;
  startedAt: number;
  finishedAt?: number;
  requestedBy?: string;
}

/** A finished sweep's progress stays visible this long. */
const TTL_SECONDS = 14 * 24 * 3600;

/** One progress item per kind and space: a newer start replaces (and stops) an older run. */
export class SweepProgressRepo {
  constructor(private readonly store: Store) {}

  get(kind: SweepKind, spaceKey: string): Promise<SweepProgress | undefined> {
    return this.store.get<SweepProgress>(keys.sweep(kind, spaceKey));
  }

  async save(progress: SweepProgress): Promise<void> {
    await this.store.set(keys.sweep(progress.kind, progress.spaceKey), progress, { ttlSeconds: TTL_SECONDS });
  }

  /**
   * Cancelling writes a key of its own (never overwritten by a step saving its counts) and marks the
   * progress; the run's next step sees the mark and stops.
   */
  async cancel(progress: SweepProgress, now: number): Promise<SweepProgress> {
    await this.store.set(keys.sweepCancel(progress.runId), now, { ttlSeconds: TTL_SECONDS });
    const cancelled = { ...progress, done: true, cancelled: true, finishedAt: now };
    await this.save(cancelled);
    return cancelled;
  }

  async isCancelled(runId: string): Promise<boolean> {
    return (await this.store.get<number>(keys.sweepCancel(runId))) !== undefined;
  }
}

/** The progress after a step that read up to `cursor` (the walk goes on when `more`). */
export function advanceProgress(
  progress: SweepProgress,
  cursor: string | undefined,
  found: number,
  queued: number,
  now: number,
  more: boolean,
): SweepProgress {
  const { cursor: _old, ...rest } = progress;
  return {
    ...rest,
    ...(cursor !== undefined && more && { cursor }),
    steps: progress.steps + 1,
    seen: progress.seen + found,
    queued: progress.queued + queued,
    skipped: progress.skipped + found - queued,
    done: !more,
    ...(!more && { finishedAt: now }),
  };
}
