/** One line of the delivery log: an attempt ("attempting" first, then its outcome) or a decision. */
export type DeliveryStatus = 'attempting' | 'delivered' | 'skipped' | 'retrying' | 'failed' | 'rejected';

export interface DeliveryRecord {
  deliveryId: string;
  attempt: number;
  targetId: string;
  pageId: string;
  spaceKey: string;
  contentId: string;
  version: number;
  /** upsert | remove | notify | skip | (none for rejected events) */
  action: string;
  /** e.g. page.updated */
  event: string;
  status: DeliveryStatus;
  reason?: string;
  httpStatus?: number;
  remoteId?: string;
  latencyMs?: number;
  at: number;
  /** The trigger event this record stems from. */
  trace?: string;
  /** Comment deliveries: where the comment is, so that a replay can read it again. */
  location?: 'footer' | 'inline';
}

/** Outcomes counted per target and day (the activity chart). */
export const COUNTED: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'skipped', 'failed', 'retrying']);

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
