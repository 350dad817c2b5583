import type { Block, HeadingLevel, Inline, MarkKind } from './doc-model';
import * as finalize from './finalize-inlines';

/** Gives headings their ids (see heading-registry.ts). */
export interface HeadingSink {
  register(level: HeadingLevel, children: Inline[]): string;
  /** An anchor's id, which no heading id may repeat. */
  anchor(id: string): void;
}

/** An inline container that is open while its element's children are walked. */
export type InlineSpec = { kind: 'mark'; mark: MarkKind } | { kind: 'link'; href?: string };

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { finalizeInlines } = finalize;

/** What `trim()` keeps: anything but JavaScript whitespace. */
const VISIBLE = /\S/;
const WHITESPACE_RUN = /[ \t\n\r\f]+/g;
/** A tab, line feed, carriage return, form feed or two spaces in a row (a regex scans faster than a loop). */
const NEEDS_COLLAPSE = /[\t\n\r\f]| {2}/;

/** Turns whitespace the way HTML renders it: any run becomes one space. */
export function collapseWhitespace(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(WHITESPACE_RUN, ' ') : text;
}

/** Only spaces, tabs, line feeds, carriage returns and form feeds (the text between tags, mostly). */
function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) return false;
  }
  return true;
}

/**
 * Receives a mixed stream of inlines and blocks, the way storage format mixes them (text directly in
 * cells and list items, code macros inside paragraphs, marks around paragraphs), and produces blocks:
 * loose inlines become paragraphs, a block splits the paragraph around it, and inline containers that
 * are open at the split are reopened after it.
 *
 * The open paragraph's content is one flat array: each open inline container's children are the items
 * from its start to the end (only the innermost one grows), and become its node when it closes.
 */
export class FlowBuilder {
  private readonly blocks: Block[] = [];
  /** 0 for a paragraph, 1–6 for a heading; -1 when no paragraph is open. */
  private level = -1;
  /** The open inline containers, outermost first: they stay open across the paragraphs they span. */
  private readonly specs: InlineSpec[] = [];
  /** The open paragraph's content (see above). */
  private items: Inline[] = [];
  /** While a paragraph is open: where each open inline container's children start in `items`. */
  private readonly starts: number[] = [];

  constructor(private readonly headings: HeadingSink) {}

  get inParagraph(): boolean {
    return this.level >= 0;
  }

  startParagraph(level = 0): void {
    this.flush();
    this.open(level);
  }

  endParagraph(): void {
    this.flush();
  }

  openInline(spec: InlineSpec): void {
    this.specs.push(spec);
    if (this.level >= 0) this.starts.push(this.items.length);
  }

  closeInline(): void {
    const spec = this.specs.pop()!;
    if (this.level < 0) return;
    this.closeContainer(spec, this.starts.pop()!);
  }

  /** `plain`: `raw` holds no tab, line break, form feed or two spaces in a row (see NodeSink.text). */
  addText(raw: string, plain = false): void {
    let text: string;
    if (plain ? raw.length < 2 && (raw === '' || raw === ' ') : isWhitespace(raw)) {
      if (this.level < 0) return;
      text = raw === '' ? '' : ' ';
    } else {
      text = plain ? raw : collapseWhitespace(raw);
      if (this.level < 0) this.open(0);
    }
    const items = this.items;
    const starts = this.starts;
    const from = starts.length === 0 ? 0 : starts[starts.length - 1]!;
    const last = items.length > from ? items[items.length - 1]! : undefined;
    // Text nodes are the builder's own until the paragraph is finished: extend the last one.
    if (last !== undefined && last.kind === 'text') last.text += text;
    else items.push({ kind: 'text', text });
  }

  addInline(node: Inline): void {
    if (this.level < 0) this.open(0);
    if (node.kind === 'anchor') this.headings.anchor(node.id);
    this.items.push(node);
  }

  /** Ends the open paragraph (what follows goes into a new one, inside the same open marks). */
  addBlock(block: Block): void {
    this.flush();
    this.blocks.push(block);
  }

  finish(): Block[] {
    this.flush();
    return this.blocks;
  }

  private open(level: number): void {
    this.level = level;
    for (let i = 0; i < this.specs.length; i++) this.starts.push(0);
  }

  /** An inline container's children are the items from `start` on: they become its node. */
  private closeContainer(spec: InlineSpec, start: number): void {
    const items = this.items;
    if (items.length <= start) return;
    const children = items.splice(start);
    items.push(
      spec.kind === 'mark'
        ? { kind: 'mark', mark: spec.mark, children }
        : { kind: 'link', href: spec.href, children },
    );
  }

  private flush(): void {
    const level = this.level;
    if (level < 0) return;
    const starts = this.starts;
    for (let i = starts.length - 1; i >= 0; i--) this.closeContainer(this.specs[i]!, starts[i]!);
    if (starts.length !== 0) starts.length = 0;
    const children = finalizeInlines(this.items);
    this.items = [];
    this.level = -1;
    if (children.length === 0 || isInvisible(children)) return;
    if (level === 0) {
      this.blocks.push({ kind: 'paragraph', children });
    } else {
      const heading = level as HeadingLevel;
      this.blocks.push({
        kind: 'heading',
        level: heading,
        id: this.headings.register(heading, children),
        children,
      });
    }
  }
}

/** Only whitespace (including no-break spaces): an empty paragraph, as `<p>&nbsp;</p>` is. */
function isInvisible(children: Inline[]): boolean {
  for (const node of children) {
    if (node.kind !== 'text') return false;
    // Most paragraphs start with a printable ASCII character: visible without a regex.
    const c = node.text.charCodeAt(0);
    if ((c > 32 && c < 127) || VISIBLE.test(node.text)) return false;
  }
  return true;
}
