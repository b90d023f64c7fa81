import { accountRows, AccountBook, revenueAtRisk, type AccountRow, type BookData, type RevenueAtRisk } from './account-book.js';
import { accountLevel, addToCluster, clustered, emptyClusterCounts, mergeClusterCounts, type AccountLevel, type ClusterCounts, type Clustered } from './accounts.js';
import { GROUP_KEY_SEPARATOR } from './breakdown.js';
import type { Coverage, ResponseRate } from './reach.js';
import { categoryOf } from './categories.js';
import {
  addWeight,
  amountOrLeftOut,
  emptyLeftOut,
  emptyWeightSums,
  mergeLeftOut,
  mergeWeightSums,
  weightedScore,
  type LeftOut,
  type WeightedScore,
  type WeightSums,
} from './weights.js';

/**
 * The figures beside the respondent-level score that accounts and weights give, kept
 * for the whole input, for each group of each --by and for each day (periods are made
 * of days): each account's counts and the sums of the weights. With a unit for the
 * book (an account, a customer, a respondent), what is known of each: the account
 * list and revenue at risk, each account's value once. Parts merge.
 */

/** What the book counts once: the account column, the join key of --customers, the respondent, or each response. */
export type BookUnit = { kind: 'column'; index: number } | { kind: 'respondent' } | { kind: 'response' };

export interface LevelSettings {
  /** The columns of each --by, as indexes into a response's cells. */
  breakdowns: ReadonlyArray<{ indexes: readonly number[] }>;
  byDay: boolean;
  /** --account-column's index. */
  account: number | undefined;
  /** --weight-column's index. */
  weight: number | undefined;
  /** What the account list and revenue at risk count once, and the column of the value (--value-column, else the weight). */
  book: { unit: BookUnit; value: number | undefined } | undefined;
  /** The survey's side of the --customers join: the customers some response matched, for the coverage. */
  joinKey: number | undefined;
  /** Keep the respondents who answered, for the response rate of --invited. */
  respondents: boolean;
  /** The columns that come from --customers: a blank there is a customer not matched, said once, not row by row. */
  joinedFrom?: number | undefined;
}

/** One scored response, as the levels take it in. */
export interface LevelResponse {
  score: number;
  cells: readonly string[];
  day: number | undefined;
  time: number | undefined;
  respondent: string;
  input: number;
  line: number;
  periodOnly?: boolean | undefined;
}

interface Slice {
  clusters: ClusterCounts;
  weights: WeightSums;
}

const emptySlice = (): Slice => ({ clusters: emptyClusterCounts(), weights: emptyWeightSums() });

function mergeSlice(into: Slice, from: Slice): Slice {
  mergeClusterCounts(into.clusters, from.clusters);
  mergeWeightSums(into.weights, from.weights);
  return into;
}

function sliceIn<K>(map: Map<K, Slice>, key: K): Slice {
  let slice = map.get(key);
  if (slice === undefined) {
    slice = emptySlice();
    map.set(key, slice);
  }
  return slice;
}

/** An account or customer as keyed: emails in lower case, other names exactly, less surrounding spaces (as --customers joins). */
export function accountKey(text: string): string {
  const key = text.trim();
  return key.includes('@') ? key.toLowerCase() : key;
}

/** Lines of one input never reach this: a row's place is unique across inputs. */
const LINES_PER_INPUT = 2 ** 32;

export interface LevelData {
  overall: Slice;
  groups: Array<Map<string, Slice>>;
  days: Map<number, Slice> | undefined;
  book: BookData | undefined;
  joined: string[];
  respondents: string[];
  weightLeftOut: LeftOut;
  valueLeftOut: LeftOut;
}

export class LevelAccumulator {
  readonly overall = emptySlice();
  readonly groups: Array<Map<string, Slice>>;
  readonly days: Map<number, Slice> | undefined;
  readonly book: AccountBook | undefined;
  readonly joined = new Set<string>();
  readonly respondents = new Set<string>();
  readonly weightLeftOut = emptyLeftOut();
  readonly valueLeftOut = emptyLeftOut();

  constructor(readonly settings: LevelSettings) {
    this.groups = settings.breakdowns.map(() => new Map<string, Slice>());
    this.days = settings.byDay ? new Map() : undefined;
    this.book = settings.book === undefined ? undefined : new AccountBook();
  }

  add(response: LevelResponse): void {
    const { settings } = this;
    const category = categoryOf(response.score);
    const account = settings.account === undefined ? '' : accountKey(response.cells[settings.account] ?? '');
    const joined = (index: number): boolean => settings.joinedFrom !== undefined && index >= settings.joinedFrom;
    const weight = settings.weight === undefined ? undefined : amountOrLeftOut(response.cells[settings.weight] ?? '', response.input, response.line, this.weightLeftOut, joined(settings.weight));
    const add = (slice: Slice): void => {
      if (settings.account !== undefined) addToCluster(slice.clusters, account, category);
      if (weight !== undefined) addWeight(slice.weights, category, weight);
    };
    const day = response.day;
    if (this.days !== undefined && day !== undefined) add(sliceIn(this.days, day));
    if (response.periodOnly === true) return;
    add(this.overall);
    settings.breakdowns.forEach((spec, at) => {
      const groups = this.groups[at];
      if (groups !== undefined) add(sliceIn(groups, spec.indexes.map((index) => response.cells[index] ?? '').join(GROUP_KEY_SEPARATOR)));
    });
    if (settings.joinKey !== undefined) this.joined.add(accountKey(response.cells[settings.joinKey] ?? ''));
    if (settings.respondents && response.respondent !== '') this.respondents.add(response.respondent);
    this.addToBook(response, category, weight);
  }

  private addToBook(response: LevelResponse, category: ReturnType<typeof categoryOf>, weight: number | undefined): void {
    const book = this.settings.book;
    if (book === undefined || this.book === undefined) return;
    const ordinal = response.input * LINES_PER_INPUT + response.line;
    const cell = book.unit.kind === 'column' ? (response.cells[book.unit.index] ?? '') : book.unit.kind === 'respondent' ? response.respondent : '';
    const key = book.unit.kind === 'response' || (book.unit.kind === 'respondent' && cell === '') ? `#${ordinal}` : accountKey(cell);
    // A response with no account is in no account's figures: its value is not looked at.
    if (key === '') return;
    const amount =
      book.value === undefined
        ? undefined
        : book.value === this.settings.weight
          ? weight
          : amountOrLeftOut(response.cells[book.value] ?? '', response.input, response.line, this.valueLeftOut, this.settings.joinedFrom !== undefined && book.value >= this.settings.joinedFrom);
    this.book.add({ key, label: cell.trim(), category, respondent: response.respondent, stamp: { time: response.time, ordinal }, amount });
  }

  toData(): LevelData {
    return {
      overall: this.overall,
      groups: this.groups,
      days: this.days,
      book: this.book?.toData(),
      joined: [...this.joined],
      respondents: [...this.respondents],
      weightLeftOut: this.weightLeftOut,
      valueLeftOut: this.valueLeftOut,
    };
  }

  mergeData(data: LevelData): this {
    mergeSlice(this.overall, data.overall);
    data.groups.forEach((groups, at) => {
      const into = this.groups[at];
      if (into !== undefined) for (const [id, slice] of groups) mergeSlice(sliceIn(into, id), slice);
    });
    if (this.days !== undefined) for (const [day, slice] of data.days ?? []) mergeSlice(sliceIn(this.days, day), slice);
    if (data.book !== undefined) this.book?.mergeData(data.book);
    for (const key of data.joined) this.joined.add(key);
    for (const respondent of data.respondents) this.respondents.add(respondent);
    mergeLeftOut(this.weightLeftOut, data.weightLeftOut);
    mergeLeftOut(this.valueLeftOut, data.valueLeftOut);
    return this;
  }
}

/** What accounts and weights say of one slice of the responses: the whole, a group, a period. */
export interface LevelFigures {
  accounts: AccountLevel | undefined;
  clustered: Clustered | undefined;
  weighted: WeightedScore | undefined;
}

function figuresOf(slice: Slice, level: number, settings: LevelSettings): LevelFigures {
  return {
    accounts: settings.account === undefined ? undefined : accountLevel(slice.clusters, level),
    clustered: settings.account === undefined ? undefined : clustered(slice.clusters, level),
    weighted: settings.weight === undefined ? undefined : weightedScore(slice.weights, level),
  };
}

export interface LevelsReport {
  /** Whether each view was asked for: --account-column, --weight-column. */
  byAccount: boolean;
  weightedBy: boolean;
  overall: LevelFigures;
  /** Per --by, each group's figures by its values joined with GROUP_KEY_SEPARATOR. */
  breakdowns: Array<Map<string, LevelFigures>>;
  /** Each period's figures, in the order of the periods given. */
  periods: LevelFigures[] | undefined;
  /** The book's accounts, when there is a book. */
  accounts: AccountRow[] | undefined;
  /** Accounts with two or more respondents whose latest answer is a detractor's. */
  twoOrMoreDetractors: number | undefined;
  revenue: RevenueAtRisk | undefined;
  weightLeftOut: LeftOut;
  valueLeftOut: LeftOut;
}

/** The figures of every slice; `periods` are the spans of the trend (start inclusive, end exclusive, in days). */
export function buildLevels(acc: LevelAccumulator, level: number, periods: ReadonlyArray<{ start: number; end: number }> | undefined): LevelsReport {
  const { settings } = acc;
  const rows = acc.book === undefined ? undefined : accountRows(acc.book);
  const days = [...(acc.days ?? [])];
  return {
    byAccount: settings.account !== undefined,
    weightedBy: settings.weight !== undefined,
    overall: figuresOf(acc.overall, level, settings),
    breakdowns: acc.groups.map((groups) => new Map([...groups].map(([id, slice]) => [id, figuresOf(slice, level, settings)]))),
    periods: periods?.map((span) => {
      const slice = emptySlice();
      for (const [day, daySlice] of days) if (day >= span.start && day < span.end) mergeSlice(slice, daySlice);
      return figuresOf(slice, level, settings);
    }),
    accounts: rows,
    twoOrMoreDetractors: settings.account === undefined || rows === undefined ? undefined : rows.filter((row) => row.escalate).length,
    revenue: rows === undefined || settings.book?.value === undefined ? undefined : revenueAtRisk(rows),
    weightLeftOut: acc.weightLeftOut,
    valueLeftOut: acc.valueLeftOut,
  };
}

/** What accounts, weights and reach add to a command's result, with the names of their columns for the words around them. */
export interface AccountsView {
  levels: LevelsReport;
  coverage: Coverage | undefined;
  responseRate: ResponseRate | undefined;
  weightName: string | undefined;
  valueName: string | undefined;
  /** What an account is, in words: its column ("Company"), "respondent" or "response". */
  unitWords: string;
  /** What the book counts once: an account (--account-column), a customer (the join key of --customers), a respondent or a response. */
  unit: 'account' | 'customer' | 'respondent' | 'response' | undefined;
  /** Rows of the --invited file rejected and quotes read leniently: --strict fails on them as on the survey's. */
  invitedChecks?: { rejected: number; repairedQuotes: number } | undefined;
}
