import { createHash } from 'node:crypto';
import type { ContentVersion } from './confluence-model';
import type { ConfluenceStore } from './confluence-store';
import { actor, assertStatus, nextVersion } from './mutation-guards';

export interface AddAttachmentArgs {
  filename: string;
  bytes: Uint8Array;
  /** e.g. `image/png`; no parameters (`; charset=…`). */
  mediaType: string;
  comment?: string;
  /** Uploader; defaults to the page author. */
  by?: string;
  minorEdit?: boolean;
}

/** One uploaded version of a file: Confluence keeps them all (`?version=N` downloads an old one). */
export interface AttachmentVersionRecord {
  version: ContentVersion;
  bytes: Uint8Array;
  mediaType: string;
  comment: string;
  /** The media-service file id (what ADF `media.attrs.id` references); new for every version. */
  fileId: string;
}

/** An attachment of a page; its own fields are those of the latest version. */
export interface AttachmentRecord extends AttachmentVersionRecord {
  /** `att<number>`, stable across versions. */
  id: string;
  pageId: string;
  /** The attachment's `title`; unique per page. */
  filename: string;
  status: 'current';
  createdAt: string;
  /** Every version, oldest first; the last one equals the record's own fields. */
  versions: AttachmentVersionRecord[];
}

const MEDIA_TYPE = /^[A-Za-z0-9][\w.+-]*\/[A-Za-z0-9][\w.+-]*$/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_FILENAME = /[/\\\u0000-\u001f\u007f]/;

/** A UUID-shaped id derived from the attachment id and version, so runs are reproducible. */
function fileIdFor(id: string, version: number): string {
  const hex = createHash('sha256').update(`${id}:${version}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function assertUpload(args: AddAttachmentArgs): void {
  if (args.filename.trim() === '' || args.filename.length > 255)
    throw new Error(`attachment filename must be 1..255 characters: "${args.filename}"`);
  if (FORBIDDEN_IN_FILENAME.test(args.filename))
    throw new Error(`attachment filename must not contain slashes or control characters: "${args.filename}"`);
  if (!(args.bytes instanceof Uint8Array)) throw new Error('attachment bytes must be a Uint8Array');
  if (!MEDIA_TYPE.test(args.mediaType))
    throw new Error(`attachment mediaType must look like type/subtype: "${args.mediaType}"`);
}

/**
 * The attachments of every page, keyed by page id then filename. Uploading a filename the page
 * already has adds a version (same id, new bytes, version + 1), as Confluence's upload does.
 */
export class AttachmentBook {
  private readonly byPage = new Map<string, Map<string, AttachmentRecord>>();

  add(store: ConfluenceStore, pageId: string, args: AddAttachmentArgs): AttachmentRecord {
    const page = store.requirePage(pageId);
    assertStatus(page, ['current', 'archived', 'draft'], 'addAttachment');
    assertUpload(args);
    const by = actor(store, args.by, page.authorId);
    const files = this.byPage.get(pageId) ?? new Map<string, AttachmentRecord>();
    const existing = files.get(args.filename);
    const id = existing?.id ?? `att${store.allocateId()}`;
    const comment = args.comment ?? '';
    const version = nextVersion(store, existing?.version, by, {
      minorEdit: args.minorEdit ?? false,
      message: comment,
    });
    const upload: AttachmentVersionRecord = {
      version,
      bytes: Uint8Array.from(args.bytes),
      mediaType: args.mediaType,
      comment,
      fileId: fileIdFor(id, version.number),
    };
    const record: AttachmentRecord = {
      ...upload,
      id,
      pageId,
      filename: args.filename,
      status: 'current',
      createdAt: existing?.createdAt ?? version.createdAt,
      versions: [...(existing?.versions ?? []), upload],
    };
    files.set(args.filename, record);
    this.byPage.set(pageId, files);
    return { ...record, versions: [...record.versions] };
  }

  /** Deletes the attachment and all its versions (a purge: every endpoint answers 404). */
  remove(store: ConfluenceStore, pageId: string, filename: string): void {
    store.requirePage(pageId);
    const files = this.byPage.get(pageId);
    if (files?.delete(filename) !== true)
      throw new Error(`removeAttachment: page ${pageId} has no attachment "${filename}"`);
  }

  /** The page's attachments in upload order (ids ascending). */
  list(pageId: string): AttachmentRecord[] {
    return [...(this.byPage.get(pageId)?.values() ?? [])].sort(
      (a, b) => Number(a.id.slice(3)) - Number(b.id.slice(3)),
    );
  }

  get(pageId: string, filename: string): AttachmentRecord | undefined {
    return this.byPage.get(pageId)?.get(filename);
  }

  /** A purged page takes its attachments with it. */
  dropPage(pageId: string): void {
    this.byPage.delete(pageId);
  }
}
