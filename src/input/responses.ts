import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { addScore, emptyTally, mergeTallies, type Tally } from '../core/tally.js';
import { inputError } from '../errors.js';
import type { Io } from '../io.js';
import { chooseColumns, requireColumn, uniqueNames, type ColumnChoice, type ColumnOverrides } from './columns.js';
import { CsvReader, type QuoteNote } from './csv.js';
import { RowDates, UNSETTLED, type DateEvidence, type DateFormat, type DateReading } from './dates.js';
import { DEDUPE_MODES, planDedupe, type DedupeMode, type KeepRow } from './dedupe.js';
import { dayRange, inRange, loadExcluded, type DayRange } from './filters.js';
import { detectLayout, FORMATS, type Layout } from './formats.js';
import { Join, loadCustomers, parseJoinOn, type Customers } from './join.js';
import { isMissing, ScoreReader } from './score-cell.js';
import { respondentKey } from './respondent.js';
import { openRows, type RowReader } from './rows.js';
import { openSource, STDIN_NAME, type ByteRange } from './source.js';

/** A row that was not scored, and why: reported with its file and line (in a workbook: its sheet and row). */
export interface Rejection {
  file: string;
  /** The line a CSV row starts on; a workbook's row number. */
  line: number;
  reason: string;
  /** The sheet, for a row of a workbook. */
  sheet?: string | undefined;
}

/**
 * Where the read pipeline says what it understood and what it could not use.
 * The command's messages implement it; reading itself never prints.
 */
export interface ReadListener {
  info(text: string): void;
  warn(text: string): void;
  rejected(rejection: Rejection): void;
  /** Called after each chunk of a file whose size is known, for a progress line. */
  progress?(bytesRead: number, totalBytes: number, rows: number): void;
  /** After the last chunk of a file. */
  progressDone?(): void;
  /** Rejected rows not listed one by one (a parallel read hands over only the first of each part). */
  countRejections?(count: number): void;
}

/** What a command needs read, beyond the score: the one description of a read, shared by every command. */
export interface ReadSpec {
  columns: ColumnOverrides;
  /** The sheet of each workbook to read (--sheet): a name or a number from 1; undefined for the first. */
  sheet: string | undefined;
  includePartial: boolean;
  /** Undefined when not given: then a file that looks coded 1..11 stops the run to ask. */
  scoreOffset: number | undefined;
  dateFormat: DateFormat | undefined;
  dedupe: DedupeMode;
  customers: { file: string; joinOn: string } | undefined;
  since: string | undefined;
  until: string | undefined;
  /** Today, in days since 1970, for relative bounds such as --since 30d. */
  today: number;
  exclude: string | undefined;
  /** What each response must carry; reading does no more than asked. */
  needs: { dates: boolean; comments: boolean; respondents: boolean; lines?: boolean };
  /** Read only this part of the (single) input: how files are read in parallel (see parallel.ts). */
  part?: FilePart | undefined;
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
  /** The respondent's key (emails in lower case); '' when none. */
  respondent: string;
  /** Which input, in the order given. */
  input: number;
  /** The file line the row starts on, when the spec needs lines; 0 otherwise. */
  line: number;
}

/** One input, opened far enough to know its export format and the columns `nps` will use. */
export interface OpenedInput {
  reader: RowReader;
  layout: Layout;
  choice: ColumnChoice;
  /** The input's columns under distinct names. */
  names: string[];
  /** The first data rows, as read before any column was chosen: what a column holds, by its content. */
  sample: readonly string[][];
}

/** Rows after the header that may be more header: Qualtrics has up to two. */
const HEADER_ROWS_TO_INSPECT = 2;
/** The first rows, looked at to tell what a column holds (free text or ratings) beside its header. */
const SAMPLE_ROWS = 200;

/** An input opened as far as its export format and its first data rows, before any column is chosen. */
export interface LaidOutInput {
  reader: RowReader;
  layout: Layout;
  /** The first data rows: the evidence of what each column holds. */
  sample: string[][];
}

export async function openLayout(file: string, io: Io, sheet?: string): Promise<LaidOutInput> {
  const reader = await openRows(file, io, { sheet });
  const rows = await reader.peekRows(SAMPLE_ROWS);
  const layout = detectLayout(reader.header, rows.slice(0, HEADER_ROWS_TO_INSPECT));
  reader.skipRows(layout.headerRows - 1);
  reader.header = layout.headers;
  return { reader, layout, sample: rows.slice(layout.headerRows - 1) };
}

export async function openInput(file: string, io: Io, overrides: ColumnOverrides, sheet?: string): Promise<OpenedInput> {
  const { reader, layout, sample } = await openLayout(file, io, sheet);
  return {
    reader,
    layout,
    choice: chooseColumns(reader.where, layout.headers, overrides, layout.texts, sample),
    names: uniqueNames(layout.headers),
    sample,
  };
}

const ENCODING_NOTES: Record<string, string> = {
  'windows-1252': 'read as Windows-1252 (the bytes are not UTF-8)',
  'utf-16le': 'read as UTF-16',
  'utf-16be': 'read as UTF-16',
};

/** One line saying what `nps` understood of an input: the format, the score column, the date and comment columns. */
export function describeInput(opened: OpenedInput, withComments = false): string {
  const { reader, layout, choice } = opened;
  const header = (index: number | undefined): string => JSON.stringify(reader.header[index ?? -1] ?? '');
  const format = layout.format === 'plain' ? '' : `${FORMATS[layout.format]} export, `;
  const parts = [`${format}scoring column ${header(choice.columns.score)}`];
  if (choice.columns.date !== undefined) parts.push(`dated by ${header(choice.columns.date)}`);
  if (withComments) {
    const comments = choice.columns.comments;
    parts.push(comments.length === 0 ? 'no comment column' : `comments in ${comments.map(header).join(' and ')}`);
  }
  const encoding = reader.kind === 'csv' ? ENCODING_NOTES[reader.encoding] : undefined;
  if (encoding !== undefined) parts.push(encoding);
  return `${placeOf(reader)}: ${parts.join(', ')}`;
}

/** The input as messages name it; for a workbook of several sheets, which one is read and that --sheet chooses. */
function placeOf(reader: RowReader): string {
  if (reader.kind === 'csv' || reader.sheets.length === 1) return reader.where;
  return `${reader.where} (sheet ${reader.sheet.number} of ${reader.sheets.length}; --sheet chooses)`;
}

/** Counts beyond the tally, for the closing messages and for commands that report them. */
export interface ReadTotals {
  tally: Tally;
  /** Scored rows left out by each filter, inside `tally.excluded`. */
  excludedBy: { respondent: number; dateRange: number };
  /** Evidence of a 1..11 scale, from every valid cell read before any filter: rejected 11s, valid answers and zeros. */
  elevens: number;
  validScores: number;
  zeros: number;
  /** Quotes the reader had to read leniently: rows were read, but the file is not clean CSV (--strict fails). */
  repairedQuotes: number;
}

interface Pending {
  cells: string[];
  score: number | undefined;
  input: number;
  dateCell: string;
  line: number;
}

/** Everything reading one input needs, decided when the run's columns are known. */
interface InputPlan {
  opened: OpenedInput;
  index: number;
  project: (cells: string[]) => string[];
  join: Join | undefined;
}

/**
 * The one way `nps` reads responses. It opens every input, finds its columns, and
 * streams its rows, each accounted for as scored, blank, rejected, partial, excluded
 * (by --exclude or --since/--until) or a duplicate (--dedupe), then hands each scored
 * response to the command. Dates are read by one `RowDates` for the whole run: while
 * the order of slashed dates is unsettled, rows wait in order until a date settles it.
 */
export class Responses {
  readonly totals: ReadTotals = { tally: emptyTally(), excludedBy: { respondent: 0, dateRange: 0 }, elevens: 0, validScores: 0, zeros: 0, repairedQuotes: 0 };
  private readonly dates: RowDates;
  private readonly pending: Pending[] = [];
  private keep: KeepRow | undefined;
  private onResponse: ((response: Response) => void) | undefined;
  /** Responses that matched no customer, per input, for the closing warning. */
  private readonly unmatched: Array<{ name: string; unmatched: number }> = [];

  private constructor(
    readonly inputs: readonly OpenedInput[],
    /** The run's columns: every input's in the order first seen, then the customers'. */
    readonly columns: readonly string[],
    private readonly plans: readonly InputPlan[],
    private readonly spec: ReadSpec,
    private listener: ReadListener,
    private readonly range: DayRange | undefined,
    private readonly excluded: Set<string> | undefined,
    readonly customers: Customers | undefined,
  ) {
    this.dates = new RowDates(spec.dateFormat);
  }

  /** Opens every input and loads what the filters and the join need; says what it understood of each input. */
  static async open(files: readonly string[], spec: ReadSpec, io: Io, listener: ReadListener): Promise<Responses> {
    checkInputNames(files);
    if (spec.dedupe !== 'none') await refuseRereadingStreams(files, io);
    const range = dayRange(spec.since, spec.until, spec.dateFormat, spec.today);
    const customers = spec.customers && (await loadCustomers(spec.customers.file, parseJoinOn(spec.customers.joinOn).customers, io));
    const excluded = spec.exclude === undefined ? undefined : await loadExcluded(spec.exclude, io);
    const responses = await Responses.openAll(files, spec, io, listener, { range, excluded, customers });
    if (spec.dedupe !== 'none') {
      const quiet: ReadListener = { info: () => undefined, warn: () => undefined, rejected: () => undefined };
      const needs = { dates: true, respondents: true, comments: false };
      const firstPass = await Responses.openAll(files, { ...spec, dedupe: 'none', needs }, io, quiet, { range, excluded, customers });
      responses.keep = await planDedupe(firstPass, spec.dedupe);
    }
    return responses;
  }

  private static async openAll(
    files: readonly string[],
    spec: ReadSpec,
    io: Io,
    listener: ReadListener,
    loaded: { range: DayRange | undefined; excluded: Set<string> | undefined; customers: Customers | undefined },
  ): Promise<Responses> {
    const inputs: OpenedInput[] = [];
    for (const file of files) {
      const opened = await openInput(file, io, spec.columns, spec.sheet);
      listener.info(describeInput(opened, spec.needs.comments));
      inputs.push(opened);
    }
    const own = unionOfNames(inputs);
    const joinColumn = spec.customers && parseJoinOn(spec.customers.joinOn).survey;
    const customerNames = loaded.customers?.columns.map((column) => (own.includes(column) ? `customer ${column}` : column)) ?? [];
    const columns = [...own, ...customerNames];
    const plans = inputs.map((opened, index) => ({
      opened,
      index,
      project: projection(opened.names, own),
      join:
        loaded.customers && joinColumn !== undefined
          ? new Join(loaded.customers, requireColumn(opened.reader.name, opened.names, joinColumn, '--join-on'))
          : undefined,
    }));
    for (const opened of inputs) checkFiltersCanApply(opened, spec, loaded);
    return new Responses(inputs, columns, plans, spec, listener, loaded.range, loaded.excluded, loaded.customers);
  }

  /** Whether reading has begun: a reader reads its inputs once. */
  get consumed(): boolean {
    return this.started;
  }
  private started = false;

  /** Today, in days since 1970, as --today gives it or the clock says. */
  get today(): number {
    return this.spec.today;
  }

  /** The first data rows of every input, in the run's columns: what a column holds, judged by its content. */
  sample(): string[][] {
    return this.plans.flatMap((plan) => plan.opened.sample.map((cells) => plan.project([...cells])));
  }

  /** The index in `columns` of a column an option names: its header, a unique start of it, or its number. */
  column(name: string, option: string): number {
    const where = this.inputs.map((opened) => opened.reader.name).join(' + ');
    return requireColumn(where, this.columns, name, option);
  }

  /** Streams every input once, in order; `onResponse` sees each scored response that is kept. */
  async read(onResponse?: (response: Response) => void, afterChunk?: () => Promise<void> | undefined): Promise<ReadTotals> {
    this.onResponse = onResponse;
    for (const plan of this.plans) await this.readInput(plan, afterChunk);
    if (this.pending.length > 0) {
      if (this.dates.order() === undefined) throw this.dates.unsettledError();
      this.release();
    }
    this.finish();
    return this.totals;
  }

  /**
   * Reads one part of the single input, for a parallel read (see parallel.ts): the
   * first part with the reader already open, up to `firstPartEnd`; another
   * (`spec.part`, in a thread) with a reader of its own. Says nothing while reading:
   * it keeps the first rejected rows and hands back what the coordinator needs to
   * speak for the whole input, or to read it again the ordinary way.
   */
  async readPart(
    onResponse: ((response: Response) => void) | undefined,
    io: Io,
    options: { firstPartEnd?: number; progress?: (bytes: number, rows: number) => void } = {},
  ): Promise<PartReport> {
    const part = this.spec.part;
    const [plan] = this.plans;
    if (plan === undefined || this.plans.length !== 1) throw new Error('readPart reads one part of one input');
    const csv = plan.opened.reader;
    if (csv.kind !== 'csv') throw new Error('readPart reads a part of a CSV file');
    let partPlan = plan;
    let reader = csv;
    if (options.firstPartEnd !== undefined) {
      csv.limitTo(options.firstPartEnd);
    } else if (part !== undefined) {
      csv.source.close();
      const source = await openSource(csv.name, io.cwd, io.stdin, part);
      reader = CsvReader.openPart(source, csv, part.firstLine, part.isLast);
      partPlan = { ...plan, opened: { ...plan.opened, reader } };
    }
    const rejections: Rejection[] = [];
    const speaking = this.listener;
    this.listener = {
      info: () => undefined,
      warn: () => undefined,
      rejected: (rejection) => {
        if (rejections.length < REJECTIONS_KEPT) rejections.push(rejection);
      },
      progress: (bytes, _total, rows) => options.progress?.(bytes, rows),
    };
    this.onResponse = onResponse;
    try {
      await this.readRows(partPlan, undefined);
    } finally {
      this.listener = speaking;
    }
    const unsettled = this.pending.length > 0 && this.dates.order() === undefined;
    if (this.pending.length > 0 && !unsettled) this.release();
    return { totals: this.totals, facts: readerFacts(reader, partPlan.join), evidence: this.dates.evidence(), unsettled, boundaryBroken: reader.boundaryBroken, rejections };
  }

  /**
   * Takes in what the other parts of a parallel read found (this one read the
   * first), in file order, and says it as a single read would have: the first
   * rejected rows, the warnings about the input, the closing lines.
   */
  adoptParts(own: PartReport, others: readonly PartReport[]): ReadTotals {
    const parts = [own, ...others];
    const rejections = parts.flatMap((part) => part.rejections).slice(0, REJECTIONS_KEPT);
    for (const rejection of rejections) this.listener.rejected(rejection);
    for (const part of others) addTotals(this.totals, part.totals);
    this.listener.countRejections?.(this.totals.tally.rejected - rejections.length);
    this.afterInput(mergeFacts(parts.map((part) => part.facts)));
    this.finish();
    return this.totals;
  }

  private async readInput(plan: InputPlan, afterChunk: (() => Promise<void> | undefined) | undefined): Promise<void> {
    await this.readRows(plan, afterChunk);
    this.afterInput(readerFacts(plan.opened.reader, plan.join));
  }

  private async readRows(plan: InputPlan, afterChunk: (() => Promise<void> | undefined) | undefined): Promise<void> {
    this.started = true;
    const { reader, layout, choice } = plan.opened;
    const { tally } = this.totals;
    const width = reader.header.length;
    const scoreIndex = choice.columns.score;
    const dateIndex = this.spec.needs.dates || this.range !== undefined ? choice.columns.date : undefined;
    const partial = this.spec.includePartial ? undefined : layout.partial;
    const scores = new ScoreReader(this.spec.scoreOffset ?? 0);
    const wantsLines = this.spec.needs.lines === true;
    const sheet = reader.kind === 'xlsx' ? reader.sheet.name : undefined;
    const reject = (reason: string): void => {
      tally.rejected += 1;
      this.listener.rejected({ file: reader.name, line: reader.lineOfCurrentRow(), reason, sheet });
    };
    // A sheet's rows are never shorter than its header: only a value right of the header's last column makes one longer.
    const widthProblem = (cells: readonly string[]): string =>
      reader.kind === 'xlsx'
        ? `has a value in column ${reader.columnName(cells.length - 1)}, right of the header's last column (${reader.columnName(width - 1)}); give that column a header`
        : `has ${cells.length} fields but the header has ${width}`;
    const size = reader.size;
    const rowsBefore = rowsSoFar(tally);
    const progress =
      this.listener.progress && size !== undefined
        ? () => {
            this.listener.progress?.(reader.bytesRead, size, rowsSoFar(tally) - rowsBefore);
            return afterChunk?.();
          }
        : afterChunk;
    await reader.forEachRow((cells) => {
      if (cells.length !== width) return reject(widthProblem(cells));
      if (partial !== undefined && partial.isPartial(cells[partial.index] ?? '')) {
        tally.partial += 1;
        return;
      }
      const cell = scores.read(cells[scoreIndex] ?? '');
      if (cell.kind === 'invalid') {
        if (cell.written === 11) this.totals.elevens += 1;
        return reject(cell.reason);
      }
      const score = cell.kind === 'score' ? cell.value : undefined;
      if (score !== undefined) {
        this.totals.validScores += 1;
        if (score === 0) this.totals.zeros += 1;
      }
      const dateCell = dateIndex === undefined ? '' : (cells[dateIndex] ?? '');
      const date = dateCell === '' ? undefined : this.dates.read(dateCell);
      // Counted only when asked: most commands never need a row's line unless it is rejected.
      const line = wantsLines && score !== undefined ? reader.lineOfCurrentRow() : 0;
      if (this.pending.length > 0 || date === UNSETTLED) {
        this.hold({ cells, score, input: plan.index, dateCell, line });
        return;
      }
      this.accept(plan, cells, score, date, line);
    }, progress);
    this.listener.progressDone?.();
  }

  /** What is said of an input once read: its encoding troubles and quotes read leniently (--strict fails on those). */
  private afterInput(facts: InputFacts): void {
    for (const warning of inputWarnings(facts)) this.listener.warn(warning);
    this.totals.repairedQuotes += facts.quoteNotes.filter((note) => note.kind !== 'long-record').length;
    this.unmatched.push({ name: facts.name, unmatched: facts.unmatched });
  }

  /** Rows wait, in order, while the order of slashed dates is unknown; the first date that tells releases them. */
  private hold(row: Pending): void {
    this.pending.push(row);
    if (this.pending.length > MAX_PENDING) {
      throw inputError(
        `${MAX_PENDING.toLocaleString('en-US')} responses in a row have dates such as ${this.dates.firstUnsettled ?? '3/4/2026'} ` +
          'that could be month first or day first; add --date-format m/d/yyyy or --date-format d/m/yyyy',
      );
    }
    if (this.dates.order() !== undefined) this.release();
  }

  private release(): void {
    const waiting = this.pending.splice(0);
    for (const row of waiting) {
      const plan = this.plans[row.input];
      const date = this.dates.read(row.dateCell);
      if (plan !== undefined) this.accept(plan, row.cells, row.score, date === UNSETTLED ? undefined : date, row.line);
    }
  }

  /** A row whose score is valid or blank: the filters, then --dedupe, then the command. */
  private accept(plan: InputPlan, cells: string[], score: number | undefined, date: DateReading | undefined, line: number): void {
    const { tally, excludedBy } = this.totals;
    const { respondent: respondentIndex } = plan.opened.choice.columns;
    const needsRespondent = this.excluded !== undefined || this.keep !== undefined || this.spec.needs.respondents;
    const respondent = needsRespondent && respondentIndex !== undefined ? respondentKey(cells[respondentIndex] ?? '') : '';
    if (this.excluded !== undefined && respondent !== '' && this.excluded.has(respondent)) {
      tally.excluded += 1;
      excludedBy.respondent += 1;
      return;
    }
    if (this.range !== undefined && (date === undefined || !inRange(date.day, this.range))) {
      tally.excluded += 1;
      excludedBy.dateRange += 1;
      return;
    }
    if (score === undefined) {
      tally.blank += 1;
      return;
    }
    if (this.keep !== undefined && !this.keep(respondent)) {
      tally.duplicates += 1;
      return;
    }
    addScore(tally, score);
    if (this.onResponse === undefined) return;
    const own = plan.project(cells);
    this.onResponse({
      score,
      cells: plan.join === undefined ? own : plan.join.extend(own, cells),
      date,
      comment: this.spec.needs.comments ? commentOf(cells, plan.opened.choice.columns.comments) : '',
      respondent,
      input: plan.index,
      line,
    });
  }

  /** What every command says once all is read: the 1..11 check, partial and repeated responses, filters, the join. */
  private finish(): void {
    refuseRecodedScale(this.totals, this.spec.scoreOffset);
    const { tally, excludedBy } = this.totals;
    if (tally.partial > 0) {
      this.listener.warn(`${plural(tally.partial, 'partial response')} (unfinished) left out of the score; --include-partial counts them`);
    }
    if (tally.duplicates > 0) {
      this.listener.info(`${plural(tally.duplicates, 'repeated response')} left out: --dedupe counts one per respondent`);
    }
    if (excludedBy.respondent > 0) this.listener.info(`${plural(excludedBy.respondent, 'response')} left out by --exclude`);
    if (excludedBy.dateRange > 0) {
      this.listener.info(`${plural(excludedBy.dateRange, 'response')} left out by --since/--until (outside the range, or with no readable date)`);
    }
    for (const { name, unmatched } of this.unmatched) {
      if (unmatched > 0 && this.customers !== undefined) {
        const where = this.inputs.length > 1 ? ` in ${name}` : '';
        this.listener.warn(
          `${plural(unmatched, 'response')}${where} matched no customer in ${this.customers.file}; their customer columns are empty`,
        );
      }
    }
    const customers = this.customers;
    if (customers !== undefined && customers.repeatedKeys > 0) {
      const repeated = customers.repeatedKeys;
      this.listener.warn(
        `${plural(repeated, 'customer row')} in ${customers.file} ${repeated === 1 ? 'repeats' : 'repeat'} ` +
          `a value of ${JSON.stringify(customers.keyColumn)} seen before; the first row with each value was used`,
      );
    }
  }
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

function readerFacts(reader: RowReader, join: Join | undefined): InputFacts {
  const unmatched = join?.unmatched ?? 0;
  if (reader.kind === 'xlsx') {
    return { name: reader.name, encoding: 'utf-8', replacedCharacters: 0, undefinedBytes: 0, quoteNotes: [], unmatched, sheetWarnings: reader.warnings() };
  }
  return {
    name: reader.name,
    encoding: reader.encoding,
    replacedCharacters: reader.replacedCharacters,
    undefinedBytes: reader.undefinedBytes,
    quoteNotes: reader.quoteNotes,
    unmatched,
    sheetWarnings: [],
  };
}

/** The facts of the parts of one input, as one read of it would have found them. */
function mergeFacts(parts: readonly InputFacts[]): InputFacts {
  const [first] = parts;
  if (first === undefined) throw new Error('no part to merge');
  return {
    name: first.name,
    encoding: first.encoding,
    replacedCharacters: parts.reduce((sum, part) => sum + part.replacedCharacters, 0),
    undefinedBytes: parts.reduce((sum, part) => sum + part.undefinedBytes, 0),
    quoteNotes: parts.flatMap((part) => part.quoteNotes),
    unmatched: parts.reduce((sum, part) => sum + part.unmatched, 0),
    sheetWarnings: parts.flatMap((part) => part.sheetWarnings),
  };
}

function addTotals(into: ReadTotals, from: ReadTotals): void {
  mergeTallies(into.tally, from.tally);
  into.excludedBy.respondent += from.excludedBy.respondent;
  into.excludedBy.dateRange += from.excludedBy.dateRange;
  into.elevens += from.elevens;
  into.validScores += from.validScores;
  into.zeros += from.zeros;
}

/** Warnings about an input as a whole: characters its encoding could not read, quotes read leniently, very long records. */
export function inputWarnings(facts: InputFacts): string[] {
  const warnings: string[] = [...facts.sheetWarnings];
  const { name } = facts;
  if (facts.undefinedBytes > 0) {
    warnings.push(
      `${name}: ${plural(facts.undefinedBytes, 'byte is', 'bytes are')} not defined in Windows-1252 (such as 0x90) and ` +
        `${facts.undefinedBytes === 1 ? 'shows' : 'show'} as an invisible control character; the file mixes encodings: save it again as "CSV UTF-8"`,
    );
  }
  if (facts.replacedCharacters > 0) {
    const encoding = facts.encoding === 'utf-8' ? 'UTF-8' : facts.encoding;
    const [count, verb] = facts.replacedCharacters === 1 ? ['1 character is', 'shows'] : [`${facts.replacedCharacters} characters are`, 'show'];
    warnings.push(`${name}: ${count} not valid ${encoding} and ${verb} as \uFFFD; the file mixes encodings: save it again as "CSV UTF-8"`);
  }
  const notes = [...facts.quoteNotes].sort((a, b) => a.line - b.line);
  const kept = notes.filter((note) => note.kind === 'kept-as-written');
  if (kept.length > 0) {
    warnings.push(
      `${name}: ${plural(kept.length, 'field starts', 'fields start')} with a quoted word followed by more text ` +
        `(${listLines(kept.map((note) => note.line))}); read as written, quotes kept`,
    );
  }
  for (const note of notes.filter((candidate) => candidate.kind === 'opening-read-as-text').slice(0, LISTED_NOTES)) {
    const closed =
      note.closedAtLine === undefined
        ? 'is never closed'
        : `does not close properly before line ${note.closedAtLine} (${plural(note.closedAtLine - note.line + 1, 'line')})`;
    warnings.push(`${name} line ${note.line}: a quote opens a field and ${closed}; it was read as a plain character, and the lines after it as the rows they are`);
  }
  for (const note of notes.filter((candidate) => candidate.kind === 'long-record').slice(0, LISTED_NOTES)) {
    warnings.push(`${name} line ${note.line}: one quoted field runs over ${note.lines ?? 0} lines; if it is not one long comment, a stray quote has joined rows`);
  }
  return warnings;
}

/** Rejected rows a part keeps one by one: the whole input shows its first ten. */
const REJECTIONS_KEPT = 10;

/** Places listed one by one in a warning about quotes. */
const LISTED_NOTES = 10;

function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, LISTED_NOTES).join(', ');
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${lines.length > LISTED_NOTES ? `, and ${lines.length - LISTED_NOTES} more` : ''}`;
}

/** Responses waiting for a date that tells day from month, before `nps` asks for --date-format instead. */
const MAX_PENDING = 500_000;

function rowsSoFar(tally: Tally): number {
  return (
    tally.distribution.reduce((sum, count) => sum + count, 0) + tally.blank + tally.rejected + tally.partial + tally.duplicates + tally.excluded
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** The first comment column that holds something other than "no answer" (NA, N/A, -…). */
export function commentOf(cells: readonly string[], indexes: readonly number[]): string {
  for (const index of indexes) {
    const text = cells[index] ?? '';
    if (!isMissing(text)) return text;
  }
  return '';
}

/** Columns of all inputs in the order first seen, by their distinct names: files with different columns lose nothing. */
function unionOfNames(inputs: readonly OpenedInput[]): string[] {
  const seen = new Set<string>();
  const columns: string[] = [];
  for (const { names } of inputs) {
    for (const name of names) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
    }
  }
  return columns;
}

/** Maps an input's cells onto the run's columns; the identity, without copying, when they are the same. */
function projection(names: readonly string[], columns: readonly string[]): (cells: string[]) => string[] {
  const position = new Map(names.map((name, index) => [name, index] as const));
  const indexes = columns.map((column) => position.get(column) ?? -1);
  const same = indexes.length === names.length && indexes.every((index, at) => index === at);
  if (same) return (cells) => cells;
  return (cells) => indexes.map((index) => (index === -1 ? '' : (cells[index] ?? '')));
}

/** Standard input can be read once: naming it twice would silently score nothing the second time. */
export function checkInputNames(files: readonly string[]): void {
  if (files.filter((file) => file === STDIN_NAME).length > 1) {
    throw inputError('"-" (standard input) can be named only once');
  }
}

/** --dedupe reads every input twice: a pipe or a device (standard input, a FIFO, /dev/stdin) can be read once. */
async function refuseRereadingStreams(files: readonly string[], io: Io): Promise<void> {
  if (files.includes(STDIN_NAME)) {
    throw inputError('--dedupe reads the input twice, so it cannot read standard input: save it to a file first');
  }
  for (const file of files) {
    const found = await stat(resolve(io.cwd, file)).catch(() => undefined);
    if (found !== undefined && !found.isFile()) {
      throw inputError(`${file}: --dedupe reads its input twice, so it needs a regular file, not a pipe or a device; save it to a file first`);
    }
  }
}

function checkFiltersCanApply(
  opened: OpenedInput,
  spec: ReadSpec,
  loaded: { range: DayRange | undefined; excluded: Set<string> | undefined },
): void {
  const name = opened.reader.where;
  const { columns } = opened.choice;
  if (loaded.range !== undefined && columns.date === undefined) {
    throw inputError(`${name}: --since and --until need a date column and none was found; name it with --date-column`);
  }
  if (spec.dedupe !== 'none' && columns.respondent === undefined) {
    throw inputError(`${name}: --dedupe needs a respondent column (an email or an id) and none was found; name it with --respondent-column`);
  }
  if (loaded.excluded !== undefined && columns.respondent === undefined) {
    throw inputError(`${name}: --exclude needs a respondent column (an email or an id) and none was found; name it with --respondent-column`);
  }
}

/**
 * A 0-10 question built by hand in Qualtrics is often coded 1..11. Scored as it is,
 * its 11s would be rejected and every other answer read one point high. The answers
 * say which scale it is, whatever else was rejected: 11s (as `11`, `11.0` or a label)
 * at least 1 in 100 of them, and no 0 at all, look like 1..11; then `nps` asks
 * rather than guess. Any --score-offset, 0 included, is the user's answer.
 */
export function refuseRecodedScale(totals: ReadTotals, scoreOffset: number | undefined): void {
  const { elevens, validScores, zeros } = totals;
  if (scoreOffset !== undefined || elevens === 0 || zeros > 0 || elevens * 100 < validScores + elevens) return;
  throw inputError(
    `the scores run from 1 to 11 (${elevens} ${elevens === 1 ? 'answer is' : 'answers are'} 11, none is 0): ` +
      'this looks like a 0-10 question coded 1-11, as Qualtrics does for a scale built by hand. ' +
      'If so, run again with --score-offset -1 to read 1 as 0 and 11 as 10; if the 11s are mistakes, --score-offset 0 reads the scores as they are',
  );
}

export { DEDUPE_MODES };
