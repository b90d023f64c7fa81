import { ALL_SET, bySet, countedWithin, periodSet, periodSetOf, totalsOfCounts, usablePeriods, type CountPeriod, type CountRow } from '../../core/counts.js';
import { responsesIn } from '../../core/tally.js';
import type { DriverMoments, Moments } from '../../core/drivers/moments.js';
import { MOMENT_COLUMNS } from '../../core/sql/moments.js';
import { emptyTally, mergeTallies } from '../../core/tally.js';
import type { Sample } from '../../core/compare.js';
import type { AnsweredDays, Period } from '../../core/periods.js';
import { isoDay, periodOf } from '../../core/periods.js';
import { ScoreAccumulator, type BreakdownSpec } from '../../core/score.js';
import type { Tally } from '../../core/tally.js';
import { inputError } from '../../errors.js';
import { readCounts } from '../../input/counts.js';
import { checkInputNames } from '../../input/responses.js';
import type { Io } from '../../io.js';
import { Messages } from '../../output/write/messages.js';
import { fiscalStartOf, type RawReadingOptions } from './options.js';
import { failsStrict, type Outcome } from './outcome.js';
import { quote } from '../../core/clip.js';

/**
 * `--counts`: the inputs are the result of the query `nps sql` prints, not responses.
 * Their counts are added up into the tallies a read of the rows would have made, and
 * the statistics are computed from them by the same code.
 */

/** The reading options a warehouse has already applied: given with --counts, they would do nothing. */
const APPLIED_BY_THE_QUERY: ReadonlyArray<readonly [keyof RawReadingOptions, string]> = [
  ['sheet', '--sheet'],
  ['scoreColumn', '--score-column'],
  ['dateColumn', '--date-column'],
  ['commentColumn', '--comment-column'],
  ['respondentColumn', '--respondent-column'],
  ['scoreOffset', '--score-offset'],
  ['dateFormat', '--date-format'],
  ['includePartial', '--include-partial'],
  ['since', '--since'],
  ['until', '--until'],
  ['exclude', '--exclude'],
  ['customers', '--customers'],
  ['joinOn', '--join-on'],
  ['today', '--today'],
];

export interface CountsRead {
  messages: Messages;
  tally: Tally;
  acc: ScoreAccumulator;
  outcome: Outcome;
  /** The first and last day of the trend's answers, when the counts give them: what tells a partial period. */
  answered: AnsweredDays | undefined;
}

export function refuseReadingOptions(options: RawReadingOptions): void {
  const given = APPLIED_BY_THE_QUERY.find(([key]) => options[key] !== undefined && options[key] !== false);
  const flag = given?.[1] ?? (options.dedupe !== 'none' ? '--dedupe' : undefined);
  if (flag !== undefined) throw inputError(`${flag} is applied by the query: give it to nps sql, not with --counts`);
}

/** What a trend from counts asks for: its periods, the month fiscal years start in, and whether it is in rolling windows. */
interface TrendAsked {
  period: Period;
  fiscalStart: number;
  rolling: boolean;
}

const fiscalFlag = (fiscalStart: number): string => (fiscalStart === 1 ? '' : ` --fiscal-start ${fiscalStart}`);
const askedFlags = (asked: TrendAsked): string => (asked.rolling ? '--rolling' : `--period ${asked.period}${fiscalFlag(asked.fiscalStart)}`);

/** The period sets the counts hold, by name. */
function periodSetsIn(rows: readonly CountRow[]): Map<string, { unit: CountPeriod; deduped: boolean }> {
  const held = new Map<string, { unit: CountPeriod; deduped: boolean }>();
  for (const row of rows) {
    const set = periodSetOf(row.set);
    if (set !== undefined) held.set(row.set, set);
  }
  return held;
}

/**
 * The period set to build a trend from: the finest the counts hold that adds up to the
 * periods asked exactly. Under --dedupe each counted period keeps one answer per
 * respondent of its own, which adds up to no other period: only counts made for the
 * very periods of the trend will do.
 */
function periodSetFor(rows: readonly CountRow[], asked: TrendAsked, name: string): string {
  const held = periodSetsIn(rows);
  const deduped = [...held.values()].filter((set) => set.deduped).map((set) => set.unit);
  if (deduped.length > 0) return dedupedSetFor(rows, asked, name, deduped);
  if (held.size > 0 && rows.some((row) => row.set === ALL_SET && row.tally.duplicates > 0)) {
    // Before each period kept its own answers, nps sql deduplicated its periods over the whole table.
    throw inputError(`${name}: these periods were deduplicated over the whole table, by an earlier nps sql; a trend keeps one answer per respondent in each period: run the query nps sql prints now`);
  }
  const usable = usablePeriods(asked.period, asked.rolling);
  const chosen = usable.find((unit) => held.has(periodSet(unit)));
  if (chosen === undefined) {
    const units = [...held.values()].map((set) => set.unit);
    const what = units.length === 0 ? 'no periods' : `periods by ${units.join(', ')}`;
    throw inputError(`${name}: ${askedFlags(asked)} needs counts by ${usable.join(' or ')}, and these have ${what}: give nps sql --period ${usable[0] ?? 'day'}`);
  }
  for (const row of rows) {
    if (row.set !== periodSet(chosen) || row.day === undefined) continue;
    const within = countedWithin(row.day, chosen, asked.period, asked.fiscalStart);
    if (within === 'none') throw inputError(`${name}: ${isoDay(row.day)} does not start a ${chosen}: these counts were not made by nps sql --period ${chosen}`);
    if (within === 'across') {
      throw inputError(`${name}: the ${chosen} counted from ${isoDay(row.day)} straddles two periods of ${askedFlags(asked)}: give nps sql --period month, or --period ${chosen}${fiscalFlag(asked.fiscalStart)}`);
    }
  }
  return periodSet(chosen);
}

/** Under --dedupe, the set counted by the very periods of the trend, or a usage error that says why no other will do. */
function dedupedSetFor(rows: readonly CountRow[], asked: TrendAsked, name: string, units: readonly CountPeriod[]): string {
  const counted = units.join(' or ');
  const remedy = `give nps sql --period ${asked.period}${fiscalFlag(asked.fiscalStart)} with the same --dedupe`;
  if (asked.rolling) {
    throw inputError(`${name}: --rolling cannot be made of these counts: under --dedupe each ${counted} keeps one answer per respondent, and a window needs one per respondent of its period; score the export itself`);
  }
  const set = periodSet(asked.period, true);
  if (!units.includes(asked.period)) {
    const twice = `a person who answered in two ${units[0] ?? 'day'}s of one ${asked.period} would count twice`;
    throw inputError(`${name}: --period ${asked.period} cannot be made of these counts: under --dedupe each ${counted} keeps one answer per respondent, and ${twice}; ${remedy}`);
  }
  for (const row of rows) {
    if (row.set === set && row.day !== undefined && countedWithin(row.day, asked.period, asked.period, asked.fiscalStart) !== 'same') {
      throw inputError(`${name}: ${isoDay(row.day)} does not start a ${asked.period} of ${askedFlags(asked)}, and under --dedupe no other ${asked.period} adds up to one; ${remedy}`);
    }
  }
  return set;
}

/** Reads the files of counts and adds them up into the tallies of `nps score`. */
export async function readScoreCounts(
  files: readonly string[],
  options: RawReadingOptions & { by?: string[][]; period?: Period; fiscalStart?: number; rolling?: number },
  io: Io,
): Promise<CountsRead> {
  refuseReadingOptions(options);
  checkInputNames(files);
  const messages = new Messages(io.stderr, options.quiet === true);
  const rows: CountRow[] = [];
  for (const file of files) {
    const counts = await readCounts(file, io);
    if (!counts.rows.some((row) => row.set === ALL_SET)) throw inputError(`${counts.name}: no row of the whole table (nps_set "all"): these are not counts from nps sql`);
    for (const columns of options.by ?? []) {
      if (!counts.rows.some((row) => row.set === bySet(columns))) {
        throw inputError(`${counts.name}: no counts by ${columns.join(',')}: give nps sql --by ${columns.join(',')}`);
      }
    }
    messages.info(`${counts.name}: counts from nps sql, ${counts.rows.length} ${counts.rows.length === 1 ? 'row' : 'rows'}`);
    for (const row of counts.rows) rows.push(row);
  }
  const name = files.length === 1 ? (files[0] ?? '') : 'the counts';
  const asked = options.period === undefined ? undefined : { period: options.period, fiscalStart: fiscalStartOf(options), rolling: options.rolling !== undefined };
  const periodName = asked === undefined ? undefined : periodSetFor(rows, asked, name);
  const breakdowns = options.by ?? [];
  const totals = totalsOfCounts(rows, breakdowns, periodName);
  const specs: BreakdownSpec[] = breakdowns.map((columns) => ({ columns, indexes: columns.map((_, at) => at) }));
  const acc = new ScoreAccumulator(specs, options.period !== undefined).mergeData(totals.data);
  const rejected = totals.tally.rejected;
  if (rejected > 0) messages.info(`${rejected} ${rejected === 1 ? 'row was' : 'rows were'} rejected by the query: a value that is no score from 0 to 10`);
  const outcome = { rejected, repairedQuotes: 0, strict: options.strict === true, belowThreshold: false };
  if (failsStrict(outcome)) messages.strictFailure(rejected);
  return { messages, tally: totals.tally, acc, outcome, answered: totals.answered };
}

/** What `nps drivers --moments` reads: the drivers' moments, added up over the files, and the row accounting. */
export interface MomentsRead {
  messages: Messages;
  tally: Tally;
  moments: Moments;
  outcome: Outcome;
}

const DRIVERS_PREFIX = 'drivers:';

function numberIn(row: CountRow, column: string, where: string): number {
  const text = row.values.get(column)?.trim() ?? '';
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw inputError(`${where}: ${column} should be a number, not ${quote(text)}`);
  return value;
}

/** One file's row of moments, read. */
function momentsOf(row: CountRow, where: string): Moments {
  const names = row.set.slice(DRIVERS_PREFIX.length).split(',');
  const xs = names.map((_, at) => `x${at + 1}`);
  const read = (column: string): number => numberIn(row, column, where);
  const n = read(MOMENT_COLUMNS.n);
  const drivers = names.map(
    (name, at): DriverMoments => ({
      name,
      sum: read(MOMENT_COLUMNS.sum(xs[at] ?? '')),
      withScore: read(MOMENT_COLUMNS.product(xs[at] ?? '', 'y')),
      withDrivers: xs.slice(at).map((other) => read(MOMENT_COLUMNS.product(xs[at] ?? '', other))),
      // With no complete response a warehouse gives no lowest or highest value.
      min: n === 0 ? 0 : read(MOMENT_COLUMNS.min(xs[at] ?? '')),
      max: n === 0 ? 0 : read(MOMENT_COLUMNS.max(xs[at] ?? '')),
      whole: n === 0 || read(MOMENT_COLUMNS.whole(xs[at] ?? '')) === 1,
      blank: read(MOMENT_COLUMNS.blank(xs[at] ?? '')),
      unreadable: read(MOMENT_COLUMNS.unreadable(xs[at] ?? '')),
    }),
  );
  return {
    n,
    promoters: read(MOMENT_COLUMNS.promoters),
    detractors: read(MOMENT_COLUMNS.detractors),
    leftOut: read(MOMENT_COLUMNS.leftOut),
    scoreSum: read(MOMENT_COLUMNS.sum('y')),
    scoreSquares: read(MOMENT_COLUMNS.product('y', 'y')),
    drivers,
  };
}

/** Two files' moments of the same drivers: sums add up, and so do the extremes and counts. */
function addMoments(a: Moments, b: Moments): Moments {
  const drivers = a.drivers.map((x, at): DriverMoments => {
    const y = b.drivers[at] ?? x;
    const either = (left: number, right: number, pick: (p: number, q: number) => number): number => (a.n === 0 ? right : b.n === 0 ? left : pick(left, right));
    return {
      name: x.name,
      sum: x.sum + y.sum,
      withScore: x.withScore + y.withScore,
      withDrivers: x.withDrivers.map((value, offset) => value + (y.withDrivers[offset] ?? 0)),
      min: either(x.min, y.min, Math.min),
      max: either(x.max, y.max, Math.max),
      whole: x.whole && y.whole,
      blank: x.blank + y.blank,
      unreadable: x.unreadable + y.unreadable,
    };
  });
  return {
    n: a.n + b.n,
    promoters: a.promoters + b.promoters,
    detractors: a.detractors + b.detractors,
    leftOut: a.leftOut + b.leftOut,
    scoreSum: a.scoreSum + b.scoreSum,
    scoreSquares: a.scoreSquares + b.scoreSquares,
    drivers,
  };
}

/** Reads the moments `nps sql --drivers` counted, one row a file, added up over the files. */
export async function readDriverMoments(files: readonly string[], options: RawReadingOptions, io: Io): Promise<MomentsRead> {
  refuseReadingOptions(options);
  checkInputNames(files);
  const messages = new Messages(io.stderr, options.quiet === true);
  const tally = emptyTally();
  let moments: Moments | undefined;
  let set = '';
  for (const file of files) {
    const counts = await readCounts(file, io);
    const rows = counts.rows.filter((row) => row.set.startsWith(DRIVERS_PREFIX));
    const [row] = rows;
    if (row === undefined || rows.length > 1) {
      throw inputError(`${counts.name}: ${row === undefined ? 'no' : 'more than one'} row of moments: give this file the result of nps sql --drivers`);
    }
    if (set !== '' && row.set !== set) throw inputError(`${counts.name}: moments of other drivers (${row.set.slice(DRIVERS_PREFIX.length)}) than the first file's`);
    set = row.set;
    messages.info(`${counts.name}: moments of ${row.set.slice(DRIVERS_PREFIX.length).split(',').join(', ')} from nps sql`);
    mergeTallies(tally, row.tally);
    const read = momentsOf(row, `${counts.name} ${row.set}`);
    moments = moments === undefined ? read : addMoments(moments, read);
  }
  if (moments === undefined) throw inputError('no file of moments was given');
  const outcome = { rejected: tally.rejected, repairedQuotes: 0, strict: options.strict === true, belowThreshold: false };
  if (failsStrict(outcome)) messages.strictFailure(tally.rejected);
  return { messages, tally, moments, outcome };
}

/** What `compare --counts` compares: samples made of counts, by file, by a column's values, or by period. */
export interface CountSamples {
  samples: Map<string, Sample>;
  /** Each period's first day, for the warning of periods not next to each other. */
  spans: Map<string, number>;
  messages: Messages;
  outcome: Outcome;
}

function addInto(samples: Map<string, Sample>, name: string, tally: Tally): void {
  const sample = samples.get(name) ?? { name, tally: emptyTally(), groups: undefined };
  samples.set(name, sample);
  sample.tally.distribution = sample.tally.distribution.map((count, score) => count + (tally.distribution[score] ?? 0));
}

/**
 * The samples `compare` would make of the rows, made of counts: each file's `all` row
 * (two files, A then B), each value of one `--by` column, or each period of `--period`
 * with scored answers, oldest first. A group or period with no scored answer is no
 * sample, as when rows are read. There are no respondents in counts: no movement.
 */
export async function readCountSamples(
  files: readonly string[],
  options: RawReadingOptions & { column: string | undefined; period: Period | undefined; fiscalStart?: number },
  io: Io,
): Promise<CountSamples> {
  refuseReadingOptions(options);
  checkInputNames(files);
  const messages = new Messages(io.stderr, options.quiet === true);
  const samples = new Map<string, Sample>();
  const spans = new Map<string, number>();
  const all: CountRow[] = [];
  const tally = emptyTally();
  for (const file of files) {
    const counts = await readCounts(file, io);
    const whole = counts.rows.filter((row) => row.set === ALL_SET);
    if (whole.length === 0) throw inputError(`${counts.name}: no row of the whole table (nps_set "all"): these are not counts from nps sql`);
    if (options.column !== undefined && !counts.rows.some((row) => row.set === bySet([options.column ?? '']))) {
      throw inputError(`${counts.name}: no counts by ${options.column}: give nps sql --by ${options.column}`);
    }
    if (options.column !== undefined && whole.some((row) => row.tally.duplicates > 0)) {
      // compare keeps one answer per respondent in each group: a person who moved from one group to the other is in both.
      throw inputError(
        `${counts.name}: compare --by keeps one answer per respondent in each group, and these counts kept one in the whole table (nps sql --dedupe): count each group in a file of its own (nps sql --where ${options.column}=VALUE) and compare the two files`,
      );
    }
    messages.info(`${counts.name}: counts from nps sql, ${counts.rows.length} ${counts.rows.length === 1 ? 'row' : 'rows'}`);
    for (const row of whole) {
      mergeTallies(tally, row.tally);
      if (options.column === undefined && options.period === undefined) addInto(samples, file, row.tally);
    }
    for (const row of counts.rows) all.push(row);
  }
  if (options.column !== undefined) {
    for (const row of all) if (row.set === bySet([options.column]) && responsesIn(row.tally) > 0) addInto(samples, row.values.get(options.column) ?? '', row.tally);
  }
  const period = options.period;
  if (period !== undefined) {
    const name = files.length === 1 ? (files[0] ?? '') : 'the counts';
    const fiscalStart = fiscalStartOf(options);
    const set = periodSetFor(all, { period, fiscalStart, rolling: false }, name);
    const rows = all.filter((row) => row.set === set && row.day !== undefined && responsesIn(row.tally) > 0).sort((a, b) => (a.day ?? 0) - (b.day ?? 0));
    for (const row of rows) {
      const span = periodOf(row.day ?? 0, period, fiscalStart);
      spans.set(span.key, span.start);
      addInto(samples, span.key, row.tally);
    }
  }
  const outcome = { rejected: tally.rejected, repairedQuotes: 0, strict: options.strict === true, belowThreshold: false };
  if (failsStrict(outcome)) messages.strictFailure(tally.rejected);
  return { samples, spans, messages, outcome };
}
