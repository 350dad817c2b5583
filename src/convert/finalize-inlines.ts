import type { Inline } from './doc-model';

interface SpaceState {
  /** The last thing emitted ends a line or a space: a following space is redundant. */
  afterSpace: boolean;
  /** Nothing visible has been emitted yet: breaks here are dropped. */
  atStart: boolean;
}

/**
 * Collapses whitespace across inline boundaries the way browsers do (one space between words, none
 * at the start or end of a paragraph or around a line break) and drops empty marks and links.
 */
export function finalizeInlines(children: Inline[]): Inline[] {
  const out = normalise(children, { afterSpace: true, atStart: true });
  trimEnd(out);
  return out.slice();
}

function normalise(children: Inline[], state: SpaceState): Inline[] {
  const out: Inline[] = [];
  for (const node of children) {
    const kept = normaliseOne(node, state, out);
    if (kept !== undefined) out.push(kept);
  }
  return out;
}

function normaliseOne(node: Inline, state: SpaceState, out: Inline[]): Inline | undefined {
  switch (node.kind) {
    case 'text': {
      const text = state.afterSpace && node.text.startsWith(' ') ? node.text.slice(1) : node.text;
      if (text === '') return undefined;
      state.afterSpace = text.endsWith(' ');
      state.atStart = false;
      return text === node.text ? node : { kind: 'text', text };
    }
    case 'break': {
      if (state.atStart) return undefined;
      dropTrailingSpace(out);
      state.afterSpace = true;
      return node;
    }
    case 'mark':
    case 'link': {
      // slice(): an exact-size copy, without the spare capacity push() leaves (halves the tree's size).
      const inner = normalise(node.children, state).slice();
      return inner.length === 0 ? undefined : { ...node, children: inner };
    }
    case 'anchor':
      return node;
    case 'image':
    case 'status':
    case 'math':
      state.afterSpace = false;
      state.atStart = false;
      return node;
  }
}

/** A space right before a line break is invisible: drop it. */
function dropTrailingSpace(out: Inline[]): void {
  const last = out[out.length - 1];
  if (last?.kind !== 'text' || !last.text.endsWith(' ')) return;
  if (last.text === ' ') out.pop();
  else out[out.length - 1] = { kind: 'text', text: last.text.slice(0, -1) };
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
      const text = last.text.slice(0, end);
      if (text === last.text) return;
      if (text === '') nodes.pop();
      else nodes[nodes.length - 1] = { kind: 'text', text };
      if (text !== '') return;
    } else if (last.kind === 'mark' || last.kind === 'link') {
      trimEnd(last.children);
      if (last.children.length > 0) return;
      nodes.pop();
    } else {
      return;
    }
  }
}
