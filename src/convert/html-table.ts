import type { TableCell } from './doc-model';

/** Renders a table's cells' blocks; the caller decides how (tight HTML, or HTML inside Markdown). */
export type CellRenderer = (cell: TableCell) => string;

/** `<table>` keeping th, colspan and rowspan; a first row of header cells becomes the thead. */
export function htmlTable(rows: readonly (readonly TableCell[])[], renderCell: CellRenderer): string {
  const headed = rows.length > 1 && rows[0]!.every((cell) => cell.header);
  let out = '<table>\n';
  rows.forEach((row, i) => {
    if (i === 0 && headed) out += '<thead>\n';
    if (i === (headed ? 1 : 0)) out += '<tbody>\n';
    out += `<tr>${row.map((cell) => htmlCell(cell, renderCell)).join('')}</tr>\n`;
    if (i === 0 && headed) out += '</thead>\n';
  });
  return `${out}</tbody>\n</table>`;
}

function htmlCell(cell: TableCell, renderCell: CellRenderer): string {
  const tag = cell.header ? 'th' : 'td';
  const colspan = cell.colspan > 1 ? ` colspan="${cell.colspan}"` : '';
  const rowspan = cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : '';
  return `<${tag}${colspan}${rowspan}>${renderCell(cell)}</${tag}>`;
}
