import type { DateEvidence, DateFormat, DateReading } from '../dates.js';
import type { DedupeMode } from '../dedupe.js';
import type { Period } from '../../core/periods.js';

/** --dedupe's scope as a command asks for it: a column is named, and found when the run's columns are known. */
export type DedupeWithin = { kind: 'all' } | { kind: 'input' } | { kind: 'column'; name: string } | { kind: 'period' | 'trend'; period: Period; fiscalStart: number };
import type { ColumnChoice, ColumnOverrides } from '../columns.js';
import type { Layout } from '../formats.js';
import type { RowReader } from '../rows.js';
import type { ByteRange } from '../source.js';
import type { QuoteNote } from '../csv.js';
import type { RowTest, WhereCondition } from '../where.js';
import { emptyTally, mergeTallies, type Tally } from '../../core/tally.js';
import type { Rejection } from '../../core/reading.js';

/** What a command needs read, beyond the score: the one description of a read, shared by every command. */
export interface ReadSpec {
  columns: ColumnOverrides;
  /** The sheet of each workbook to read (--sheet): a name or a number from 1; undefined for the first. */
  sheet: string | undefined;
  /** --where: only the rows that meet every condition are read; the others are excluded. */
  where: readonly WhereCondition[];
  includePartial: boolean;
  /** Undefined when not given: then a file that looks coded 1..11 stops the run to ask. */
  scoreOffset: number | undefined;
  dateFormat: DateFormat | undefined;
  dedupe: DedupeMode;
  /** Within what --dedupe keeps one answer per respondent: the run, each input, each value of a column, each period. */
  dedupeWithin?: DedupeWithin | undefined;
  customers: { file: string; joinOn: string } | undefined;
  since: string | undefined;
  until: string | undefined;
  /** --today, in days since 1970; undefined for the real today, counted on the run's clock from `now`. */
  today: number | undefined;
  /** The moment the run started, in ms since 1970: the one reading of the real clock. */
  now: number;
  /** --tz: the zone the run's days follow; undefined for the offset the export's timestamps carry, or UTC. */
  tz: string | undefined;
  exclude: string | undefined;
  /** What each response must carry; reading does no more than asked. */
  needs: { dates: boolean; comments: boolean; respondents: boolean; lines?: boolean };
  /** Read only this part of the (single) input: how files are read in parallel (see parallel.ts). */
  part?: FilePart | undefined;
  /**
   * The columns (the run's, as `Response.cells` holds them) a command reads of each
   * response; undefined for all of them. When given, a read makes text only of these
   * cells and of those the read itself looks at (the score, the date, the respondent,
   * the completion), as a read that hands no response on does. Set once the inputs are
   * open, when the command knows its columns.
   */
  cellsRead?: readonly number[] | undefined;
}

/** A part of one file, cut between records, read by one thread. */
export interface FilePart extends ByteRange {
  index: number;
  /** The file line its first row is on. */
  firstLine: number;
  isLast: boolean;
}

/** One scored response, as a command sees it. */
export interface Response {
  score: number;
  /** The row's cells in the run's columns (every input's, then the customers'). */
  cells: readonly string[];
  /** The answer's date, when the spec needs dates and the row has a readable one. */
  date: DateReading | undefined;
  /** The comment (several comment columns: the first that is not blank); '' when none. */
  comment: string;
  /** The answers to the run's other open questions that are not blank, each with its question's place in `Responses.questions`. */
  answers: ReadonlyArray<{ question: number; text: string }>;
  /** The respondent's key (emails in lower case); '' when none. */
  respondent: string;
  /** Which input, in the order given. */
  input: number;
  /** The file line the row starts on, when the spec needs lines; 0 otherwise. */
  line: number;
  /**
   * Under --dedupe with a trend: the respondent's answer kept in its period but not in
   * the whole run (they answered again later). It counts in its period's figures only,
   * and in no other: the row accounting counts it as a repeat.
   */
  periodOnly?: true;
}

/** An input opened as far as its export format and its first data rows, before any column is chosen. */
export interface LaidOutInput {
  reader: RowReader;
  layout: Layout;
  /** The first data rows: the evidence of what each column holds. */
  firstRows: string[][];
}

/** One input, opened far enough to know its export format and the columns `nps` will use. */
export interface OpenedInput {
  reader: RowReader;
  layout: Layout;
  choice: ColumnChoice;
  /** The input's columns under distinct names. */
  names: string[];
  /** The first data rows, as read before any column was chosen: what a column holds, by its content. */
  firstRows: readonly string[][];
  /** --where, on this input's columns; undefined without it. */
  where: RowTest | undefined;
}

/** Counts beyond the tally, for the closing messages and for commands that report them. */
export interface ReadTotals {
  tally: Tally;
  /** Rows left out by each filter, inside `tally.excluded`. */
  excludedBy: { respondent: number; dateRange: number; where: number };
  /** Evidence of a 1..11 scale, from every valid cell read before any filter: rejected 11s, valid answers and zeros. */
  elevens: number;
  validScores: number;
  zeros: number;
  /** Quotes the reader had to read leniently: rows were read, but the file is not clean CSV (--strict fails). */
  repairedQuotes: number;
  /** Rows of --customers and --exclude rejected (with the wrong number of fields): --strict fails on them too. */
  sideRejected: number;
}

export function emptyTotals(): ReadTotals {
  return { tally: emptyTally(), excludedBy: { respondent: 0, dateRange: 0, where: 0 }, elevens: 0, validScores: 0, zeros: 0, repairedQuotes: 0, sideRejected: 0 };
}

export function addTotals(into: ReadTotals, from: ReadTotals): void {
  mergeTallies(into.tally, from.tally);
  into.excludedBy.respondent += from.excludedBy.respondent;
  into.excludedBy.dateRange += from.excludedBy.dateRange;
  into.excludedBy.where += from.excludedBy.where;
  into.elevens += from.elevens;
  into.validScores += from.validScores;
  into.zeros += from.zeros;
}

/** What reading an input found beside its rows: said in warnings once the input is read. */
export interface InputFacts {
  name: string;
  encoding: string;
  replacedCharacters: number;
  undefinedBytes: number;
  quoteNotes: QuoteNote[];
  unmatched: number;
  /** Warnings of a workbook's sheet: formulas with no saved value, cells outside the table. */
  sheetWarnings: string[];
}

/** What a thread of a parallel read hands back of its part. */
export interface PartReport {
  totals: ReadTotals;
  /** The first rejected rows of the part, in order. */
  rejections: Rejection[];
  facts: InputFacts;
  evidence: DateEvidence;
  /** Rows still waiting for the order of slashed dates when the part ended. */
  unsettled: boolean;
  /** The part did not end between records: the parallel read is not to be trusted. */
  boundaryBroken: boolean;
}
