import type { TableCell } from './doc-model';
import type { LineWriter } from './line-writer';
import type { PlainDialect } from './plain-dialect';

type Rows = readonly (readonly TableCell[])[];

/** Columns tracked to put cells under their header (real tables stay far below it). */
const MAX_COLUMNS = 200;

/**
 * A table without table markup: a header line, then one line per row with cells separated by ` | `;
 * a row whose cells hold several lines lists them one by one, each under its column's header.
 */
export function plainTable(
  rows: Rows,
  w: LineWriter,
  d: PlainDialect,
  renderCell: (cell: TableCell) => string,
): void {
  const headed = rows.length > 1 && rows[0]!.every((cell) => cell.header);
  const columns = headed ? cellColumns(rows) : [];
  const labels: string[] = [];
  if (headed) rows[0]!.forEach((cell, i) => (labels[columns[0]![i]!] = oneLine(renderCell(cell))));
  if (headed) w.write(rows[0]!.map((_, i) => d.label(labels[columns[0]![i]!] ?? '')).join(' | '));
  for (let r = headed ? 1 : 0; r < rows.length; r++) {
    const texts = rows[r]!.map(renderCell);
    if (texts.every((text) => !text.includes('\n'))) {
      w.write(texts.join(' | '));
      continue;
    }
    w.blank();
    texts.forEach((text, i) => {
      const label = labels[columns[r]?.[i] ?? MAX_COLUMNS];
      if (!label) w.writeVerbatim(text);
      else if (!text.includes('\n')) w.write(`${d.label(label)}: ${text}`);
      else {
        w.write(`${d.label(label)}:`);
        w.writeVerbatim(text);
      }
    });
    w.blank();
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The column each cell starts in, once earlier rows' rowspans and colspans are accounted for; only the
 * header row's columns are tracked (no other cell has a label), so the work is rows × MAX_COLUMNS at most.
 */
function cellColumns(rows: Rows): number[][] {
  const width = Math.min(
    MAX_COLUMNS,
    rows[0]!.reduce((sum, cell) => sum + cell.colspan, 0),
  );
  const carried = new Array<number>(width).fill(0);
  return rows.map((row) => {
    let col = 0;
    const starts: number[] = [];
    const next = carried.map((left) => Math.max(0, left - 1));
    for (const cell of row) {
      while (col < width && carried[col]! > 0) col++;
      starts.push(Math.min(col, MAX_COLUMNS));
      for (let k = 0; k < cell.colspan && col + k < width; k++)
        next[col + k] = Math.max(next[col + k]!, cell.rowspan - 1);
      col = Math.min(col + cell.colspan, MAX_COLUMNS);
    }
    carried.splice(0, width, ...next);
    return starts;
  });
}
