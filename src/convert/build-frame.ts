import type { BuildContext } from './build-context';
import type { Block } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import { inlineRun } from './inline-run';
import type { XmlAttrs } from './node-sink';

/**
 * An open element while the document is built: it decides what its child elements become and receives
 * its text. The document builder keeps a stack of them, one per open element.
 */
export abstract class Frame {
  /** A child element starts: does its opening work and returns the frame for its content. */
  abstract child(name: string, attrs: XmlAttrs): Frame;
  abstract text(value: string, cdata: boolean): void;
  /** The element ends: its closing work. */
  abstract end(): void;
}

/** Content that never reaches the output: one shared frame for every element inside it. */
class SkipFrame extends Frame {
  child(): Frame {
    return this;
  }
  text(): void {}
  end(): void {}
}

export const SKIP: Frame = new SkipFrame();

/** What a walking frame does when its element ends. */
export const END_NOTHING = 0;
export const END_PARAGRAPH = 1;
export const END_INLINE = 2;

/** Content walked into a builder as the builder's own (paragraphs, marks, transparent elements). */
export class WalkFrame extends Frame {
  constructor(
    readonly b: FlowBuilder,
    private readonly ctx: BuildContext,
    private readonly action: number,
  ) {
    super();
  }
  child(name: string, attrs: XmlAttrs): Frame {
    return this.ctx.enter(name, attrs, this.b);
  }
  text(value: string): void {
    this.b.addText(value);
  }
  end(): void {
    if (this.action === END_PARAGRAPH) this.b.endParagraph();
    else if (this.action === END_INLINE) this.b.closeInline();
  }
}

/** `<time datetime>`: its content, or the date when it has none. */
export class TimeFrame extends Frame {
  private nodes = 0;
  constructor(
    private readonly b: FlowBuilder,
    private readonly ctx: BuildContext,
    private readonly datetime: string | undefined,
  ) {
    super();
  }
  child(name: string, attrs: XmlAttrs): Frame {
    this.nodes++;
    return this.ctx.enter(name, attrs, this.b);
  }
  text(value: string): void {
    this.nodes++;
    this.b.addText(value);
  }
  end(): void {
    if (this.nodes === 0 && this.datetime) this.b.addText(this.datetime);
  }
}

/** Where a flow's blocks go: a list item, a table cell or a macro. */
export interface BlockTarget {
  blocks: Block[];
}

export const FLOW_QUOTE = 0;
export const FLOW_SECTION = 1;
/** A table caption: one run of inline content, a paragraph before the table. */
export const FLOW_CAPTION = 2;
export const FLOW_INTO = 3;

/** Content built into blocks of its own. */
export class FlowFrame extends Frame {
  private readonly inner: FlowBuilder;
  constructor(
    private readonly ctx: BuildContext,
    private readonly kind: number,
    private readonly b: FlowBuilder | undefined,
    private readonly target: BlockTarget | undefined,
  ) {
    super();
    this.inner = ctx.builder();
    if (kind === FLOW_CAPTION) this.inner.startParagraph(0);
  }
  child(name: string, attrs: XmlAttrs): Frame {
    return this.ctx.enter(name, attrs, this.inner);
  }
  text(value: string): void {
    this.inner.addText(value);
  }
  end(): void {
    const blocks = this.inner.finish();
    if (this.kind === FLOW_INTO) {
      this.target!.blocks = blocks;
    } else if (this.kind === FLOW_QUOTE) {
      this.b!.addBlock({ kind: 'quote', children: blocks });
    } else if (this.kind === FLOW_SECTION) {
      this.b!.addBlock({ kind: 'section', children: blocks });
    } else {
      const caption = inlineRun(blocks);
      if (caption.length > 0) this.b!.addBlock({ kind: 'paragraph', children: caption });
    }
  }
}

/** The walking frame of a builder for an action: one per builder, shared by all elements walked into it. */
export function walkFrame(b: FlowBuilder, ctx: BuildContext, action: number): Frame {
  return (b.walkers[action] ??= new WalkFrame(b, ctx, action));
}
