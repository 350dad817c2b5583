import { readStorage } from './storage-reader';
import { TreeSink } from './tree-sink';
import type { WarningSink } from './warning-sink';
import type { XmlElement } from './xml-tree';

/**
 * Parses a storage-format fragment (or any HTML-ish garbage) into a raw tree. Never throws on any
 * string. The converter itself builds its document straight from the node stream (see
 * document-builder.ts); the tree serves the plain-text fallback and small captured subtrees.
 */
export function parseXml(input: string, warnings: WarningSink): XmlElement {
  const sink = new TreeSink();
  readStorage(input, warnings, sink);
  return sink.root;
}
