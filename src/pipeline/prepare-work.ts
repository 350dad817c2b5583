import { deliveryId, stateDigest } from '../domain/delivery-id';
import type { JobBody } from '../domain/job-body';
import type { LedgerRow, Want } from '../domain/ledger';
import type { Planned } from '../domain/plan';
import { eventName } from '../domain/relay-event';
import type { CommentSnapshot, PageSnapshot } from '../domain/snapshots';
import type { Http } from '../ports/http';
import type { Platform } from '../ports/platform';
import { createAdapter } from '../targets/create-adapter';
import type { DeliveryItem } from '../targets/target-adapter';
import type { ConfluenceClient } from './confluence/confluence-client';
import type { DeliveryLog } from './delivery-log';
import type { TargetWork } from './deliver-to-target';
import { planWithFacts } from './gather-facts';
import { LedgerRepo } from './ledger-repo';
import type { SettingsRepo } from './settings-repo';
import { UserNames } from './user-names';

export interface PrepareInput {
  platform: Platform;
  body: JobBody;
  confluence: ConfluenceClient;
  settingsRepo: SettingsRepo;
  log: DeliveryLog;
  http: Http;
}

/**
 * Reads what the plan needs — settings, the page (one request), the ledger rows, and only when a
 * mapping needs them the restrictions, the comment and author names — and turns the plan into
 * work items. Skips are logged here with their reason.
 */
export async function prepareWork(input: PrepareInput): Promise<TargetWork[]> {
  const { platform, body, confluence } = input;
  const event = body.event;
  const settings = await input.settingsRepo.load();
  const fetched = await confluence.getPage(event.pageId);
  const page = fetched.kind === 'found' ? fetched.page : undefined;
  const spaceKey =
    page?.spaceKey ?? event.spaceKey ?? (page ? await confluence.getSpaceKey(page.spaceId) : undefined);
  const ledger = await new LedgerRepo(platform.store).forContent(event.pageId);
  const planned = await planWithFacts({
    event,
    page,
    goneReason: fetched.kind === 'gone' ? fetched.reason : undefined,
    spaceKey,
    settings,
    ledger,
    only: body.targets,
    confluence,
  });
  const now = platform.clock.now();
  for (const p of planned.filter((x) => x.action === 'skip')) {
    await input.log.record({
      deliveryId: deliveryId({
        contentId: event.pageId,
        version: page?.version.number ?? 0,
        digest: 'skip',
        targetId: p.targetId,
        action: 'skip',
      }),
      attempt: body.attempt,
      targetId: p.targetId,
      pageId: event.pageId,
      spaceKey: spaceKey ?? '-',
      contentId: event.pageId,
      version: page?.version.number ?? 0,
      action: 'skip',
      event: eventName(event),
      status: 'skipped',
      reason: p.reason,
      at: now,
      trace: body.trace,
    });
  }
  const active = planned.filter((p) => p.action !== 'skip' && p.target);
  if (active.length === 0) return [];
  const names = new UserNames(platform.store, confluence);
  const comment =
    event.kind === 'comment' && active.some((p) => p.action === 'notify')
      ? await loadComment(confluence, event)
      : undefined;
  const authorId = comment ? comment.version.authorId : page?.version.authorId;
  const author = {
    accountId: authorId ?? event.actorId ?? 'unknown',
    displayName: await names.get(authorId ?? event.actorId),
  };
  const deps = { http: input.http, secrets: platform.secrets, clock: platform.clock, log: platform.log };
  return active.map((p) => {
    const target = p.target!;
    const item = buildItem(p, event, page, comment, author);
    const contentId = item.action === 'notify' ? item.comment.id : event.pageId;
    return {
      target,
      adapter: createAdapter(target, deps),
      item,
      contentId,
      want: wantOf(
        item,
        ledger.find((r) => r.targetId === target.id),
        event.version,
        now,
      ),
      attempt: body.attempt,
      spaceKey: spaceKey ?? '-',
      trace: body.trace,
    };
  });
}

async function loadComment(confluence: ConfluenceClient, event: JobBody['event']): Promise<CommentSnapshot> {
  if (event.kind !== 'comment') throw new Error('not a comment event');
  const fetched = await confluence.getComment(event.commentId, event.location);
  if (fetched.kind === 'gone') {
    return {
      id: event.commentId,
      pageId: event.pageId,
      status: 'deleted',
      location: event.location,
      version: { number: event.version ?? 0 },
      body: '',
      deleted: true,
    };
  }
  const c = fetched.comment;
  return {
    id: c.id,
    pageId: event.pageId,
    status: c.status,
    location: event.location,
    version: c.version,
    body: c.body.storage?.value ?? '',
    deleted: false,
  };
}

function buildItem(
  p: Planned,
  event: JobBody['event'],
  page: PageSnapshot | undefined,
  comment: CommentSnapshot | undefined,
  author: { accountId: string; displayName?: string },
): DeliveryItem {
  if (p.action === 'upsert' && page) return { action: 'upsert', event, page, author, firstDelivery: false };
  if (p.action === 'notify' && page && comment) return { action: 'notify', event, page, comment, author };
  return { action: 'remove', event, pageId: event.pageId, reason: p.reason, title: page?.title };
}

function wantOf(
  item: DeliveryItem,
  row: LedgerRow | undefined,
  eventVersion: number | undefined,
  now: number,
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
      return { action: 'upsert', version: page.version.number, digest, fetchedAt: now };
    }
    case 'notify':
      return {
        action: 'notify',
        version: item.comment.version.number,
        digest: stateDigest([item.comment.deleted, item.comment.body]),
        fetchedAt: now,
      };
    case 'remove':
      return {
        action: 'remove',
        version: Math.max(row?.version ?? 0, eventVersion ?? 0),
        digest: `removed:${stateDigest(item.reason)}`,
        fetchedAt: now,
      };
  }
}
