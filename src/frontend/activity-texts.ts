/**
 * The Activity tab's, the preview's and the byline's English texts, the same as the locale files'
 * top-level "activity", "preview" and "byline" objects (a test keeps them equal). Components read
 * them in the viewer's language through activity-i18n.ts. `{name}` placeholders are filled by `fill`.
 */
export const ACTIVITY_TEXT = {
  loading: 'Loading the delivery log',
  heading: 'Activity',
  chartTitle: 'Deliveries per day by outcome',
  chartPartial: 'The chart counts the most recent 1,000 log entries of this space only.',
  filterTarget: 'Target',
  filterStatus: 'Status',
  filterSpace: 'Space key',
  filterPage: 'Page id',
  allTargets: 'All targets',
  allStatuses: 'All statuses',
  apply: 'Apply filters',
  empty: 'Nothing in the log for these filters (entries are kept for 30 days).',
  when: 'When',
  target: 'Target',
  page: 'Page',
  space: 'Space',
  event: 'Event',
  status: 'Status',
  reason: 'Reason',
  action: 'Action',
  replay: 'Replay',
  replayAll: 'Replay all failed of {name}',
  replayRunning: 'Replaying the failures of {name}: {queued} page(s) queued so far.',
  replayDone: 'Replay of the failures of {name} finished: {queued} page(s) queued.',
  newer: 'Newer',
  older: 'Older',
  previewHeading: 'Preview a page',
  previewButton: 'Preview',
  previewHelp: 'Exactly what each target would receive for the page now. Nothing is sent.',
  backfillOpen: 'Backfill…',
  backfillHeading: 'Backfill',
  backfillHelp:
    "Queues the pages of a mapped space through the normal pipeline: only pages a target may take go, each once, at the targets' pace. Pages already delivered at their current version are not queued again.",
  backfillSpace: 'Space',
  backfillSince: 'Only pages modified since (optional)',
  backfillStart: 'Start backfill',
  backfillCancel: 'Cancel backfill of {space}',
  backfillRefresh: 'Refresh',
  backfillNone: '{space}: no backfill yet.',
  backfillRunning: '{space}: {seen} of ~{total} pages checked, {queued} queued.',
  backfillRunningNoTotal: '{space}: {seen} pages checked so far, {queued} queued.',
  backfillDone: '{space}: backfill finished, {queued} pages queued, {skipped} already delivered.',
  backfillCancelled: '{space}: backfill cancelled after {queued} pages queued.',
  backfillFailed: '{space}: backfill stopped: {error}',
  backfillStarted: 'Backfill of {space} started.',
  backfillAlready: 'A backfill of {space} is already running.',
  backfillStopped: 'Backfill of {space} cancelled.',
  backfillConfirm:
    'About {total} pages of {space} will be checked; those already delivered at their version are not sent again. Start the backfill?',
  backfillConfirmNoTotal:
    'The pages of {space} will be checked; those already delivered at their version are not sent again. Start the backfill?',
  backfillConfirmButton: 'Confirm backfill',
  backfillNotNow: 'Not now',
  reconcileNever: 'Missed events are looked for every hour; the first check has not run yet.',
  reconcileLast:
    'Missed events are looked for every hour: last check {when}, {queued} page(s) found and queued.',
} as const;

export const PREVIEW_TEXT = {
  loading: 'Building the preview',
  nothingSent: 'Nothing is sent to this target',
  noTargets: 'No target takes this page.',
  request: 'Request: {request}',
} as const;

export const BYLINE_TEXT = {
  loading: 'Loading Relay status',
  heading: 'Where this page went',
  none: 'Relay has not pushed this page anywhere yet.',
  delivered: 'version {version} delivered',
  open: 'Open at the target',
  pushNow: 'Push now',
  pushed: 'Queued: the page is pushed in a moment.',
  preview: 'Preview what targets receive',
  states: {
    synced: 'synced',
    behind: 'behind',
    failed: 'failed',
    skipped: 'skipped',
    blocked: 'blocked by restriction',
    pending: 'in progress',
    removed: 'removed',
  },
} as const;

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}
