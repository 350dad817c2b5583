import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { KEPT_ATTRIBUTES, SKIPPED_ELEMENTS, VOID_ELEMENTS } from './kept-attributes';
import type { NodeSink, XmlAttrs } from './node-sink';
import type { WarningSink } from './warning-sink';

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
  private pendingAttrs: XmlAttrs = NO_ATTRIBUTES;
  private attrName = '';
  private attrValue = '';
  private keepAttr = false;
  /** Text of the innermost real element not yet passed on. */
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
    this.pendingName = lower(this.input.slice(start, end));
    this.pendingAttrs = NO_ATTRIBUTES;
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
    if (!this.keepAttr || this.pendingName === undefined) return;
    if (this.pendingAttrs === NO_ATTRIBUTES) this.pendingAttrs = {};
    this.pendingAttrs[this.attrName] = this.attrValue;
  }
  onopentagend(): void {
    const name = this.pendingName;
    this.pendingName = undefined;
    if (name === undefined) return;
    this.open(name, this.pendingAttrs);
    if (VOID_ELEMENTS.has(name)) this.pop();
  }
  onselfclosingtag(): void {
    const name = this.pendingName;
    this.pendingName = undefined;
    if (name === undefined) return;
    this.open(name, this.pendingAttrs);
    this.pop();
  }
  onclosetag(start: number, end: number): void {
    const name = this.input.slice(start, end);
    if (this.names[this.names.length - 1] === name) this.pop();
    else this.closeMismatched(lower(name));
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
    if (this.text === '') this.textCdata = cdata;
    else if (this.textCdata !== cdata) {
      this.flushText();
      this.textCdata = cdata;
    }
    this.text += value;
  }

  private flushText(): void {
    if (this.text === '') return;
    const text = this.text;
    this.text = '';
    this.sink.text(text, this.textCdata);
  }

  private open(name: string, attrs: XmlAttrs): void {
    if (this.skipping > 0 || SKIPPED_ELEMENTS.has(name)) {
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

/** Reads a storage-format fragment (or any HTML-ish garbage) into `sink`. Never throws on any string. */
export function readStorage(input: string, warnings: WarningSink, sink: NodeSink): void {
  const reader = new StorageReader(input, warnings, sink);
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: true }, reader);
  tokenizer.write(input);
  tokenizer.end();
}
