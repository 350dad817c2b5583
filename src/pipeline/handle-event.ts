import { isLicensed, type LicenceContext } from '../domain/licence';
import { normaliseEvent } from '../domain/normalise-event';
import { SUBTREE_ACTIONS } from '../domain/relay-event';
import type { JobOutcome } from '../ports/job-queue';
import type { Platform } from '../ports/platform';
import { DeliveryLog } from './delivery-log';
import { recordRejected } from './record-rejected';

export type EventOutcome = JobOutcome & { note?: string };

/**
 * The trigger: normalise, drop what Relay must not act on, enqueue ids and versions only. No REST
 * call and no target call happens here. A failed push asks Forge to retry the trigger.
 */
export async function handleConfluenceEvent(
  platform: Platform,
  payload: unknown,
  context?: LicenceContext,
  trace?: string,
): Promise<EventOutcome> {
  if (!isLicensed(context)) {
    platform.log.warn('no active licence: event not pushed');
    return { kind: 'done', note: 'unlicensed' };
  }
  const normalised = normaliseEvent(payload);
  switch (normalised.kind) {
    case 'ignored':
      platform.log.debug('event ignored', { reason: normalised.reason });
      return { kind: 'done', note: normalised.reason };
    case 'invalid':
      platform.log.warn('event rejected', { reason: normalised.reason });
      await recordRejected(new DeliveryLog(platform.store), platform.clock.now(), normalised.reason, payload);
      return { kind: 'done', note: normalised.reason };
    case 'event':
      try {
        const event = normalised.event;
        const body = { v: 1, event, trace: trace ?? `${event.kind}.${event.action}@${event.at ?? '?'}` };
        // Restrictions or a position changed: the pages below are re-evaluated too (walk-subtree.ts).
        const walk = event.kind === 'page' && SUBTREE_ACTIONS.includes(event.action);
        await platform.queue.push(walk ? [{ body }, { body: { ...body, subtree: {} } }] : [{ body }]);
        return { kind: 'done' };
      } catch (error) {
        const reason = (error as Error).message;
        platform.log.error('could not enqueue event', { pageId: normalised.event.pageId, reason });
        const afterSeconds = (error as Error).name === 'QueueRateLimitError' ? 60 : 10;
        return {
          kind: 'retry',
          afterSeconds,
          reason: 'FUNCTION_RETRY_REQUEST',
          data: { reason: reason.slice(0, 500) },
        };
      }
  }
}
