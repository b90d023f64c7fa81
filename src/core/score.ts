import type { AccountsView } from './levels.js';
import { breakdown, GROUP_KEY_SEPARATOR, GroupTallies, precisionWarnings, scaleWarnings, scored, type GroupRow, type Precision, type Scored } from './breakdown.js';
import { trend, trendWarnings, type AnsweredDays, type Period, type PeriodRow } from './periods.js';
import { summarize, type Summary } from './summary.js';
import { addScore, emptyTally, mergeTallies, type Tally } from './tally.js';
import type { ScoreWarning } from './warnings.js';

/** One `--by`: the columns it groups by (several make one crossed breakdown) and their indexes in a row. */
export interface BreakdownSpec {
  columns: readonly string[];
  indexes: readonly number[];
}

/** What `score` adds up per response beyond the overall tally: what a pipeline hands it. */
export interface ScoredResponse {
  score: number;
  cells: readonly string[];
  /** The calendar day of the answer; undefined when it has none. */
  day: number | undefined;
  /** Counted in its period only: under --dedupe, the person's answer overall is a later one. */
  periodOnly?: boolean | undefined;
}

/**
 * Tallies kept while streaming, per group of each breakdown and per day, only when
 * asked for. Accumulators of parts of the input merge into the one of the whole.
 */
export class ScoreAccumulator {
  readonly groups: GroupTallies[];
  readonly days: Map<number, Tally> | undefined;
  undated = 0;

  constructor(
    private readonly breakdowns: readonly BreakdownSpec[],
    byDay: boolean,
  ) {
    this.groups = breakdowns.map(() => new GroupTallies());
    this.days = byDay ? new Map() : undefined;
  }

  /** Whether any response needs to be seen one by one: plain scores need only the overall tally. */
  get needsResponses(): boolean {
    return this.breakdowns.length > 0 || this.days !== undefined;
  }

  add(response: ScoredResponse): void {
    if (response.periodOnly !== true) this.addToGroups(response);
    this.addToDays(response);
  }

  private addToGroups(response: ScoredResponse): void {
    this.breakdowns.forEach((spec, at) => {
      const groups = this.groups[at];
      if (groups !== undefined) addScore(groups.tallyFor(groupId(spec, response.cells), () => valuesOf(spec, response.cells)), response.score);
    });
  }

  private addToDays(response: ScoredResponse): void {
    if (this.days === undefined) return;
    if (response.day === undefined) {
      this.undated += 1;
      return;
    }
    let tally = this.days.get(response.day);
    if (tally === undefined) {
      tally = emptyTally();
      this.days.set(response.day, tally);
    }
    addScore(tally, response.score);
  }

  /** The tallies as plain data, to travel between threads (structured clone keeps Maps, not classes). */
  toData(): ScoreData {
    return { groups: this.groups.map((groups) => groups.groups), days: this.days, undated: this.undated };
  }

  /** Adds the tallies of another part, given as data. */
  mergeData(data: ScoreData): this {
    data.groups.forEach((groups, at) => {
      const into = this.groups[at];
      for (const [id, group] of groups) mergeTallies(into?.tallyFor(id, () => [...group.values]) ?? emptyTally(), group.tally);
    });
    this.mergeDays(data.days, data.undated);
    return this;
  }

  merge(other: ScoreAccumulator): this {
    other.groups.forEach((groups, at) => this.groups[at]?.merge(groups));
    this.mergeDays(other.days, other.undated);
    return this;
  }

  private mergeDays(days: ReadonlyMap<number, Tally> | undefined, undated: number): void {
    for (const [day, tally] of days ?? []) {
      const into = this.days?.get(day);
      if (into === undefined) this.days?.set(day, mergeTallies(emptyTally(), tally));
      else mergeTallies(into, tally);
    }
    this.undated += undated;
  }
}

const valuesOf = (spec: BreakdownSpec, cells: readonly string[]): string[] => spec.indexes.map((index) => cells[index] ?? '');

/** One column, the common case, needs no joining and no array per row. */
function groupId(spec: BreakdownSpec, cells: readonly string[]): string {
  const [only] = spec.indexes;
  if (spec.indexes.length === 1 && only !== undefined) return cells[only] ?? '';
  return valuesOf(spec, cells).join(GROUP_KEY_SEPARATOR);
}

/** A score accumulator as plain data. */
export interface ScoreData {
  groups: Array<Map<string, { values: string[]; tally: Tally }>>;
  days: Map<number, Tally> | undefined;
  undated: number;
}

/** Everything `nps score` computes, ready to render as a table or JSON. */
export interface ScoreReport {
  summary: Summary;
  overall: Scored;
  warnings: ScoreWarning[];
  /** One per `--by`, in the order given. */
  breakdowns: Array<{ columns: string[]; groups: GroupRow[] }>;
  period: Period | undefined;
  rollingDays: number | undefined;
  periods: PeriodRow[] | undefined;
  /** Scored responses with no readable date: in the overall score, in no period. */
  undated: number;
  minN: number;
  /** With --account-column, --weight-column, --value-column or --invited: what they add. */
  accounts?: AccountsView | undefined;
}

export interface ScoreSettings {
  breakdowns: readonly BreakdownSpec[];
  period: Period | undefined;
  /** The month quarters and years start in, 1–12. */
  fiscalStart: number;
  /** Whether the tallies are by day (read from rows), so that a period the answers cover in part can be told. */
  byDay: boolean;
  /** By period (counts), the first and last day answered, when the counts give them: partial periods are told from them. */
  answered?: AnsweredDays | undefined;
  rollingDays: number | undefined;
  minN: number;
  precision: Precision;
}

export function buildScoreReport(tally: Tally, acc: ScoreAccumulator, settings: ScoreSettings): ScoreReport {
  const overall = scored(tally, settings.precision);
  const { period, minN } = settings;
  const periods = acc.days && period && trend(acc.days, { ...settings, period });
  return {
    summary: summarize(tally),
    overall,
    warnings: [...scaleWarnings(tally.distribution), ...precisionWarnings(overall), ...(periods ? trendWarnings(periods, minN) : [])],
    breakdowns: settings.breakdowns.map((spec, at) => ({
      columns: [...spec.columns],
      groups: breakdown(spec.columns, acc.groups[at] ?? new GroupTallies(), overall.counts, settings.precision, settings.minN),
    })),
    period: settings.period,
    rollingDays: settings.rollingDays,
    periods,
    undated: acc.undated,
    minN: settings.minN,
  };
}

