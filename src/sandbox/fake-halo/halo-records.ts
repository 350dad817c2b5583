/** The fake's stored rows. Times are epoch ms of the injected clock. */

export interface FaqListRecord {
  id: number;
  name: string;
  showforall: boolean;
  /** Parent FAQ list, 0 at the top level (targets.md A.5: `group_id` is the parent). */
  groupId: number;
}

export interface AttachmentRecord {
  id: number;
  filename: string;
  data: Buffer;
  desc: string;
  showforusers: boolean;
  createdAt: number;
}

/** A new inline attachment, or one already on the article kept by id. */
export type AttachmentInput =
  | { kind: 'keep'; id: number }
  | { kind: 'new'; filename: string; data: Buffer; desc: string; showforusers: boolean };

/** The agent (or API application) that wrote a record. */
export interface Editor {
  id: number;
  name: string;
}

/** The API application acts as agent 1 "API" (as in the targets.md A.4 example response). */
export const API_EDITOR: Editor = { id: 1, name: 'API' };
/** Who edits or deletes "by hand" in the fake's admin helpers. */
export const HAND_EDITOR: Editor = { id: 2, name: 'Halo Admin' };

export interface ArticleRecord {
  id: number;
  name: string;
  description: string;
  description_html: string;
  resolution: string;
  resolution_html: string;
  tags: string[];
  faqlistIds: number[];
  showforall: boolean;
  teamIds: number[];
  attachments: AttachmentRecord[];
  createdAt: number;
  creator: Editor;
  editedAt: number;
  editor: Editor;
}

/** The fields an API write or a hand edit may set; absent ones stay as they are. */
export interface ArticleChanges {
  name?: string;
  description?: string;
  description_html?: string;
  resolution?: string;
  resolution_html?: string;
  tags?: string[];
  faqlistIds?: number[];
  showforall?: boolean;
  teamIds?: number[];
  attachments?: AttachmentInput[];
}

export interface ImageRecord {
  token: string;
  filename: string;
  contentType: string;
  data: Buffer;
  uploadedAt: number;
}
