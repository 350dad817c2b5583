import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PushJob } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { SweepProgressRepo, type SweepKind, type SweepProgress } from './sweep-progress';

/**
 * A page sweep of one space as a chain of queue jobs, one step each (sweep-step.ts). The job names
 * its run and step number only; the cursor lives in the stored progress, so a step delivered twice
 * finds its number already done and stops.
 */
export const sweepStepSchema = z.object({
  v: z.literal(1),
  sweep: z.object({
    kind: z.enum(['backfill', 'reconcile']),
    spaceKey: z.string().min(1).max(255),
    runId: z.string().min(1).max(64),
    step: z.number().int().min(0),
  }),
});

export type SweepStep = z.infer<typeof sweepStepSchema>;

export function isSweepStep(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'sweep' in body;
}

/**
 * The step job. One step of a sweep runs at a time (a concurrency key per sweep), so a duplicate
 * delivery runs after the original and sees its step done. UNVERIFIED: the characters Forge allows
 * in a concurrency key; the key keeps to letters, digits, `-` and `_`.
 */
export function sweepStepJob(progress: SweepProgress, step: number, delayInSeconds?: number): PushJob {
  const body: SweepStep = {
    v: 1,
    sweep: { kind: progress.kind, spaceKey: progress.spaceKey, runId: progress.runId, step },
  };
  const lane = progress.spaceKey.replace(/[^A-Za-z0-9_-]/g, '_');
  return {
    body,
    ...(delayInSeconds !== undefined && { delayInSeconds }),
    concurrency: { key: `sweep-${progress.kind}-${lane}`, limit: 1 },
  };
}

export interface SweepRequest {
  kind: SweepKind;
  spaceKey: string;
  /** Only pages modified at or after this instant (ms); none: every page. */
  since?: number;
  requestedBy?: string;
  /** What a search counted (backfill), shown as "of ~N". */
  total?: number;
}

/** `started: false`: a backfill of the space was already running; `progress` is that one's. */
export interface SweepStart {
  started: boolean;
  progress: SweepProgress;
}

/**
 * Starts a sweep of a space and returns at once. A backfill that is still running is not started
 * twice (its progress is returned). A reconcile run replaces the previous one of the same space,
 * reaching back as far as the older one did when that one did not cover its window (see `swept`),
 * so no window is left unswept.
 */
export async function startSweep(platform: Platform, request: SweepRequest): Promise<SweepStart> {
  const start = await beginSweep(platform, request);
  if (start.started) await platform.queue.push([sweepStepJob(start.progress, 0)]);
  return start;
}

/** Stores the progress of a new run (see startSweep); the caller pushes its first step. */
export async function beginSweep(platform: Platform, request: SweepRequest): Promise<SweepStart> {
  const repo = new SweepProgressRepo(platform.store);
  const existing = await repo.get(request.kind, request.spaceKey);
  let since = request.since;
  if (existing && !existing.done && request.kind === 'backfill')
    return { started: false, progress: existing };
  if (existing && request.kind === 'reconcile' && !swept(existing))
    since = existing.since === undefined || since === undefined ? undefined : Math.min(existing.since, since);
  const progress: SweepProgress = {
    kind: request.kind,
    spaceKey: request.spaceKey,
    runId: randomUUID(),
    ...(since !== undefined && { since }),
    steps: 0,
    seen: 0,
    queued: 0,
    skipped: 0,
    ...(request.total !== undefined && { total: request.total }),
    done: false,
    startedAt: platform.clock.now(),
    ...(request.requestedBy !== undefined && { requestedBy: request.requestedBy }),
  };
  await repo.save(progress);
  return { started: true, progress };
}

/**
 * Whether a reconcile run covered its window. One still running, or stopped because Confluence
 * refused or kept failing the search (most likely in an outage, exactly when events get lost),
 * left part of its window unseen, so the next run reaches back as far as it did. (A run that
 * found no target for the space had nothing to deliver: its window is moot.)
 */
function swept(run: SweepProgress): boolean {
  return run.done && run.incomplete !== true;
}

/** Cancels the space's running sweep of that kind; undefined when none runs. */
export async function cancelSweep(
  platform: Platform,
  kind: SweepKind,
  spaceKey: string,
): Promise<SweepProgress | undefined> {
  const repo = new SweepProgressRepo(platform.store);
  const progress = await repo.get(kind, spaceKey);
  if (!progress || progress.done) return undefined;
  return repo.cancel(progress, platform.clock.now());
}
