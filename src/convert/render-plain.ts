import { assertNever } from '../domain/assert-never';
import type { Block, HeadingEntry, Inline, ListItem, TableCell } from './doc-model';
import * as lines from './line-writer';
import type { LineWriter } from './line-writer';
import * as dialects from './plain-dialect';
import type { PlainDialect } from './plain-dialect';
import * as tables from './plain-table';
import * as toc from './toc-list';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { LineWriter: Writer } = lines;
const { CALLOUT_ICONS } = dialects;
const { plainTable } = tables;
const { tocList } = toc;

type ListBlock = Extract<Block, { kind: 'list' }>;
type FigureBlock = Extract<Block, { kind: 'figure' }>;

/** Where inline content sits, as bits: inside bold text, inside a link the dialect shows as one. */
const BOLD = 1;
const LINKED = 2;

/**
 * Block layout shared by plain text and BB-code: paragraphs separated by blank lines, lists as marked
 * and indented lines, tables as rows of cells, code verbatim (never indented).
 */
export class PlainRenderer {
  /** `bold`: every paragraph is shown bold (the renderer of a header cell). */
  constructor(
    private readonly d: PlainDialect,
    private readonly headings: readonly HeadingEntry[],
    private readonly w: LineWriter = new Writer(),
    private readonly bold = false,
  ) {}

  render(blocks: readonly Block[]): string {
    this.blocks(blocks, false);
    return this.w.toString();
  }

  private blocks(blocks: readonly Block[], tight: boolean): void {
    for (let i = 0; i < blocks.length; i++) {
      if (i > 0 && !tight) this.w.blank();
      this.block(blocks[i]!);
    }
  }

  private block(block: Block): void {
    switch (block.kind) {
      case 'paragraph':
        return this.w.write(
          this.bold
            ? this.d.bold(this.d.paragraph(this.inlines(block.children, BOLD)))
            : this.d.paragraph(this.inlines(block.children, 0)),
        );
      case 'heading':
        return this.w.write(this.d.heading(this.inlines(block.children, BOLD), block.level));
      case 'list':
        return this.list(block);
      case 'code':
        if (block.title !== undefined) this.w.write(this.d.label(block.title));
        return this.w.writeVerbatim(this.d.code(block.text));
      case 'quote':
        return this.w.nest(this.d.quote, this.d.quote, () => this.blocks(block.children, false));
      case 'callout':
        return this.callout(block);
      case 'expand':
        this.w.write(this.d.label(block.title));
        return this.blocks(block.children, false);
      case 'table':
        return plainTable(block.rows, this.w, (cell) => this.cell(cell));
      case 'rule':
        return this.w.write(this.d.rule);
      case 'figure':
        return this.figure(block);
      case 'toc': {
        const list = this.d.toc ? tocList(block, this.headings) : undefined;
        return list === undefined ? undefined : this.list(list);
      }
      case 'notice':
        return this.w.write(this.d.notice(block.text, block.href));
      case 'section':
        return this.blocks(block.children, false);
      default:
        return assertNever(block, 'block');
    }
  }

  /** A cell's own text, laid out on its own (the table decides where its lines go); headers bold. */
  private cell(cell: TableCell): string {
    return new PlainRenderer(this.d, this.headings, new Writer(), cell.header).render(cell.blocks);
  }

  /** The image, then its caption unless the image line shows the very same words (alt from caption). */
  private figure(block: FigureBlock): void {
    this.w.write(this.d.image(block.image, false));
    const caption = this.inlines(block.caption, 0);
    if (caption.trim() !== '' && caption.trim() !== this.d.text(block.image.alt))
      this.w.write(this.d.paragraph(caption));
  }

  private list(list: ListBlock): void {
    list.items.forEach((item, i) => {
      const marker = listMarker(list, item, i);
      this.w.nest(marker, this.d.indent.repeat(marker.length), () => this.blocks(item.blocks, true));
    });
  }

  private callout(block: Extract<Block, { kind: 'callout' }>): void {
    const icon = CALLOUT_ICONS[block.variant];
    if (block.title !== undefined) {
      this.w.write(this.d.label(icon === undefined ? block.title : `${icon} ${block.title}`));
      return this.blocks(block.children, false);
    }
    if (icon === undefined) return this.blocks(block.children, false);
    this.w.nest(`${icon} `, '', () => this.blocks(block.children, false));
  }

  /**
   * `at`: BOLD and LINKED bits. Inside bold text (headings, header cells, bold marks) bold is not
   * nested; inside a shown link, links and images show their text only (links cannot nest).
   */
  private inlines(nodes: readonly Inline[], at: number): string {
    let out = '';
    for (const node of nodes) out += this.inline(node, at);
    return out;
  }

  private inline(node: Inline, at: number): string {
    switch (node.kind) {
      case 'text':
        return this.d.text(node.text);
      case 'mark':
        if (node.mark !== 'strong') return this.d.mark(node.mark, this.inlines(node.children, at));
        return (at & BOLD) !== 0
          ? this.inlines(node.children, at)
          : this.d.mark(node.mark, this.inlines(node.children, at | BOLD));
      case 'link': {
        const href = node.href === undefined || (at & LINKED) !== 0 ? undefined : this.d.href(node.href);
        return this.d.link(this.inlines(node.children, href === undefined ? at : at | LINKED), href);
      }
      case 'break':
        return '\n';
      case 'image':
        return this.d.image(node.image, (at & LINKED) !== 0);
      case 'anchor':
        return '';
      case 'status':
        return this.d.status(node.text, (at & BOLD) !== 0);
      case 'math':
        return this.d.math(node.tex);
      default:
        return assertNever(node, 'inline');
    }
  }
}

function listMarker(list: ListBlock, item: ListItem, index: number): string {
  switch (list.style) {
    case 'bullet':
      return '• ';
    case 'ordered':
      return `${list.start + index}. `;
    case 'task':
      return item.checked === true ? '☑ ' : '☐ ';
    default:
      return assertNever(list.style, 'list style');
  }
}
