import type { BuildContext } from './build-context';
import * as frames from './build-frame';
import type { Frame } from './build-frame';
import type { ConvertOptions } from './convert-options';
import type { ImageRef, LinkRef } from './convert-result';
import type { Block, Inline } from './doc-model';
import * as dispatch from './element-dispatch';
import * as flow from './flow-builder';
import { HeadingRegistry } from './heading-registry';
import { inlineRun } from './inline-run';
import type { NodeSink, XmlAttrs } from './node-sink';
import { UrlResolver } from './url-resolver';
import type { Warnings } from './warning-log';
import type { XmlNode } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { END_NOTHING, walkFrame, WalkFrame } = frames;
const { enterElement } = dispatch;
const { FlowBuilder: Builder } = flow;

/**
 * Builds the document straight from the node stream: one frame per open element decides what its
 * content becomes (see build-frame.ts, element-dispatch.ts). Elements whose handlers need all of their
 * content at once are captured as small trees and walked through the same frames when they end.
 */
export class DocumentBuilder implements NodeSink, BuildContext {
  readonly urls: UrlResolver;
  readonly links: LinkRef[] = [];
  readonly images: ImageRef[] = [];
  readonly counters = { tocs: 0 };
  readonly headings = new HeadingRegistry();
  private readonly root: flow.FlowBuilder;
  /** The open elements' frames below the innermost one. */
  private readonly stack: Frame[] = [];
  private top: Frame;

  constructor(
    readonly options: ConvertOptions,
    readonly warnings: Warnings,
  ) {
    this.urls = new UrlResolver(options, warnings);
    this.root = this.builder();
    this.top = walkFrame(this.root, this, END_NOTHING);
  }

  // Most content is walked into a builder: that case skips the call through the frame.
  open(name: string, attrs: XmlAttrs): void {
    const top = this.top;
    const frame = top instanceof WalkFrame ? enterElement(name, attrs, top.b, this) : top.child(name, attrs);
    this.stack.push(top);
    this.top = frame;
  }

  text(value: string, cdata: boolean): void {
    const top = this.top;
    if (top instanceof WalkFrame) top.b.addText(value);
    else top.text(value, cdata);
  }

  close(): void {
    const frame = this.top;
    this.top = this.stack.pop()!;
    frame.end();
  }

  /** The page's blocks, once the whole body has been read. */
  finish(): Block[] {
    return this.root.finish();
  }

  builder(): flow.FlowBuilder {
    return new Builder(this.headings);
  }

  enter(name: string, attrs: XmlAttrs, b: flow.FlowBuilder): Frame {
    return enterElement(name, attrs, b, this);
  }

  walk(nodes: readonly XmlNode[], b: flow.FlowBuilder): void {
    this.stack.push(this.top);
    this.top = walkFrame(b, this, END_NOTHING);
    for (const node of nodes) this.replay(node);
    this.top = this.stack.pop()!;
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

  /** A captured node, as if it were being read now. */
  private replay(node: XmlNode): void {
    if (node.type === 'text') {
      this.top.text(node.value, node.cdata);
      return;
    }
    this.open(node.name, node.attrs);
    for (const child of node.children) this.replay(child);
    this.close();
  }
}
