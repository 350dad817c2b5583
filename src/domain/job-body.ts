import { z } from 'zod';
import { relayEventSchema } from './relay-event';

/**
 * The queue body: the normalised event, optionally narrowed to some targets (a per-target retry
 * or a replay), and the attempt number. Versioned so that jobs queued before a deploy still parse.
 */
export const jobBodySchema = z.object({
  v: z.literal(1),
  event: relayEventSchema,
  targets: z.array(z.string()).min(1).optional(),
  attempt: z.number().int().min(1).default(1),
  /** Requeues of this target that were not attempts (waiting for a claim, throttled). */
  waits: z.number().int().min(0).default(0),
  /** The turn this delivery holds in its target's waiting line (rate-state.ts). */
  ticketAt: z.number().optional(),
  /** Which trigger event this job stems from (its type and time), carried into the delivery log. */
  trace: z.string().max(120).optional(),
  /** Walk the pages below `event.pageId` (from this CQL cursor) and queue one job per page. */
  subtree: z.object({ cursor: z.string().optional() }).optional(),
  /** A continuation of work checkpointed by an earlier invocation. */
  continuation: z.boolean().optional(),
});

export type JobBody = z.infer<typeof jobBodySchema>;
