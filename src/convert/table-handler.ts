import type { BuildContext, ElementHandler } from './build-context';
import type { CellAlign, TableCell } from './doc-model';
import type { XmlElement } from './xml-tree';

const MAX_SPAN = 1000;
const SECTIONS: ReadonlySet<string> = new Set(['thead', 'tbody', 'tfoot']);

/** `<table>`: rows from thead/tbody/tfoot or directly; colgroup ignored; a caption becomes a paragraph. */
export const table: ElementHandler = (el, b, ctx) => {
  const rows: TableCell[][] = [];
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    if (child.name === 'tr') {
      pushRow(rows, child, ctx);
    } else if (SECTIONS.has(child.name)) {
      for (const tr of child.children) if (isRow(tr)) pushRow(rows, tr, ctx);
    } else if (child.name === 'caption') {
      const caption = ctx.inlines(child.children);
      if (caption.length > 0) b.addBlock({ kind: 'paragraph', children: caption });
    }
  }
  if (rows.length > 0) b.addBlock({ kind: 'table', rows });
};

function isRow(node: XmlElement['children'][number]): node is XmlElement {
  return node.type === 'element' && node.name === 'tr';
}

function pushRow(rows: TableCell[][], tr: XmlElement, ctx: BuildContext): void {
  const cells: TableCell[] = [];
  for (const child of tr.children) {
    if (child.type === 'element' && (child.name === 'td' || child.name === 'th'))
      cells.push(cell(child, ctx));
  }
  if (cells.length > 0) rows.push(cells);
}

function cell(el: XmlElement, ctx: BuildContext): TableCell {
  return {
    header: el.name === 'th',
    colspan: span(el.attrs.colspan),
    rowspan: span(el.attrs.rowspan),
    align: align(el),
    blocks: ctx.flow(el.children),
  };
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, MAX_SPAN) : 1;
}

function align(el: XmlElement): CellAlign | undefined {
  const value = /text-align:\s*(left|center|right)/i.exec(el.attrs.style ?? '')?.[1] ?? el.attrs.align;
  const lower = value?.toLowerCase();
  return lower === 'left' || lower === 'center' || lower === 'right' ? lower : undefined;
}
