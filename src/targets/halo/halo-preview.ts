import type { HaloTargetSettings } from '../../domain/settings';
import { keys } from '../../domain/storage-layout';
import type { DeliveryItem, PayloadPreview, TargetDeps } from '../target-adapter';
import { buildArticle } from './halo-article';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * The Halo request a delivery would make, built with the article builder the delivery uses, with
 * no call to Halo and no write to storage: the FAQ list as configured or as created before, images
 * already re-hosted pointing at Halo, new ones still at Confluence (uploaded at delivery).
 */
export async function previewHalo(
  settings: HaloTargetSettings,
  deps: TargetDeps,
  item: DeliveryItem,
): Promise<PayloadPreview> {
  switch (item.action) {
    case 'notify':
      return { request: 'nothing is sent', notes: ['Halo articles take no comments'] };
    case 'remove':
      if (settings.onRemove === 'keep')
        return { request: 'nothing is sent', notes: ['the article is kept in Halo (target policy)'] };
      return item.remoteId
        ? { request: `DELETE /api/KBArticle/${item.remoteId}`, notes: [] }
        : { request: 'DELETE /api/KBArticle/{id}', notes: ['the article is found by its marker tag'] };
    case 'upsert':
      return previewUpsert(settings, deps, item);
  }
}

async function previewUpsert(
  settings: HaloTargetSettings,
  deps: TargetDeps,
  item: Extract<DeliveryItem, { action: 'upsert' }>,
): Promise<PayloadPreview> {
  const { page } = item;
  const notes: string[] = [];
  const spaceKey = page.spaceKey ?? item.event.spaceKey ?? '';
  const created = await deps.store.get<{ id?: number }>(keys.haloFaqList(settings.id, spaceKey));
  const choice = settings.faqLists[spaceKey] ?? settings.defaultFaqList;
  const faqListId = created?.id ?? (typeof choice === 'number' ? choice : 0);
  if (faqListId === 0) notes.push(`a FAQ list for space ${spaceKey} is created at the first push`);
  const known = item.remoteState?.images;
  const links = typeof known === 'object' && known !== null ? (known as Record<string, unknown>) : {};
  let html = item.rendered.html?.output ?? '';
  let fresh = 0;
  for (const { source, url } of item.rendered.html?.images ?? []) {
    if (source.kind !== 'attachment' || source.page || !url) continue;
    const link = links[source.filename];
    if (typeof link === 'string')
      html = html.split(`src="${escapeAttr(url)}"`).join(`src="${escapeAttr(link)}"`);
    else fresh++;
  }
  if (fresh > 0) notes.push(`${fresh} image(s) are uploaded to Halo at delivery and linked from there`);
  const attached = (await deps.confluence?.attachments(page.id)) ?? [];
  const article = buildArticle({
    page,
    html,
    faqListId,
    visibility: item.options?.haloVisibility ?? settings.visibility,
    files: attached.filter((f) => !f.mediaType.startsWith('image/')),
    ...(item.remoteId !== undefined && { id: Number(item.remoteId) }),
  });
  if (item.remoteId === undefined) notes.push('a new article, unless one with its marker tag exists');
  return {
    request: 'POST /api/KBArticle',
    contentType: 'application/json',
    body: JSON.stringify([article]),
    notes,
  };
}
