import type { BuildContext } from './build-context';
import * as frames from './build-frame';
import { Frame } from './build-frame';
import type { CellAlign, ListItem, TableCell } from './doc-model';
import type { FlowBuilder } from './flow-builder';
import type { XmlAttrs } from './node-sink';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { FLOW_CAPTION, FLOW_INTO, FlowFrame, SKIP } = frames;

const MAX_START = 1_000_000_000;
const MAX_SPAN = 1000;
const TEXT_ALIGN = /text-align:\s*(left|center|right)/i;

/** `<ul>` / `<ol start>`: one item per `<li>`; stray content between items joins the item before it. */
export class ListFrame extends Frame {
  private readonly items: ListItem[] = [];
  private stray: FlowBuilder | undefined;
  constructor(
    private readonly b: FlowBuilder,
    private readonly ctx: BuildContext,
    private readonly ordered: boolean,
    private readonly start: number,
  ) {
    super();
  }
  child(name: string, attrs: XmlAttrs): Frame {
    if (name === 'li') {
      this.addStray();
      const item: ListItem = { blocks: [] };
      this.items.push(item);
      return new FlowFrame(this.ctx, FLOW_INTO, undefined, item);
    }
    this.stray ??= this.ctx.builder();
    return this.ctx.enter(name, attrs, this.stray);
  }
  text(value: string): void {
    if (value.trim() !== '') (this.stray ??= this.ctx.builder()).addText(value);
  }
  end(): void {
    this.addStray();
    if (this.items.length === 0) return;
    this.b.addBlock({
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
export class TableFrame extends Frame {
  readonly rows: TableCell[][] = [];
  constructor(
    private readonly b: FlowBuilder,
    private readonly ctx: BuildContext,
  ) {
    super();
  }
  child(name: string): Frame {
    if (name === 'tr') return new RowFrame(this, this.ctx);
    if (name === 'thead' || name === 'tbody' || name === 'tfoot')
      return new TableSectionFrame(this, this.ctx);
    if (name === 'caption') return new FlowFrame(this.ctx, FLOW_CAPTION, this.b, undefined);
    return SKIP;
  }
  text(): void {}
  end(): void {
    if (this.rows.length > 0) this.b.addBlock({ kind: 'table', rows: this.rows });
  }
}

class TableSectionFrame extends Frame {
  constructor(
    private readonly table: TableFrame,
    private readonly ctx: BuildContext,
  ) {
    super();
  }
  child(name: string): Frame {
    return name === 'tr' ? new RowFrame(this.table, this.ctx) : SKIP;
  }
  text(): void {}
  end(): void {}
}

class RowFrame extends Frame {
  private readonly cells: TableCell[] = [];
  constructor(
    private readonly table: TableFrame,
    private readonly ctx: BuildContext,
  ) {
    super();
  }
  child(name: string, attrs: XmlAttrs): Frame {
    if (name !== 'td' && name !== 'th') return SKIP;
    const cell: TableCell = {
      header: name === 'th',
      colspan: span(attrs.colspan),
      rowspan: span(attrs.rowspan),
      align: align(attrs),
      blocks: [],
    };
    this.cells.push(cell);
    return new FlowFrame(this.ctx, FLOW_INTO, undefined, cell);
  }
  text(): void {}
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
