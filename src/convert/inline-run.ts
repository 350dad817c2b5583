import type { Block, Inline } from './doc-model';

/**
 * Flattens blocks into one run of inline content, for places that only hold inline content (link
 * bodies, captions): paragraphs are separated by line breaks and other blocks keep their text.
 */
export function inlineRun(blocks: readonly Block[]): Inline[] {
  const out: Inline[] = [];
  for (const block of blocks) {
    const inlines = blockInlines(block);
    if (inlines.length === 0) continue;
    if (out.length > 0) out.push({ kind: 'break' });
    for (const inline of inlines) out.push(inline);
  }
  return out;
}

function blockInlines(block: Block): Inline[] {
  switch (block.kind) {
    case 'paragraph':
    case 'heading':
      return block.children;
    case 'figure':
      return [{ kind: 'image', image: block.image }, ...block.caption];
    case 'code':
      return [{ kind: 'mark', mark: 'code', children: [{ kind: 'text', text: block.text }] }];
    case 'list':
      return inlineRun(block.items.flatMap((item) => item.blocks));
    case 'table':
      return inlineRun(block.rows.flatMap((row) => row.flatMap((cell) => cell.blocks)));
    case 'quote':
    case 'callout':
    case 'expand':
    case 'section':
      return inlineRun(block.children);
    case 'notice':
      return [{ kind: 'text', text: `[${block.text}]` }];
    case 'rule':
    case 'toc':
      return [];
  }
}
