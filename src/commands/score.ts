import { Command, Option } from 'commander';
import {
  breakdown,
  GROUP_KEY_SEPARATOR,
  GroupTallies,
  PERIODS,
  precisionWarnings,
  scored,
  trend,
  type GroupRow,
  type Period,
  type PeriodRow,
  type Precision,
  type Scored,
} from '../core/breakdown.js';
import { summarize, type Summary } from '../core/summary.js';
import { addScore, emptyTally, mergeTallies, type Tally } from '../core/tally.js';
import { EXIT, inputError, type ExitCode } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { requireColumn } from '../input/columns.js';
import { Join } from '../input/join.js';
import { DATE_FORMATS, DayReader, type DateFormat } from '../input/dates.js';
import { emptyEvidence, scanResponses, type ScoredRow } from '../input/responses.js';
import { formatNps, plural } from '../output/format.js';
import { Messages } from '../output/messages.js';
import { renderScoreJson } from '../output/score-json.js';
import {
  addDedupeOption,
  addInputOptions,
  checkInputNames,
  customersFor,
  dedupeFilter,
  exitForRejections,
  finishReading,
  openInput,
  progressFor,
  type CustomerOptions,
  type DedupeOptions,
  type InputOptions,
  type OpenedInput,
} from './inputs.js';
import { addPrecisionOptions, numberOption, precisionOf, type PrecisionOptions } from './precision.js';

export interface ScoreOptions extends InputOptions, PrecisionOptions, DedupeOptions, CustomerOptions {
  json?: boolean;
  by: string[];
  minN: number;
  period?: Period;
  rolling?: number;
  dateFormat?: DateFormat;
  failUnder?: number;
  strictInterval?: boolean;
}

/** Everything `nps score` computes, ready to render as a table or JSON. */
export interface ScoreReport {
  summary: Summary;
  overall: Scored;
  warnings: string[];
  byColumns: string[];
  groups: GroupRow[] | undefined;
  period: Period | undefined;
  rollingDays: number | undefined;
  periods: PeriodRow[] | undefined;
  minN: number;
}

/** Tallies kept while streaming: one overall, and per group and per day only when asked for. */
export interface Accumulators {
  tally: Tally;
  groups: GroupTallies | undefined;
  dayKeys: Map<string, Tally> | undefined;
  dayReader: DayReader;
  undated: number;
}

export function createAccumulators(options: Pick<ScoreOptions, 'by' | 'period' | 'dateFormat'>): Accumulators {
  return {
    tally: emptyTally(),
    groups: options.by.length > 0 ? new GroupTallies() : undefined,
    dayKeys: options.period !== undefined ? new Map() : undefined,
    dayReader: new DayReader(options.dateFormat),
    undated: 0,
  };
}

export function rowCallback(
  opened: OpenedInput,
  options: Pick<ScoreOptions, 'by' | 'period'>,
  acc: Accumulators,
  join: Join | undefined,
): ((row: ScoredRow) => void) | undefined {
  const { reader, choice } = opened;
  const columns = [...reader.header, ...(join?.added ?? [])];
  const byIndexes = options.by.map((column) => requireColumn(reader.name, columns, column, '--by'));
  let dateIndex: number | undefined;
  if (options.period !== undefined) {
    dateIndex = choice.columns.date;
    if (dateIndex === undefined) {
      throw inputError(
        `${reader.name}: --period needs a date column and no header looks like one; name it with --date-column NAME`,
      );
    }
  }
  const { groups, dayKeys, dayReader } = acc;
  if (groups === undefined && dayKeys === undefined) return undefined;
  const valuesOf = (cells: string[]): string[] => byIndexes.map((index) => cells[index] ?? '');
  const [onlyIndex] = byIndexes;
  // One column, the common case, needs no joining and no array per row.
  const idOf =
    byIndexes.length === 1 && onlyIndex !== undefined
      ? (cells: string[]) => cells[onlyIndex] ?? ''
      : (cells: string[]) => valuesOf(cells).join(GROUP_KEY_SEPARATOR);
  return (row) => {
    if (groups !== undefined) addScore(groups.tallyFor(idOf(row.cells), () => valuesOf(row.cells)), row.score);
    if (dayKeys !== undefined && dateIndex !== undefined) {
      const key = dayReader.key(row.cells[dateIndex] ?? '');
      if (key === undefined) {
        acc.undated += 1;
        return;
      }
      let tally = dayKeys.get(key);
      if (tally === undefined) {
        tally = emptyTally();
        dayKeys.set(key, tally);
      }
      addScore(tally, row.score);
    }
  };
}

/** Day keys become days once every date is seen, so that day/month order is decided from all of them. */
function tallyByDay(acc: Accumulators): Map<number, Tally> {
  const days = new Map<number, Tally>();
  for (const [key, tally] of acc.dayKeys ?? []) {
    const day = acc.dayReader.resolve(key);
    if (day === undefined) {
      acc.undated += tally.distribution.reduce((sum, count) => sum + count, 0);
      continue;
    }
    const into = days.get(day) ?? emptyTally();
    days.set(day, mergeTallies(into, tally));
  }
  return days;
}

export function buildReport(
  acc: Accumulators,
  options: Pick<ScoreOptions, 'by' | 'period' | 'rolling' | 'minN'>,
  precision: Precision,
): ScoreReport {
  const summary = summarize(acc.tally);
  const overall = scored(acc.tally, precision);
  const days = options.period === undefined ? undefined : tallyByDay(acc);
  return {
    summary,
    overall,
    warnings: precisionWarnings(overall.nps, overall.responses, overall.marginOfError),
    byColumns: options.by,
    groups: acc.groups && breakdown(options.by, acc.groups, overall.counts, precision, options.minN),
    period: options.period,
    rollingDays: options.rolling,
    periods: days && options.period && trend(days, options.period, precision, options.rolling),
    minN: options.minN,
  };
}

/** --fail-under: a scheduled job's alarm, on the score or, stricter, on the top of its interval. */
function exitForThreshold(options: ScoreOptions, report: ScoreReport, messages: Messages): ExitCode {
  if (options.failUnder === undefined) return EXIT.ok;
  const { nps, interval } = report.overall;
  const judged = options.strictInterval === true ? interval?.high : nps ?? undefined;
  const what = options.strictInterval === true ? 'the top of the interval' : 'NPS';
  if (judged === undefined) {
    messages.warn(`--fail-under ${options.failUnder}: there is no score to judge`);
    return EXIT.belowThreshold;
  }
  if (judged >= options.failUnder) return EXIT.ok;
  messages.warn(`--fail-under ${options.failUnder}: ${what} is ${formatNps(judged)}`);
  return EXIT.belowThreshold;
}


/** Files are read one after another, so memory stays flat however many there are. */
export async function runScore(files: string[], options: ScoreOptions, io: Io): Promise<ExitCode> {
  checkInputNames(files);
  if (options.rolling !== undefined && options.period === undefined) {
    throw inputError('--rolling needs --period: the window is scored at the end of each period');
  }
  const messages = new Messages(io.stderr, options.quiet === true);
  const precision = precisionOf(options);
  const acc = createAccumulators(options);
  const evidence = emptyEvidence();
  const keep = await dedupeFilter(files, io, options);
  const customers = await customersFor(options, io);
  for (const file of files) {
    const opened = await openInput(file, io, options, messages);
    const join = customers && Join.forSurvey(opened.reader.name, opened.reader.header, customers.surveyColumn, customers.loaded);
    const onScored = rowCallback(opened, options, acc, join);
    const progress = progressFor(opened, acc.tally, io, options);
    await scanResponses(opened, options, acc.tally, evidence, {
      onRejected: (rejection) => messages.rejected(rejection),
      onWarning: (text) => messages.warn(text),
      ...(onScored && { onScored }),
      ...(keep && { keep }),
      ...(join && onScored && { extend: (cells: string[]) => join.extend(cells) }),
      ...(progress.afterChunk && { afterChunk: progress.afterChunk }),
    });
    progress.done();
    if (join && join.unmatched > 0 && onScored) {
      messages.warn(`${plural(join.unmatched, 'response')} in ${opened.reader.name} matched no customer; their customer columns are empty`);
    }
  }
  finishReading(acc.tally, evidence, options, messages);
  const report = buildReport(acc, options, precision);
  if (acc.undated > 0) {
    messages.warn(`${plural(acc.undated, 'scored response')} with no readable date are in the overall score but in no period`);
  }
  const rendered =
    options.json === true
      ? renderScoreJson(report)
      : // The table's libraries load only for people who read it, not for scripts asking for JSON.
        (await import('../output/score-table.js')).renderScoreTable(report, { color: wantsColor(io.stdout, io.env) });
  await writeAll(io.stdout, rendered);
  const strict = exitForRejections(options, acc.tally.rejected, messages);
  const threshold = exitForThreshold(options, report, messages);
  return strict !== EXIT.ok ? strict : threshold;
}

/** --by plan --by region, or --by plan,region: the columns to group by. */
export const collectColumns = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value.split(',').map((column) => column.trim()).filter((column) => column !== ''),
];

const parseRolling = (value: string): number => {
  const match = /^(\d+)d$/.exec(value.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  if (!(days >= 1)) throw inputError(`--rolling takes a number of days such as 90d, not ${JSON.stringify(value)}`);
  return days;
};

export function scoreCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('score')
    .description('print the Net Promoter Score of one or more CSV exports, with its margin of error, the row accounting and the 0-10 distribution')
    .argument('<file...>', 'CSV files to read together; "-" reads standard input')
    .option('--json', 'print one JSON object instead of the table')
    .option('--by <columns>', 'a score per group of these columns (repeat, or separate with commas)', collectColumns, [])
    .option('--customers <file>', 'a customer export (CSV) whose columns --by can use')
    .option('--join-on <column>', 'the column matching responses to --customers: a name in both, or survey_column=customer_column')
    .option('--min-n <n>', 'mark groups with fewer responses than this', numberOption('--min-n', 1, Number.MAX_SAFE_INTEGER), 30)
    .addOption(new Option('--period <period>', 'a score per period of the date column').choices(Object.keys(PERIODS)))
    .option('--rolling <days>', 'with --period: score the window of this many days (e.g. 90d) ending with each period', parseRolling)
    .addOption(new Option('--date-format <format>', 'the order of dates like 3/4/2026, when the file cannot tell').choices(Object.keys(DATE_FORMATS)))
    .option('--fail-under <nps>', 'exit with code 4 when the NPS is below this', numberOption('--fail-under', -100, 100))
    .option('--strict-interval', 'with --fail-under: judge the top of the interval instead of the NPS itself');
  return addPrecisionOptions(addDedupeOption(addInputOptions(command))).action(async (files: string[], options: ScoreOptions) => {
    done(await runScore(files, options, io));
  });
}
