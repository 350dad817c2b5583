import type { LinkTarget, PageRef } from './convert-options';
import * as tree from './xml-tree';
import type { XmlElement } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { childElement } = tree;

/** The first `ri:*` resource identifier among the children. */
export function findResource(el: XmlElement): XmlElement | undefined {
  for (const child of el.children) if (child.type === 'element' && child.name.startsWith('ri:')) return child;
  return undefined;
}

/** What a `ri:*` resource identifier points at; undefined for kinds the converter does not know. */
export function resourceTarget(ri: XmlElement): LinkTarget | undefined {
  const a = ri.attrs;
  switch (ri.name) {
    case 'ri:page':
      return { kind: 'page', title: a['ri:content-title'] ?? '', spaceKey: a['ri:space-key'] };
    case 'ri:blog-post':
      return {
        kind: 'blogpost',
        title: a['ri:content-title'] ?? '',
        spaceKey: a['ri:space-key'],
        postingDay: a['ri:posting-day'],
      };
    case 'ri:attachment':
      return { kind: 'attachment', filename: a['ri:filename'] ?? '', page: containerPage(ri) };
    case 'ri:user':
      return { kind: 'user', accountId: a['ri:account-id'] ?? a['ri:userkey'] ?? a['ri:username'] ?? '' };
    case 'ri:space':
      return { kind: 'space', spaceKey: a['ri:space-key'] ?? '' };
    case 'ri:url':
      return { kind: 'url', url: a['ri:value'] ?? '' };
    case 'ri:content-entity':
      return { kind: 'content', contentId: a['ri:content-id'] ?? '' };
    default:
      return undefined;
  }
}

/** An attachment of another page names that page inside it. */
function containerPage(attachment: XmlElement): PageRef | undefined {
  const page = childElement(attachment, 'ri:page') ?? childElement(attachment, 'ri:blog-post');
  if (page === undefined) return undefined;
  return { title: page.attrs['ri:content-title'] ?? '', spaceKey: page.attrs['ri:space-key'] };
}

/** What a link shows when it has no body of its own. */
export function defaultLinkText(target: LinkTarget): string {
  switch (target.kind) {
    case 'page':
    case 'blogpost':
      return target.title;
    case 'attachment':
      return target.filename;
    case 'space':
      return target.spaceKey;
    case 'content':
      return `page ${target.contentId}`;
    case 'url':
      return target.url;
    case 'anchor':
      return target.anchor;
    case 'jira':
      return target.key;
    case 'user':
      return target.accountId;
  }
}
