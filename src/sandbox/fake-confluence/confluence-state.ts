import type { Clock } from '../../ports/clock';
import { AttachmentBook } from './attachment-book';
import type { AddAttachmentArgs, AttachmentRecord } from './attachment-book';
import * as comments from './comment-mutations';
import type { AddCommentArgs, UpdateCommentArgs } from './comment-mutations';
import type {
  ConfluencePage,
  ConfluenceSpace,
  ConfluenceUser,
  ContentState,
  SpaceStatus,
  SpaceType,
} from './confluence-model';
import { ConfluenceStore } from './confluence-store';
import type { CommentEvent, EventOptions, LabelEvent, PageEvent } from './event-payloads';
import * as authoring from './page-authoring';
import type { CreatePageArgs, UpdatePageArgs } from './page-authoring';
import { changeStatus, deletePage } from './page-lifecycle';
import * as metadata from './page-metadata';
import type { LabelArgs, SetRestrictionsArgs } from './page-metadata';
import * as structure from './page-structure';
import type { CopyPageArgs, MovePageArgs } from './page-structure';

export interface AddSpaceArgs {
  id?: string;
  key: string;
  name: string;
  type?: SpaceType;
  status?: SpaceStatus;
  authorId?: string;
}

/**
 * The fake site's state. Every mutation validates its input (unknown ids throw), changes the state
 * and returns the Forge product-event payload Confluence would emit for it (reference/forge.md §1).
 */
export class ConfluenceState extends ConfluenceStore {
  private readonly attachments = new AttachmentBook();

  constructor(clock: Clock, siteBaseUrl?: string) {
    super(clock, siteBaseUrl);
  }

  addUser(user: ConfluenceUser): ConfluenceUser {
    if (user.accountId.trim() === '' || user.displayName.trim() === '') {
      throw new Error('addUser needs an accountId and a displayName');
    }
    if (this.getUser(user.accountId) !== undefined) throw new Error(`user ${user.accountId} already exists`);
    const copy = { ...user };
    this.putUser(copy);
    return copy;
  }

  addSpace(args: AddSpaceArgs): ConfluenceSpace {
    const type = args.type ?? 'global';
    const keyPattern = type === 'personal' ? /^~[A-Za-z0-9:_-]+$/ : /^[A-Za-z0-9]{1,255}$/;
    if (!keyPattern.test(args.key)) throw new Error(`invalid ${type} space key: ${args.key}`);
    if (this.getSpaceByKey(args.key) !== undefined) throw new Error(`space key ${args.key} already exists`);
    if (args.name.trim() === '') throw new Error('addSpace needs a name');
    if (args.authorId !== undefined) this.requireUser(args.authorId, 'space author');
    const space: ConfluenceSpace = {
      id: this.allocateId(args.id),
      key: args.key,
      name: args.name,
      type,
      status: args.status ?? 'current',
      authorId: args.authorId ?? null,
      createdAt: this.nowIso(),
      homepageId: null,
    };
    this.putSpace(space);
    return space;
  }

  /** `avi:confluence:created:page`, or `initialized:page` with `live: true`. */
  createPage(args: CreatePageArgs): PageEvent {
    return authoring.createPage(this, args);
  }

  /** An unpublished draft: no event; served only with `status=draft` or `get-draft=true`. */
  createDraft(args: Omit<CreatePageArgs, 'live'>): ConfluencePage {
    return authoring.insertPage(this, args, 'draft');
  }

  updatePage(pageId: string, args: UpdatePageArgs): PageEvent {
    return authoring.updatePage(this, pageId, args);
  }

  publishLiveDoc(pageId: string, opts?: EventOptions): PageEvent {
    return authoring.publishLiveDoc(this, pageId, opts);
  }

  setContentState(pageId: string, args: EventOptions & { state: ContentState | null }): PageEvent {
    return authoring.setContentState(this, pageId, args);
  }

  trashPage(pageId: string, opts?: EventOptions): PageEvent {
    return changeStatus(this, pageId, 'trash', opts);
  }

  restorePage(pageId: string, opts?: EventOptions): PageEvent {
    return changeStatus(this, pageId, 'restore', opts);
  }

  archivePage(pageId: string, opts?: EventOptions): PageEvent {
    return changeStatus(this, pageId, 'archive', opts);
  }

  unarchivePage(pageId: string, opts?: EventOptions): PageEvent {
    return changeStatus(this, pageId, 'unarchive', opts);
  }

  /** Purge: the page must be trashed (or a draft); afterwards every endpoint answers 404. */
  deletePage(pageId: string, opts?: EventOptions): PageEvent {
    const event = deletePage(this, pageId, opts);
    this.attachments.dropPage(pageId);
    return event;
  }

  movePage(pageId: string, args: MovePageArgs): PageEvent {
    return structure.movePage(this, pageId, args);
  }

  copyPage(pageId: string, args?: CopyPageArgs): PageEvent {
    return structure.copyPage(this, pageId, args);
  }

  setRestrictions(pageId: string, args: SetRestrictionsArgs): PageEvent {
    return metadata.setRestrictions(this, pageId, args);
  }

  addLabel(pageId: string, args: LabelArgs): LabelEvent {
    return metadata.addLabel(this, pageId, args);
  }

  removeLabel(pageId: string, args: LabelArgs): LabelEvent {
    return metadata.removeLabel(this, pageId, args);
  }

  addComment(args: AddCommentArgs): CommentEvent {
    return comments.addComment(this, args);
  }

  updateComment(commentId: string, args: UpdateCommentArgs): CommentEvent {
    return comments.updateComment(this, commentId, args);
  }

  deleteComment(commentId: string, opts?: EventOptions): CommentEvent {
    return comments.deleteComment(this, commentId, opts);
  }

  /**
   * Uploads a file to a page (current, archived or draft). A filename the page already has gets a
   * new version: same id, bytes replaced, version + 1. No product event (Relay subscribes to none).
   */
  addAttachment(pageId: string, args: AddAttachmentArgs): AttachmentRecord {
    return this.attachments.add(this, pageId, args);
  }

  /** Purges an attachment and all its versions; unknown page or filename throws. */
  removeAttachment(pageId: string, filename: string): void {
    this.attachments.remove(this, pageId, filename);
  }

  /** Live records, in upload order: treat them as read-only. */
  listAttachments(pageId: string): AttachmentRecord[] {
    return this.attachments.list(pageId);
  }

  getAttachment(pageId: string, filename: string): AttachmentRecord | undefined {
    return this.attachments.get(pageId, filename);
  }
}
