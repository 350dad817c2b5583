import type { NodeSink, XmlAttrs } from './node-sink';
import type { XmlElement, XmlNode } from './xml-tree';

const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/** Leaves share one frozen empty array until they get a child (most elements are leaves or small). */
export function newElement(name: string, attrs: XmlAttrs): XmlElement {
  return { type: 'element', name, attrs, children: NO_CHILDREN };
}

export function appendChild(parent: XmlElement, node: XmlNode): void {
  if (parent.children === NO_CHILDREN) parent.children = [node];
  else parent.children.push(node);
}

/** Builds the raw tree from a node stream. */
export class TreeSink implements NodeSink {
  readonly root: XmlElement = newElement('#root', {});
  private readonly path: XmlElement[] = [this.root];

  open(name: string, attrs: XmlAttrs): void {
    const el = newElement(name, attrs);
    appendChild(this.path[this.path.length - 1]!, el);
    this.path.push(el);
  }

  text(value: string, cdata: boolean): void {
    appendChild(this.path[this.path.length - 1]!, { type: 'text', value, cdata });
  }

  close(): void {
    this.path.pop();
  }
}
