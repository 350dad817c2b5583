import type { BuildContext } from './build-context';
import type { FlowBuilder } from './flow-builder';
import type { XmlAttrs } from './node-sink';
import * as tree from './tree-sink';
import type { XmlElement } from './xml-tree';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { appendChild, newElement } = tree;

/** Receives an element captured whole, when it ends. */
export interface CaptureTarget {
  captured(el: XmlElement, b: FlowBuilder, ctx: BuildContext): void;
}

/**
 * An element whose handler needs all of it at once (a link's resource and body, a macro parameter, an
 * image's caption, a task's status): its subtree is kept as a raw tree until it ends. These are small;
 * the bulk of a page (paragraphs, lists, tables, macro bodies) streams through the other frames.
 */
export class CaptureFrame {
  private readonly path: XmlElement[];

  constructor(
    name: string,
    attrs: XmlAttrs,
    private readonly target: CaptureTarget,
    private readonly b: FlowBuilder,
    private readonly ctx: BuildContext,
  ) {
    this.path = [newElement(name, attrs)];
  }

  /** An element inside the captured one starts. */
  child(name: string, attrs: XmlAttrs): void {
    const el = newElement(name, attrs);
    appendChild(this.path[this.path.length - 1]!, el);
    this.path.push(el);
  }

  text(value: string, cdata: boolean): void {
    appendChild(this.path[this.path.length - 1]!, { type: 'text', value, cdata });
  }

  /** The innermost open element ends; when it is the captured one, its target receives it. */
  end(): void {
    const el = this.path.pop()!;
    if (this.path.length === 0) this.target.captured(el, this.b, this.ctx);
  }
}

/** An element handler as a capture target. */
export function captureTarget(
  handler: (el: XmlElement, b: FlowBuilder, ctx: BuildContext) => void,
): CaptureTarget {
  return { captured: handler };
}
