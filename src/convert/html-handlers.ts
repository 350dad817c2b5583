import type { ElementHandler } from './build-context';
import type { HeadingLevel, MarkKind } from './doc-model';
import { textContent, type XmlElement } from './xml-tree';

/** Walks the children as the parent's own inline content (span, font, inline comment markers, …). */
export const transparentInline: ElementHandler = (el, b, ctx) => ctx.walk(el.children, b);

/** Walks the children between block boundaries (div, section, layout cells, …). */
export const transparentBlock: ElementHandler = (el, b, ctx) => {
  b.endParagraph();
  ctx.walk(el.children, b);
  b.endParagraph();
};

/** Elements whose content never belongs in the output. */
export const ignored: ElementHandler = () => undefined;

export const dropped: ElementHandler = (el, _b, ctx) =>
  ctx.warnings.add('dropped-element', `<${el.name}> and its content are not rendered`);

export function markHandler(mark: MarkKind): ElementHandler {
  return (el, b, ctx) => {
    b.openInline({ kind: 'mark', mark });
    ctx.walk(el.children, b);
    b.closeInline();
  };
}

export function headingHandler(level: HeadingLevel): ElementHandler {
  return (el, b, ctx) => {
    b.startParagraph(level);
    ctx.walk(el.children, b);
    b.endParagraph();
  };
}

export const paragraph: ElementHandler = (el, b, ctx) => {
  b.startParagraph(0);
  ctx.walk(el.children, b);
  b.endParagraph();
};

export const lineBreak: ElementHandler = (_el, b) => {
  if (b.inParagraph) b.addInline({ kind: 'break' });
};

export const rule: ElementHandler = (_el, b) => b.addBlock({ kind: 'rule' });

export const blockquote: ElementHandler = (el, b, ctx) =>
  b.addBlock({ kind: 'quote', children: ctx.flow(el.children) });

/** `<pre>`: verbatim text, language from a `<code class="language-x">` inside. */
export const preformatted: ElementHandler = (el, b) => {
  const text = textContent(el).replace(/^\r?\n/, '');
  const code = el.children.find(
    (child): child is XmlElement => child.type === 'element' && child.name === 'code',
  );
  const language = /(?:^|\s)language-([\w+#.-]+)/.exec(code?.attrs.class ?? '')?.[1];
  b.addBlock({ kind: 'code', text, language });
};

/** Legacy pasted content marks code with a monospace font instead of `<code>`. */
export const span: ElementHandler = (el, b, ctx) => {
  if (/font-family:[^;]*mono/i.test(el.attrs.style ?? '')) markHandler('code')(el, b, ctx);
  else ctx.walk(el.children, b);
};

/** `<time datetime="2018-03-23" />` is empty in storage: the date is the attribute. */
export const time: ElementHandler = (el, b, ctx) => {
  if (el.children.length > 0) ctx.walk(el.children, b);
  else if (el.attrs.datetime) b.addText(el.attrs.datetime);
};
