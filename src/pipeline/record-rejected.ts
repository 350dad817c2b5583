import { createHash } from 'node:crypto';
import type { DeliveryRecord } from '../domain/delivery-record';
import type { DeliveryLog } from './delivery-log';

/**
 * Records an event or job that could not be processed at all (malformed, unknown type, Confluence
 * unavailable past the retries), so that nothing is lost silently.
 */
export async function recordRejected(
  log: DeliveryLog,
  now: number,
  reason: string,
  payload: unknown,
  status: DeliveryRecord['status'] = 'rejected',
): Promise<void> {
  const job = payload as {
    event?: { pageId?: unknown; kind?: unknown; action?: unknown };
    trace?: unknown;
  } | null;
  const event = job?.event;
  const raw = payload as { content?: { id?: unknown }; eventType?: unknown } | null;
  const pageId = String(event?.pageId ?? raw?.content?.id ?? '-');
  const digest = createHash('sha256')
    .update(JSON.stringify(payload ?? null))
    .digest('base64url')
    .slice(0, 22);
  await log.record({
    deliveryId: `rej_${digest}`,
    attempt: 0,
    targetId: '-',
    pageId: /^[\w-]+$/.test(pageId) ? pageId : '-',
    spaceKey: '-',
    contentId: pageId,
    version: 0,
    action: 'none',
    event: event ? `${String(event.kind)}.${String(event.action)}` : String(raw?.eventType ?? 'unknown'),
    status,
    reason,
    at: now,
    trace: typeof job?.trace === 'string' ? job.trace : undefined,
  });
}
