import { categoryOf, type Category } from './categories.js';
import type { DriversAccumulator, DriversData } from './drivers/accumulator.js';
import type { DriversResult } from './drivers/result.js';
import { byRecency, byStatusThenUrgency, describeStatus, dueStatus, respondBy, TopList, type FollowUpSettings, type Ranked } from './followup.js';
import type { Precision } from './breakdown.js';
import { compareSamples, type CompareReport } from './compare.js';
import type { KeepMode } from './latest.js';
import { LevelAccumulator, type AccountsView, type LevelData, type LevelSettings } from './levels.js';
import type { VendorColumns } from './given-topics.js';
import { isoDay, periodsApart, type Period } from './periods.js';
import { SideTallies, type SidesData } from './sides.js';
import { buildScoreReport, ScoreAccumulator, type BreakdownSpec, type ScoreData, type ScoreReport } from './score.js';
import type { Tally } from './tally.js';
import { buildThemesReport } from './themes-report.js';
import type { ThemesReport } from './themes-report.js';
import { responseContext, sideFor } from './theme-extras.js';
import type { QuestionTallies, QuestionTalliesData } from './themes.js';

/** A respondent listed in the report, to contact. */
export interface ListedResponse {
  respondent: string;
  score: number;
  comment: string;
  respondBy: string;
  /** Detractors: overdue by N days, due today, or new; '' otherwise. */
  status: string;
  time: number | undefined;
}

/** Everything `nps report` shows, ready to render. */
export interface ReportData {
  title: string;
  files: string[];
  score: ScoreReport;
  /** First and last day of the answers, as ISO dates. */
  dateRange: { first: string; last: string } | undefined;
  themes: ThemesReport | undefined;
  /** The last file against the one before, or the last period against the one before; undefined with one file and no period. */
  change: CompareReport | undefined;
  /** What moves the score, when the file has rating columns besides the score. */
  drivers: DriversResult | undefined;
  urgent: ListedResponse[];
  promoters: ListedResponse[];
  /** The newest passives, to ask what would earn a 9 or 10. */
  passives: ListedResponse[];
  /** The day the report was made (--today sets it), as an ISO date. */
  generated: string;
  /** With --account-column, --weight-column, --value-column or --invited: the accounts section. */
  accounts?: AccountsView | undefined;
}

/** One scored response, as the report takes it in. */
export interface ReportEntry {
  score: number;
  cells: readonly string[];
  /** The calendar day and moment of the answer; undefined when it has none. */
  day: number | undefined;
  time: number | undefined;
  respondent: string;
  comment: string;
  answers: ReadonlyArray<{ question: number; text: string }>;
  /** Which input the response was read from, from 0. */
  input: number;
  /** Its line in the input (0 unless lines are read). */
  line: number;
  /** Counted in its period only (the trend, and the last period against the one before): see Response.periodOnly. */
  periodOnly?: boolean | undefined;
}

/** How the report splits the responses to set the last side against the one before: by input, or by period. */
export type SideSplit = { kind: 'input'; names: readonly string[] } | { kind: 'period'; period: Period; fiscalStart: number };

/** Rows shown in each of the lists of people to contact. */
export const LISTED = 20;

type Candidate = Ranked & ListedResponse;

/** A report accumulator as plain data, to travel between threads. */
export interface ReportAccumulatorData {
  score: ScoreData;
  themes: QuestionTalliesData | undefined;
  drivers: DriversData | undefined;
  urgent: Candidate[];
  promoters: Candidate[];
  passives: Candidate[];
  first: number | undefined;
  last: number | undefined;
  sides: SidesData | undefined;
  levels: LevelData | undefined;
}

export interface ReportSettings extends FollowUpSettings {
  breakdowns: readonly BreakdownSpec[];
  byDay: boolean;
  /** With two inputs or more, or a period: the sides whose last two are compared. */
  sides: SideSplit | undefined;
  /** Which of a respondent's answers on one side counts: the latest by date, or the first. */
  keep: KeepMode;
  /** Accounts, weights and values, when asked for. */
  levels?: LevelSettings | undefined;
  /** The export's own topics and sentiment columns (Qualtrics Text iQ), when it has them. */
  vendor?: VendorColumns | undefined;
}

/**
 * Everything the report gathers in one pass: the score's tallies, the themes and
 * the drivers when there are comments and ratings, the people to contact first in
 * each group, and the first and last day answered. Accumulators of the parts of a
 * file merge into the one of the whole.
 */
export class ReportAccumulator {
  readonly score: ScoreAccumulator;
  readonly breakdowns: readonly BreakdownSpec[];
  private readonly urgent: TopList<Candidate>;
  private readonly promoters = new TopList<Candidate>(LISTED, byRecency);
  private readonly passives = new TopList<Candidate>(LISTED, byRecency);
  private first: number | undefined;
  private last: number | undefined;
  private order: number;
  readonly sides: SideTallies | undefined;
  readonly levels: LevelAccumulator | undefined;

  /** How the responses are split into sides, if they are. */
  get sideSplit(): SideSplit | undefined {
    return this.settings.sides;
  }

  constructor(
    private readonly settings: ReportSettings,
    readonly themes: QuestionTallies | undefined,
    readonly drivers: DriversAccumulator | undefined,
    /** Which part of the input this accumulator reads: rows are numbered apart, so that order is file order across parts. */
    part = 0,
  ) {
    this.breakdowns = settings.breakdowns;
    this.score = new ScoreAccumulator(settings.breakdowns, settings.byDay);
    this.urgent = new TopList<Candidate>(LISTED, byStatusThenUrgency(settings));
    this.order = part * ROWS_PER_PART;
    this.sides = settings.sides === undefined ? undefined : new SideTallies(settings.keep);
    this.levels = settings.levels === undefined ? undefined : new LevelAccumulator(settings.levels);
  }

  add(entry: ReportEntry): void {
    this.score.add({ score: entry.score, cells: entry.cells, day: entry.day, periodOnly: entry.periodOnly });
    this.levels?.add(entry);
    this.order += 1;
    const side = sideFor(this.settings.sides, entry.input, entry.day);
    if (side !== undefined) this.sides?.add(side.name, side.rank, entry.score, entry.respondent, { time: entry.time, ordinal: this.order });
    if (entry.periodOnly === true) return;
    this.themes?.add(entry.score, entry.comment, entry.answers, responseContext({ sides: this.settings.sides, vendor: this.settings.vendor }, entry));
    if (entry.day !== undefined) {
      this.first = Math.min(this.first ?? entry.day, entry.day);
      this.last = Math.max(this.last ?? entry.day, entry.day);
    }
    const category = categoryOf(entry.score);
    const list = this.listOf(category);
    const candidate = { score: entry.score, value: undefined, time: entry.time, order: this.order, respondent: entry.respondent, comment: entry.comment, respondBy: '', status: '' };
    // Most responses are not among the first listed: their due date is never written out.
    if (!list.admits(candidate)) return;
    if (category === 'detractors') {
      candidate.respondBy = respondBy(entry.time, this.settings.slaMs, this.settings.clock);
      candidate.status = describeStatus(dueStatus(entry.time, this.settings));
    }
    list.add(candidate);
  }

  private listOf(category: Category): TopList<Candidate> {
    return { detractors: this.urgent, promoters: this.promoters, passives: this.passives }[category];
  }

  toData(): ReportAccumulatorData {
    return {
      score: this.score.toData(),
      themes: this.themes?.toData(),
      drivers: this.drivers?.toData(),
      urgent: this.urgent.result(),
      promoters: this.promoters.result(),
      passives: this.passives.result(),
      first: this.first,
      last: this.last,
      sides: this.sides?.toData(),
      levels: this.levels?.toData(),
    };
  }

  mergeData(data: ReportAccumulatorData): this {
    this.score.mergeData(data.score);
    if (data.themes !== undefined) this.themes?.mergeData(data.themes);
    if (data.drivers !== undefined) this.drivers?.mergeData(data.drivers);
    this.urgent.addAll(data.urgent);
    this.promoters.addAll(data.promoters);
    this.passives.addAll(data.passives);
    if (data.first !== undefined) this.first = Math.min(this.first ?? data.first, data.first);
    if (data.last !== undefined) this.last = Math.max(this.last ?? data.last, data.last);
    if (data.sides !== undefined) this.sides?.mergeData(data.sides);
    if (data.levels !== undefined) this.levels?.mergeData(data.levels);
    return this;
  }

  /** The people to contact first in each group. */
  lists(): { urgent: ListedResponse[]; promoters: ListedResponse[]; passives: ListedResponse[] } {
    return { urgent: this.urgent.result(), promoters: this.promoters.result(), passives: this.passives.result() };
  }

  /** The first and last day answered, as days since 1970. */
  get days(): { first: number; last: number } | undefined {
    return this.first === undefined || this.last === undefined ? undefined : { first: this.first, last: this.last };
  }
}

/** Rows a part may hold before its numbers would run into the next part's: far more than any file has. */
const ROWS_PER_PART = 2 ** 40;

/** What the report needs besides what was read. */
export interface ReportSummarySettings {
  title: string;
  /** The open questions, the comment first (empty with one). */
  questions: readonly string[];
  files: string[];
  period: Period | undefined;
  /** The month quarters and years start in, 1–12. */
  fiscalStart: number;
  minN: number;
  precision: Precision;
  /** Today, in days since 1970. */
  today: number;
}

/** The themes' distinguishing words the report shows each way. */
const REPORT_WORDS = 10;

/** The report's model, from what was read. */
export function buildReportData(acc: ReportAccumulator, tally: Tally, settings: ReportSummarySettings): ReportData {
  const { precision } = settings;
  const days = acc.days;
  return {
    title: settings.title,
    files: settings.files,
    score: buildScoreReport(tally, acc.score, {
      breakdowns: acc.breakdowns,
      period: settings.period,
      fiscalStart: settings.fiscalStart,
      byDay: true,
      rollingDays: undefined,
      minN: settings.minN,
      precision,
    }),
    dateRange: days === undefined ? undefined : { first: isoDay(days.first), last: isoDay(days.last) },
    themes: themesOf(acc.themes, settings, acc.sideSplit),
    drivers: acc.drivers?.result({ level: precision.level }),
    change: changeOf(acc, settings),
    ...acc.lists(),
    generated: isoDay(settings.today),
  };
}

/** The last side against the one before (the last file against the one before it, or the last period), as `nps compare` sets them. */
function changeOf(acc: ReportAccumulator, settings: ReportSummarySettings): CompareReport | undefined {
  const two = acc.sides?.lastTwo();
  if (two === undefined) return undefined;
  const [a, b] = two;
  const report = compareSamples(a, b, settings.precision, settings.period === undefined ? 'File' : 'Period');
  const period = settings.period;
  if (period !== undefined) {
    const starts = new Map([a, b].map((side) => [side.name, side.rank] as const));
    report.warnings.push(...periodsApart(a.name, b.name, period, starts, settings.fiscalStart));
  }
  return report;
}

function themesOf(tallies: QuestionTallies | undefined, settings: ReportSummarySettings, sides: SideSplit | undefined): ThemesReport | undefined {
  if (tallies === undefined) return undefined;
  const questions = settings.questions.map((question, at) => ({ question, tally: tallies.byQuestion[at] ?? tallies.all }));
  return buildThemesReport(tallies.all, REPORT_WORDS, settings.precision.level, settings.precision.adjust, questions, sides?.kind);
}
