import { outputError } from '../../errors.js';
import { createPendingFile, discardFiles, endPendingFile, replacing, type PendingFile, type Replacement } from './files.js';
import { csvRecord } from './records.js';

/**
 * The ledger as written back: UTF-8 with a byte order mark (so that Excel on Windows
 * shows its accents, and saves them back), CRLF between records as Excel writes them,
 * a header, then every row. The rows already there are written as they were read; a
 * new row's cells that a spreadsheet would run as formulas get a quote in front, as
 * in the lists (unless --raw).
 */
export function ledgerText(header: readonly string[], rows: readonly (readonly string[])[], firstAdded: number, neutralize: boolean): string {
  const lines = ['\uFEFF', csvRecord(header, false, '\r\n')];
  rows.forEach((cells, row) => lines.push(csvRecord(cells, neutralize && row >= firstAdded, '\r\n')));
  return lines.join('');
}

/** The ledger written under a temporary name, to replace the one read when the run's files are moved into place. */
export async function pendingLedger(final: string, shown: string, text: string, replacement: Replacement): Promise<PendingFile> {
  const file = createPendingFile(final, shown);
  try {
    await endPendingFile(file, text);
  } catch (error) {
    await discardFiles([file]);
    throw outputError(error, shown);
  }
  return replacing(file, replacement);
}
