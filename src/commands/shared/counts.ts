import { ALL_SET, bySet, periodSet, startsPeriod, totalsOfCounts, usablePeriods, type CountRow } from '../../core/counts.js';
import type { Period } from '../../core/periods.js';
import { isoDay } from '../../core/periods.js';
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

function refuseReadingOptions(options: RawReadingOptions): void {
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
