import type { ConvertOptions } from './convert-options';
import type { ImageRef, LinkRef } from './convert-result';
import type { Block, Inline } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import type { UrlResolver } from './url-resolver';
import type { Warnings } from './warning-log';
import type { XmlElement, XmlNode } from './xml-tree';

/** What element handlers share while one document is built. */
export interface BuildContext {
  readonly options: ConvertOptions;
  readonly warnings: Warnings;
  readonly urls: UrlResolver;
  readonly links: LinkRef[];
  readonly images: ImageRef[];
  /** How many tables of contents were kept: each lists every heading, so their number is bounded. */
  readonly counters: { tocs: number };
  /** A builder for content of its own (cells, list items, macro bodies). */
  builder(): FlowBuilder;
  /** Walks captured nodes into the given builder, as if they were the builder's own content. */
  walk(nodes: readonly XmlNode[], b: FlowBuilder): void;
  /** Builds captured nodes into blocks of their own: cells, list items, macro bodies. */
  flow(nodes: readonly XmlNode[]): Block[];
  /** Builds captured nodes as one run of inline content: link bodies, captions. */
  inlines(nodes: readonly XmlNode[]): Inline[];
}

/** Handles one element captured whole (links, images, tasks…): adds what it means to the builder. */
export type ElementHandler = (el: XmlElement, b: FlowBuilder, ctx: BuildContext) => void;
