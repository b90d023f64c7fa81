import { addScore, type Tally } from '../core/tally.js';
import { chooseColumns, type ColumnChoice, type ColumnOverrides } from './columns.js';
import type { CsvReader } from './csv.js';
import { readScoreCell } from './score-cell.js';

/** A row that was not scored, and why: reported with its file and line. */
export interface Rejection {
  file: string;
  line: number;
  reason: string;
}

export interface ScoredRow {
  cells: string[];
  score: number;
}

export interface ScanCallbacks {
  onRejected(rejection: Rejection): void;
  onScored?(row: ScoredRow): void;
  afterChunk?(): Promise<void> | undefined;
}

export function chooseColumnsFor(reader: CsvReader, overrides: ColumnOverrides): ColumnChoice {
  return chooseColumns(reader.name, reader.header, overrides);
}

/**
 * Reads every data row of one input into `tally`: each is scored, blank, or
 * rejected with its line, so rows read always equals the sum of the three.
 */
export async function scanResponses(
  reader: CsvReader,
  choice: ColumnChoice,
  tally: Tally,
  callbacks: ScanCallbacks,
): Promise<void> {
  const scoreIndex = choice.columns.score;
  const width = reader.header.length;
  const { onScored, onRejected } = callbacks;
  const reject = (reason: string): void => {
    tally.rejected += 1;
    onRejected({ file: reader.name, line: reader.lineOfCurrentRow(), reason });
  };
  await reader.forEachRow((cells, malformed) => {
    if (malformed !== undefined) {
      reject(malformed);
      return;
    }
    if (cells.length !== width) {
      reject(`has ${cells.length} fields but the header has ${width}`);
      return;
    }
    const cell = readScoreCell(cells[scoreIndex] ?? '');
    if (cell.kind === 'blank') {
      tally.blank += 1;
    } else if (cell.kind === 'invalid') {
      reject(cell.reason);
    } else {
      addScore(tally, cell.value);
      onScored?.({ cells, score: cell.value });
    }
  }, callbacks.afterChunk);
}
