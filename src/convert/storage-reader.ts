import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import * as kept from './kept-attributes';
import * as names from './storage-names';
import type { NodeSink, XmlAttrs } from './node-sink';
import type { WarningSink } from './warning-sink';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { VOID_ELEMENTS } = kept;
const { IS_DROPPED, IS_SKIPPED, IS_VOID, elementName, keptAttribute, lower } = names;

/** Deeper elements are flattened into their ancestor at this depth, so later passes may recurse. */
export const MAX_DEPTH = 100;

/** How far down the open elements a mismatched end tag looks for its start tag. */
const SEARCH_LIMIT = 64;

const NO_ATTRIBUTES: XmlAttrs = Object.freeze({}) as XmlAttrs;

/** Characters XML does not allow (binary garbage); lone surrogates are left to the UTF-8 encoder. */
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;
const INVALID_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;
/** An attribute value that needs more than slicing: an entity or an invalid character. */
const NOT_PLAIN = /[&\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;
/** Text that needs more than slicing: the above, or whitespace HTML collapses (see NodeSink.text). */
const NOT_PLAIN_TEXT = /[&\u0000-\u001f\u007f\ufffe\uffff]| {2}/;

const describeRemoved = (count: number) => `${count} characters not allowed in XML were removed`;

/** What an open element is to the sink. */
const REAL = 0;
/** Past MAX_DEPTH: only matches its end tag; its content goes to its nearest real ancestor. */
const FLATTENED = 1;
/** Inside a SKIPPED element: nothing of it reaches the sink. */
const SKIPPED = 2;

/**
 * Reads storage XHTML with htmlparser2's tokenizer and passes it on as nodes. Entities are HTML's
 * (`&nbsp; &rarr; …`, which XML does not know), decoded as HTML decodes them; the structure is XML's:
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
  private textPlain = false;

  constructor(
    private readonly input: string,
    private readonly warnings: WarningSink,
    private readonly sink: NodeSink,
  ) {}

  ontext(start: number, end: number): void {
    if (this.skipping !== 0) return;
    const raw = this.input.slice(start, end);
    if (!NOT_PLAIN_TEXT.test(raw)) this.addText(raw, false, true);
    else this.addText(this.valid(raw.indexOf('&') === -1 ? raw : decodeHTML(raw)), false, false);
  }
  /** Not called: entities are decoded here (see readStorage). */
  ontextentity(): void {}
  oncdata(start: number, end: number, endOffset: number): void {
    if (this.skipping === 0) this.addText(this.valid(this.input.slice(start, end - endOffset)), true, false);
  }
  onopentagname(start: number, end: number): void {
    const known = elementName(this.input, start, end, this);
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
  /** Not called: entities are decoded here (see readStorage). */
  onattribentity(): void {}
  onattribend(): void {
    if (!this.keepAttr || this.pendingName === undefined) return;
    if (this.pendingAttrs === NO_ATTRIBUTES) this.pendingAttrs = {};
    const raw = this.attrValue;
    this.pendingAttrs[this.attrName] = NOT_PLAIN.test(raw) ? this.valid(decodeHTMLAttribute(raw)) : raw;
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
    else this.closeMismatched(lower(this.valid(this.input.slice(start, end))));
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

  /** `text` without the characters XML does not allow (counted in one warning). */
  private valid(text: string): string {
    return INVALID.test(text) ? this.removeInvalid(text) : text;
  }

  removeInvalid(text: string): string {
    const clean = text.replace(INVALID_ALL, '');
    this.warnings.addCount('invalid-characters', describeRemoved, text.length - clean.length);
    return clean;
  }

  private addText(value: string, cdata: boolean, plain: boolean): void {
    if (this.hasText && this.textCdata !== cdata) this.flushText();
    if (this.hasText) {
      this.text += value;
      // Two plain pieces may still meet in two spaces.
      this.textPlain = false;
    } else {
      this.hasText = true;
      this.text = value;
      this.textCdata = cdata;
      this.textPlain = plain;
    }
  }

  private flushText(): void {
    if (!this.hasText) return;
    const text = this.text;
    this.hasText = false;
    this.text = '';
    this.sink.text(text, this.textCdata, this.textPlain);
  }

  private open(name: string, attrs: XmlAttrs, flags: number): void {
    // Past the depth limit a macro's parameters are dropped too: flattened, they would read as text.
    if (
      this.skipping > 0 ||
      (flags & IS_SKIPPED) !== 0 ||
      (this.depth >= MAX_DEPTH && (name === 'ac:parameter' || name === 'ac:default-parameter'))
    ) {
      if (this.skipping === 0 && (flags & IS_DROPPED) !== 0)
        this.warnings.add('dropped-element', `<${name}> and its content are not rendered`);
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
  // Entities are decoded by the reader, and only in the text and kept attribute values that have any:
  // the tokenizer then skips to the next `<` or quote at once instead of visiting every character.
  // It is the same decoder (entities, the package htmlparser2 uses) in the same HTML modes: legacy
  // references without `;` in text, attribute rules in attribute values.
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: false }, reader);
  tokenizer.write(input);
  tokenizer.end();
}
