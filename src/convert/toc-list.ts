import type { Block, HeadingEntry, ListItem } from './doc-model';

/** Headings listed at most in one table of contents. */
const MAX_ENTRIES = 1000;

type TocBlock = Extract<Block, { kind: 'toc' }>;
type ListBlock = Extract<Block, { kind: 'list' }>;

/** The table of contents as a nested bullet list of links to the headings it covers. */
export function tocList(toc: TocBlock, headings: readonly HeadingEntry[]): ListBlock | undefined {
  const shown = headings
    .filter(
      (h) =>
        h.level >= toc.minLevel &&
        h.level <= toc.maxLevel &&
        h.text !== '' &&
        !toc.exclude.includes(h.text.toLowerCase()),
    )
    .slice(0, MAX_ENTRIES);
  if (shown.length === 0) return undefined;
  const root: ListBlock = { kind: 'list', style: 'bullet', start: 1, items: [] };
  const stack: { level: number; list: ListBlock }[] = [
    { level: shown.reduce((min, h) => Math.min(min, h.level), 6), list: root },
  ];
  for (const heading of shown) {
    while (stack.length > 1 && heading.level < stack[stack.length - 1]!.level) stack.pop();
    const top = stack[stack.length - 1]!;
    const last = top.list.items[top.list.items.length - 1];
    if (heading.level > top.level && last !== undefined) {
      const nested: ListBlock = { kind: 'list', style: 'bullet', start: 1, items: [] };
      last.blocks.push(nested);
      stack.push({ level: heading.level, list: nested });
    }
    stack[stack.length - 1]!.list.items.push(item(heading));
  }
  return root;
}

function item(heading: HeadingEntry): ListItem {
  return {
    blocks: [
      {
        kind: 'paragraph',
        children: [
          { kind: 'link', href: `#${heading.id}`, children: [{ kind: 'text', text: heading.text }] },
        ],
      },
    ],
  };
}
