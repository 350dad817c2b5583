import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { KEPT_ATTRIBUTES, SKIPPED_ELEMENTS, VOID_ELEMENTS } from './kept-attributes';
import type { WarningSink } from './warning-sink';
import type { XmlElement, XmlNode } from './xml-tree';

/** Deeper elements are flattened into their ancestor at this depth, so later passes may recurse. */
export const MAX_DEPTH = 100;

/** How far down the open elements a mismatched end tag looks for its start tag. */
const SEARCH_LIMIT = 64;

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

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
  /** Inside a SKIPPED element: number of open elements to skip, including it. */
  private skipping = 0;
  private readonly stack: Frame[] = [{ name: '#root', element: this.root, flattened: false }];
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
    const name = this.input.slice(start, end);
    this.pending = {
      type: 'element',
      name: isLower(name) ? name : name.toLowerCase(),
      attrs: NO_ATTRIBUTES,
      children: NO_CHILDREN,
    };
  }
  onattribname(start: number, end: number): void {
    const raw = this.input.slice(start, end);
    const name = KEPT_ATTRIBUTES.has(raw) || isLower(raw) ? raw : raw.toLowerCase();
    this.keepAttr = this.skipping === 0 && KEPT_ATTRIBUTES.has(name);
    this.attrName = name;
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
    if (VOID_ELEMENTS.has(el.name)) this.closeTop();
  }
  onselfclosingtag(): void {
    const el = this.pending;
    this.pending = undefined;
    if (el === undefined) return;
    this.open(el);
    this.closeTop();
  }
  onclosetag(start: number, end: number): void {
    const name = this.input.slice(start, end);
    const top = this.stack[this.stack.length - 1]!;
    if (top.name === name) this.pop(top);
    else this.closeMismatched(lower(name));
  }
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {
    while (this.stack.length > 1) {
      this.warnings.add('malformed-markup', `<${this.stack[this.stack.length - 1]!.name}> was not closed`);
      this.closeTop();
    }
  }

  private appendText(value: string, cdata: boolean): void {
    if (this.skipping > 0) return;
    const parent = this.stack[this.stack.length - 1]!.element;
    if (parent.children === NO_CHILDREN) parent.children = [];
    const children = parent.children;
    const last = children[children.length - 1];
    if (last !== undefined && last.type === 'text' && last.cdata === cdata) last.value += value;
    else children.push({ type: 'text', value, cdata });
  }

  private open(el: XmlElement): void {
    const parent = this.stack[this.stack.length - 1]!.element;
    if (this.skipping > 0 || SKIPPED_ELEMENTS.has(el.name)) this.skipping++;
    if (this.skipping > 0 || this.depth >= MAX_DEPTH) {
      if (this.skipping === 0)
        this.warnings.add(
          'nesting-too-deep',
          `elements nested deeper than ${MAX_DEPTH} levels were flattened`,
        );
      this.stack.push({ name: el.name, element: parent, flattened: true });
      return;
    }
    if (parent.children === NO_CHILDREN) parent.children = [];
    parent.children.push(el);
    this.depth++;
    this.stack.push({ name: el.name, element: el, flattened: false });
  }

  private pop(frame: Frame): void {
    this.stack.pop();
    if (this.skipping > 0) {
      this.skipping--;
    } else if (!frame.flattened) {
      this.depth--;
      // A grown array keeps spare capacity (17 slots after one push): an exact copy halves the tree.
      const children = frame.element.children;
      if (children.length > 0 && children.length < 16) frame.element.children = children.slice();
    }
  }

  /**
   * An end tag that does not close the innermost element: it closes the nearest open element of that
   * name within SEARCH_LIMIT levels (closing those inside it), or is ignored. The limit keeps garbage
   * with thousands of stray end tags linear.
   */
  private closeMismatched(name: string): void {
    const floor = Math.max(1, this.stack.length - SEARCH_LIMIT);
    let at = this.stack.length - 1;
    while (at >= floor && this.stack[at]!.name !== name) at--;
    if (at < floor) {
      if (!VOID_ELEMENTS.has(name)) this.warnings.add('malformed-markup', `stray end tag </${name}> ignored`);
      return;
    }
    while (this.stack.length > at) {
      const frame = this.stack[this.stack.length - 1]!;
      this.pop(frame);
      if (frame.name !== name)
        this.warnings.add('malformed-markup', `<${frame.name}> closed implicitly by </${name}>`);
    }
  }

  /** Closes the innermost element (an element written `<x/>`, or a void one). */
  private closeTop(): void {
    this.pop(this.stack[this.stack.length - 1]!);
  }
}

/** Names are case-insensitive in HTML; storage writes them in lower case, so check before converting. */
function isLower(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return false;
  }
  return true;
}

function lower(name: string): string {
  return isLower(name) ? name : name.toLowerCase();
}

/** Parses a storage-format fragment (or any HTML-ish garbage) into a tree. Never throws on any string. */
export function parseXml(input: string, warnings: WarningSink): XmlElement {
  const builder = new TreeBuilder(input, warnings);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, builder);
  tokenizer.write(input);
  tokenizer.end();
  return builder.root;
}
