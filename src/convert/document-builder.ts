import type { BuildContext } from './build-context';
import * as frames from './build-frame';
import type { ConvertOptions } from './convert-options';
import type { ImageRef, LinkRef } from './convert-result';
import type { Block, Inline } from './doc-model';
import * as dispatch from './element-dispatch';
import * as containers from './container-frames';
import * as flow from './flow-builder';
import { HeadingRegistry } from './heading-registry';
import * as run from './inline-run';
import type { NodeSink, XmlAttrs } from './node-sink';
import { UrlResolver } from './url-resolver';
import type { Warnings } from './warning-log';
import type { XmlNode } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { END_INLINE, END_NOTHING, END_PARAGRAPH, FLOW_CAPTION, FLOW_INTO, FLOW_QUOTE, FLOW_SECTION } = frames;
const { F_CAPTURE, F_FLOW, F_LIST, F_MACRO, F_ROW, F_SKIP, F_TABLE, F_TABLE_SECTION, F_TIME, F_WALK } =
  frames;
const { Frame } = frames;
const { RowState } = containers;
const { enterElement } = dispatch;
const { FlowBuilder: Builder } = flow;
const { inlineRun } = run;

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) return false;
  }
  return true;
}

/**
 * Builds the document straight from the node stream. Each open element has a frame on one flat stack
 * of records of a single class (see build-frame.ts), reused as elements open and close; what a node
 * does is decided by one switch on its parent frame's kind. Elements whose handlers need all of their
 * content at once are captured as small trees and walked through the same stack when they end.
 */
export class DocumentBuilder implements NodeSink, BuildContext {
  readonly urls: UrlResolver;
  readonly links: LinkRef[] = [];
  readonly images: ImageRef[] = [];
  readonly counters = { tocs: 0 };
  readonly headings = new HeadingRegistry();
  private readonly root: flow.FlowBuilder;
  /** The open elements' frames: [0] is the page's own, [depth] the innermost. */
  private readonly frames: frames.Frame[];
  private depth = 0;

  constructor(
    readonly options: ConvertOptions,
    readonly warnings: Warnings,
  ) {
    this.urls = new UrlResolver(options, warnings);
    this.root = this.builder();
    this.frames = [new Frame(this.root)];
  }

  open(name: string, attrs: XmlAttrs): void {
    const parent = this.frames[this.depth]!;
    const depth = this.depth + 1;
    const frame = this.frames[depth] ?? this.newFrame(depth);
    switch (parent.kind) {
      case F_WALK:
        enterElement(name, attrs, parent.b, this, frame);
        break;
      case F_SKIP:
        frame.kind = F_SKIP;
        break;
      case F_FLOW:
        enterElement(name, attrs, parent.inner!, this, frame);
        break;
      case F_TIME:
        parent.count++;
        enterElement(name, attrs, parent.b, this, frame);
        break;
      case F_LIST: {
        const list = parent.list!;
        if (name === 'li') frame.flow(FLOW_INTO, parent.b, this.builder(), list.item());
        else enterElement(name, attrs, (list.stray ??= this.builder()), this, frame);
        break;
      }
      case F_TABLE:
        if (name === 'tr') this.row(parent, frame);
        else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
          frame.kind = F_TABLE_SECTION;
          frame.b = parent.b;
          frame.table = parent.table;
        } else if (name === 'caption') frame.flow(FLOW_CAPTION, parent.b, this.builder(), undefined);
        else frame.kind = F_SKIP;
        break;
      case F_TABLE_SECTION:
        if (name === 'tr') this.row(parent, frame);
        else frame.kind = F_SKIP;
        break;
      case F_ROW:
        if (name === 'td' || name === 'th')
          frame.flow(FLOW_INTO, parent.b, this.builder(), parent.row!.cell(name, attrs));
        else frame.kind = F_SKIP;
        break;
      case F_MACRO:
        parent.macro!.child(name, attrs, frame);
        break;
      default: {
        const capture = parent.capture!;
        capture.child(name, attrs);
        frame.captureInto(capture);
      }
    }
    this.depth = depth;
  }

  text(value: string, cdata: boolean, plain = false): void {
    const frame = this.frames[this.depth]!;
    switch (frame.kind) {
      case F_WALK:
        frame.b.addText(value, plain);
        break;
      case F_FLOW:
        frame.inner!.addText(value, plain);
        break;
      case F_TIME:
        frame.count++;
        frame.b.addText(value);
        break;
      case F_LIST:
        frame.list!.text(value, this);
        break;
      case F_CAPTURE:
        frame.capture!.text(value, cdata);
        break;
      case F_TABLE:
      case F_TABLE_SECTION:
      case F_ROW:
      case F_MACRO:
        // Between table parts or macro parts only whitespace belongs; other text (malformed, or
        // flattened past the depth limit) shows before the table or macro, as browsers show it.
        if (!isBlank(value)) frame.b.addText(value);
        break;
      default:
      // Skipped content shows nothing.
    }
  }

  // The frame is popped after its closing work: content that work walks goes above it.
  close(): void {
    const frame = this.frames[this.depth]!;
    switch (frame.kind) {
      case F_WALK:
        if (frame.action === END_PARAGRAPH) frame.b.endParagraph();
        else if (frame.action === END_INLINE) frame.b.closeInline();
        break;
      case F_FLOW:
        this.endFlow(frame);
        break;
      case F_TIME:
        if (frame.count === 0 && frame.value) frame.b.addText(frame.value);
        break;
      case F_LIST:
        frame.list!.end(frame.b);
        frame.list = undefined;
        break;
      case F_TABLE:
        frame.table!.end(frame.b);
        frame.table = undefined;
        break;
      case F_ROW:
        frame.row!.end();
        frame.row = undefined;
        break;
      case F_MACRO: {
        const macro = frame.macro!;
        frame.macro = undefined;
        macro.end();
        break;
      }
      case F_CAPTURE: {
        const capture = frame.capture!;
        frame.capture = undefined;
        capture.end();
        break;
      }
      default:
    }
    this.depth--;
  }

  /** The page's blocks, once the whole body has been read. */
  finish(): Block[] {
    return this.root.finish();
  }

  builder(): flow.FlowBuilder {
    return new Builder(this.headings);
  }

  walk(nodes: readonly XmlNode[], b: flow.FlowBuilder): void {
    const depth = this.depth + 1;
    (this.frames[depth] ?? this.newFrame(depth)).walk(b, END_NOTHING);
    this.depth = depth;
    for (const node of nodes) this.replay(node);
    this.depth = depth - 1;
  }

  flow(nodes: readonly XmlNode[]): Block[] {
    const b = this.builder();
    this.walk(nodes, b);
    return b.finish();
  }

  inlines(nodes: readonly XmlNode[]): Inline[] {
    const b = this.builder();
    b.startParagraph(0);
    this.walk(nodes, b);
    return inlineRun(b.finish());
  }

  /** Nodes parsed already, as the page's own content. */
  read(nodes: readonly XmlNode[]): void {
    for (const node of nodes) this.replay(node);
  }

  private newFrame(depth: number): frames.Frame {
    const frame = new Frame(this.root);
    this.frames[depth] = frame;
    return frame;
  }

  private row(parent: frames.Frame, frame: frames.Frame): void {
    frame.kind = F_ROW;
    frame.b = parent.b;
    frame.row = new RowState(parent.table!);
  }

  private endFlow(frame: frames.Frame): void {
    const blocks = frame.inner!.finish();
    frame.inner = undefined;
    const action = frame.action;
    if (action === FLOW_INTO) {
      frame.target!.blocks = blocks;
      frame.target = undefined;
    } else if (action === FLOW_QUOTE) {
      frame.b.addBlock({ kind: 'quote', children: blocks });
    } else if (action === FLOW_SECTION) {
      frame.b.addBlock({ kind: 'section', children: blocks });
    } else {
      const caption = inlineRun(blocks);
      if (caption.length > 0) frame.b.addBlock({ kind: 'paragraph', children: caption });
    }
  }

  /** A captured node, as if it were being read now. */
  private replay(node: XmlNode): void {
    if (node.type === 'text') {
      this.text(node.value, node.cdata);
      return;
    }
    this.open(node.name, node.attrs);
    for (const child of node.children) this.replay(child);
    this.close();
  }
}
