import type { Inline } from './doc-model';

/** The plain text of inline content: for heading ids, alt texts, captions and link texts. */
export function inlineText(nodes: readonly Inline[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.text;
        break;
      case 'mark':
      case 'link':
        out += inlineText(node.children);
        break;
      case 'break':
        out += ' ';
        break;
      case 'status':
        out += `[${node.text}]`;
        break;
      case 'math':
        out += node.tex;
        break;
      case 'image':
      case 'anchor':
        break;
    }
  }
  return out;
}
