import { deliveryId } from '../domain/delivery-id';
import type { JobBody } from '../domain/job-body';
import type { Planned } from '../domain/plan';
import { eventName } from '../domain/relay-event';
import type { DeliveryLog } from './delivery-log';

/** Logs each target the plan left out, with its reason. */
export async function recordSkips(
  log: DeliveryLog,
  body: JobBody,
  skips: Planned[],
  context: { version: number; spaceKey: string | undefined; now: number },
): Promise<void> {
  const { event } = body;
  for (const p of skips) {
    await log.record({
      deliveryId: deliveryId({
        contentId: event.pageId,
        version: context.version,
        digest: 'skip',
        targetId: p.targetId,
        action: 'skip',
      }),
      attempt: body.attempt,
      targetId: p.targetId,
      pageId: event.pageId,
      spaceKey: context.spaceKey ?? '-',
      contentId: event.pageId,
      version: context.version,
      action: 'skip',
      event: eventName(event),
      status: 'skipped',
      reason: p.reason,
      at: context.now,
      trace: body.trace,
    });
  }
}
