import type { CellAlign, TableCell } from './doc-model';
import * as html from './html-table';
import type { CellRenderer } from './html-table';
import * as inline from './markdown-inline';

/** Module-local bindings for the hot path: a loader's live export bindings may cost a call per read. */
const { htmlTable } = html;
const { mdInlines } = inline;

type Rows = readonly (readonly TableCell[])[];

const DELIMITER: Readonly<Record<CellAlign | 'none', string>> = {
  none: '---',
  left: ':---',
  center: ':---:',
  right: '---:',
};

/**
 * A GFM pipe table when the table fits one (no spans, one paragraph at most per cell, rows of equal
 * length); otherwise the HTML table, with blank lines inside it encoded so the HTML block holds.
 */
export function markdownTable(rows: Rows, htmlCell: CellRenderer): string {
  if (fitsPipes(rows)) return pipeTable(rows);
  return htmlTable(rows, htmlCell).replace(/\n(?=[ \t]*(?:\n|$))/g, '&#10;');
}

function fitsPipes(rows: Rows): boolean {
  const width = rows[0]!.length;
  return rows.every(
    (row) =>
      row.length === width &&
      row.every(
        (cell) =>
          cell.colspan === 1 && cell.rowspan === 1 && (cell.blocks.length === 0 || isParagraphOnly(cell)),
      ),
  );
}

function isParagraphOnly(cell: TableCell): boolean {
  return cell.blocks.length === 1 && cell.blocks[0]!.kind === 'paragraph';
}

function pipeTable(rows: Rows): string {
  const headed = rows[0]!.every((cell) => cell.header);
  const header = headed ? rows[0]!.map((cell) => cellText(cell, false)) : rows[0]!.map(() => '');
  const lines = [pipeRow(header), pipeRow(columnAlignments(rows).map((align) => DELIMITER[align]))];
  for (const row of headed ? rows.slice(1) : rows)
    lines.push(pipeRow(row.map((cell) => cellText(cell, true))));
  return lines.join('\n');
}

function pipeRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A header cell outside the header row is bold (marks inside it already bold are not doubled). */
function cellText(cell: TableCell, boldHeader: boolean): string {
  const first = cell.blocks[0];
  if (first?.kind !== 'paragraph') return '';
  const bold = boldHeader && cell.header;
  return mdInlines(
    bold ? [{ kind: 'mark', mark: 'strong', children: first.children }] : first.children,
    'line',
  );
}

function columnAlignments(rows: Rows): (CellAlign | 'none')[] {
  return rows[0]!.map((_, col) => rows.find((row) => row[col]?.align !== undefined)?.[col]?.align ?? 'none');
}
