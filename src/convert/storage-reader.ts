import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import * as kept from './kept-attributes';
import * as names from './storage-names';
import type { NodeSink, XmlAttrs } from './node-sink';
import type { WarningSink } from './warning-sink';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { VOID_ELEMENTS } = kept;
const { IS_SKIPPED, IS_VOID, elementName, keptAttribute, lower } = names;

/** Deeper elements are flattened into their ancestor at this depth, so later passes may recurse. */
export const MAX_DEPTH = 100;

/** How far down the open elements a mismatched end tag looks for its start tag. */
const SEARCH_LIMIT = 64;

const NO_ATTRIBUTES: XmlAttrs = Object.freeze({}) as XmlAttrs;

/** What an open element is to the sink. */
const REAL = 0;
/** Past MAX_DEPTH: only matches its end tag; its content goes to its nearest real ancestor. */
const FLATTENED = 1;
/** Inside a SKIPPED element: nothing of it reaches the sink. */
const SKIPPED = 2;

/**
 * Reads storage XHTML with htmlparser2's tokenizer and passes it on as nodes. The tokenizer runs in HTML
 * mode for its entity table (`&nbsp; &rarr; …`, which XML mode does not know); the structure is XML's:
 * names keep their prefixes, `<x/>` closes, CDATA is text, nothing is closed implicitly except to match
 * a later end tag. Text is held until the next element boundary, so adjacent pieces (text, entities,
 * text around a skipped element) reach the sink as one node. Every step is O(1) amortised.
 */
class StorageReader implements TokenizerCallbacks {
  private readonly names: string[] = ['#root'];
  private readonly kinds: number[] = [REAL];
  /** Open SKIPPED elements. */
  private skipping = 0;
  /** Open REAL elements (the root not counted). */
  private depth = 0;
  private pendingName: string | undefined;
  private pendingFlags = 0;
  private pendingAttrs: XmlAttrs = NO_ATTRIBUTES;
  private attrName = '';
  private attrValue = '';
  private keepAttr = false;
  /** Text of the innermost real element not yet passed on (a CDATA section may be empty). */
  private hasText = false;
  private text = '';
  private textCdata = false;

  constructor(
    private readonly input: string,
    private readonly warnings: WarningSink,
    private readonly sink: NodeSink,
  ) {}

  ontext(start: number, end: number): void {
    if (this.skipping === 0) this.addText(this.input.slice(start, end), false);
  }
  ontextentity(codepoint: number): void {
    if (this.skipping === 0) this.addText(String.fromCodePoint(codepoint), false);
  }
  oncdata(start: number, end: number, endOffset: number): void {
    if (this.skipping === 0) this.addText(this.input.slice(start, end - endOffset), true);
  }
  onopentagname(start: number, end: number): void {
    const known = elementName(this.input, start, end);
    this.pendingName = known.name;
    this.pendingFlags = known.flags;
    this.pendingAttrs = NO_ATTRIBUTES;
  }
  onattribname(start: number, end: number): void {
    this.attrValue = '';
    const name = this.skipping === 0 ? keptAttribute(this.input, start, end) : undefined;
    this.keepAttr = name !== undefined;
    if (name !== undefined) this.attrName = name;
  }
  onattribdata(start: number, end: number): void {
    if (this.keepAttr) this.attrValue += this.input.slice(start, end);
  }
  onattribentity(codepoint: number): void {
    if (this.keepAttr) this.attrValue += String.fromCodePoint(codepoint);
  }
  onattribend(): void {
    if (!this.keepAttr || this.pendingName === undefined) return;
    if (this.pendingAttrs === NO_ATTRIBUTES) this.pendingAttrs = {};
    this.pendingAttrs[this.attrName] = this.attrValue;
  }
  onopentagend(): void {
    const name = this.pendingName;
    this.pendingName = undefined;
    if (name === undefined) return;
    this.open(name, this.pendingAttrs, this.pendingFlags);
    if ((this.pendingFlags & IS_VOID) !== 0) this.pop();
  }
  onselfclosingtag(): void {
    const name = this.pendingName;
    this.pendingName = undefined;
    if (name === undefined) return;
    this.open(name, this.pendingAttrs, this.pendingFlags);
    this.pop();
  }
  onclosetag(start: number, end: number): void {
    const open = this.names[this.names.length - 1]!;
    if (open.length === end - start && this.input.startsWith(open, start)) this.pop();
    else this.closeMismatched(lower(this.input.slice(start, end)));
  }
  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {
    while (this.names.length > 1) {
      this.warnings.add('malformed-markup', `<${this.names[this.names.length - 1]!}> was not closed`);
      this.pop();
    }
    this.flushText();
  }

  private addText(value: string, cdata: boolean): void {
    if (this.hasText && this.textCdata !== cdata) this.flushText();
    if (this.hasText) {
      this.text += value;
    } else {
      this.hasText = true;
      this.text = value;
      this.textCdata = cdata;
    }
  }

  private flushText(): void {
    if (!this.hasText) return;
    const text = this.text;
    this.hasText = false;
    this.text = '';
    this.sink.text(text, this.textCdata);
  }

  private open(name: string, attrs: XmlAttrs, flags: number): void {
    if (this.skipping > 0 || (flags & IS_SKIPPED) !== 0) {
      this.skipping++;
      this.push(name, SKIPPED);
    } else if (this.depth >= MAX_DEPTH) {
      this.warnings.add('nesting-too-deep', `elements nested deeper than ${MAX_DEPTH} levels were flattened`);
      this.push(name, FLATTENED);
    } else {
      this.flushText();
      this.depth++;
      this.push(name, REAL);
      this.sink.open(name, attrs);
    }
  }

  private push(name: string, kind: number): void {
    this.names.push(name);
    this.kinds.push(kind);
  }

  /** Closes the innermost open element. */
  private pop(): void {
    this.names.pop();
    const kind = this.kinds.pop();
    if (kind === SKIPPED) {
      this.skipping--;
    } else if (kind === REAL) {
      this.flushText();
      this.depth--;
      this.sink.close();
    }
  }

  /**
   * An end tag that does not close the innermost element: it closes the nearest open element of that
   * name within SEARCH_LIMIT levels (closing those inside it), or is ignored. The limit keeps garbage
   * with thousands of stray end tags linear.
   */
  private closeMismatched(name: string): void {
    const floor = Math.max(1, this.names.length - SEARCH_LIMIT);
    let at = this.names.length - 1;
    while (at >= floor && this.names[at] !== name) at--;
    if (at < floor) {
      if (!VOID_ELEMENTS.has(name)) this.warnings.add('malformed-markup', `stray end tag </${name}> ignored`);
      return;
    }
    while (this.names.length > at) {
      const open = this.names[this.names.length - 1]!;
      this.pop();
      if (open !== name) this.warnings.add('malformed-markup', `<${open}> closed implicitly by </${name}>`);
    }
  }
}

/** Reads a storage-format fragment (or any HTML-ish garbage) into `sink`. Never throws on any string. */
export function readStorage(input: string, warnings: WarningSink, sink: NodeSink): void {
  const reader = new StorageReader(input, warnings, sink);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, reader);
  tokenizer.write(input);
  tokenizer.end();
}
