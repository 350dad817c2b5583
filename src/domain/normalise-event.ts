import type { z } from 'zod';
import { commentEventSchema, labelEventSchema, pageEventSchema } from './confluence-event-schema';
import { COMMENT_ACTIONS, LABEL_ACTIONS, PAGE_ACTIONS, type RelayEvent } from './relay-event';

export type Normalised =
  | { kind: 'event'; event: RelayEvent }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string; pageId?: string };

const PREFIX = 'avi:confluence:';

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * Turns a Confluence product event into a RelayEvent. Drops what Relay must not act on: events the
 * app caused itself (`selfGenerated`), live docs until they are published, non-page content.
 */
export function normaliseEvent(payload: unknown): Normalised {
  const eventType = (payload as { eventType?: unknown } | null)?.eventType;
  if (typeof eventType !== 'string') return { kind: 'invalid', reason: 'payload has no eventType' };
  const [action, noun] = eventType.startsWith(PREFIX) ? eventType.slice(PREFIX.length).split(':') : [];
  if (!action || !noun) return { kind: 'invalid', reason: `unknown event type "${eventType}"` };
  if ((payload as { selfGenerated?: unknown }).selfGenerated === true) {
    return { kind: 'ignored', reason: `${eventType} was caused by Relay itself` };
  }
  if (noun === 'page' && includes(PAGE_ACTIONS, action)) return normalisePage(payload, action);
  if (noun === 'comment' && includes(COMMENT_ACTIONS, action)) return normaliseComment(payload, action);
  if (noun === 'label' && includes(LABEL_ACTIONS, action)) return normaliseLabel(payload, action);
  return { kind: 'invalid', reason: `unknown event type "${eventType}"` };
}

function normalisePage(payload: unknown, action: (typeof PAGE_ACTIONS)[number]): Normalised {
  const parsed = pageEventSchema.safeParse(payload);
  if (!parsed.success) return { kind: 'invalid', reason: `malformed page event: ${issues(parsed.error)}` };
  const p = parsed.data;
  if (p.content.type !== 'page')
    return { kind: 'ignored', reason: `content type ${p.content.type} is not synced` };
  if (p.content.subType === 'live' && action !== 'published') {
    return { kind: 'ignored', reason: 'live docs are left alone until they are published as pages' };
  }
  const prevParentId = (p.prevContent as { parentId?: unknown } | undefined)?.parentId;
  return {
    kind: 'event',
    event: {
      kind: 'page',
      action,
      pageId: p.content.id,
      spaceKey: p.content.space?.key,
      version: p.content.version?.number,
      actorId: p.atlassianId,
      at: p.eventCreatedDate,
      minorEdit: p.content.version?.minorEdit ?? false,
      suppressNotifications: p.suppressNotifications ?? false,
      prevSpaceKey: p.prevContent?.space?.key,
      prevParentId: typeof prevParentId === 'string' ? prevParentId : undefined,
      originPageId: p.originContentId,
    },
  };
}

function normaliseComment(payload: unknown, action: (typeof COMMENT_ACTIONS)[number]): Normalised {
  const parsed = commentEventSchema.safeParse(payload);
  if (!parsed.success) return { kind: 'invalid', reason: `malformed comment event: ${issues(parsed.error)}` };
  const c = parsed.data;
  if (c.content.container.type !== 'page') {
    return { kind: 'ignored', reason: `comments on ${c.content.container.type} are not synced` };
  }
  return {
    kind: 'event',
    event: {
      kind: 'comment',
      action,
      pageId: c.content.container.id,
      commentId: c.content.id,
      location: c.content.extensions?.location === 'inline' ? 'inline' : 'footer',
      spaceKey: c.content.space?.key,
      version: c.content.version?.number,
      actorId: c.atlassianId,
      at: c.eventCreatedDate,
      minorEdit: false,
      suppressNotifications: c.suppressNotifications ?? false,
    },
  };
}

function normaliseLabel(payload: unknown, action: (typeof LABEL_ACTIONS)[number]): Normalised {
  const parsed = labelEventSchema.safeParse(payload);
  if (!parsed.success) return { kind: 'invalid', reason: `malformed label event: ${issues(parsed.error)}` };
  const l = parsed.data;
  if (!l.content) return { kind: 'ignored', reason: 'label event on a space or template' };
  if (l.content.type !== 'page')
    return { kind: 'ignored', reason: `labels on ${l.content.type} are not synced` };
  return {
    kind: 'event',
    event: {
      kind: 'label',
      action,
      pageId: l.content.id,
      label: l.label.name,
      spaceKey: l.content.space?.key,
      version: l.content.version?.number,
      actorId: l.atlassianId,
      at: l.eventCreatedDate,
      minorEdit: false,
      suppressNotifications: l.suppressNotifications ?? false,
    },
  };
}
