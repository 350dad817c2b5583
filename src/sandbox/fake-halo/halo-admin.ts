import { isoDate } from './halo-json';
import type { ArticleRecord } from './halo-records';
import { HAND_EDITOR } from './halo-records';
import type { HaloStore } from './halo-store';
import type { ArticleSnapshot, HaloSnapshot, HandEdit } from './halo-types';

function articleSnapshot(a: ArticleRecord): ArticleSnapshot {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    description_html: a.description_html,
    resolution: a.resolution,
    resolution_html: a.resolution_html,
    tags: [...a.tags],
    faqlistIds: [...a.faqlistIds],
    showforall: a.showforall,
    teamIds: [...a.teamIds],
    attachments: a.attachments.map((x) => ({
      id: x.id,
      filename: x.filename,
      filesize: x.data.length,
      desc: x.desc,
      showforusers: x.showforusers,
    })),
    date_created: isoDate(a.createdAt),
    date_edited: isoDate(a.editedAt),
    editor_name: a.editor.name,
  };
}

/** What tests and the sandbox report see, and what an admin does by hand in Halo's UI. */
export class HaloAdmin {
  constructor(
    private readonly store: HaloStore,
    private readonly baseUrl: () => string,
  ) {}

  snapshot(): HaloSnapshot {
    return {
      faqLists: this.store.faqLists().map((l) => ({
        id: l.id,
        name: l.name,
        showforall: l.showforall,
        group_id: l.groupId,
        article_count: this.store.articleCount(l.id),
      })),
      articles: this.store.articles().map(articleSnapshot),
      images: this.store.images().map((i) => ({
        token: i.token,
        link: `${this.baseUrl()}/api/attachment/image?token=${i.token}`,
        filename: i.filename,
        contentType: i.contentType,
        size: i.data.length,
        uploadedAt: isoDate(i.uploadedAt),
      })),
    };
  }

  deleteArticle(id: number): void {
    if (!this.store.removeArticle(id)) throw new Error(`fake Halo has no article ${id}`);
  }

  deleteFaqList(id: number): void {
    if (!this.store.removeFaqList(id)) throw new Error(`fake Halo has no FAQ list ${id}`);
  }

  /** Applies the edit as agent "Halo Admin" and bumps date_edited to the clock's now. */
  editArticleByHand(id: number, patch: HandEdit): void {
    if (this.store.article(id) === undefined) throw new Error(`fake Halo has no article ${id}`);
    const unknown = patch.faqlistIds?.find((f) => this.store.faqList(f) === undefined);
    if (unknown !== undefined) throw new Error(`fake Halo has no FAQ list ${unknown}`);
    const { tag_string, faqlistIds, ...fields } = patch;
    const tags = tag_string
      ?.split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    this.store.updateArticle(id, { ...fields, tags, faqlistIds }, HAND_EDITOR);
  }
}
