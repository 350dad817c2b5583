/** What the consumer knows of a page after one fetch. */
export interface PageSnapshot {
  id: string;
  title: string;
  status: string;
  spaceId: string;
  /** From `_links.webui` (`/spaces/KEY/pages/…`), fresh with the fetch; undefined if absent. */
  spaceKey?: string;
  parentId?: string;
  version: { number: number; minorEdit: boolean; authorId?: string; createdAt?: string; message?: string };
  body: string;
  labels: Array<{ name: string; prefix: string }>;
  url?: string;
}

export interface CommentSnapshot {
  id: string;
  pageId: string;
  status: string;
  location: 'footer' | 'inline';
  version: { number: number; authorId?: string; createdAt?: string };
  body: string;
  /** Undefined when the comment was deleted. */
  deleted: boolean;
}

export interface Person {
  accountId: string;
  displayName?: string;
}
