import { randomUUID } from 'node:crypto';
import { deliveryId as makeDeliveryId } from '../domain/delivery-id';
import type { DeliveryRecord } from '../domain/delivery-record';
import { decideClaim, settleRow, type LedgerRow, type Want } from '../domain/ledger';
import { nextRetry } from '../domain/retry-schedule';
import { eventName } from '../domain/relay-event';
import type { TargetSettings } from '../domain/settings';
import type { DeliveryItem, TargetAdapter, TargetResult } from '../targets/target-adapter';
import type { DeliveryLog } from './delivery-log';
import type { LedgerRepo } from './ledger-repo';
import type { RateState } from './rate-state';
import type { SettingsRepo } from './settings-repo';

export interface TargetWork {
  target: TargetSettings;
  adapter: TargetAdapter;
  item: DeliveryItem;
  contentId: string;
  want: Want;
  attempt: number;
  spaceKey: string;
  trace?: string;
}

export interface TargetDeps {
  ledger: LedgerRepo;
  log: DeliveryLog;
  rate: RateState;
  settings: SettingsRepo;
  now: () => number;
  random: () => number;
  signal: AbortSignal;
}

/** What the consumer does next for this target: nothing, or a retry job after a delay. */
export type TargetStep = { kind: 'done' } | { kind: 'requeue'; delaySeconds: number; attempt: number };

const WAIT_POLL_SECONDS = 15;

/**
 * Delivers one item to one target exactly once in effect: throttle check, claim the ledger row,
 * call the target, settle the row, log every step.
 */
export async function deliverToTarget(work: TargetWork, deps: TargetDeps): Promise<TargetStep> {
  const { target, want } = work;
  const before = await deps.ledger.get(work.contentId, target.id);
  // Stable across retries (failures leave the delivered digest alone), new after any delivery.
  const id = makeDeliveryId({
    contentId: work.contentId,
    version: want.version,
    digest: `${want.digest}<${before?.digest ?? ''}`,
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
  };
  const record = (status: DeliveryRecord['status'], extra: Partial<DeliveryRecord> = {}) =>
    deps.log.record({ ...base, status, at: deps.now(), ...extra });

  const throttledFor = await deps.rate.waitSeconds(target.id, deps.now());
  if (throttledFor > 0) {
    await record('retrying', { reason: `target is throttled for ${throttledFor}s` });
    return { kind: 'requeue', delaySeconds: throttledFor, attempt: work.attempt };
  }
  const token = randomUUID();
  let claimed: LedgerRow | undefined;
  for (let tries = 0; tries < 3 && !claimed; tries++) {
    const row = tries === 0 ? before : await deps.ledger.get(work.contentId, target.id);
    const decision = decideClaim(
      row,
      want,
      { contentId: work.contentId, targetId: target.id, token },
      deps.now(),
    );
    if (decision.kind === 'skip') {
      await record('skipped', { reason: decision.reason });
      return { kind: 'done' };
    }
    if (decision.kind === 'wait') {
      const delaySeconds = Math.min(
        WAIT_POLL_SECONDS,
        Math.max(1, Math.ceil((decision.untilMs - deps.now()) / 1000)),
      );
      await record('retrying', { reason: `waiting: ${decision.reason}` });
      return { kind: 'requeue', delaySeconds, attempt: work.attempt };
    }
    if (await deps.ledger.write(decision.row, decision.conditions)) claimed = decision.row;
  }
  if (!claimed) {
    await record('retrying', { reason: 'ledger contended by other consumers' });
    return { kind: 'requeue', delaySeconds: 5, attempt: work.attempt };
  }
  work.item = withRemoteId(work.item, claimed);
  await record('attempting');
  // Latency is measured in real time: the sandbox's virtual clock does not move during I/O.
  const started = performance.now();
  const result = await work.adapter.deliver(work.item, {
    deliveryId: id,
    attempt: work.attempt,
    signal: deps.signal,
  });
  const latencyMs = Math.round(performance.now() - started);
  return settle(work, deps, { claimed, token, result, latencyMs, record, deliveryId: id });
}

function withRemoteId(item: DeliveryItem, row: LedgerRow): DeliveryItem {
  if (item.action === 'notify') return item;
  if (item.action === 'upsert')
    return { ...item, remoteId: row.remoteId, firstDelivery: row.status !== 'synced' && row.version === 0 };
  return { ...item, remoteId: row.remoteId };
}

async function settle(
  work: TargetWork,
  deps: TargetDeps,
  s: {
    claimed: LedgerRow;
    token: string;
    result: TargetResult;
    latencyMs: number;
    deliveryId: string;
    record: (status: DeliveryRecord['status'], extra?: Partial<DeliveryRecord>) => Promise<void>;
  },
): Promise<TargetStep> {
  const { result, latencyMs } = s;
  const now = deps.now();
  if (result.kind === 'delivered') {
    const status = work.want.action === 'remove' ? 'removed' : 'synced';
    const row = settleRow(
      s.claimed,
      work.want,
      { ok: true, status, remoteId: result.remoteId, deliveryId: s.deliveryId },
      now,
    );
    await deps.ledger.settle(row, s.token);
    await s.record('delivered', { httpStatus: result.httpStatus, remoteId: result.remoteId, latencyMs });
    return { kind: 'done' };
  }
  await deps.ledger.settle(
    settleRow(s.claimed, work.want, { ok: false, error: result.reason }, now),
    s.token,
  );
  if (result.kind === 'retryable') {
    if (result.retryAfterSeconds)
      await deps.rate.throttle(work.target.id, now + result.retryAfterSeconds * 1000);
    const next = nextRetry(work.attempt, result.retryAfterSeconds, deps.random());
    if (next.kind === 'retry') {
      await s.record('retrying', {
        reason: `${result.reason}; retry in ${next.delaySeconds}s`,
        httpStatus: result.httpStatus,
        latencyMs,
      });
      return { kind: 'requeue', delaySeconds: next.delaySeconds, attempt: work.attempt + 1 };
    }
    const reason = `gave up after ${work.attempt} attempts: ${result.reason}`;
    await s.record('failed', { reason, httpStatus: result.httpStatus, latencyMs });
    return { kind: 'done' };
  }
  if (result.kind === 'disable') await deps.settings.disableTarget(work.target.id, result.reason, now);
  await s.record('failed', { reason: result.reason, httpStatus: result.httpStatus, latencyMs });
  return { kind: 'done' };
}
