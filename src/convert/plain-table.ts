import type { TableCell } from './doc-model';
import type { LineWriter } from './line-writer';

type Rows = readonly (readonly TableCell[])[];

/** Columns tracked to put cells under their header (real tables stay far below it). */
const MAX_COLUMNS = 200;

/** Where each cell starts once rowspans and colspans are counted, for tables with a header row. */
interface Grid {
  /** Columns under the header row. */
  width: number;
  /** The column each cell of each row starts in. */
  starts: number[][];
  /** Whether every cell's place in its row is its column, so ` | ` lines read right under the header. */
  aligned: boolean;
}

/**
 * A table without table markup: the header line, then one line per row with cells separated by ` | `.
 * A row whose cells hold several lines is listed cell by cell as `Header: value`, and so is every row
 * of a table whose rowspans or colspans would shift a line's values under the wrong header. Header
 * cells come from `renderCell` as they should show (bold in BB-code).
 */
export function plainTable(rows: Rows, w: LineWriter, renderCell: (cell: TableCell) => string): void {
  const headed = rows.length > 1 && rows[0]!.every((cell) => cell.header);
  const grid = headed ? tableGrid(rows) : undefined;
  const labels: string[] = [];
  if (grid !== undefined) {
    const texts = rows[0]!.map((cell) => oneLine(renderCell(cell)));
    rows[0]!.forEach((cell, i) => {
      const start = grid.starts[0]![i]!;
      for (let c = start; c < Math.min(start + cell.colspan, grid.width); c++) labels[c] = texts[i]!;
    });
    w.write(texts.join(' | '));
  }
  for (let r = grid === undefined ? 0 : 1; r < rows.length; r++) {
    const texts = rows[r]!.map(renderCell);
    if ((grid === undefined || grid.aligned) && texts.every((text) => !text.includes('\n'))) {
      w.write(texts.join(' | '));
      continue;
    }
    w.blank();
    texts.forEach((text, i) => {
      if (text === '') return;
      const label =
        grid === undefined
          ? undefined
          : labelOf(labels, grid.starts[r]![i]!, rows[r]![i]!.colspan, grid.width);
      if (!label) w.writeVerbatim(text);
      else if (!text.includes('\n')) w.write(`${label}: ${text}`);
      else {
        w.write(`${label}:`);
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
 * The headers of the columns a cell covers; none for a cell across the whole table (a row of its
 * own, such as a total) or past the header's columns.
 */
function labelOf(labels: readonly string[], start: number, span: number, width: number): string | undefined {
  const end = Math.min(start + span, width);
  if (width > 1 && start === 0 && end === width) return undefined;
  const shown: string[] = [];
  for (let c = start; c < end; c++) if (labels[c] && !shown.includes(labels[c]!)) shown.push(labels[c]!);
  return shown.length === 0 ? undefined : shown.join(' / ');
}

/** Rows × MAX_COLUMNS work at most: only the header row's columns are tracked (no other has a label). */
function tableGrid(rows: Rows): Grid {
  const width = Math.min(
    MAX_COLUMNS,
    rows[0]!.reduce((sum, cell) => sum + cell.colspan, 0),
  );
  let carried = new Array<number>(width).fill(0);
  let aligned = true;
  const starts = rows.map((row) => {
    let col = 0;
    const next = carried.map((left) => Math.max(0, left - 1));
    const rowStarts = row.map((cell, i) => {
      while (col < width && carried[col]! > 0) col++;
      const start = Math.min(col, MAX_COLUMNS);
      // A colspan shifts the cells after it; the last cell of a row may span to the end.
      if (start !== i || (cell.colspan > 1 && i < row.length - 1)) aligned = false;
      for (let k = 0; k < cell.colspan && col + k < width; k++)
        next[col + k] = Math.max(next[col + k]!, cell.rowspan - 1);
      col = Math.min(col + cell.colspan, MAX_COLUMNS);
      return start;
    });
    carried = next;
    return rowStarts;
  });
  return { width, starts, aligned };
}
