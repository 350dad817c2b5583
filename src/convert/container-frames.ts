import type { BuildContext } from './build-context';
import type { CellAlign, ListItem, TableCell } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import type { XmlAttrs } from './node-sink';

const MAX_START = 1_000_000_000;
const MAX_SPAN = 1000;
const TEXT_ALIGN = /text-align:\s*(left|center|right)/i;

/** `<ul>` / `<ol start>`: one item per `<li>`; stray content between items joins the item before it. */
export class ListState {
  readonly items: ListItem[] = [];
  /** Content between items (malformed), built until the next item or the list's end. */
  stray: FlowBuilder | undefined = undefined;
  constructor(
    readonly ordered: boolean,
    readonly start: number,
  ) {}
  /** An `<li>` starts: what came before it is settled; returns the item its blocks go into. */
  item(): ListItem {
    this.addStray();
    const item: ListItem = { blocks: [] };
    this.items.push(item);
    return item;
  }
  /** Text directly in the list: only visible text counts. */
  text(value: string, ctx: BuildContext): void {
    if (value.trim() !== '') (this.stray ??= ctx.builder()).addText(value);
  }
  end(b: FlowBuilder): void {
    this.addStray();
    if (this.items.length === 0) return;
    b.addBlock({
      kind: 'list',
      style: this.ordered ? 'ordered' : 'bullet',
      start: this.start,
      items: this.items,
    });
  }
  /** Content between items (malformed) joins the item before it. */
  private addStray(): void {
    if (this.stray === undefined) return;
    const blocks = this.stray.finish();
    this.stray = undefined;
    const last = this.items[this.items.length - 1];
    if (last === undefined && blocks.length > 0) this.items.push({ blocks });
    else if (last !== undefined) for (const block of blocks) last.blocks.push(block);
  }
}

export function listStart(attrs: XmlAttrs): number {
  const start = Number.parseInt(attrs.start ?? '', 10);
  return Number.isFinite(start) ? Math.min(Math.max(start, 0), MAX_START) : 1;
}

/** `<table>`: rows from thead/tbody/tfoot or directly; colgroup ignored; a caption becomes a paragraph. */
export class TableState {
  readonly rows: TableCell[][] = [];
  end(b: FlowBuilder): void {
    if (this.rows.length > 0) b.addBlock({ kind: 'table', rows: this.rows });
  }
}

/** `<tr>`: its `<td>` and `<th>` cells; anything else in it is skipped. */
export class RowState {
  readonly cells: TableCell[] = [];
  constructor(private readonly table: TableState) {}
  /** A `<td>` / `<th>` starts: returns the cell its blocks go into. */
  cell(name: string, attrs: XmlAttrs): TableCell {
    const cell: TableCell = {
      header: name === 'th',
      colspan: span(attrs.colspan),
      rowspan: span(attrs.rowspan),
      align: align(attrs),
      blocks: [],
    };
    this.cells.push(cell);
    return cell;
  }
  end(): void {
    if (this.cells.length > 0) this.table.rows.push(this.cells);
  }
}

function span(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, MAX_SPAN) : 1;
}

function align(attrs: XmlAttrs): CellAlign | undefined {
  const style = attrs.style;
  const value = (style === undefined ? undefined : TEXT_ALIGN.exec(style)?.[1]) ?? attrs.align;
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  return lower === 'left' || lower === 'center' || lower === 'right' ? lower : undefined;
}
