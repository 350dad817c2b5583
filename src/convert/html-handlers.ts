import type { ElementHandler } from './build-context';
import { textContent, type XmlElement } from './xml-tree';

const LANGUAGE = /(?:^|\s)language-([\w+#.-]+)/;

/** `<pre>`: verbatim text, language from a `<code class="language-x">` inside. */
export const preformatted: ElementHandler = (el, b) => {
  const text = textContent(el).replace(/^\r?\n/, '');
  const code = el.children.find(
    (child): child is XmlElement => child.type === 'element' && child.name === 'code',
  );
  const language = LANGUAGE.exec(code?.attrs.class ?? '')?.[1];
  b.addBlock({ kind: 'code', text, language });
};
