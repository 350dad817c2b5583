/**
 * The CQL of a page sweep: the current pages of one space, optionally only those modified since an
 * instant, newest change first. Newest first, because a walk then ends at a batch of pages all
 * older than the instant (the extra hours read for time zones cost a batch or so, not all of them;
 * UNVERIFIED that CQL's lastmodified is the version date `expand=version` returns, hence a whole
 * batch, not the first older page), and because a page edited during a walk moves to the front,
 * behind the cursor: whatever kind of position the cursor keeps (UNVERIFIED for Confluence's: its
 * cursor is opaque), the pages after it can only be seen twice. (Oldest first, an edited page would
 * move past the cursor and could push another out.) A page that leaves the results during a walk
 * (trashed, moved to another space) is another matter: should the cursor be an offset, the pages
 * after it shift up by one and the walk skips one of them; the next backfill, or its next edit,
 * brings that page (the fake's `offset` cursor mode shows it).
 *
 * Confluence reads CQL date literals (`yyyy-MM-dd HH:mm`, minutes) in the searching user's time
 * zone, and no API tells an app which zone that is (CONFCLOUD-69670, as public connectors report
 * it; UNVERIFIED for an app's own searches). UTC offsets run from -12 to +14 hours, so the query
 * asks from ZONE_SLACK_MS earlier than wanted and the sweep keeps only the pages whose version
 * date (UTC, from `expand=version`) is at or after the instant: whatever the zone, no page is
 * missed, at the price of reading up to 14 hours more of changes.
 */
export const ZONE_SLACK_MS = 14 * 3600_000;

/** `yyyy-MM-dd HH:mm` of the instant in UTC, rounded down to the minute. */
export function cqlDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function sweepCql(spaceKey: string, since: number | undefined): string {
  const space = spaceKey.replace(/["\\]/g, '\\$&');
  const modified = since === undefined ? '' : ` AND lastmodified >= "${cqlDate(since - ZONE_SLACK_MS)}"`;
  return `type = page AND space = "${space}"${modified} ORDER BY lastmodified DESC`;
}
