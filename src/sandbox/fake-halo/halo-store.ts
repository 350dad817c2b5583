import type { Clock } from '../../ports/clock';
import type {
  ArticleChanges,
  ArticleRecord,
  AttachmentInput,
  AttachmentRecord,
  Editor,
  FaqListRecord,
  ImageRecord,
} from './halo-records';

/**
 * The fake tenant's knowledge base. Id ranges differ per table (FAQ lists from 1, articles from
 * 1001, attachments from 5001) so that an id used for the wrong kind of record is caught, not
 * silently accepted. Callers validate first; the store only applies.
 */
export class HaloStore {
  private readonly lists = new Map<number, FaqListRecord>();
  private readonly kb = new Map<number, ArticleRecord>();
  private readonly pictures = new Map<string, ImageRecord>();
  private readonly tagIds = new Map<string, number>();
  private nextListId = 1;
  private nextArticleId = 1001;
  private nextAttachmentId = 5001;

  constructor(private readonly clock: Clock) {}

  article(id: number): ArticleRecord | undefined {
    return this.kb.get(id);
  }

  articles(): ArticleRecord[] {
    return [...this.kb.values()].sort((a, b) => a.id - b.id);
  }

  createArticle(changes: ArticleChanges, editor: Editor): ArticleRecord {
    const now = this.clock.now();
    const record: ArticleRecord = {
      id: this.nextArticleId++,
      name: '',
      description: '',
      description_html: '',
      resolution: '',
      resolution_html: '',
      tags: [],
      faqlistIds: [],
      // UNVERIFIED: Halo's default visibility for an article created without `showforall`.
      showforall: false,
      teamIds: [],
      attachments: [],
      createdAt: now,
      creator: editor,
      editedAt: now,
      editor,
    };
    this.kb.set(record.id, record);
    return this.updateArticle(record.id, changes, editor);
  }

  /** Applies `changes` and bumps the edit date; the article must exist. */
  updateArticle(id: number, changes: ArticleChanges, editor: Editor): ArticleRecord {
    const record = this.kb.get(id);
    if (record === undefined) throw new Error(`no article ${id}`);
    record.name = changes.name ?? record.name;
    record.description = changes.description ?? record.description;
    record.description_html = changes.description_html ?? record.description_html;
    record.resolution = changes.resolution ?? record.resolution;
    record.resolution_html = changes.resolution_html ?? record.resolution_html;
    record.tags = changes.tags ?? record.tags;
    record.faqlistIds = changes.faqlistIds ?? record.faqlistIds;
    record.showforall = changes.showforall ?? record.showforall;
    record.teamIds = changes.teamIds ?? record.teamIds;
    if (changes.attachments !== undefined)
      record.attachments = this.attachmentsFor(record, changes.attachments);
    for (const tag of record.tags) this.tagId(tag);
    record.editedAt = this.clock.now();
    record.editor = editor;
    return record;
  }

  removeArticle(id: number): boolean {
    return this.kb.delete(id);
  }

  /** A stable id per tag text (case-insensitive), for `tags: [{id, text}]`. */
  tagId(text: string): number {
    const key = text.toLowerCase();
    const known = this.tagIds.get(key);
    if (known !== undefined) return known;
    const id = this.tagIds.size + 1;
    this.tagIds.set(key, id);
    return id;
  }

  faqList(id: number): FaqListRecord | undefined {
    return this.lists.get(id);
  }

  faqLists(): FaqListRecord[] {
    return [...this.lists.values()].sort((a, b) => a.id - b.id);
  }

  saveFaqList(id: number | undefined, fields: Omit<FaqListRecord, 'id'>): FaqListRecord {
    const record: FaqListRecord = { id: id ?? this.nextListId++, ...fields };
    this.lists.set(record.id, record);
    return record;
  }

  /**
   * Deletes a FAQ list. UNVERIFIED (targets.md documents no DELETE for FAQ lists): its articles stay
   * and lose the link; its child lists move to the top level.
   */
  removeFaqList(id: number): boolean {
    if (!this.lists.delete(id)) return false;
    for (const article of this.kb.values()) article.faqlistIds = article.faqlistIds.filter((f) => f !== id);
    for (const list of this.lists.values()) if (list.groupId === id) list.groupId = 0;
    return true;
  }

  articleCount(faqListId: number): number {
    return [...this.kb.values()].filter((a) => a.faqlistIds.includes(faqListId)).length;
  }

  addImage(image: ImageRecord): void {
    this.pictures.set(image.token, image);
  }

  image(token: string): ImageRecord | undefined {
    return this.pictures.get(token);
  }

  images(): ImageRecord[] {
    return [...this.pictures.values()].sort((a, b) => a.uploadedAt - b.uploadedAt);
  }

  /**
   * UNVERIFIED: a given `attachments` array replaces the set — entries with an `id` keep that
   * attachment, entries with `data_base64` add one, attachments not listed are removed.
   */
  private attachmentsFor(record: ArticleRecord, inputs: AttachmentInput[]): AttachmentRecord[] {
    return inputs.map((input): AttachmentRecord => {
      if (input.kind === 'keep') {
        const kept = record.attachments.find((a) => a.id === input.id);
        if (kept === undefined) throw new Error(`no attachment ${input.id} on article ${record.id}`);
        return kept;
      }
      const { kind: _kind, ...rest } = input;
      return { id: this.nextAttachmentId++, createdAt: this.clock.now(), ...rest };
    });
  }
}
