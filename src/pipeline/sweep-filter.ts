import type { Store } from '../ports/store';
import { DeliveryLog } from './delivery-log';
import { LedgerRepo } from './ledger-repo';

/** Log entries of a page read to see which versions the consumer already decided on. */
const LOG_LOOKBACK = 50;

/**
 * Whether queuing `version` of the page would be wasted: every target already holds that version
 * (or a newer one) in the ledger, or is delivering it now (a claim whose lease has not run out at
 * `now`: the claim of a consumer that died is no delivery, as in decideClaim). With `trustLog` (the reconcile) a
 * target whose log shows a decision on that version counts too: a page the target's rules leave
 * out has no ledger row but a `skipped` entry, and an edit that was not missed left one. A backfill
 * does not trust the log: it is asked for after the rules changed, when old decisions are moot.
 * One ledger query per page whatever the number of targets, and one log query only when needed
 * (UNVERIFIED whether Forge counts storage calls against an invocation's network-call limit; a
 * step makes at most about 200).
 */
export async function alreadyHandled(
  store: Store,
  page: { id: string; version: number },
  targetIds: readonly string[],
  trustLog: boolean,
  now: number,
): Promise<boolean> {
  const rows = await new LedgerRepo(store).forContent(page.id);
  const pending = targetIds.filter((targetId) => {
    const row = rows.find((r) => r.contentId === page.id && r.targetId === targetId);
    return !(
      row !== undefined &&
      (row.version >= page.version ||
        (row.claimToken !== '' && row.claimVersion >= page.version && row.claimUntil > now))
    );
  });
  if (pending.length === 0) return true;
  if (!trustLog) return false;
  const logged = await loggedVersions(store, page.id);
  return pending.every((targetId) => (logged.get(targetId) ?? 0) >= page.version);
}

/** The highest page version each target's log entries name, from the page's latest entries. */
async function loggedVersions(store: Store, pageId: string): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (const value of await new DeliveryLog(store).recentForPage(pageId, LOG_LOOKBACK)) {
    if (value.contentId !== pageId) continue;
    versions.set(value.targetId, Math.max(versions.get(value.targetId) ?? 0, value.version));
  }
  return versions;
}
