import { assertNever } from '../../domain/assert-never';
import type { WebhookTargetSettings } from '../../domain/settings';
import { REEVALUATED } from '../../domain/relay-event';
import type { DeliveryItem } from '../target-adapter';

/**
 * The JSON body per Standard Webhooks' recommendation: `{type, timestamp, data}` with a
 * dot-separated type. Thin by design: ids, title, space, version, author, URL, labels and the body
 * in the formats the target asks for (storage for now).
 */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The body is deterministic for a delivery (retries resend the same bytes): `timestamp` is when the
 * change happened in Confluence, not when this attempt was made (that is `webhook-timestamp`).
 */
export function buildPayload(
  item: DeliveryItem,
  settings: WebhookTargetSettings,
  now: number,
): WebhookPayload {
  const changedAt =
    item.action === 'upsert'
      ? item.page.version.createdAt
      : item.action === 'notify'
        ? item.comment.version.createdAt
        : undefined;
  const timestamp = changedAt ?? item.event.at ?? new Date(now).toISOString();
  const event =
    item.event.action === REEVALUATED
      ? 'relay:reevaluated'
      : `avi:confluence:${item.event.action}:${item.event.kind}`;
  switch (item.action) {
    case 'upsert': {
      const { page } = item;
      const body: Record<string, string> = {};
      for (const format of settings.formats) {
        body[format] = format === 'storage' ? page.body : (item.rendered[format]?.output ?? '');
      }
      return {
        type: item.firstDelivery ? 'page.created' : 'page.updated',
        timestamp,
        data: {
          pageId: page.id,
          title: page.title,
          space: { id: page.spaceId, key: page.spaceKey ?? item.event.spaceKey },
          version: page.version.number,
          minorEdit: page.version.minorEdit,
          author: { accountId: item.author.accountId, displayName: item.author.displayName },
          updatedAt: page.version.createdAt,
          url: page.url,
          parentId: page.parentId,
          labels: page.labels.filter((l) => l.prefix === 'global').map((l) => l.name),
          body,
          event,
        },
      };
    }
    case 'remove':
      return {
        type: 'page.removed',
        timestamp,
        data: { pageId: item.pageId, title: item.title, reason: item.reason, event },
      };
    case 'notify': {
      const { comment, page } = item;
      const type = comment.deleted
        ? 'comment.deleted'
        : item.event.action === 'updated'
          ? 'comment.updated'
          : 'comment.created';
      return {
        type,
        timestamp,
        data: {
          commentId: comment.id,
          pageId: page.id,
          pageTitle: page.title,
          pageUrl: page.url,
          location: comment.location,
          version: comment.version.number,
          author: { accountId: item.author.accountId, displayName: item.author.displayName },
          body: comment.deleted ? undefined : { storage: comment.body },
          event,
        },
      };
    }
    default:
      return assertNever(item, 'delivery item');
  }
}
