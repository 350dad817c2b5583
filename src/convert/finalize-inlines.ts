import type { Inline } from './doc-model';

/** The last thing emitted ends a line or a space: a following space is redundant. */
let afterSpace = true;
/** Nothing visible has been emitted yet: breaks here are dropped. */
let atStart = true;

/**
 * Collapses whitespace across inline boundaries the way browsers do (one space between words, none
 * at the start or end of a paragraph or around a line break) and drops empty marks and links. Works
 * in place: the arrays and nodes belong to the paragraph being finished (see flow-builder.ts).
 */
export function finalizeInlines(children: Inline[]): Inline[] {
  afterSpace = true;
  atStart = true;
  normalise(children);
  trimEnd(children);
  return children;
}

/** Keeps the nodes that stay visible, compacting the array as it goes. */
function normalise(nodes: Inline[]): void {
  let kept = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    switch (node.kind) {
      case 'text': {
        const text = afterSpace && node.text.charCodeAt(0) === 32 ? node.text.slice(1) : node.text;
        if (text === '') continue;
        afterSpace = text.charCodeAt(text.length - 1) === 32;
        atStart = false;
        node.text = text;
        break;
      }
      case 'break':
        if (atStart) continue;
        // A space right before a line break is invisible: drop it.
        if (kept > 0) kept = dropTrailingSpace(nodes, kept);
        afterSpace = true;
        break;
      case 'mark':
      case 'link':
        normalise(node.children);
        if (node.children.length === 0) continue;
        break;
      case 'anchor':
        break;
      case 'image':
      case 'status':
      case 'math':
        afterSpace = false;
        atStart = false;
        break;
    }
    nodes[kept++] = node;
  }
  if (kept < nodes.length) nodes.length = kept;
}

/** Drops the space ending the kept nodes; returns how many are kept. */
function dropTrailingSpace(nodes: Inline[], kept: number): number {
  const last = nodes[kept - 1]!;
  if (last.kind !== 'text' || last.text.charCodeAt(last.text.length - 1) !== 32) return kept;
  if (last.text === ' ') return kept - 1;
  last.text = last.text.slice(0, -1);
  return kept;
}

/** Removes trailing spaces and line breaks at the end of an inline run, looking into marks and links. */
function trimEnd(nodes: Inline[]): void {
  while (nodes.length > 0) {
    const last = nodes[nodes.length - 1]!;
    if (last.kind === 'break') {
      nodes.pop();
    } else if (last.kind === 'text') {
      let end = last.text.length;
      while (end > 0 && last.text.charCodeAt(end - 1) === 32) end--;
      if (end === last.text.length) return;
      if (end > 0) {
        last.text = last.text.slice(0, end);
        return;
      }
      nodes.pop();
    } else if (last.kind === 'mark' || last.kind === 'link') {
      trimEnd(last.children);
      if (last.children.length > 0) return;
      nodes.pop();
    } else {
      return;
    }
  }
}
