/**
 * Confluence product-event payloads as Forge delivers them to a trigger (reference/forge.md §1,
 * "Page/blog/live-doc payload", "Comment payload", "Label payload").
 */

export interface EventImage {
  path: string;
  width: number;
  height: number;
  isDefault: boolean;
}

/** PII fields (username, email, displayName, publicName) are filled with the accountId. */
export interface EventUser {
  type: 'known' | 'unknown' | 'anonymous' | 'user';
  username: string;
  accountId: string;
  accountType: 'atlassian' | 'app';
  email: string;
  profilePicture: EventImage;
  displayName: string;
  publicName: string;
  isExternalCollaborator: boolean;
}

export interface EventSpace {
  id: number;
  key: string;
  alias: string;
  name: string;
  type: 'global' | 'personal';
  icon: EventImage;
  status: 'current' | 'archived';
}

export interface EventHistory {
  latest: boolean;
  createdBy: EventUser;
  ownedBy: EventUser;
  createdDate: string;
}

export interface EventVersion {
  by: EventUser;
  when: string;
  number: number;
}

export interface EventContent {
  id: string;
  type: 'page';
  subType?: 'live';
  status: 'current' | 'trashed' | 'historical' | 'draft' | 'archived';
  title: string;
  space: EventSpace;
  history: EventHistory;
  version: EventVersion;
}

export type PageEventType =
  | 'avi:confluence:created:page'
  | 'avi:confluence:initialized:page'
  | 'avi:confluence:updated:page'
  | 'avi:confluence:started:page'
  | 'avi:confluence:snapshotted:page'
  | 'avi:confluence:published:page'
  | 'avi:confluence:trashed:page'
  | 'avi:confluence:restored:page'
  | 'avi:confluence:deleted:page'
  | 'avi:confluence:archived:page'
  | 'avi:confluence:unarchived:page'
  | 'avi:confluence:moved:page'
  | 'avi:confluence:copied:page'
  | 'avi:confluence:permissions_updated:page';

interface EventEnvelope {
  atlassianId?: string;
  eventCreatedDate: string;
  selfGenerated?: true;
}

export interface PageEvent extends EventEnvelope {
  eventType: PageEventType;
  suppressNotifications: boolean;
  updateTrigger?: string;
  content: EventContent;
  prevContent?: EventContent;
  originContentId?: string;
}

export interface CommentAncestor {
  id: string;
  type: 'comment';
  status: 'current';
  title: string;
}

export interface CommentEventContent extends Omit<EventContent, 'type' | 'subType'> {
  type: 'comment';
  ancestors: CommentAncestor[];
  container: Omit<EventContent, 'id' | 'type'> & { id: number; type: 'page' };
  extensions: { location: 'footer' | 'inline' };
}

export interface CommentEvent extends EventEnvelope {
  eventType:
    'avi:confluence:created:comment' | 'avi:confluence:updated:comment' | 'avi:confluence:deleted:comment';
  suppressNotifications: boolean;
  updateTrigger?: string;
  content: CommentEventContent;
}

export interface EventLabel {
  id: string;
  name: string;
  prefix: string;
}

export interface LabelEvent extends EventEnvelope {
  eventType: 'avi:confluence:added:label' | 'avi:confluence:removed:label';
  label: EventLabel;
  content: EventContent & { labels: EventLabel[] };
}

export type ConfluenceEvent = PageEvent | CommentEvent | LabelEvent;

/** Options every mutation accepts. */
export interface EventOptions {
  /** The acting user's accountId (`atlassianId`). Defaults to the page's or comment's author. */
  by?: string;
  /** Set when the change was made by this app's own API call. */
  selfGenerated?: true;
  suppressNotifications?: boolean;
}
