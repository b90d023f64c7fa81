import type { ReadListener } from '../../core/reading.js';
import { addScore, type Tally } from '../../core/tally.js';
import { inputError } from '../../errors.js';
import { numberDate, RowDates, UNSETTLED, type DateReading } from '../dates.js';
import type { KeepRow } from '../dedupe.js';
import { inRange } from '../filters.js';
import { respondentKey } from '../respondent.js';
import { widthProblem } from '../side-files.js';
import { isMissing, ScoreReader } from '../score-cell.js';
import { inputWarnings, readerFacts, sayClosing } from './closing.js';
import type { InputPlan, OpenedRun } from './open.js';
import { emptyTotals, type InputFacts, type ReadSpec, type ReadTotals, type Response } from './types.js';
import { groupDigits } from '../../core/digits.js';

/**
 * The row pipeline: streams each input's rows and accounts for every one as scored,
 * blank, rejected, partial, excluded (by --exclude or --since/--until) or a duplicate
 * (--dedupe), then hands each scored response to the command. Dates are read by one
 * `RowDates` for the whole run: while the order of slashed dates is unsettled, rows
 * wait in order until a date settles it.
 */

interface Pending {
  cells: string[];
  score: number | undefined;
  input: number;
  dateCell: string;
  line: number;
}

/** Responses waiting for a date that tells day from month, before `nps` asks for --date-format instead. */
const MAX_PENDING = 500_000;

export class RowPipeline {
  readonly totals: ReadTotals = emptyTotals();
  readonly dates: RowDates;
  private readonly pending: Pending[] = [];
  /** Responses that matched no customer, per input, for the closing warning. */
  private readonly unmatched: Array<{ name: string; unmatched: number }> = [];

  constructor(
    private readonly run: OpenedRun,
    private readonly spec: ReadSpec,
    private readonly listener: ReadListener,
    private readonly keep: KeepRow | undefined,
    private readonly onResponse: ((response: Response) => void) | undefined,
  ) {
    this.dates = new RowDates(spec.dateFormat, run.clock);
  }

  /** Reads one input to its end, then says what is to be said of it. */
  async readInput(plan: InputPlan, afterChunk?: () => Promise<void> | undefined): Promise<void> {
    await this.readRows(plan, afterChunk);
    this.afterInput(readerFacts(plan.opened.reader, plan.join));
  }

  /** Rows still waiting for the order of slashed dates, and whether that order is known. */
  get unsettled(): boolean {
    return this.pending.length > 0 && this.dates.order() === undefined;
  }

  /** Releases the rows that waited for the order of dates: at the end of a read, the order must be known. */
  flush(): void {
    if (this.pending.length === 0) return;
    if (this.dates.order() === undefined) throw this.dates.unsettledError();
    this.release();
  }

  /** What is said of an input once read: its encoding troubles and quotes read leniently (--strict fails on those). */
  afterInput(facts: InputFacts): void {
    for (const warning of inputWarnings(facts)) this.listener.warn(warning);
    this.totals.repairedQuotes += facts.quoteNotes.filter((note) => note.kind !== 'long-record').length;
    this.unmatched.push({ name: facts.name, unmatched: facts.unmatched });
  }

  /** The closing lines of the whole read: the 1..11 check, partial and repeated responses, filters, the join. */
  finish(): ReadTotals {
    // The files beside the survey (--customers, --exclude) were read first: --strict counts what they held too.
    this.totals.sideRejected = this.run.loaded.checks.rejected;
    this.totals.repairedQuotes += this.run.loaded.checks.repairedQuotes;
    const run = {
      inputs: this.run.inputs,
      unmatched: this.unmatched,
      customers: this.run.loaded.customers,
      scoreOffset: this.spec.scoreOffset,
      dedupeWithin: this.spec.dedupeWithin,
    };
    sayClosing(this.totals, run, this.listener);
    return this.totals;
  }

  async readRows(plan: InputPlan, afterChunk: (() => Promise<void> | undefined) | undefined): Promise<void> {
    const { reader, layout, choice } = plan.opened;
    const { tally } = this.totals;
    const width = reader.header.length;
    const scoreIndex = choice.columns.score;
    const dateIndex = this.spec.needs.dates || this.run.loaded.range !== undefined ? choice.columns.date : undefined;
    const dateKind = choice.columns.dateKind ?? 'text';
    const partial = this.spec.includePartial ? undefined : layout.partial;
    const scores = new ScoreReader(this.spec.scoreOffset ?? 0);
    const wantsLines = this.spec.needs.lines === true;
    const sheet = reader.kind === 'xlsx' ? reader.sheet.name : undefined;
    const reject = (reason: string): void => {
      tally.rejected += 1;
      this.listener.rejected({ file: reader.name, line: reader.lineOfCurrentRow(), reason, sheet });
    };
    const where = plan.opened.where;
    // A read that hands no response on, or whose command reads a few cells of each, looks at a few cells of each row:
    // only those are made strings.
    const cellsRead = this.onResponse === undefined ? [] : this.spec.cellsRead;
    if (cellsRead !== undefined && where === undefined && plan.join === undefined) {
      const own = cellsRead.map((index) => plan.opened.names.indexOf(this.run.columns[index] ?? ''));
      const respondent = this.needsRespondent() ? plan.opened.choice.columns.respondent : undefined;
      reader.readOnly([scoreIndex, dateIndex, partial?.index, respondent, ...own].filter((index): index is number => index !== undefined && index >= 0));
    }
    await reader.forEachRow((cells) => {
      if (cells.length !== width) {
        reject(widthProblem(reader, cells, width));
        return;
      }
      if (where !== undefined && !where(cells)) {
        tally.excluded += 1;
        this.totals.excludedBy.where += 1;
        return;
      }
      if (partial !== undefined && partial.isPartial(cells[partial.index] ?? '')) {
        tally.partial += 1;
        return;
      }
      const cell = scores.read(cells[scoreIndex] ?? '');
      if (cell.kind === 'invalid') {
        if (cell.written === 11) this.totals.elevens += 1;
        reject(cell.reason);
        return;
      }
      const score = cell.kind === 'score' ? cell.value : undefined;
      if (score !== undefined) {
        this.totals.validScores += 1;
        if (score === 0) this.totals.zeros += 1;
      }
      const dateCell = dateIndex === undefined ? '' : (cells[dateIndex] ?? '');
      const date = dateCell === '' ? undefined : dateKind === 'text' ? this.dates.read(dateCell) : numberDate(dateCell, dateKind);
      // Counted only when asked: most commands never need a row's line unless it is rejected.
      const line = wantsLines && score !== undefined ? reader.lineOfCurrentRow() : 0;
      if (this.pending.length > 0 || date === UNSETTLED) {
        this.hold({ cells, score, input: plan.index, dateCell, line });
        return;
      }
      this.accept(plan, cells, score, date, line);
    }, this.progressOf(reader, afterChunk));
    this.listener.progressDone?.();
  }

  /** After each chunk: the progress line, then the command's own wait (a list's writes draining). */
  private progressOf(reader: InputPlan['opened']['reader'], afterChunk: (() => Promise<void> | undefined) | undefined): (() => Promise<void> | undefined) | undefined {
    const size = reader.size;
    const { tally } = this.totals;
    const rowsBefore = rowsSoFar(tally);
    if (this.listener.progress === undefined || size === undefined) return afterChunk;
    return () => {
      this.listener.progress?.(reader.bytesRead, size, rowsSoFar(tally) - rowsBefore);
      return afterChunk?.();
    };
  }

  /** Rows wait, in order, while the order of slashed dates is unknown; the first date that tells releases them. */
  private hold(row: Pending): void {
    this.pending.push(row);
    if (this.pending.length > MAX_PENDING) {
      throw inputError(
        `${groupDigits(MAX_PENDING)} responses in a row have dates such as ${this.dates.firstUnsettled ?? '3/4/2026'} ` +
          'that could be month first or day first; add --date-format m/d/yyyy or --date-format d/m/yyyy',
      );
    }
    if (this.dates.order() !== undefined) this.release();
  }

  private release(): void {
    const waiting = this.pending.splice(0);
    for (const row of waiting) {
      const plan = this.run.plans[row.input];
      const date = this.dates.read(row.dateCell);
      if (plan !== undefined) this.accept(plan, row.cells, row.score, date === UNSETTLED ? undefined : date, row.line);
    }
  }

  /** Whether a row's respondent is read: for --exclude, --dedupe (`this.keep`, which keeps one answer each), or a command that asks. */
  private needsRespondent(): boolean {
    return this.run.loaded.excluded !== undefined || this.keep !== undefined || this.spec.needs.respondents;
  }

  /** A row whose score is valid or blank: the filters, then --dedupe, then the command. */
  private accept(plan: InputPlan, cells: string[], score: number | undefined, date: DateReading | undefined, line: number): void {
    const { tally, excludedBy } = this.totals;
    const { range, excluded } = this.run.loaded;
    const { respondent: respondentIndex } = plan.opened.choice.columns;
    const respondent = this.needsRespondent() && respondentIndex !== undefined ? respondentKey(cells[respondentIndex] ?? '') : '';
    if (excluded !== undefined && respondent !== '' && excluded.has(respondent)) {
      tally.excluded += 1;
      excludedBy.respondent += 1;
      return;
    }
    if (range !== undefined && (date === undefined || !inRange(date.day, range))) {
      tally.excluded += 1;
      excludedBy.dateRange += 1;
      return;
    }
    if (score === undefined) {
      tally.blank += 1;
      return;
    }
    const kept = this.keep === undefined ? 'counted' : this.keep(respondent);
    if (kept !== 'counted') tally.duplicates += 1;
    if (kept === 'left-out') return;
    if (kept === 'counted') addScore(tally, score);
    if (this.onResponse === undefined) return;
    const own = plan.project(cells);
    this.onResponse({
      score,
      cells: plan.join === undefined ? own : plan.join.extend(own, cells),
      date,
      comment: this.spec.needs.comments ? commentOf(cells, plan.opened.choice.columns.comments) : '',
      answers: this.spec.needs.comments ? answersOf(cells, plan.questions) : NO_ANSWERS,
      respondent,
      input: plan.index,
      line,
      ...(kept === 'period-only' ? { periodOnly: true as const } : {}),
    });
  }
}

function rowsSoFar(tally: Tally): number {
  return (
    tally.distribution.reduce((sum, count) => sum + count, 0) + tally.blank + tally.rejected + tally.partial + tally.duplicates + tally.excluded
  );
}

const NO_ANSWERS: ReadonlyArray<{ question: number; text: string }> = [];

/** A row's answers to the other open questions: those that say something. */
function answersOf(cells: readonly string[], questions: InputPlan['questions']): ReadonlyArray<{ question: number; text: string }> {
  if (questions.length === 0) return NO_ANSWERS;
  const answers: Array<{ question: number; text: string }> = [];
  for (const { column, question } of questions) {
    const text = cells[column] ?? '';
    if (!isMissing(text)) answers.push({ question, text });
  }
  return answers;
}

/** The first comment column that holds something other than "no answer" (NA, N/A, -…). */
export function commentOf(cells: readonly string[], indexes: readonly number[]): string {
  for (const index of indexes) {
    const text = cells[index] ?? '';
    if (!isMissing(text)) return text;
  }
  return '';
}
