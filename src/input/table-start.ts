import { isMissing } from './score-cell.js';

/**
 * Where a table starts in a file laid out for people: a workbook's sheet (or a CSV
 * saved from one) may open with a title and a note above the header; and a file of
 * answers alone has no header at all. Both are told by the rows themselves.
 */

const filled = (cells: readonly string[]): number => cells.filter((cell) => cell.trim() !== '').length;

const VALUE = /^[-+]?\d+(?:[.,]\d+)?$|^\d{4}-\d{2}-\d{2}|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/;

/** A first row whose cells are all numbers or dates is an answer, not a header: no header names a column "7". */
export function isDataRow(cells: readonly string[]): boolean {
  const values = cells.map((cell) => cell.trim()).filter((cell) => !isMissing(cell));
  return values.length > 0 && values.every((cell) => VALUE.test(cell));
}

/** How many cells most rows fill: the width of the table. */
function typicalWidth(rows: ReadonlyArray<readonly string[]>): number {
  const widths = rows
    .map(filled)
    .filter((width) => width > 0)
    .sort((a, b) => a - b);
  return widths[Math.floor(widths.length / 2)] ?? 0;
}

/** A title: one cell, the first, of a few words or with a number in it ("NPS survey, Q3 2026"); not a column's name. */
function isTitle(row: readonly string[]): boolean {
  const [first = ''] = row;
  if (filled(row) !== 1 || first.trim() === '') return false;
  return first.trim().split(/\s+/).length >= 2 || /\d/.test(first);
}

/** Rows looked at for a header below a title. */
const TITLE_ROWS = 10;

/**
 * The index among `rows` of the table's header when `header` is a title above the table
 * (one or two cells filled over rows that fill many); undefined when `header` is the header.
 * The header found fills about as many cells as the table's rows, and names them (it is
 * not itself a row of numbers).
 */
export function headerBelowTitle(header: readonly string[], rows: ReadonlyArray<readonly string[]>): number | undefined {
  const typical = typicalWidth(rows);
  if (typical < 3 || !isTitle(header)) return undefined;
  for (let at = 0; at < Math.min(TITLE_ROWS, rows.length); at += 1) {
    const row = rows[at] ?? [];
    if (filled(row) >= 0.8 * typical && !isDataRow(row)) return at;
  }
  return undefined;
}
