import { foldLostSettle, settleRow, type LedgerRow, type LedgerStatus } from '../domain/ledger';
import { nextRetry } from '../domain/retry-schedule';
import { spacingFor } from '../targets/create-adapter';
import type { TargetResult } from '../targets/target-adapter';
import { waitStep, type Recorder, type TargetDeps, type TargetStep, type TargetWork } from './target-work';

interface Attempt {
  claimed: LedgerRow;
  token: string;
  result: TargetResult;
  latencyMs: number;
  deliveryId: string;
  record: Recorder;
}

/** Settles the ledger row after the target call and decides what comes next. */
export async function settleAttempt(work: TargetWork, deps: TargetDeps, a: Attempt): Promise<TargetStep> {
  const { result, latencyMs } = a;
  const now = deps.now();
  if (result.kind === 'delivered') {
    const status: LedgerStatus = work.want.action === 'remove' ? 'removed' : 'synced';
    const outcome = {
      ok: true as const,
      status,
      remoteId: result.remoteId,
      remoteState: result.remoteState,
      deliveryId: a.deliveryId,
    };
    // A partial delivery is recorded under a digest of its own, so the same state is delivered
    // again by the continuation instead of being skipped as already delivered.
    const want = result.more
      ? { ...work.want, digest: `${work.want.digest}~partial:${a.deliveryId}` }
      : work.want;
    const row = settleRow(a.claimed, want, outcome, now);
    const note = (await deps.ledger.settle(row, a.token))
      ? result.note
      : await foldIntoCurrent(deps, row, result.note);
    await a.record('delivered', {
      httpStatus: result.httpStatus,
      remoteId: result.remoteId,
      latencyMs,
      reason: note,
    });
    return result.more ? waitStep(work, 1) : { kind: 'done' };
  }
  const reason = result.reason;
  await deps.ledger.settle(settleRow(a.claimed, work.want, { ok: false, error: reason }, now), a.token);
  switch (result.kind) {
    case 'kept':
      await a.record('skipped', { reason, latencyMs });
      return { kind: 'done' };
    case 'throttled': {
      const until = now + result.retryAfterSeconds * 1000;
      const turn = await deps.rate.throttle(
        work.target.id,
        until,
        now,
        spacingFor(work.target),
        work.ticketAt,
      );
      await a.record('retrying', {
        reason: `${reason}; waiting ${turn.waitSeconds}s`,
        httpStatus: result.httpStatus,
        latencyMs,
      });
      return waitStep(work, turn.waitSeconds, turn.ticketAt);
    }
    case 'retryable': {
      if (result.retryAfterSeconds) {
        await deps.rate.block(work.target.id, now + result.retryAfterSeconds * 1000);
      }
      const next = nextRetry(work.attempt, result.retryAfterSeconds, deps.random());
      if (next.kind === 'retry') {
        await a.record('retrying', {
          reason: `${reason}; retry in ${next.delaySeconds}s`,
          httpStatus: result.httpStatus,
          latencyMs,
        });
        return { kind: 'requeue', delaySeconds: next.delaySeconds, attempt: work.attempt + 1, waits: 0 };
      }
      await a.record('failed', {
        reason: `gave up after ${work.attempt} attempts: ${reason}`,
        httpStatus: result.httpStatus,
        latencyMs,
      });
      return { kind: 'done' };
    }
    case 'disable':
      await deps.settings.disableTarget(work.target.id, reason, now);
      break;
    case 'failed':
      break;
  }
  await a.record('failed', { reason, httpStatus: result.httpStatus, latencyMs });
  return { kind: 'done' };
}

/** The claim was lost mid-call: keep what the target now holds in the ledger anyway. */
async function foldIntoCurrent(deps: TargetDeps, ours: LedgerRow, note: string | undefined): Promise<string> {
  for (let tries = 0; tries < 3; tries++) {
    const current = await deps.ledger.get(ours.contentId, ours.targetId);
    if (!current) break;
    const folded = foldLostSettle(current, ours);
    if (!folded) break;
    const rev = {
      operator: 'and' as const,
      items: [{ field: 'rev', condition: { op: 'equalTo' as const, value: current.rev } }],
    };
    if (await deps.ledger.write(folded, rev)) break;
  }
  return [note, 'the claim expired during the call; the ledger was reconciled'].filter(Boolean).join('; ');
}
