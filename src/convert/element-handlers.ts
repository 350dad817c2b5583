import { adfExtension, adfNode, layoutSection } from './adf-handlers';
import type { ElementHandler } from './build-context';
import { emoticon } from './emoticon-handler';
import * as html from './html-handlers';
import { acImage, htmlImage } from './image-handlers';
import { acLink, htmlLink } from './link-handlers';
import { listHandler, strayTask, taskList } from './list-handlers';
import { structuredMacro } from './macro-handler';
import { plainText } from './read-macro';
import { table } from './table-handler';

const HANDLERS = new Map<string, ElementHandler>();

function register(handler: ElementHandler, ...names: string[]): void {
  for (const name of names) HANDLERS.set(name, handler);
}

register(html.paragraph, 'p');
register(html.headingHandler(1), 'h1');
register(html.headingHandler(2), 'h2');
register(html.headingHandler(3), 'h3');
register(html.headingHandler(4), 'h4');
register(html.headingHandler(5), 'h5');
register(html.headingHandler(6), 'h6');
register(html.markHandler('strong'), 'strong', 'b');
register(html.markHandler('em'), 'em', 'i', 'cite', 'dfn', 'var');
register(html.markHandler('underline'), 'u', 'ins');
register(html.markHandler('strike'), 's', 'del', 'strike');
register(html.markHandler('sub'), 'sub');
register(html.markHandler('sup'), 'sup');
register(html.markHandler('code'), 'code', 'tt', 'kbd', 'samp');
register(html.lineBreak, 'br');
register(html.rule, 'hr');
register(html.blockquote, 'blockquote');
register(html.preformatted, 'pre');
register(html.span, 'span');
register(html.time, 'time');
register(htmlLink, 'a');
register(htmlImage, 'img');
register(listHandler(false), 'ul');
register(listHandler(true), 'ol');
register(table, 'table');
register(
  html.transparentInline,
  'font',
  'small',
  'big',
  'abbr',
  'acronym',
  'q',
  'mark',
  'label',
  'bdi',
  'bdo',
  'nobr',
);
register(
  html.transparentBlock,
  ...['li', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'div', 'section', 'article', 'aside'],
  ...['header', 'footer', 'main', 'nav', 'figure', 'figcaption', 'center', 'address', 'details', 'summary'],
  ...['fieldset', 'legend', 'dl', 'dt', 'dd', 'body', 'html', 'form'],
);
register(html.ignored, 'colgroup', 'col', 'head', 'title', 'meta', 'link', 'wbr');
register(
  html.dropped,
  ...['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'template'],
  ...[
    'svg',
    'math',
    'canvas',
    'audio',
    'video',
    'input',
    'button',
    'select',
    'textarea',
    'option',
    'fab:adf',
  ],
);

register(structuredMacro, 'ac:structured-macro', 'ac:macro');
register(acLink, 'ac:link');
register(acImage, 'ac:image');
register(emoticon, 'ac:emoticon', 'ac:hipchat-emoticon');
register(taskList, 'ac:task-list');
register(strayTask, 'ac:task');
register(layoutSection, 'ac:layout-section');
register(adfExtension, 'ac:adf-extension');
register(adfNode, 'ac:adf-node');
register(html.transparentBlock, 'ac:layout', 'ac:layout-cell', 'ac:rich-text-body', 'ac:task-body');
register(html.transparentBlock, 'ac:adf-content', 'ac:adf-fallback');
register(
  html.transparentInline,
  'ac:inline-comment-marker',
  'ac:link-body',
  'ac:plain-text-link-body',
  'ac:caption',
);
register(
  html.ignored,
  'ac:placeholder',
  'ac:parameter',
  'ac:default-parameter',
  'ac:task-id',
  'ac:task-uuid',
);
register(
  html.ignored,
  'ac:task-status',
  'ac:adf-mark',
  'ac:adf-fragment-mark',
  'ac:adf-fragment-mark-detail',
);
register(html.ignored, 'ac:adf-attribute');
register((el, b) => b.addBlock({ kind: 'code', text: plainText(el) }), 'ac:plain-text-body');

/** Unknown names: their text stays (namespaced ones are reported); `ri:*` identifiers hold no text. */
const unknownNamespaced: ElementHandler = (el, b, ctx) => {
  ctx.warnings.add('unknown-element', `<${el.name}> is not supported: its text is kept`);
  ctx.walk(el.children, b);
};

export function handlerFor(name: string): ElementHandler {
  const handler = HANDLERS.get(name);
  if (handler !== undefined) return handler;
  if (name.startsWith('ri:')) return html.ignored;
  return name.includes(':') ? unknownNamespaced : html.transparentInline;
}
