import type { ArticleRecord, FaqListRecord } from './halo-records';
import type { HaloStore } from './halo-store';

/** ISO-8601 with milliseconds and `Z`, as in HAPI's swagger templates (`2019-08-02T14:35:56.033Z`). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** The FAQ list's ancestors, root first (the list itself excluded). */
function ancestors(list: FaqListRecord, store: HaloStore): FaqListRecord[] {
  const chain: FaqListRecord[] = [];
  for (
    let parent = store.faqList(list.groupId);
    parent !== undefined;
    parent = store.faqList(parent.groupId)
  ) {
    if (chain.includes(parent)) break;
    chain.unshift(parent);
  }
  return chain;
}

/**
 * A FAQ list with the fields of targets.md A.5. UNVERIFIED: `level` = depth (0 at the top),
 * `is_group` = has child lists, `full_name` = the names from the top joined with " / ".
 */
export function faqListJson(list: FaqListRecord, store: HaloStore): Record<string, unknown> {
  const chain = ancestors(list, store);
  return {
    id: list.id,
    name: list.name,
    showforall: list.showforall,
    level: chain.length,
    is_group: store.faqLists().some((other) => other.groupId === list.id),
    group_id: list.groupId,
    group_name: store.faqList(list.groupId)?.name ?? '',
    full_name: [...chain, list].map((l) => l.name).join(' / '),
    article_count: store.articleCount(list.id),
  };
}

/** What a list (`GET /api/KBArticle`) returns per article: no bodies, no nested objects. UNVERIFIED. */
export function articleSummaryJson(article: ArticleRecord): Record<string, unknown> {
  return {
    id: article.id,
    name: article.name,
    tag_string: article.tags.join(','),
    showforall: article.showforall,
    date_created: isoDate(article.createdAt),
    date_edited: isoDate(article.editedAt),
    view_count: 0,
  };
}

/**
 * A whole article (targets.md A.4 fields). `details` adds the nested `faqlists`, `teams` and
 * `attachments` (targets.md: `?includedetails=true` "for faqlists/attachments"); POST answers
 * include them, as the A.4 example response does. Attachment bytes are never echoed.
 */
export function articleJson(
  article: ArticleRecord,
  store: HaloStore,
  teams: ReadonlyMap<number, string>,
  details: boolean,
): Record<string, unknown> {
  const base = {
    ...articleSummaryJson(article),
    description: article.description,
    description_html: article.description_html,
    resolution: article.resolution,
    resolution_html: article.resolution_html,
    tags: article.tags.map((text) => ({ id: store.tagId(text), text })),
    creator_id: article.creator.id,
    creator_name: article.creator.name,
    editor_id: article.editor.id,
    editor_name: article.editor.name,
    useful_count: 0,
    notuseful_count: 0,
  };
  if (!details) return base;
  return {
    ...base,
    faqlists: article.faqlistIds.flatMap((id) => {
      const list = store.faqList(id);
      return list === undefined ? [] : [faqListJson(list, store)];
    }),
    teams: article.teamIds.map((id) => ({ id, name: teams.get(id) ?? '' })),
    attachments: article.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      datecreated: isoDate(a.createdAt),
      filesize: a.data.length,
      desc: a.desc,
      showforusers: a.showforusers,
    })),
  };
}
