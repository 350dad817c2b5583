import type { ElementHandler } from './build-context';
import type { CalloutVariant } from './doc-model';
import { childElement, textContent, type XmlElement } from './xml-tree';

const PANEL_VARIANTS: ReadonlyMap<string, CalloutVariant> = new Map<string, CalloutVariant>([
  ['info', 'info'],
  ['note', 'note'],
  ['warning', 'warning'],
  ['error', 'error'],
  ['success', 'success'],
  ['tip', 'tip'],
]);

/**
 * `<ac:adf-extension>`: rendered through its `ac:adf-fallback` (the HTML Confluence itself shows to
 * older clients), or its `ac:adf-content` when there is no fallback. A panel node keeps its panel type
 * as a callout around that content.
 */
export const adfExtension: ElementHandler = (el, b, ctx) => {
  const node = childElement(el, 'ac:adf-node');
  const fallback = childElement(el, 'ac:adf-fallback');
  const content = fallback ?? (node === undefined ? undefined : childElement(node, 'ac:adf-content'));
  if (content === undefined) {
    ctx.warnings.add('unknown-element', 'ac:adf-extension without fallback or content skipped');
    return;
  }
  if (node?.attrs.type === 'panel') {
    const variant = PANEL_VARIANTS.get(attribute(node, 'panel-type')) ?? 'panel';
    b.addBlock({ kind: 'callout', variant, children: ctx.flow(content.children) });
    return;
  }
  b.endParagraph();
  ctx.walk(content.children, b);
  b.endParagraph();
};

/** A nested `<ac:adf-node>` (outside an extension's fallback): its content. */
export const adfNode: ElementHandler = (el, b, ctx) => {
  const content = childElement(el, 'ac:adf-content');
  if (content !== undefined) ctx.walk(content.children, b);
};

function attribute(node: XmlElement, key: string): string {
  for (const child of node.children) {
    if (child.type === 'element' && child.name === 'ac:adf-attribute' && child.attrs.key === key) {
      return textContent(child).trim().toLowerCase();
    }
  }
  return '';
}
