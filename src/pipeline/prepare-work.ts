import { convertMany } from '../convert/convert';
import type { JobBody } from '../domain/job-body';
import type { PageSnapshot } from '../domain/snapshots';
import type { Http } from '../ports/http';
import type { Platform } from '../ports/platform';
import { createAdapter, formatsFor } from '../targets/create-adapter';
import type { Rendered } from '../targets/target-adapter';
import type { ConfluenceClient } from './confluence/confluence-client';
import type { DeliveryLog } from './delivery-log';
import { planWithFacts } from './gather-facts';
import { LedgerRepo } from './ledger-repo';
import { recordSkips } from './record-skips';
import type { SettingsRepo } from './settings-repo';
import type { TargetWork } from './target-work';
import { UserNames } from './user-names';
import { buildItem, loadComment, wantOf } from './work-items';

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
 * rule needs them the state, restrictions, comment and author names — converts the body once per
 * format the targets ask for, and turns the plan into work items. Skips are logged with a reason.
 */
export async function prepareWork(input: PrepareInput): Promise<TargetWork[]> {
  const { platform, body, confluence } = input;
  const event = body.event;
  const settings = await input.settingsRepo.load();
  // Same-version changes are ordered by when the page was read, so take the time before reading.
  const fetchedAt = platform.clock.now();
  const fetched = await confluence.getPage(event.pageId);
  const page = fetched.kind === 'found' ? fetched.page : undefined;
  const spaceKey =
    page?.spaceKey ?? event.spaceKey ?? (page ? await confluence.getSpaceKey(page.spaceId) : undefined);
  const ledger = await new LedgerRepo(platform.store).forContent(event.pageId);
  const goneReason = fetched.kind === 'gone' ? fetched.reason : undefined;
  const only = body.targets;
  const planned = await planWithFacts({
    event,
    page,
    goneReason,
    spaceKey,
    settings,
    ledger,
    only,
    confluence,
  });
  const context = { version: page?.version.number ?? 0, spaceKey, now: platform.clock.now() };
  await recordSkips(
    input.log,
    body,
    planned.filter((p) => p.action === 'skip'),
    context,
  );
  const active = planned.filter((p) => p.action !== 'skip' && p.target);
  if (active.length === 0) return [];
  const names = new UserNames(platform.store, confluence);
  const notify = event.kind === 'comment' && active.some((p) => p.action === 'notify');
  const comment = notify ? await loadComment(confluence, event) : undefined;
  const authorId = (comment ? comment.version.authorId : page?.version.authorId) ?? event.actorId;
  const author = { accountId: authorId ?? 'unknown', displayName: await names.get(authorId) };
  const upserts = active
    .filter((p) => p.action === 'upsert')
    .flatMap((p) => (p.target ? formatsFor(p.target) : []));
  const rendered = page && upserts.length > 0 ? renderBody(page, [...new Set(upserts)], spaceKey) : {};
  const deps = {
    http: input.http,
    secrets: platform.secrets,
    store: platform.store,
    clock: platform.clock,
    log: platform.log,
    confluence,
  };
  return active.map((p) => {
    const target = p.target!;
    const item = buildItem(p, { event, page, comment, author, rendered });
    const row = ledger.find((r) => r.targetId === target.id);
    return {
      target,
      adapter: createAdapter(target, deps),
      item,
      contentId: item.action === 'notify' ? item.comment.id : event.pageId,
      want: wantOf(item, row, event.version, fetchedAt),
      attempt: body.attempt,
      waits: body.waits,
      ticketAt: body.ticketAt,
      spaceKey: spaceKey ?? '-',
      trace: body.trace,
    };
  });
}

/** One parse of the storage body for every format asked for (never throws: warnings instead). */
export function renderBody(
  page: PageSnapshot,
  formats: Parameters<typeof convertMany>[1],
  spaceKey: string | undefined,
): Rendered {
  const baseUrl = page.url ? page.url.replace(/\/spaces\/.*$/, '') : undefined;
  return convertMany(page.body, formats, { baseUrl, pageId: page.id, spaceKey, pageUrl: page.url });
}
