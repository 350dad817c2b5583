import { assertNever } from '../domain/assert-never';
import type { Block, HeadingEntry, ListItem, StorageDocument, TableCell } from './doc-model';
import * as escape from './html-escape';
import * as inline from './html-inline';
import { htmlTable } from './html-table';
import { tocList } from './toc-list';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { classToken, escapeAttribute, escapeHtml } = escape;
const { htmlImage, htmlInlines } = inline;

type ListBlock = Extract<Block, { kind: 'list' }>;

/**
 * Clean semantic HTML for a knowledge base: only structural tags, and only href/src (http, https,
 * mailto, tel or relative), alt, width, id, colspan, rowspan, start and a few fixed class names.
 */
export function renderHtml(doc: StorageDocument): string {
  return new HtmlRenderer(doc.headings).blocks(doc.blocks);
}

export class HtmlRenderer {
  constructor(private readonly headings: readonly HeadingEntry[]) {}

  blocks(blocks: readonly Block[]): string {
    let out = '';
    for (const block of blocks) {
      const html = this.block(block);
      if (html === '') continue;
      out += out === '' ? html : `\n${html}`;
    }
    return out;
  }

  /** A cell's or list item's content: a lone paragraph needs no `<p>`. */
  tight(blocks: readonly Block[]): string {
    const first = blocks[0];
    if (first?.kind !== 'paragraph') return this.blocks(blocks);
    const inline = htmlInlines(first.children);
    return blocks.length === 1 ? inline : `${inline}\n${this.blocks(blocks.slice(1))}`;
  }

  cell = (cell: TableCell): string => this.tight(cell.blocks);

  private block(block: Block): string {
    switch (block.kind) {
      case 'paragraph':
        return `<p>${htmlInlines(block.children)}</p>`;
      case 'heading': {
        // The heading carries the id already: an anchor with the same id would repeat it.
        const children = block.children.filter((node) => node.kind !== 'anchor' || node.id !== block.id);
        return `<h${block.level} id="${escapeAttribute(block.id)}">${htmlInlines(children)}</h${block.level}>`;
      }
      case 'list':
        return this.list(block, '');
      case 'code':
        return this.code(block.text, block.language, block.title);
      case 'quote':
        return `<blockquote>\n${this.blocks(block.children)}\n</blockquote>`;
      case 'callout': {
        const title = block.title === undefined ? '' : `<p><strong>${escapeHtml(block.title)}</strong></p>\n`;
        return `<blockquote class="callout callout-${block.variant}">\n${title}${this.blocks(block.children)}\n</blockquote>`;
      }
      case 'expand':
        return `<details>\n<summary>${escapeHtml(block.title)}</summary>\n${this.blocks(block.children)}\n</details>`;
      case 'table':
        return htmlTable(block.rows, this.cell);
      case 'rule':
        return '<hr>';
      case 'figure': {
        const caption =
          block.caption.length === 0 ? '' : `<figcaption>${htmlInlines(block.caption)}</figcaption>`;
        return `<figure>${htmlImage(block.image)}${caption}</figure>`;
      }
      case 'toc': {
        const list = tocList(block, this.headings);
        return list === undefined ? '' : this.list(list, ' class="toc"');
      }
      case 'notice': {
        const text = escapeHtml(block.text);
        const body =
          block.href === undefined ? `[${text}]` : `<a href="${escapeAttribute(block.href)}">${text}</a>`;
        return `<p class="confluence-notice">${body}</p>`;
      }
      case 'section':
        return `<section>\n${this.blocks(block.children)}\n</section>`;
      default:
        return assertNever(block, 'block');
    }
  }

  private list(list: ListBlock, attrs: string): string {
    const tag = list.style === 'ordered' ? 'ol' : 'ul';
    const start = list.style === 'ordered' && list.start !== 1 ? ` start="${list.start}"` : '';
    const cls = list.style === 'task' ? ' class="task-list"' : attrs;
    const items = list.items.map((item) => `<li>${this.taskBox(list, item)}${this.tight(item.blocks)}</li>`);
    return `<${tag}${start}${cls}>\n${items.join('\n')}\n</${tag}>`;
  }

  private taskBox(list: ListBlock, item: ListItem): string {
    if (list.style !== 'task') return '';
    return item.checked === true ? '☑ ' : '☐ ';
  }

  private code(text: string, language: string | undefined, title: string | undefined): string {
    const heading =
      title === undefined ? '' : `<p class="code-title"><strong>${escapeHtml(title)}</strong></p>\n`;
    const cls = language === undefined ? '' : ` class="language-${classToken(language)}"`;
    return `${heading}<pre><code${cls}>${escapeHtml(text)}</code></pre>`;
  }
}
