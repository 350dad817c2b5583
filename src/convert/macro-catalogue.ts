/** How the converter treats a macro, by family. */
export type MacroKind =
  | 'code'
  | 'noformat'
  | 'callout'
  | 'panel'
  | 'expand'
  | 'status'
  | 'toc'
  | 'anchor'
  | 'unwrap'
  | 'section'
  | 'jira'
  | 'include'
  | 'dynamic'
  | 'attachment'
  | 'profile'
  | 'math-inline'
  | 'math-block';

const KINDS: ReadonlyMap<string, MacroKind> = new Map<string, MacroKind>([
  ['code', 'code'],
  ['code-block', 'code'],
  ['noformat', 'noformat'],
  ['info', 'callout'],
  ['note', 'callout'],
  ['warning', 'callout'],
  ['tip', 'callout'],
  ['panel', 'panel'],
  ['expand', 'expand'],
  ['ui-expand', 'expand'],
  ['status', 'status'],
  ['toc', 'toc'],
  ['toc-zone', 'unwrap'],
  ['anchor', 'anchor'],
  ['excerpt', 'unwrap'],
  ['details', 'unwrap'],
  ['column', 'unwrap'],
  ['div', 'unwrap'],
  ['span', 'unwrap'],
  ['center', 'unwrap'],
  ['ui-tabs', 'unwrap'],
  ['ui-tab', 'unwrap'],
  ['localtabgroup', 'unwrap'],
  ['localtab', 'unwrap'],
  ['section', 'section'],
  ['jira', 'jira'],
  ['jiraissues', 'jira'],
  ['include', 'include'],
  ['excerpt-include', 'include'],
  ['view-file', 'attachment'],
  ['viewpdf', 'attachment'],
  ['viewdoc', 'attachment'],
  ['viewxls', 'attachment'],
  ['viewppt', 'attachment'],
  ['multimedia', 'attachment'],
  ['profile', 'profile'],
  ['profile-picture', 'profile'],
  ['eazy-math-inline', 'math-inline'],
  ['easy-math-inline', 'math-inline'],
  ['mathinline', 'math-inline'],
  ['math-inline', 'math-inline'],
  ['mathjax-inline-macro', 'math-inline'],
  ['easy-math-block', 'math-block'],
  ['eazy-math-block', 'math-block'],
  ['mathblock', 'math-block'],
  ['math-block', 'math-block'],
  ['mathjax-block-macro', 'math-block'],
  ['latex', 'math-block'],
]);

/** Macros whose content Confluence renders when the page is viewed; storage holds only their settings. */
const DYNAMIC_LABELS: ReadonlyMap<string, string> = new Map([
  ['children', 'Child pages'],
  ['jira', 'Jira issues'],
  ['jiraissues', 'Jira issues'],
  ['pagetree', 'Page tree'],
  ['pagetreesearch', 'Page tree search'],
  ['contentbylabel', 'Pages with labels'],
  ['content-by-user', 'Content by user'],
  ['recently-updated', 'Recently updated content'],
  ['recently-updated-dashboard', 'Recently updated content'],
  ['blog-posts', 'Blog posts'],
  ['detailssummary', 'Page properties report'],
  ['tasks-report-macro', 'Task report'],
  ['contributors', 'Contributors'],
  ['contributors-summary', 'Contributors'],
  ['attachments', 'Attachments'],
  ['gallery', 'Image gallery'],
  ['popular-labels', 'Popular labels'],
  ['listlabels', 'Labels'],
  ['related-labels', 'Related labels'],
  ['livesearch', 'Search'],
  ['search', 'Search results'],
  ['space-details', 'Space details'],
  ['spaces', 'Spaces'],
  ['recently-viewed', 'Recently viewed pages'],
  ['create-from-template', 'Create from template'],
  ['roadmap', 'Roadmap'],
  ['chart', 'Chart'],
  ['drawio', 'draw.io diagram'],
  ['inc-drawio', 'draw.io diagram'],
  ['gliffy', 'Gliffy diagram'],
  ['mermaid-cloud', 'Mermaid diagram'],
  ['plantuml', 'PlantUML diagram'],
  ['widget', 'Embedded content'],
  ['iframe', 'Embedded content'],
]);

/** The family of a known macro; undefined for macros the converter does not know. */
export function macroKind(name: string): MacroKind | undefined {
  return KINDS.get(name) ?? (DYNAMIC_LABELS.has(name) ? 'dynamic' : undefined);
}

/** A reader's name for a dynamic macro. */
export function dynamicLabel(name: string): string {
  return DYNAMIC_LABELS.get(name) ?? name;
}
