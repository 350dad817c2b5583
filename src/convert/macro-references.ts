import type { BuildContext } from './build-context';
import type { LinkTarget } from './convert-options';
import type { FlowBuilder } from './flow-builder';
import type { MacroBuilder } from './macro-blocks';
import { dynamicLabel } from './macro-catalogue';
import { param, type MacroParts } from './read-macro';
import { defaultLinkText, findResource, resourceTarget } from './resource-target';
import { textContent, type XmlElement } from './xml-tree';

/** A reader-facing note in place of content: inline inside a paragraph, a block elsewhere. */
export function addNotice(b: FlowBuilder, text: string, href: string | undefined): void {
  if (!b.inParagraph) {
    b.addBlock({ kind: 'notice', text, href });
    return;
  }
  b.openInline({ kind: 'link', href });
  b.addText(`[${text}]`);
  b.closeInline();
}

function addLinkText(b: FlowBuilder, ctx: BuildContext, target: LinkTarget, text: string): void {
  const url = ctx.urls.link(target);
  ctx.links.push({ target, text, url });
  b.openInline({ kind: 'link', href: url });
  b.addText(text);
  b.closeInline();
}

/** The resource a parameter names (`<ac:parameter><ri:attachment/></ac:parameter>`, or inside an ac:link). */
function paramResource(macro: MacroParts, name: string): LinkTarget | undefined {
  let el: XmlElement | undefined = macro.params.get(name);
  for (let depth = 0; el !== undefined && depth < 3; depth++) {
    const ri = findResource(el);
    if (ri !== undefined) return resourceTarget(ri);
    el = el.children.find((c): c is XmlElement => c.type === 'element' && c.name === 'ac:link');
  }
  return undefined;
}

export const statusMacro: MacroBuilder = (macro, b) => {
  const text = param(macro, 'title');
  const colour = (param(macro, 'colour') ?? param(macro, 'color') ?? 'grey')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (text !== undefined) b.addInline({ kind: 'status', text, colour: colour || 'grey' });
};

export const anchorMacro: MacroBuilder = (macro, b) => {
  const id = param(macro, '');
  if (id !== undefined) b.addInline({ kind: 'anchor', id });
};

/** jira: a single issue key becomes a link; a JQL table exists only when Confluence renders the page. */
export const jiraMacro: MacroBuilder = (macro, b, ctx) => {
  const key = param(macro, 'key');
  if (key === undefined) dynamicMacro(macro, b, ctx);
  else addLinkText(b, ctx, { kind: 'jira', key }, key);
};

export const includeMacro: MacroBuilder = (macro, b, ctx) => {
  const target = paramResource(macro, '');
  const label = macro.name === 'excerpt-include' ? 'Excerpt included from' : 'Content included from';
  ctx.warnings.add('dynamic-macro', `"${macro.name}" shown as a link to the included page`);
  if (target === undefined) {
    addNotice(b, `${label} another page: see this page in Confluence`, ctx.urls.pageUrl());
    return;
  }
  const text = `${label} “${defaultLinkText(target)}”`;
  const url = ctx.urls.link(target);
  ctx.links.push({ target, text, url });
  addNotice(b, text, url);
};

export const dynamicMacro: MacroBuilder = (macro, b, ctx) => {
  ctx.warnings.add('dynamic-macro', `"${macro.name}" is rendered by Confluence: shown as a link to the page`);
  const name = param(macro, 'diagramName') ?? param(macro, 'name');
  const label = name === undefined ? dynamicLabel(macro.name) : `${dynamicLabel(macro.name)} “${name}”`;
  addNotice(b, `${label}: see this page in Confluence`, ctx.urls.pageUrl());
  for (const block of macro.blocks) b.addBlock(block);
};

/** view-file and friends: a link to the attachment, in a paragraph of its own. */
export const attachmentMacro: MacroBuilder = (macro, b, ctx) => {
  const target = paramResource(macro, 'name');
  if (target === undefined) {
    dynamicMacro(macro, b, ctx);
    return;
  }
  b.endParagraph();
  addLinkText(b, ctx, target, defaultLinkText(target));
  b.endParagraph();
};

export const profileMacro: MacroBuilder = (macro, b, ctx) => {
  const target = paramResource(macro, 'user');
  if (target?.kind !== 'user') return;
  const text = `@${ctx.urls.userName(target.accountId)}`;
  if (ctx.options.baseUrl === undefined && ctx.options.resolveLink === undefined) b.addText(text);
  else addLinkText(b, ctx, target, text);
};

export const mathInlineMacro: MacroBuilder = (macro, b) => {
  const tex = param(macro, 'body') ?? macro.plainBody ?? (macro.richBody ? textContent(macro.richBody) : '');
  if (tex.trim() !== '') b.addInline({ kind: 'math', tex: tex.trim() });
};
