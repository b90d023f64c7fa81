import { ALL_SET, bySet, periodSet, startsPeriod, totalsOfCounts, usablePeriods, type CountRow } from '../../core/counts.js';
import { responsesIn } from '../../core/tally.js';
import type { DriverMoments, Moments } from '../../core/drivers/moments.js';
import { MOMENT_COLUMNS } from '../../core/sql/moments.js';
import { emptyTally, mergeTallies } from '../../core/tally.js';
import type { Sample } from '../../core/compare.js';
import type { Period } from '../../core/periods.js';
import { isoDay, periodOf } from '../../core/periods.js';
import { ScoreAccumulator, type BreakdownSpec } from '../../core/score.js';
import type { Tally } from '../../core/tally.js';
import { inputError } from '../../errors.js';
import { readCounts } from '../../input/counts.js';
import { checkInputNames } from '../../input/responses.js';
import type { Io } from '../../io.js';
import { Messages } from '../../output/write/messages.js';
import type { RawReadingOptions } from './options.js';
import { failsStrict, type Outcome } from './outcome.js';

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
}

export function refuseReadingOptions(options: RawReadingOptions): void {
  const given = APPLIED_BY_THE_QUERY.find(([key]) => options[key] !== undefined && options[key] !== false);
  const flag = given?.[1] ?? (options.dedupe !== 'none' ? '--dedupe' : undefined);
  if (flag !== undefined) throw inputError(`${flag} is applied by the query: give it to nps sql, not with --counts`);
}

/** The period set to build a trend from: the finest the counts hold that adds up to `period` exactly. */
function periodSetFor(rows: readonly CountRow[], period: Period, rolling: boolean, name: string): string {
  const sets = new Set(rows.map((row) => row.set));
  const usable = usablePeriods(period, rolling);
  const chosen = usable.find((unit) => sets.has(periodSet(unit)));
  if (chosen === undefined) {
    const held = [...sets].filter((set) => set.startsWith('period:')).map((set) => set.slice('period:'.length));
    const what = held.length === 0 ? 'no periods' : `periods by ${held.join(', ')}`;
    throw inputError(`${name}: ${rolling ? '--rolling' : `--period ${period}`} needs counts by ${usable.join(' or ')}, and these have ${what}: give nps sql --period ${usable[0] ?? 'day'}`);
  }
  for (const row of rows) {
    if (row.set === periodSet(chosen) && row.day !== undefined && !startsPeriod(row.day, chosen)) {
      throw inputError(`${name}: ${isoDay(row.day)} does not start a ${chosen}: these counts were not made by nps sql --period ${chosen}`);
    }
  }
  return periodSet(chosen);
}

/** Reads the files of counts and adds them up into the tallies of `nps score`. */
export async function readScoreCounts(
  files: readonly string[],
  options: RawReadingOptions & { by?: string[][]; period?: Period; rolling?: number },
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
    rows.push(...counts.rows);
  }
  const name = files.length === 1 ? (files[0] ?? '') : 'the counts';
  const periodName = options.period === undefined ? undefined : periodSetFor(rows, options.period, options.rolling !== undefined, name);
  const breakdowns = options.by ?? [];
  const totals = totalsOfCounts(rows, breakdowns, periodName);
  const specs: BreakdownSpec[] = breakdowns.map((columns) => ({ columns, indexes: columns.map((_, at) => at) }));
  const acc = new ScoreAccumulator(specs, options.period !== undefined).mergeData(totals.data);
  const rejected = totals.tally.rejected;
  if (rejected > 0) messages.info(`${rejected} ${rejected === 1 ? 'row was' : 'rows were'} rejected by the query: a value that is no score from 0 to 10`);
  const outcome = { rejected, repairedQuotes: 0, strict: options.strict === true, belowThreshold: false };
  if (failsStrict(outcome)) messages.strictFailure(rejected);
  return { messages, tally: totals.tally, acc, outcome };
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
  if (text === '' || !Number.isFinite(value)) throw inputError(`${where}: ${column} should be a number, not ${JSON.stringify(text)}`);
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
  options: RawReadingOptions & { column: string | undefined; period: Period | undefined },
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
    messages.info(`${counts.name}: counts from nps sql, ${counts.rows.length} ${counts.rows.length === 1 ? 'row' : 'rows'}`);
    for (const row of whole) {
      mergeTallies(tally, row.tally);
      if (options.column === undefined && options.period === undefined) addInto(samples, file, row.tally);
    }
    all.push(...counts.rows);
  }
  if (options.column !== undefined) {
    for (const row of all) if (row.set === bySet([options.column]) && responsesIn(row.tally) > 0) addInto(samples, row.values.get(options.column) ?? '', row.tally);
  }
  const period = options.period;
  if (period !== undefined) {
    const name = files.length === 1 ? (files[0] ?? '') : 'the counts';
    const set = periodSetFor(all, period, false, name);
    const rows = all.filter((row) => row.set === set && row.day !== undefined && responsesIn(row.tally) > 0).sort((a, b) => (a.day ?? 0) - (b.day ?? 0));
    for (const row of rows) {
      const span = periodOf(row.day ?? 0, period);
      spans.set(span.key, span.start);
      addInto(samples, span.key, row.tally);
    }
  }
  const outcome = { rejected: tally.rejected, repairedQuotes: 0, strict: options.strict === true, belowThreshold: false };
  if (failsStrict(outcome)) messages.strictFailure(tally.rejected);
  return { samples, spans, messages, outcome };
}
