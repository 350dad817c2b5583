import { stateDigest } from '../../domain/delivery-id';
import type { HaloTargetSettings } from '../../domain/settings';
import type {
  ConnectionTest,
  DeliveryAttempt,
  DeliveryItem,
  PayloadPreview,
  TargetAdapter,
  TargetDeps,
  TargetResult,
} from '../target-adapter';
import { buildArticle, markerTag } from './halo-article';
import { HaloClient } from './halo-client';
import { HaloError } from './halo-errors';
import { FaqLists } from './halo-faq-lists';
import { rehostImages } from './halo-images';
import { previewHalo } from './halo-preview';
import type { HaloArticle } from './halo-types';

type Upsert = Extract<DeliveryItem, { action: 'upsert' }>;
type Remove = Extract<DeliveryItem, { action: 'remove' }>;

/**
 * Halo knowledge base: pages become KB articles in their space's FAQ list, updated in place, found
 * again by their marker tag when the ledger lost them, deleted or kept when pages leave.
 */
export class HaloAdapter implements TargetAdapter {
  private readonly faqLists: FaqLists;

  constructor(
    private readonly settings: HaloTargetSettings,
    private readonly deps: TargetDeps,
  ) {
    const spaceName = async (key: string) => deps.confluence?.spaceName(key);
    this.faqLists = new FaqLists(settings, deps.store, deps.clock, spaceName);
  }

  preview(item: DeliveryItem): Promise<PayloadPreview> {
    return previewHalo(this.settings, this.deps, item);
  }

  async deliver(item: DeliveryItem, attempt: DeliveryAttempt): Promise<TargetResult> {
    const client = new HaloClient(this.settings, this.deps, attempt.signal);
    try {
      switch (item.action) {
        case 'notify':
          return { kind: 'kept', reason: 'Halo articles take no comments' };
        case 'remove':
          return await this.remove(client, item);
        case 'upsert':
          return await this.upsert(client, item);
      }
    } catch (error) {
      if (error instanceof HaloError) return toResult(error);
      throw error;
    }
  }

  /** Gets a new token and lists the FAQ lists (HaloClient.testConnection); bounded by `signal`. */
  async testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    const answer = await new HaloClient(this.settings, this.deps, signal).testConnection();
    if (!answer.ok) return answer;
    const lists = answer.faqLists === 1 ? '1 FAQ list' : `${answer.faqLists} FAQ lists`;
    return { ok: true, detail: `signed in to Halo and read the knowledge base (${lists})` };
  }

  private async remove(client: HaloClient, item: Remove): Promise<TargetResult> {
    if (this.settings.onRemove === 'keep')
      return { kind: 'delivered', note: 'article kept in Halo (target policy)' };
    const ids = item.remoteId
      ? [Number(item.remoteId)]
      : (await client.findArticlesByTag(markerTag(item.pageId))).map((a) => a.id);
    const results = await Promise.all(ids.map((id) => client.deleteArticle(id)));
    return {
      kind: 'delivered',
      remoteId: item.remoteId,
      note: results.includes('missing') ? 'article was already gone from Halo' : undefined,
    };
  }

  private async upsert(client: HaloClient, item: Upsert): Promise<TargetResult> {
    const { page } = item;
    const spaceKey = page.spaceKey ?? item.event.spaceKey ?? '';
    let faqListId = await this.faqLists.resolve(client, spaceKey);
    const existing = await this.findExisting(client, item);
    let note: string | undefined;
    const edited = existing && handEdited(existing, item.remoteState);
    if (existing && edited) {
      const who = existing.editor_name ? ` by ${existing.editor_name}` : '';
      if (this.settings.handEdits === 'keep') {
        return {
          kind: 'kept',
          reason: `article ${existing.id} was edited in Halo${who} (${existing.date_edited}) since the last push; kept by the target's hand-edit policy`,
        };
      }
      note = `overwrote changes made in Halo${who} (${existing.date_edited})`;
    }
    const rehosted = await rehostImages({
      html: item.rendered.html?.output ?? '',
      images: item.rendered.html?.images ?? [],
      pageId: page.id,
      known: imageLinks(item.remoteState),
      client,
      confluence: this.deps.confluence,
    });
    const html = rehosted.html;
    const attached = (await this.deps.confluence?.attachments(page.id)) ?? [];
    const files = attached.filter((f) => !f.mediaType.startsWith('image/'));
    const save = (listId: number) =>
      client.saveArticle(
        buildArticle({
          page,
          html,
          faqListId: listId,
          visibility: item.options?.haloVisibility ?? this.settings.visibility,
          files,
          id: existing?.id,
        }),
      );
    let saved;
    try {
      saved = await save(faqListId);
    } catch (error) {
      if (!(error instanceof HaloError) || error.kind !== 'rejected' || (await client.getFaqList(faqListId)))
        throw error;
      faqListId = await this.faqLists.replaceMissing(client, spaceKey, faqListId);
      saved = await save(faqListId);
      note = [note, `FAQ list recreated as ${faqListId}`].filter(Boolean).join('; ');
    }
    const recreated =
      item.remoteId && !existing ? `article ${item.remoteId} was deleted in Halo; recreated` : undefined;
    return {
      kind: 'delivered',
      remoteId: String(saved.id),
      remoteState: {
        dateEdited: saved.date_edited,
        bodyHash: stateDigest(saved.description),
        faqListId,
        images: rehosted.links,
      },
      note: [note, recreated, ...rehosted.notes].filter(Boolean).join('; ') || undefined,
      more: rehosted.pending > 0,
    };
  }

  /** The article of this page: by the ledger's id, else by the marker tag (never a second one). */
  private async findExisting(client: HaloClient, item: Upsert) {
    if (item.remoteId) return client.getArticle(Number(item.remoteId));
    const [found] = await client.findArticlesByTag(markerTag(item.page.id));
    return found ? client.getArticle(found.id) : undefined;
  }
}

function imageLinks(remote: Record<string, unknown> | undefined): Record<string, string> {
  const images = remote?.images;
  if (typeof images !== 'object' || images === null) return {};
  return Object.fromEntries(
    Object.entries(images).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Changed in Halo since our last push: a newer edit date, or a body other than the one we sent. */
function handEdited(article: HaloArticle, remote: Record<string, unknown> | undefined): boolean {
  if (!remote) return false;
  const dateMoved =
    typeof remote.dateEdited === 'string' &&
    article.date_edited !== undefined &&
    article.date_edited !== remote.dateEdited;
  const bodyMoved =
    typeof remote.bodyHash === 'string' && stateDigest(article.description) !== remote.bodyHash;
  return dateMoved || bodyMoved;
}

function toResult(error: HaloError): TargetResult {
  switch (error.kind) {
    case 'rate-limited':
      return {
        kind: 'throttled',
        reason: error.message,
        retryAfterSeconds: error.retryAfterSeconds ?? 60,
        httpStatus: error.status,
      };
    case 'unavailable':
      return {
        kind: 'retryable',
        reason: error.message,
        retryAfterSeconds: error.retryAfterSeconds,
        httpStatus: error.status,
      };
    case 'rejected':
    case 'auth':
    case 'egress':
    case 'not-found':
      return { kind: 'failed', reason: error.message, httpStatus: error.status };
  }
}
