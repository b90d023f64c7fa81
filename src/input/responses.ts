import type { Readable } from 'node:stream';
import { addScore, type Tally } from '../core/tally.js';
import { inputError } from '../errors.js';
import { chooseColumns, type ColumnChoice, type ColumnOverrides } from './columns.js';
import { CsvReader } from './csv.js';
import { detectLayout, type Layout } from './formats.js';
import { ScoreReader } from './score-cell.js';
import { openSource } from './source.js';

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

export interface ReadOptions extends ColumnOverrides {
  /** Count unfinished responses in the score instead of setting them aside. */
  includePartial?: boolean;
  /** Added to every score before it is checked, for 0-10 questions recoded as 1-11. */
  scoreOffset?: number;
}

/** Under --dedupe: whether this scored row is the one kept for its respondent. */
export type KeepRow = (cells: string[]) => boolean;

/** One input, opened far enough to know its export format and the columns `nps` will use. */
export interface OpenedInput {
  reader: CsvReader;
  layout: Layout;
  choice: ColumnChoice;
}

/** Rows after the header that may be more header: Qualtrics has up to two. */
const HEADER_ROWS_TO_INSPECT = 2;

export async function openResponses(file: string, cwd: string, stdin: Readable, overrides: ColumnOverrides): Promise<OpenedInput> {
  const reader = await CsvReader.open(await openSource(file, cwd, stdin));
  const layout = detectLayout(reader.header, await reader.peekRows(HEADER_ROWS_TO_INSPECT));
  reader.skipRows(layout.headerRows - 1);
  reader.header = layout.headers;
  return { reader, layout, choice: chooseColumns(reader.name, layout.headers, overrides, layout.texts) };
}

export interface ScanCallbacks {
  onRejected(rejection: Rejection): void;
  /** Something about the input as a whole the user should know, such as characters that could not be decoded. */
  onWarning?(text: string): void;
  onScored?(row: ScoredRow): void;
  afterChunk?(): Promise<void> | undefined;
  keep?: KeepRow;
  /** A filter the user asked for (date range, respondents to leave out); false counts the row as excluded. */
  include?: (cells: string[]) => boolean;
  /** Adds columns to a scored row before `onScored` sees it: the customer columns of --customers. */
  extend?: (cells: string[]) => string[];
}

/** What reading saw beyond the tally: the evidence for a 1..11 scale. */
export interface ScanEvidence {
  elevens: number;
}

export function emptyEvidence(): ScanEvidence {
  return { elevens: 0 };
}

/**
 * Reads every data row of one input into `tally`: each is scored, blank, rejected
 * with its line, or set aside as partial, so rows read always equals their sum.
 */
export async function scanResponses(
  opened: OpenedInput,
  options: ReadOptions,
  tally: Tally,
  evidence: ScanEvidence,
  callbacks: ScanCallbacks,
): Promise<void> {
  const { reader, layout, choice } = opened;
  const scoreIndex = choice.columns.score;
  const width = reader.header.length;
  const scores = new ScoreReader(options.scoreOffset ?? 0);
  const partial = options.includePartial === true ? undefined : layout.partial;
  const { onScored, onRejected, keep, include, extend } = callbacks;
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
    if (partial !== undefined && partial.isPartial(cells[partial.index] ?? '')) {
      tally.partial += 1;
      return;
    }
    if (include !== undefined && !include(cells)) {
      tally.excluded += 1;
      return;
    }
    const raw = cells[scoreIndex] ?? '';
    const cell = scores.read(raw);
    if (cell.kind === 'blank') {
      tally.blank += 1;
    } else if (cell.kind === 'invalid') {
      // Only a rejected 11 is evidence of a 1..11 scale; under --score-offset it is a score, and the check is off.
      if (raw.trim() === '11') evidence.elevens += 1;
      reject(cell.reason);
    } else if (keep !== undefined && !keep(cells)) {
      tally.duplicates += 1;
    } else {
      addScore(tally, cell.value);
      onScored?.({ cells: extend === undefined ? cells : extend(cells), score: cell.value });
    }
  }, callbacks.afterChunk);
  const replaced = reader.replacedCharacters;
  if (replaced > 0) {
    const encoding = reader.encoding === 'utf-8' ? 'UTF-8' : reader.encoding;
    const [count, verb] = replaced === 1 ? ['1 character is', 'shows'] : [`${replaced} characters are`, 'show'];
    callbacks.onWarning?.(
      `${reader.name}: ${count} not valid ${encoding} and ${verb} as \uFFFD; the file mixes encodings: save it again as "CSV UTF-8"`,
    );
  }
}

/**
 * A 0-10 question built by hand in Qualtrics is often coded 1..11. Scored as it is,
 * its 11s would be rejected and every other answer read one point high: stop instead,
 * when every answer lies in 1..11 (no 0, and nothing rejected but the 11s).
 */
export function refuseRecodedScale(tally: Tally, evidence: ScanEvidence, options: ReadOptions): void {
  const onlyElevensRejected = evidence.elevens > 0 && tally.rejected === evidence.elevens;
  if ((options.scoreOffset ?? 0) !== 0 || !onlyElevensRejected || (tally.distribution[0] ?? 0) > 0) return;
  throw inputError(
    `the scores run from 1 to 11 (${evidence.elevens} ${evidence.elevens === 1 ? 'answer is' : 'answers are'} 11, none is 0): ` +
      'this looks like a 0-10 question coded 1-11, as Qualtrics does for a scale built by hand. ' +
      'If so, run again with --score-offset -1 to read 1 as 0 and 11 as 10',
  );
}
