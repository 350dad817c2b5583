import { isLicensed, type LicenceContext } from '../domain/licence';
import { reconcileSpaces } from '../pipeline/reconcile';
import { createForgePlatform } from '../platform/forge/forge-platform';

/**
 * Scheduled trigger (every hour, manifest `relay-reconcile`): finds pages changed since the last run
 * whose version is ahead of the ledger (missed events) and queues them. Hourly, because a missed
 * event is rare and an hour is an acceptable worst case for a stale copy, while each run costs a
 * CQL search per mapped space (one on a quiet hour, sweep-query.ts): every five minutes would cost
 * twelve times that for little gain, daily would leave a page stale for up to a day. Answers like
 * the line sweep does.
 */
export async function reconcile(_event?: unknown, context?: LicenceContext): Promise<{ statusCode: number }> {
  const platform = createForgePlatform();
  // Like the product triggers: an installation without an active licence pushes nothing.
  if (!isLicensed(context)) {
    platform.log.warn('no active licence: reconcile skipped');
    return { statusCode: 204 };
  }
  await reconcileSpaces(platform);
  return { statusCode: 204 };
}
