import { adfExtension, adfNode } from './adf-handlers';
import type { BuildContext } from './build-context';
import * as frames from './build-frame';
import type { Frame } from './build-frame';
import * as capture from './capture-frame';
import type { CaptureTarget } from './capture-frame';
import * as containers from './container-frames';
import type { MarkKind } from './doc-model';
import * as emoticons from './emoticon-handler';
import type { FlowBuilder, InlineSpec } from './flow-builder';
import { preformatted } from './html-handlers';
import * as images from './image-handlers';
import { acLink, htmlLink } from './link-handlers';
import { strayTask, taskList } from './list-handlers';
import * as macros from './macro-frame';
import type { XmlAttrs } from './node-sink';
import { plainText } from './read-macro';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { END_INLINE, END_NOTHING, END_PARAGRAPH, FLOW_QUOTE, FLOW_SECTION, F_LIST, F_MACRO, F_TABLE, F_TIME } =
  frames;
const { CaptureFrame, captureTarget } = capture;
const { ListState, listStart, TableState } = containers;
const { MacroFrame } = macros;
const { acImage, htmlImage } = images;
const { emojiFor } = emoticons;

/** What an element is to the builder; marks and headings add their kind or level to their base. */
const INLINE = 0; // transparent inline: its content is the parent's own
const BLOCK = 1; // transparent block: its content between block boundaries
const IGNORED = 2;
const UNKNOWN_NAMESPACED = 4;
const PARAGRAPH = 5;
const BREAK = 6;
const RULE = 7;
const QUOTE = 8;
const SPAN = 9;
const TIME = 10;
const LINK = 11;
const IMAGE = 12;
const BULLETS = 13;
const NUMBERS = 14;
const TABLE = 15;
const MACRO = 16;
const EMOTICON = 17;
const SECTION = 18;
const CAPTURED = 19;
const HEADING = 20; // + level
const MARK = 30; // + index in MARKS

const MARKS: readonly InlineSpec[] = (
  ['strong', 'em', 'underline', 'strike', 'sub', 'sup', 'code'] satisfies MarkKind[]
).map((mark) => ({ kind: 'mark', mark }));
const CODE_MARK = MARKS[6]!;
const MONOSPACE = /font-family:[^;]*mono/i;

const KINDS = new Map<string, number>();
/** Elements captured whole, and their handlers. */
const CAPTURES = new Map<string, CaptureTarget>();

function register(kind: number, ...names: string[]): void {
  for (const name of names) KINDS.set(name, kind);
}

function captured(handler: Parameters<typeof captureTarget>[0], ...names: string[]): void {
  for (const name of names) CAPTURES.set(name, captureTarget(handler));
  register(CAPTURED, ...names);
}

register(PARAGRAPH, 'p');
for (let level = 1; level <= 6; level++) register(HEADING + level, `h${level}`);
register(MARK + 0, 'strong', 'b');
register(MARK + 1, 'em', 'i', 'cite', 'dfn', 'var');
register(MARK + 2, 'u', 'ins');
register(MARK + 3, 's', 'del', 'strike');
register(MARK + 4, 'sub');
register(MARK + 5, 'sup');
register(MARK + 6, 'code', 'tt', 'kbd', 'samp');
register(BREAK, 'br');
register(RULE, 'hr');
register(QUOTE, 'blockquote');
register(SPAN, 'span');
register(TIME, 'time');
register(LINK, 'a');
register(IMAGE, 'img');
register(BULLETS, 'ul');
register(NUMBERS, 'ol');
register(TABLE, 'table');
register(INLINE, 'font', 'small', 'big', 'abbr', 'acronym', 'q', 'mark', 'label', 'bdi', 'bdo', 'nobr');
register(BLOCK, 'li', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'div', 'section', 'article');
register(BLOCK, 'aside', 'header', 'footer', 'main', 'nav', 'figure', 'figcaption', 'center', 'address');
register(BLOCK, 'details', 'summary', 'fieldset', 'legend', 'dl', 'dt', 'dd', 'body', 'html', 'form');
register(IGNORED, 'colgroup', 'col', 'head', 'title', 'meta', 'link', 'wbr');
register(MACRO, 'ac:structured-macro', 'ac:macro');
register(EMOTICON, 'ac:emoticon', 'ac:hipchat-emoticon');
register(SECTION, 'ac:layout-section');
register(BLOCK, 'ac:layout', 'ac:layout-cell', 'ac:rich-text-body', 'ac:task-body', 'ac:adf-content');
register(BLOCK, 'ac:adf-fallback');
register(INLINE, 'ac:inline-comment-marker', 'ac:link-body', 'ac:plain-text-link-body', 'ac:caption');
register(IGNORED, 'ac:placeholder', 'ac:parameter', 'ac:default-parameter', 'ac:task-id', 'ac:task-uuid');
register(IGNORED, 'ac:task-status', 'ac:adf-mark', 'ac:adf-fragment-mark', 'ac:adf-fragment-mark-detail');
register(IGNORED, 'ac:adf-attribute');
captured(preformatted, 'pre');
captured(acLink, 'ac:link');
captured(acImage, 'ac:image');
captured(taskList, 'ac:task-list');
captured(strayTask, 'ac:task');
captured(adfExtension, 'ac:adf-extension');
captured(adfNode, 'ac:adf-node');
captured((el, b) => b.addBlock({ kind: 'code', text: plainText(el) }), 'ac:plain-text-body');
const HTML_LINK = captureTarget(htmlLink);

/** Unknown names: their text stays (namespaced ones are reported); `ri:*` identifiers hold no text. */
function kindOf(name: string): number {
  const kind = KINDS.get(name);
  if (kind !== undefined) return kind;
  if (name.startsWith('ri:')) return IGNORED;
  return name.includes(':') ? UNKNOWN_NAMESPACED : INLINE;
}

/**
 * Starts an element whose content goes into `b`: does its opening work and sets up `frame`, the
 * frame of its content.
 */
export function enterElement(
  name: string,
  attrs: XmlAttrs,
  b: FlowBuilder,
  ctx: BuildContext,
  frame: Frame,
): void {
  const kind = kindOf(name);
  if (kind >= MARK) {
    b.openInline(MARKS[kind - MARK]!);
    frame.walk(b, END_INLINE);
    return;
  }
  if (kind > HEADING) {
    b.startParagraph(kind - HEADING);
    frame.walk(b, END_PARAGRAPH);
    return;
  }
  switch (kind) {
    case INLINE:
      frame.walk(b, END_NOTHING);
      return;
    case PARAGRAPH:
      b.startParagraph(0);
      frame.walk(b, END_PARAGRAPH);
      return;
    case BLOCK:
      b.endParagraph();
      frame.walk(b, END_PARAGRAPH);
      return;
    case IGNORED:
      frame.skip();
      return;
    case UNKNOWN_NAMESPACED:
      ctx.warnings.add('unknown-element', `<${name}> is not supported: its text is kept`);
      frame.walk(b, END_NOTHING);
      return;
    case BREAK:
      if (b.inParagraph) b.addInline({ kind: 'break' });
      frame.skip();
      return;
    case RULE:
      b.addBlock({ kind: 'rule' });
      frame.skip();
      return;
    case QUOTE:
      frame.flow(FLOW_QUOTE, b, ctx.builder(), undefined);
      return;
    case SECTION:
      frame.flow(FLOW_SECTION, b, ctx.builder(), undefined);
      return;
    case SPAN:
      if (attrs.style === undefined || !MONOSPACE.test(attrs.style)) {
        frame.walk(b, END_NOTHING);
        return;
      }
      b.openInline(CODE_MARK);
      frame.walk(b, END_INLINE);
      return;
    case TIME:
      frame.kind = F_TIME;
      frame.b = b;
      frame.count = 0;
      frame.value = attrs.datetime;
      return;
    case LINK:
      linkFrame(name, attrs, b, ctx, frame);
      return;
    case IMAGE:
      htmlImage(attrs, b, ctx);
      frame.skip();
      return;
    case EMOTICON:
      emoticon(attrs, b);
      frame.skip();
      return;
    case BULLETS:
    case NUMBERS:
      frame.kind = F_LIST;
      frame.b = b;
      frame.list = new ListState(kind === NUMBERS, listStart(attrs));
      return;
    case TABLE:
      frame.kind = F_TABLE;
      frame.b = b;
      frame.table = new TableState();
      return;
    case MACRO:
      frame.kind = F_MACRO;
      frame.b = b;
      frame.macro = new MacroFrame(attrs, b, ctx);
      return;
    default:
      frame.captureInto(new CaptureFrame(name, attrs, CAPTURES.get(name)!, b, ctx));
  }
}

/** `<a href>` is captured (its text decides what it shows); without href, `<a id>` is an anchor. */
function linkFrame(name: string, attrs: XmlAttrs, b: FlowBuilder, ctx: BuildContext, frame: Frame): void {
  if (attrs.href !== undefined) {
    frame.captureInto(new CaptureFrame(name, attrs, HTML_LINK, b, ctx));
    return;
  }
  const id = attrs.id ?? attrs.name;
  if (id) b.addInline({ kind: 'anchor', id });
  frame.walk(b, END_NOTHING);
}

function emoticon(attrs: XmlAttrs, b: FlowBuilder): void {
  const text = emojiFor(attrs);
  if (text !== '') b.addInline({ kind: 'text', text });
}
