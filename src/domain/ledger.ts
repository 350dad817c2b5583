import type { Conditions } from '../ports/store';

/**
 * The ledger: per (content, target) the last state delivered, the remote record, and the claim of
 * the consumer currently delivering. Claims make the effect exactly-once under at-least-once input:
 * a consumer claims the row (compare-and-set on `rev`) before any call to the target, and only a
 * state newer than the delivered one is delivered — an older or equal one never overwrites it.
 */
export type LedgerStatus = 'synced' | 'removed' | 'failed';

export interface LedgerRow {
  contentId: string;
  targetId: string;
  /** Of the last successful delivery. */
  version: number;
  digest: string;
  fetchedAt: number;
  status: LedgerStatus;
  remoteId?: string;
  /** What a target wants to remember of the remote record (edit date, re-hosted images…). */
  remoteState?: Record<string, unknown>;
  lastDeliveryId?: string;
  lastError?: string;
  rev: number;
  /** '' when unclaimed (kvs conditions need a value to compare). */
  claimToken: string;
  claimVersion: number;
  claimUntil: number;
  updatedAt: number;
}

/** What a consumer wants to deliver: the state it fetched. */
export interface Want {
  action: 'upsert' | 'remove' | 'notify';
  version: number;
  digest: string;
  fetchedAt: number;
}

export type ClaimDecision =
  | { kind: 'skip'; reason: string }
  | { kind: 'wait'; untilMs: number; reason: string }
  | { kind: 'claim'; conditions: Conditions; row: LedgerRow };

export const CLAIM_LEASE_MS = 150_000;

function isNewer(want: Want, row: LedgerRow): boolean {
  if (want.version !== row.version) return want.version > row.version;
  // Same version, other state (labels, status): the later read wins; ties go to the new state.
  return want.digest !== row.digest && want.fetchedAt >= row.fetchedAt;
}

function staleReason(want: Want, row: LedgerRow): string {
  if (want.version < row.version)
    return `version ${row.version} was already delivered; ${want.version} is older`;
  return `version ${want.version} was already delivered`;
}

export function decideClaim(
  row: LedgerRow | undefined,
  want: Want,
  ids: { contentId: string; targetId: string; token: string },
  now: number,
): ClaimDecision {
  if (row && row.claimToken !== '' && row.claimUntil > now) {
    if (row.claimVersion > want.version) {
      return { kind: 'skip', reason: `superseded: version ${row.claimVersion} is being delivered` };
    }
    return {
      kind: 'wait',
      untilMs: row.claimUntil,
      reason: `version ${row.claimVersion} is being delivered`,
    };
  }
  const delivered = row !== undefined && (row.version > 0 || row.digest !== '');
  if (want.action === 'remove' && (!delivered || row.status === 'removed')) {
    return {
      kind: 'skip',
      reason: delivered ? 'already removed at the target' : 'never delivered to this target',
    };
  }
  if (delivered && !isNewer(want, row)) return { kind: 'skip', reason: staleReason(want, row) };
  const base: LedgerRow = row ?? {
    contentId: ids.contentId,
    targetId: ids.targetId,
    version: 0,
    digest: '',
    fetchedAt: 0,
    status: 'failed',
    rev: 0,
    claimToken: '',
    claimVersion: 0,
    claimUntil: 0,
    updatedAt: now,
  };
  const conditions: Conditions = row
    ? { operator: 'and', items: [{ field: 'rev', condition: { op: 'equalTo', value: row.rev } }] }
    : { operator: 'and', items: [{ field: 'rev', condition: { op: 'notExists' } }] };
  return {
    kind: 'claim',
    conditions,
    row: {
      ...base,
      rev: base.rev + 1,
      claimToken: ids.token,
      claimVersion: want.version,
      claimUntil: now + CLAIM_LEASE_MS,
      updatedAt: now,
    },
  };
}

/** The row after the target call; written only while our claim still holds. */
export function settleRow(
  claimed: LedgerRow,
  want: Want,
  outcome:
    | {
        ok: true;
        status: LedgerStatus;
        remoteId?: string;
        remoteState?: Record<string, unknown>;
        deliveryId: string;
      }
    | { ok: false; error: string },
  now: number,
): LedgerRow {
  const released = {
    ...claimed,
    rev: claimed.rev + 1,
    claimToken: '',
    claimVersion: 0,
    claimUntil: 0,
    updatedAt: now,
  };
  // A failed attempt leaves what the target holds as it was: a page delivered before is still
  // there (and must still be removed if it stops being eligible); only a never-delivered row fails.
  if (!outcome.ok) {
    const delivered = claimed.version > 0 || claimed.digest !== '';
    return { ...released, status: delivered ? claimed.status : 'failed', lastError: outcome.error };
  }
  return {
    ...released,
    version: want.version,
    digest: want.digest,
    fetchedAt: want.fetchedAt,
    status: outcome.status,
    remoteId: outcome.remoteId ?? claimed.remoteId,
    remoteState: outcome.remoteState ?? claimed.remoteState,
    lastDeliveryId: outcome.deliveryId,
    lastError: undefined,
  };
}

/**
 * Our claim was taken over (the lease ran out while the target call was in flight) but the call
 * succeeded: fold what we delivered into the current row without touching the new claim — the
 * newer delivered state wins, and a remote id is never lost. undefined: nothing to change.
 */
export function foldLostSettle(current: LedgerRow, ours: LedgerRow): LedgerRow | undefined {
  const oursNewer =
    ours.version > current.version ||
    (ours.version === current.version && ours.fetchedAt > current.fetchedAt);
  const keepRemote = current.remoteId === undefined && ours.remoteId !== undefined;
  if (!oursNewer && !keepRemote) return undefined;
  const delivered = oursNewer
    ? {
        version: ours.version,
        digest: ours.digest,
        fetchedAt: ours.fetchedAt,
        status: ours.status,
        lastDeliveryId: ours.lastDeliveryId,
      }
    : {};
  return {
    ...current,
    ...delivered,
    remoteId: current.remoteId ?? ours.remoteId,
    remoteState: oursNewer ? (ours.remoteState ?? current.remoteState) : current.remoteState,
    rev: current.rev + 1,
    updatedAt: ours.updatedAt,
  };
}
