import { randomUUID } from 'node:crypto';
import { deliveryId as makeDeliveryId } from '../domain/delivery-id';
import type { DeliveryRecord } from '../domain/delivery-record';
import { decideClaim, type LedgerRow } from '../domain/ledger';
import { eventName } from '../domain/relay-event';
import { MAX_ATTEMPTS } from '../domain/retry-schedule';
import type { DeliveryItem, TargetResult } from '../targets/target-adapter';
import { spacingFor } from '../targets/create-adapter';
import { settleAttempt } from './settle-attempt';
import { waitStep, type Recorder, type TargetDeps, type TargetStep, type TargetWork } from './target-work';

export type { TargetDeps, TargetStep, TargetWork } from './target-work';

const WAIT_POLL_SECONDS = 15;

/**
 * Delivers one item to one target exactly once in effect: throttle check, claim the ledger row,
 * call the target, settle the row, log every step. Whatever happens after the claim, the claim is
 * released and the attempt counted, so a failing target can neither hold its row nor loop.
 */
export async function deliverToTarget(work: TargetWork, deps: TargetDeps): Promise<TargetStep> {
  const { target, want } = work;
  const before = await deps.ledger.get(work.contentId, target.id);
  // Stable across retries (failures leave the delivered digest alone), new after any delivery.
  const digest = `${want.digest}<${before?.digest ?? ''}`;
  const id = makeDeliveryId({
    contentId: work.contentId,
    version: want.version,
    digest,
    targetId: target.id,
    action: want.action,
  });
  const base: Omit<DeliveryRecord, 'status' | 'at'> = {
    deliveryId: id,
    attempt: work.attempt,
    targetId: target.id,
    pageId: work.item.event.pageId,
    spaceKey: work.spaceKey,
    contentId: work.contentId,
    version: want.version,
    action: want.action,
    event: eventName(work.item.event),
    trace: work.trace,
    ...(work.item.event.kind === 'comment' && { location: work.item.event.location }),
  };
  const record: Recorder = (status, extra = {}) =>
    deps.log.record({ ...base, status, at: deps.now(), ...extra });

  if (work.attempt > MAX_ATTEMPTS) {
    // Waits turn into attempts (target-work.ts), so a target that stays busy ends here.
    await record('failed', {
      reason: `gave up: the target stayed throttled or busy for ${MAX_ATTEMPTS} attempts`,
    });
    return { kind: 'done' };
  }
  const turn = await deps.rate.turn(target.id, deps.now(), spacingFor(target), work.ticketAt);
  if (turn.waitSeconds > 0) {
    await record('retrying', { reason: `target is throttled: waiting ${turn.waitSeconds}s for its turn` });
    return waitStep(work, turn.waitSeconds, turn.ticketAt);
  }
  const token = randomUUID();
  const claim = await claimRow(work, deps, before, token, record);
  if (claim.kind !== 'claimed') return claim.step;
  work.item = withRemote(work.item, claim.row);
  await record('attempting');
  // Latency is measured in real time: the sandbox's virtual clock does not move during I/O.
  const started = performance.now();
  let result: TargetResult;
  try {
    result = await work.adapter.deliver(work.item, {
      deliveryId: id,
      attempt: work.attempt,
      signal: deps.signal,
    });
  } catch (error) {
    // A bug or an unexpected platform error: release the claim and count the attempt.
    result = { kind: 'retryable', reason: `internal error: ${(error as Error).message}` };
  }
  const latencyMs = Math.round(performance.now() - started);
  return settleAttempt(work, deps, { claimed: claim.row, token, result, latencyMs, record, deliveryId: id });
}

type Claim = { kind: 'claimed'; row: LedgerRow } | { kind: 'step'; step: TargetStep };

async function claimRow(
  work: TargetWork,
  deps: TargetDeps,
  before: LedgerRow | undefined,
  token: string,
  record: Recorder,
): Promise<Claim> {
  for (let tries = 0; tries < 3; tries++) {
    const row = tries === 0 ? before : await deps.ledger.get(work.contentId, work.target.id);
    const ids = { contentId: work.contentId, targetId: work.target.id, token };
    const decision = decideClaim(row, work.want, ids, deps.now());
    if (decision.kind === 'skip') {
      await record('skipped', { reason: decision.reason });
      return { kind: 'step', step: { kind: 'done' } };
    }
    if (decision.kind === 'wait') {
      const delaySeconds = Math.min(
        WAIT_POLL_SECONDS,
        Math.max(1, Math.ceil((decision.untilMs - deps.now()) / 1000)),
      );
      await record('retrying', { reason: `waiting: ${decision.reason}` });
      return { kind: 'step', step: waitStep(work, delaySeconds) };
    }
    if (await deps.ledger.write(decision.row, decision.conditions))
      return { kind: 'claimed', row: decision.row };
  }
  await record('retrying', { reason: 'ledger contended by other consumers' });
  return { kind: 'step', step: waitStep(work, 5) };
}

function withRemote(item: DeliveryItem, row: LedgerRow): DeliveryItem {
  if (item.action === 'notify') return item;
  if (item.action === 'upsert') {
    const firstDelivery = row.status !== 'synced' && row.version === 0;
    return { ...item, remoteId: row.remoteId, remoteState: row.remoteState, firstDelivery };
  }
  return { ...item, remoteId: row.remoteId, remoteState: row.remoteState };
}
