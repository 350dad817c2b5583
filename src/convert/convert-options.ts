/** A page named the way storage format names it: by title, in a space (the current one when absent). */
export interface PageRef {
  title: string;
  spaceKey?: string;
}

/** What a link in the body points at, before it is turned into a URL. */
export type LinkTarget =
  | { kind: 'page'; title: string; spaceKey?: string }
  | { kind: 'blogpost'; title: string; spaceKey?: string; postingDay?: string }
  | { kind: 'attachment'; filename: string; page?: PageRef }
  | { kind: 'user'; accountId: string }
  | { kind: 'space'; spaceKey: string }
  | { kind: 'content'; contentId: string }
  | { kind: 'url'; url: string }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'jira'; key: string };

/** Where an image comes from: an attachment (of this page or another one) or an external URL. */
export type ImageSource =
  { kind: 'attachment'; filename: string; page?: PageRef } | { kind: 'url'; url: string };

/**
 * How to turn references into URLs and names. Everything is optional: without a resolver the converter
 * builds Confluence's own URLs from `baseUrl`, `pageId` and `spaceKey`, and says in `warnings` what it
 * could not resolve. Resolvers are synchronous: look things up before converting (see `parseStorage`).
 */
export interface ConvertOptions {
  /** The site's Confluence root, e.g. `https://acme.atlassian.net/wiki`. */
  baseUrl?: string;
  /** The page being converted: its attachments are downloaded from it. */
  pageId?: string;
  /** The page's space: page links without `ri:space-key` point into it. */
  spaceKey?: string;
  /** Where readers see the page (dynamic macros link here); defaults to a URL built from baseUrl and pageId. */
  pageUrl?: string;
  /** Jira site for issue links; defaults to the origin of `baseUrl`. */
  jiraBaseUrl?: string;
  /** URL of a page, blog post, attachment, space, … or undefined to use the default. */
  resolveLink?: (target: LinkTarget) => string | undefined;
  /** Display name of a user mentioned by account id. */
  resolveUser?: (accountId: string) => string | undefined;
  /** URL of an image, e.g. where a target re-hosted it; undefined to use the default. */
  resolveImage?: (source: ImageSource) => string | undefined;
}
