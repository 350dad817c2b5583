import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { KEPT_ATTRIBUTES, VOID_ELEMENTS } from './kept-attributes';
import type { WarningSink } from './warning-sink';
import type { XmlElement } from './xml-tree';

/** Deeper elements are flattened into their ancestor at this depth, so later passes may recurse. */
export const MAX_DEPTH = 200;

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

interface Frame {
  readonly name: string;
  /** The element children go into: the frame's own, or its nearest kept ancestor past MAX_DEPTH. */
  readonly element: XmlElement;
  /** Past MAX_DEPTH: only matches its end tag, adds no level. */
  readonly flattened: boolean;
}

/**
 * Builds the raw tree straight from htmlparser2's tokenizer. The tokenizer runs in HTML mode for its
 * entity table (`&nbsp; &rarr; …`, which XML mode does not know); the tree building is XML's: names are
 * kept with their prefixes, `<x/>` closes, CDATA is text, nothing is closed implicitly except to match a
 * later end tag. Every step is O(1) amortised, so the whole parse is linear, whatever the input.
 */
class TreeBuilder implements TokenizerCallbacks {
  readonly root: XmlElement = { type: 'element', name: '#root', attrs: NO_ATTRIBUTES, children: [] };
  private readonly stack: Frame[] = [{ name: '#root', element: this.root, flattened: false }];
  private readonly openCounts = new Map<string, number>();
  private depth = 0;
  private pending: XmlElement | undefined;
  private attrName = '';
  private attrValue = '';
  private keepAttr = false;

  constructor(
    private readonly input: string,
    private readonly warnings: WarningSink,
  ) {}

  ontext(start: number, end: number): void {
    this.appendText(this.input.slice(start, end), false);
  }
  ontextentity(codepoint: number): void {
    this.appendText(String.fromCodePoint(codepoint), false);
  }
  oncdata(start: number, end: number, endOffset: number): void {
    this.appendText(this.input.slice(start, end - endOffset), true);
  }
  onopentagname(start: number, end: number): void {
    const name = this.input.slice(start, end).toLowerCase();
    this.pending = { type: 'element', name, attrs: NO_ATTRIBUTES, children: [] };
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.input.slice(start, end).toLowerCase();
    this.keepAttr = KEPT_ATTRIBUTES.has(this.attrName);
    this.attrValue = '';
  }
  onattribdata(start: number, end: number): void {
    if (this.keepAttr) this.attrValue += this.input.slice(start, end);
  }
  onattribentity(codepoint: number): void {
    if (this.keepAttr) this.attrValue += String.fromCodePoint(codepoint);
  }
  onattribend(): void {
    const el = this.pending;
    if (!this.keepAttr || el === undefined) return;
    if (el.attrs === NO_ATTRIBUTES) el.attrs = {};
    el.attrs[this.attrName] = this.attrValue;
  }
  onopentagend(): void {
    const el = this.pending;
    this.pending = undefined;
    if (el === undefined) return;
    this.open(el);
    if (VOID_ELEMENTS.has(el.name)) this.close(el.name);
  }
  onselfclosingtag(): void {
    const el = this.pending;
    this.pending = undefined;
    if (el === undefined) return;
    this.open(el);
    this.close(el.name);
  }
  onclosetag(start: number, end: number): void {
    const name = this.input.slice(start, end).toLowerCase();
    if ((this.openCounts.get(name) ?? 0) > 0) this.close(name);
    else if (!VOID_ELEMENTS.has(name))
      this.warnings.add('malformed-markup', `stray end tag </${name}> ignored`);
  }
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {
    while (this.stack.length > 1) {
      const frame = this.stack[this.stack.length - 1]!;
      this.warnings.add('malformed-markup', `<${frame.name}> was not closed`);
      this.close(frame.name);
    }
  }

  private appendText(value: string, cdata: boolean): void {
    const children = this.stack[this.stack.length - 1]!.element.children;
    const last = children[children.length - 1];
    if (last !== undefined && last.type === 'text' && last.cdata === cdata) last.value += value;
    else children.push({ type: 'text', value, cdata });
  }

  private open(el: XmlElement): void {
    const parent = this.stack[this.stack.length - 1]!.element;
    this.openCounts.set(el.name, (this.openCounts.get(el.name) ?? 0) + 1);
    if (this.depth >= MAX_DEPTH) {
      this.warnings.add('nesting-too-deep', `elements nested deeper than ${MAX_DEPTH} levels were flattened`);
      this.stack.push({ name: el.name, element: parent, flattened: true });
      return;
    }
    parent.children.push(el);
    this.depth++;
    this.stack.push({ name: el.name, element: el, flattened: false });
  }

  /** Pops frames down to the innermost open `name`; the caller made sure one is open. */
  private close(name: string): void {
    for (;;) {
      const frame = this.stack.pop()!;
      this.openCounts.set(frame.name, this.openCounts.get(frame.name)! - 1);
      if (!frame.flattened) this.depth--;
      if (frame.name === name) return;
      this.warnings.add('malformed-markup', `<${frame.name}> closed implicitly by </${name}>`);
    }
  }
}

/** Parses a storage-format fragment (or any HTML-ish garbage) into a tree. Never throws on any string. */
export function parseXml(input: string, warnings: WarningSink): XmlElement {
  const builder = new TreeBuilder(input, warnings);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, builder);
  tokenizer.write(input);
  tokenizer.end();
  return builder.root;
}
