import type { BuildContext, ElementHandler } from './build-context';
import type { LinkTarget } from './convert-options';
import type { LinkRef } from './convert-result';
import * as flow from './flow-builder';
import type { FlowBuilder } from './flow-builder';
import * as resources from './resource-target';
import * as tree from './xml-tree';
import type { XmlElement } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { collapseWhitespace } = flow;
const { defaultLinkText, findResource, resourceTarget } = resources;
const { childElement, textContent } = tree;

/** `<ac:link>`: a page, blog post, attachment, space, URL, user mention or anchor, with an optional body. */
export const acLink: ElementHandler = (el, b, ctx) => {
  const resource = findResource(el);
  const anchor = el.attrs['ac:anchor'] || undefined;
  const body = childElement(el, 'ac:link-body') ?? childElement(el, 'ac:plain-text-link-body');
  const target = resource === undefined ? anchorTarget(anchor) : resourceTarget(resource);
  if (target === undefined) {
    if (resource !== undefined)
      ctx.warnings.add('unknown-element', `link to <${resource.name}> shown as text`);
    if (body !== undefined) ctx.walk(body.children, b);
    return;
  }
  if (target.kind === 'user') {
    mention(target.accountId, body, b, ctx);
    return;
  }
  const url = ctx.urls.link(target, anchor);
  const fallback = defaultLinkText(target) || anchor || '';
  addLink(b, ctx, { target, url, body, fallback });
};

/** `<a href>`; without href, `<a id>` / `<a name>` is an anchor. */
export const htmlLink: ElementHandler = (el, b, ctx) => {
  const raw = el.attrs.href;
  if (raw === undefined) {
    const id = el.attrs.id ?? el.attrs.name;
    if (id) b.addInline({ kind: 'anchor', id });
    ctx.walk(el.children, b);
    return;
  }
  const url = ctx.urls.href(raw);
  addLink(b, ctx, { target: { kind: 'url', url: raw }, url, body: el, fallback: raw });
};

interface LinkParts {
  target: LinkTarget;
  url: string | undefined;
  body: XmlElement | undefined;
  fallback: string;
}

function addLink(b: FlowBuilder, ctx: BuildContext, link: LinkParts): void {
  const bodyText = link.body === undefined ? '' : collapseWhitespace(textContent(link.body)).trim();
  const hasBody =
    link.body !== undefined && (bodyText !== '' || link.body.children.some((c) => c.type === 'element'));
  const ref: LinkRef = { target: link.target, text: hasBody ? bodyText : link.fallback, url: link.url };
  ctx.links.push(ref);
  const images = ctx.images.length;
  b.openInline({ kind: 'link', href: link.url });
  if (hasBody) ctx.walk(link.body!.children, b);
  else b.addText(link.fallback);
  b.closeInline();
  // A linked image (a button, a badge): the link reads as the image's alt text.
  if (ref.text === '' && ctx.images.length > images) ref.text = ctx.images[images]!.alt;
}

function anchorTarget(anchor: string | undefined): LinkTarget | undefined {
  return anchor === undefined ? undefined : { kind: 'anchor', anchor };
}

/** A user mention: `@Display Name`, linked to the profile when the site is known. */
function mention(accountId: string, body: XmlElement | undefined, b: FlowBuilder, ctx: BuildContext): void {
  const bodyText = body === undefined ? '' : collapseWhitespace(textContent(body)).trim();
  const text = bodyText !== '' ? bodyText : `@${ctx.urls.userName(accountId)}`;
  const target: LinkTarget = { kind: 'user', accountId };
  const canLink = ctx.options.baseUrl !== undefined || ctx.options.resolveLink !== undefined;
  const url = canLink ? ctx.urls.link(target) : undefined;
  ctx.links.push({ target, text, url });
  b.openInline({ kind: 'link', href: url });
  b.addText(text);
  b.closeInline();
}
