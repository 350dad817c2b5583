import { stateDigest } from '../domain/delivery-id';
import type { JobBody } from '../domain/job-body';
import type { LedgerRow, Want } from '../domain/ledger';
import type { Planned } from '../domain/plan';
import type { CommentSnapshot, PageSnapshot, Person } from '../domain/snapshots';
import type { DeliveryItem, Rendered } from '../targets/target-adapter';
import type { ConfluenceClient } from './confluence/confluence-client';

/** The comment of a comment event, or a deleted stand-in when Confluence no longer has it. */
export async function loadComment(
  confluence: ConfluenceClient,
  event: JobBody['event'],
): Promise<CommentSnapshot> {
  if (event.kind !== 'comment') throw new Error('not a comment event');
  const fetched = await confluence.getComment(event.commentId, event.location);
  const base = { id: event.commentId, pageId: event.pageId, location: event.location };
  if (fetched.kind === 'gone') {
    return { ...base, status: 'deleted', version: { number: event.version ?? 0 }, body: '', deleted: true };
  }
  const c = fetched.comment;
  return { ...base, status: c.status, version: c.version, body: c.body.storage?.value ?? '', deleted: false };
}

export interface ItemInput {
  event: JobBody['event'];
  page: PageSnapshot | undefined;
  comment: CommentSnapshot | undefined;
  author: Person;
  rendered: Rendered;
}

export function buildItem(p: Planned, input: ItemInput): DeliveryItem {
  const { event, page, comment, author } = input;
  if (p.action === 'upsert' && page) {
    return {
      action: 'upsert',
      event,
      page,
      author,
      firstDelivery: false,
      rendered: input.rendered,
      options: p.options,
    };
  }
  if (p.action === 'notify' && page && comment)
    return { action: 'notify', event, page, comment, author, options: p.options };
  return { action: 'remove', event, pageId: event.pageId, reason: p.reason, title: page?.title };
}

/** What a target would receive, as a version, a digest and the time the page was read. */
export function wantOf(
  item: DeliveryItem,
  row: LedgerRow | undefined,
  eventVersion: number | undefined,
  fetchedAt: number,
): Want {
  switch (item.action) {
    case 'upsert': {
      const { page } = item;
      const digest = stateDigest([
        page.title,
        page.status,
        page.spaceKey,
        page.parentId,
        page.labels,
        page.body,
      ]);
      return { action: 'upsert', version: page.version.number, digest, fetchedAt };
    }
    case 'notify':
      return {
        action: 'notify',
        version: item.comment.version.number,
        digest: stateDigest([item.comment.deleted, item.comment.body]),
        fetchedAt,
      };
    case 'remove':
      return {
        action: 'remove',
        version: Math.max(row?.version ?? 0, eventVersion ?? 0),
        digest: `removed:${stateDigest(item.reason)}`,
        fetchedAt,
      };
  }
}
