/** The raw tree parsed from storage XHTML: names lower-cased, entities decoded, CDATA kept verbatim. */
export interface XmlElement {
  readonly type: 'element';
  readonly name: string;
  /** Only the attributes the converter reads (see kept-attributes.ts). Never mutate a shared empty one. */
  attrs: Record<string, string>;
  /** Leaves share one frozen empty array until they get a child (most elements are leaves or small). */
  children: XmlNode[];
}

export interface XmlText {
  readonly type: 'text';
  value: string;
  /** From a CDATA section: verbatim, never whitespace-collapsed. */
  readonly cdata: boolean;
}

export type XmlNode = XmlElement | XmlText;

export function isElement(node: XmlNode | undefined, name?: string): node is XmlElement {
  return node !== undefined && node.type === 'element' && (name === undefined || node.name === name);
}

/**
 * Concatenated text of a subtree, verbatim; `<br>` counts as a newline. Macro parameters inside it are
 * settings, not text, and are skipped (the subtree's own root may be one). Iterative: no depth limit.
 */
export function textContent(node: XmlNode): string {
  if (node.type === 'text') return node.value;
  let out = '';
  const stack: XmlNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') out += current.value;
    else if (current.name === 'br') out += '\n';
    else if (current.name === 'ac:parameter' && current !== node) continue;
    else for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return out;
}

/** The first child element with the given name. */
export function childElement(el: XmlElement, name: string): XmlElement | undefined {
  for (const child of el.children) if (child.type === 'element' && child.name === name) return child;
  return undefined;
}
