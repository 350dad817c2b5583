import type { HaloTargetSettings } from '../../domain/settings';
import type { PageSnapshot } from '../../domain/snapshots';

/** The marker tag that finds a page's article again if the ledger is lost. */
export const markerTag = (pageId: string) => `confluence-${pageId}`;

export interface ArticleFields {
  id?: number;
  name: string;
  description: string;
  description_html: string;
  tag_string: string;
  faqlists: Array<{ id: number }>;
  showforall: boolean;
  teams?: Array<{ id: number }>;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A page as a Halo KB article: the title as name, the converted HTML with an "Open in Confluence"
 * footer, tags from its global labels plus `confluence` and the marker tag, its space's FAQ list,
 * and who may see it (Confluence restrictions do not carry over by themselves).
 */
export function buildArticle(args: {
  page: PageSnapshot;
  html: string;
  faqListId: number;
  visibility: HaloTargetSettings['visibility'];
  id?: number;
  /** Files attached to the page, listed as links (Halo's KB attachment API is unverified). */
  files?: Array<{ filename: string; url: string }>;
}): ArticleFields {
  const { page } = args;
  const files = args.files ?? [];
  const list = files.length
    ? `<h3>Attachments</h3><ul>${files.map((f) => `<li><a href="${escapeHtml(f.url)}">${escapeHtml(f.filename)}</a></li>`).join('')}</ul>`
    : '';
  const footer = page.url ? `<hr/><p><a href="${escapeHtml(page.url)}">Open in Confluence</a></p>` : '';
  const body = `${args.html}${list}${footer}`;
  const labels = page.labels.filter((l) => l.prefix === 'global').map((l) => l.name);
  const tags = [...new Set([...labels, 'confluence', markerTag(page.id)])].filter((t) => !t.includes(','));
  const visibility = args.visibility;
  return {
    ...(args.id !== undefined && { id: args.id }),
    name: page.title,
    description: body,
    description_html: body,
    tag_string: tags.join(','),
    faqlists: [{ id: args.faqListId }],
    showforall: visibility === 'everyone',
    ...(typeof visibility === 'object' && { teams: visibility.teams.map((id) => ({ id })) }),
  };
}
