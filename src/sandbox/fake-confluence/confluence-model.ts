/** The in-memory model of a Confluence Cloud site that the fake REST server serves. */

export interface ConfluenceUser {
  accountId: string;
  displayName: string;
  email?: string;
}

export type SpaceType = 'global' | 'personal';
export type SpaceStatus = 'current' | 'archived';

export interface ConfluenceSpace {
  /** Numeric string, as REST v2 returns it (events carry it as a number). */
  id: string;
  key: string;
  name: string;
  type: SpaceType;
  status: SpaceStatus;
  authorId: string | null;
  createdAt: string;
  homepageId: string | null;
}

export type PageStatus = 'current' | 'trashed' | 'archived' | 'draft';
export type LabelPrefix = 'global' | 'team' | 'my';

export interface ContentVersion {
  number: number;
  minorEdit: boolean;
  message: string;
  authorId: string;
  createdAt: string;
}

export interface ConfluenceLabel {
  /** Site-wide id of the label name (the same name has the same id on every page). */
  id: string;
  name: string;
  prefix: LabelPrefix;
}

export interface ContentState {
  id: number;
  name: string;
  color: string;
}

export interface RestrictionEntries {
  /** Atlassian accountIds. */
  users: string[];
  /** Group names. */
  groups: string[];
}

export interface PageRestrictions {
  read: RestrictionEntries;
  update: RestrictionEntries;
}

export interface ConfluencePage {
  id: string;
  spaceId: string;
  parentId?: string;
  title: string;
  status: PageStatus;
  subType?: 'live';
  version: ContentVersion;
  /** Storage-format XHTML. */
  body: string;
  labels: ConfluenceLabel[];
  contentState: ContentState | null;
  contentStateUpdatedAt: string | null;
  restrictions: PageRestrictions;
  createdAt: string;
  authorId: string;
  ownerId: string;
  position: number;
  /**
   * CQL's `lastmodified` when the search index holds another date than the current version's (a
   * test sets it: UNVERIFIED whether and when Confluence's index date differs from version.when).
   */
  indexedModifiedAt?: string;
}

export type CommentLocation = 'footer' | 'inline';

export interface ConfluenceComment {
  id: string;
  pageId: string;
  parentCommentId?: string;
  location: CommentLocation;
  /** Storage-format XHTML. */
  body: string;
  status: 'current';
  version: ContentVersion;
  authorId: string;
  createdAt: string;
  /** Inline comments only: the `ac:ref` of the `<ac:inline-comment-marker>` in the page body. */
  inlineMarkerRef?: string;
  inlineOriginalSelection?: string;
}

export function emptyRestrictions(): PageRestrictions {
  return { read: { users: [], groups: [] }, update: { users: [], groups: [] } };
}
