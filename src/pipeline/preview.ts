import type { LedgerRow } from '../domain/ledger';
import { REEVALUATED, type RelayEvent } from '../domain/relay-event';
import type { Http } from '../ports/http';
import type { Platform } from '../ports/platform';
import { createAdapter, formatsFor } from '../targets/create-adapter';
import type { DeliveryItem, PayloadPreview } from '../targets/target-adapter';
import { ConfluenceClient } from './confluence/confluence-client';
import { ExpectedError } from './errors';
import { planWithFacts } from './gather-facts';
import { LedgerRepo } from './ledger-repo';
import { renderBody } from './prepare-work';
import { SettingsRepo } from './settings-repo';
import { UserNames } from './user-names';
import { buildItem } from './work-items';

export interface TargetPreview {
  targetId: string;
  targetName: string;
  action: 'upsert' | 'remove' | 'notify' | 'skip';
  reason: string;
  payload?: PayloadPreview;
}

export type PreviewAnswer =
  { pageId: string; title: string; version: number; targets: TargetPreview[] } | { error: string };

export const CANNOT_READ = 'You cannot read this page, or it does not exist.';

/** A dry run never reaches a target. */
const noNetwork: Http = {
  fetch: () => Promise.reject(new Error('a preview sends nothing')),
};

/**
 * Exactly what each target would receive for the page now, without sending: the page fetched as
 * the caller (`asUser`; refused unless they may read it), the real plan (eligibility, restrictions
 * and the ledger), one conversion per format, and each adapter's own payload building.
 */
export async function previewPage(
  platform: Pick<Platform, 'store' | 'secrets' | 'clock' | 'log'>,
  asUser: Platform['confluence'],
  pageId: string,
): Promise<PreviewAnswer> {
  const now = () => platform.clock.now();
  const confluence = new ConfluenceClient(asUser, now);
  let fetched;
  try {
    fetched = await confluence.getPage(pageId);
  } catch (error) {
    if (error instanceof ExpectedError) return { error: CANNOT_READ };
    throw error;
  }
  if (fetched.kind === 'gone') return { error: CANNOT_READ };
  const page = fetched.page;
  const settings = await new SettingsRepo(platform.store, platform.log).load();
  const spaceKey = page.spaceKey ?? (await confluence.getSpaceKey(page.spaceId));
  const ledger = await new LedgerRepo(platform.store).forContent(pageId);
  const event: RelayEvent = {
    kind: 'page',
    action: REEVALUATED,
    pageId,
    spaceKey,
    version: page.version.number,
    at: new Date(now()).toISOString(),
    minorEdit: false,
    suppressNotifications: true,
  };
  const planned = await planWithFacts({ event, page, spaceKey, settings, ledger, confluence });
  const formats = planned.flatMap((p) => (p.action === 'upsert' && p.target ? formatsFor(p.target) : []));
  const rendered = formats.length > 0 ? renderBody(page, [...new Set(formats)], spaceKey) : {};
  const authorId = page.version.authorId;
  const author = {
    accountId: authorId ?? 'unknown',
    displayName: await new UserNames(platform.store, confluence).get(authorId),
  };
  const deps = { ...platform, http: noNetwork, confluence };
  const targets = await Promise.all(
    planned.map(async (p): Promise<TargetPreview> => {
      const target = settings.targets.find((t) => t.id === p.targetId);
      const base = {
        targetId: p.targetId,
        targetName: target?.name ?? p.targetId,
        action: p.action,
        reason: p.reason,
      };
      if (p.action === 'skip' || !p.target) return base;
      const row = ledger.find((r) => r.targetId === p.targetId);
      const item = withLedger(buildItem(p, { event, page, comment: undefined, author, rendered }), row);
      const adapter = createAdapter(p.target, deps);
      const payload = adapter.preview
        ? await adapter.preview(item)
        : { request: 'unknown', notes: ['this kind of target offers no preview'] };
      return { ...base, payload };
    }),
  );
  return { pageId, title: page.title, version: page.version.number, targets };
}

/** The remote record the ledger knows, as the consumer adds it once it holds the row. */
function withLedger(item: DeliveryItem, row: LedgerRow | undefined): DeliveryItem {
  if (item.action === 'notify') return item;
  const remote = { remoteId: row?.remoteId, remoteState: row?.remoteState };
  if (item.action === 'remove') return { ...item, ...remote };
  return { ...item, ...remote, firstDelivery: !row || (row.status !== 'synced' && row.version === 0) };
}
