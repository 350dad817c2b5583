import { z } from 'zod';

/** The normalised event: ids and versions only, small enough for a queue body. */
export const PAGE_ACTIONS = [
  'created',
  'updated',
  'trashed',
  'restored',
  'deleted',
  'moved',
  'copied',
  'archived',
  'unarchived',
  'permissions_updated',
  'published',
] as const;
/**
 * Not a Confluence event: Relay re-evaluates each page below one whose restrictions changed or that
 * moved, because Confluence emits no events for descendants.
 */
export const REEVALUATED = 'reevaluated';
export const COMMENT_ACTIONS = ['created', 'updated', 'deleted'] as const;
export const LABEL_ACTIONS = ['added', 'removed'] as const;

const common = {
  pageId: z.string().regex(/^\d+$/),
  spaceKey: z.string().optional(),
  /** Version number the event reported; the consumer always reads the current one. */
  version: z.number().int().nonnegative().optional(),
  actorId: z.string().optional(),
  at: z.string().optional(),
  minorEdit: z.boolean(),
  suppressNotifications: z.boolean(),
};

export const relayEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('page'),
    action: z.enum([...PAGE_ACTIONS, REEVALUATED]),
    ...common,
    prevSpaceKey: z.string().optional(),
    prevParentId: z.string().optional(),
    originPageId: z.string().optional(),
  }),
  z.object({
    kind: z.literal('comment'),
    action: z.enum(COMMENT_ACTIONS),
    ...common,
    commentId: z.string().regex(/^\d+$/),
    location: z.enum(['footer', 'inline']),
  }),
  z.object({
    kind: z.literal('label'),
    action: z.enum(LABEL_ACTIONS),
    ...common,
    label: z.string(),
  }),
]);

export type RelayEvent = z.infer<typeof relayEventSchema>;
export type PageAction = (typeof PAGE_ACTIONS)[number] | typeof REEVALUATED;

/** Events after which every page below must be re-evaluated. */
export const SUBTREE_ACTIONS: readonly PageAction[] = ['permissions_updated', 'moved'];

/** The event type name used in logs and webhook payloads, e.g. `page.updated`. */
export function eventName(event: RelayEvent): string {
  return `${event.kind}.${event.action}`;
}
