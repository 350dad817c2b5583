import type { Block, HeadingLevel, Inline, MarkKind } from './doc-model';
import * as finalize from './finalize-inlines';

/** Gives headings their ids (see heading-registry.ts). */
export interface HeadingSink {
  register(level: HeadingLevel, children: Inline[]): string;
}

/** An inline container that is open while its element's children are walked. */
export type InlineSpec = { kind: 'mark'; mark: MarkKind } | { kind: 'link'; href?: string };

interface Frame {
  readonly spec: InlineSpec | undefined;
  readonly children: Inline[];
}

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
 */
export class FlowBuilder {
  private readonly blocks: Block[] = [];
  /** 0 for a paragraph, 1–6 for a heading; undefined when no paragraph is open. */
  private level: number | undefined;
  private frames: Frame[] = [];
  private readonly specs: InlineSpec[] = [];

  constructor(private readonly headings: HeadingSink) {}

  get inParagraph(): boolean {
    return this.level !== undefined;
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
    if (this.level !== undefined) this.frames.push({ spec, children: [] });
  }

  closeInline(): void {
    this.specs.pop();
    if (this.level === undefined) return;
    const frame = this.frames.pop()!;
    const node = toInline(frame);
    if (node !== undefined) this.frames[this.frames.length - 1]!.children.push(node);
  }

  addText(raw: string): void {
    let text: string;
    if (isWhitespace(raw)) {
      if (this.level === undefined) return;
      text = raw === '' ? '' : ' ';
    } else {
      text = collapseWhitespace(raw);
    }
    const children = this.target();
    const last = children[children.length - 1];
    // Text nodes are the builder's own until the paragraph is finished: extend the last one.
    if (last !== undefined && last.kind === 'text') last.text += text;
    else children.push({ kind: 'text', text });
  }

  addInline(node: Inline): void {
    this.target().push(node);
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

  private target(): Inline[] {
    if (this.level === undefined) this.open(0);
    return this.frames[this.frames.length - 1]!.children;
  }

  private open(level: number): void {
    this.level = level;
    this.frames = [{ spec: undefined, children: [] }];
    for (const spec of this.specs) this.frames.push({ spec, children: [] });
  }

  private flush(): void {
    if (this.level === undefined) return;
    for (let i = this.frames.length - 1; i > 0; i--) {
      const node = toInline(this.frames[i]!);
      if (node !== undefined) this.frames[i - 1]!.children.push(node);
    }
    const children = finalizeInlines(this.frames[0]!.children);
    const level = this.level;
    this.level = undefined;
    this.frames = [];
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

function toInline(frame: Frame): Inline | undefined {
  if (frame.children.length === 0 || frame.spec === undefined) return undefined;
  if (frame.spec.kind === 'mark') return { kind: 'mark', mark: frame.spec.mark, children: frame.children };
  return { kind: 'link', href: frame.spec.href, children: frame.children };
}

/** Only whitespace (including no-break spaces): an empty paragraph, as `<p>&nbsp;</p>` is. */
function isInvisible(children: Inline[]): boolean {
  for (const node of children) if (node.kind !== 'text' || VISIBLE.test(node.text)) return false;
  return true;
}
