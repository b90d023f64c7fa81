import type { ReadListener } from '../core/reading.js';
import { inputWarnings, readerFacts } from './responses/closing.js';
import type { RowReader } from './rows.js';

/**
 * The files beside the survey (`--customers`, `--exclude`) are read as carefully as
 * the survey itself: a row with the wrong number of fields is rejected, named by its
 * line (or sheet row); quotes read leniently and characters the encoding could not
 * read are said once the file is read; and `--strict` counts both. A stray quote in
 * an exclusion list no longer lets someone slip through unsaid.
 */

/** What reading a side file found that `--strict` fails on. */
export interface SideFileChecks {
  rejected: number;
  repairedQuotes: number;
}

export const NO_CHECKS: SideFileChecks = { rejected: 0, repairedQuotes: 0 };

export function addChecks(a: SideFileChecks, b: SideFileChecks): SideFileChecks {
  return { rejected: a.rejected + b.rejected, repairedQuotes: a.repairedQuotes + b.repairedQuotes };
}

/** Why a row is not as wide as its header, as the survey's rows are told. */
export function widthProblem(reader: RowReader, cells: readonly string[], width: number): string {
  // A sheet's rows are never shorter than its header: only a value right of the header's last column makes one longer.
  return reader.kind === 'xlsx'
    ? `has a value in column ${reader.columnName(reader.lastColumnOf(cells))}, right of the header's last column (${reader.columnName(width - 1)}); give that column a header`
    : `has ${cells.length} fields but the header has ${width}`;
}

/** Streams a side file's rows as wide as its header to `onRow`; rejects the others, and says what the reading found. */
export async function readSideFile(reader: RowReader, listener: ReadListener, onRow: (cells: string[]) => void): Promise<SideFileChecks> {
  const width = reader.header.length;
  const sheet = reader.kind === 'xlsx' ? reader.sheet.name : undefined;
  let rejected = 0;
  await reader.forEachRow((cells) => {
    if (cells.length === width) {
      onRow(cells);
      return;
    }
    rejected += 1;
    listener.rejected({ file: reader.name, line: reader.lineOfCurrentRow(), reason: widthProblem(reader, cells, width), sheet });
  });
  const facts = readerFacts(reader, undefined);
  for (const warning of inputWarnings(facts)) listener.warn(warning);
  return { rejected, repairedQuotes: facts.quoteNotes.filter((note) => note.kind !== 'long-record').length };
}
