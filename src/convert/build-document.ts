import type { BuildContext } from './build-context';
import type { ConvertOptions } from './convert-options';
import type { HeadingLevel, Inline, StorageDocument } from './doc-model';
import { handlerFor } from './element-handlers';
import { FlowBuilder } from './flow-builder';
import { HeadingRegistry } from './heading-registry';
import { inlineRun } from './inline-run';
import { UrlResolver } from './url-resolver';
import type { WarningSink } from './warning-sink';
import type { XmlElement, XmlNode } from './xml-tree';

/** Interprets the raw tree: Confluence elements and macros become the document model. */
export function buildDocument(
  root: XmlElement,
  options: ConvertOptions,
  warnings: WarningSink,
): StorageDocument {
  const headings = new HeadingRegistry();
  const onHeading = (level: HeadingLevel, children: Inline[]) => headings.register(level, children);
  const ctx: BuildContext = {
    options,
    warnings,
    urls: new UrlResolver(options, warnings),
    links: [],
    images: [],
    counters: { tocs: 0 },
    walk(nodes: readonly XmlNode[], b: FlowBuilder): void {
      for (const node of nodes) {
        if (node.type === 'text') b.addText(node.value);
        else handlerFor(node.name)(node, b, ctx);
      }
    },
    flow(nodes: readonly XmlNode[]) {
      const b = new FlowBuilder(onHeading);
      ctx.walk(nodes, b);
      return b.finish();
    },
    inlines(nodes: readonly XmlNode[]) {
      const b = new FlowBuilder(onHeading);
      b.startParagraph(0);
      ctx.walk(nodes, b);
      return inlineRun(b.finish());
    },
  };
  const blocks = ctx.flow(root.children);
  return {
    blocks,
    headings: headings.entries,
    links: ctx.links,
    images: ctx.images,
    warnings: warnings.warnings(),
  };
}
