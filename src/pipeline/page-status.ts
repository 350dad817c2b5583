import type { DeliveryRecord } from '../domain/delivery-record';
import type { LedgerRow } from '../domain/ledger';
import type { TargetSettings } from '../domain/settings';
import type { Store } from '../ports/store';
import { remoteLink } from '../targets/create-adapter';
import { DeliveryLog } from './delivery-log';
import { LedgerRepo } from './ledger-repo';

/** Where a page stands at one target, as its byline shows it. */
export type PageState = 'synced' | 'behind' | 'failed' | 'skipped' | 'blocked' | 'pending' | 'removed';

export interface PageTargetStatus {
  targetId: string;
  targetName: string;
  state: PageState;
  /** The version the target holds (0: none). */
  deliveredVersion: number;
  reason?: string;
  /** When the latest log entry for this page and target was written. */
  at?: number;
  link?: string;
}

/** Log entries per page read for the byline: the latest per target is all it needs. */
const RECENT = 100;

/** Skips that only say "nothing to do": the ledger tells the state. */
const NO_OP_SKIP = /already delivered|already removed|superseded|never delivered/;

/**
 * Per target that knows the page (a ledger row or a log entry): synced, behind the page's current
 * version, failed (with the reason), skipped (with the reason), blocked by a read restriction,
 * pending (being delivered or waiting for a retry), or removed. Newest log entry first.
 */
export async function pageStatus(
  store: Store,
  targets: readonly TargetSettings[],
  pageId: string,
  currentVersion: number,
): Promise<PageTargetStatus[]> {
  const rows = (await new LedgerRepo(store).forContent(pageId)).filter((r) => r.contentId === pageId);
  const recent = await new DeliveryLog(store).recentForPage(pageId, RECENT);
  const latest = new Map<string, DeliveryRecord>();
  for (const value of recent) {
    if (value.contentId !== pageId || latest.has(value.targetId)) continue;
    if (value.status === 'skipped' && NO_OP_SKIP.test(value.reason ?? '')) continue;
    latest.set(value.targetId, value);
  }
  return targets
    .filter((t) => latest.has(t.id) || rows.some((r) => r.targetId === t.id))
    .map((t) =>
      statusOf(
        t,
        rows.find((r) => r.targetId === t.id),
        latest.get(t.id),
        currentVersion,
      ),
    );
}

function statusOf(
  target: TargetSettings,
  row: LedgerRow | undefined,
  last: DeliveryRecord | undefined,
  currentVersion: number,
): PageTargetStatus {
  const deliveredVersion = row && (row.version > 0 || row.digest !== '') ? row.version : 0;
  const base = {
    targetId: target.id,
    targetName: target.name,
    deliveredVersion,
    ...(last && { at: last.at }),
    ...(row?.remoteId && row.status !== 'removed' && { link: remoteLink(target, row.remoteId) }),
  };
  const fromLog = last && stateOfRecord(last);
  if (fromLog) return { ...base, state: fromLog, ...(last.reason && { reason: last.reason }) };
  if (row?.status === 'removed') return { ...base, state: 'removed' };
  if (deliveredVersion === 0) return { ...base, state: 'failed', reason: row?.lastError };
  return { ...base, state: deliveredVersion >= currentVersion ? 'synced' : 'behind' };
}

/** The state a log entry decides by itself; undefined when the ledger decides (delivered). */
function stateOfRecord(record: DeliveryRecord): PageState | undefined {
  switch (record.status) {
    case 'failed':
    case 'rejected':
      return 'failed';
    case 'skipped':
      return /read restriction|restrictions could not be verified/.test(record.reason ?? '')
        ? 'blocked'
        : 'skipped';
    case 'attempting':
    case 'retrying':
      return 'pending';
    case 'delivered':
      return undefined;
  }
}
