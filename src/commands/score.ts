import { Option } from 'commander';
import { defineCommand } from '../cli/command.js';
import type { Outcome } from '../cli/exit-code.js';
import {
  byOption,
  GROUPS,
  inputOptions,

  jsonOption,
  minNOption,
  numberOption,
  periodOption,
  precisionOf,
  precisionOptions,
  type RawInputOptions,
  type RawPrecisionOptions,
} from '../cli/options.js';
import type { Period } from '../core/periods.js';
import { buildScoreReport, ScoreAccumulator, type BreakdownSpec, type ScoreReport } from '../core/score.js';
import { readScoreInParallel } from '../input/parallel.js';
import { Responses, type ReadTotals } from '../input/responses.js';
import { inputError } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { formatNps, plural } from '../output/render/format.js';
import type { Messages } from '../output/write/messages.js';
import { openResponses, readOutcome, requireDates } from './read.js';

export interface ScoreOptions extends RawInputOptions, RawPrecisionOptions {
  json?: boolean;
  by?: string[][];
  minN: number;
  period?: Period;
  rolling?: number;
  failUnder?: number;
  strictInterval?: boolean;
}

/** --fail-under: a scheduled job's alarm, on the score or, stricter, on the top of its interval. */
function missesThreshold(options: ScoreOptions, report: ScoreReport, messages: Messages): boolean {
  if (options.failUnder === undefined) return false;
  const { nps, interval } = report.overall;
  const judged = options.strictInterval === true ? interval?.high : (nps ?? undefined);
  const what = options.strictInterval === true ? 'the top of the interval' : 'NPS';
  if (judged === undefined) {
    messages.warn(`--fail-under ${options.failUnder}: there is no score to judge`);
    return true;
  }
  if (judged >= options.failUnder) return false;
  messages.warn(`--fail-under ${options.failUnder}: ${what} is ${formatNps(judged)}`);
  return true;
}

async function readScoreOnce(responses: Responses, job: { breakdowns: BreakdownSpec[]; byDay: boolean }): Promise<{ totals: ReadTotals; acc: ScoreAccumulator }> {
  const acc = new ScoreAccumulator(job.breakdowns, job.byDay);
  const totals = await responses.read(
    acc.needsResponses ? (response) => acc.add({ score: response.score, cells: response.cells, day: response.date?.day }) : undefined,
  );
  return { totals, acc };
}

/** Files are read one after another, so memory stays flat however many there are. */
export async function runScore(files: string[], options: ScoreOptions, io: Io): Promise<Outcome> {
  if (options.rolling !== undefined && options.period === undefined) {
    throw inputError('--rolling needs --period: the window is scored at the end of each period');
  }
  const { messages, responses, spec } = await openResponses(files, options, { dates: options.period !== undefined, comments: false, respondents: false }, io);
  if (options.period !== undefined) requireDates(responses, '--period');
  const breakdowns = (options.by ?? []).map((columns) => ({ columns, indexes: columns.map((column) => responses.column(column, '--by')) }));
  const job = { kind: 'score' as const, breakdowns, byDay: options.period !== undefined };
  // A large file is read by every core; when it cannot be (standard input, --dedupe…), the ordinary way,
  // after a parallel read that gave up (a stray quote across a cut), from the start again.
  const parallel = await readScoreInParallel(responses, spec, io, job, (bytes, total, rows) => messages.progress(bytes, total, rows));
  messages.progressDone();
  const { totals, acc } = parallel ?? (await readScoreOnce(responses.consumed ? await Responses.open(files, spec, io, messages.silent()) : responses, job));
  const outcome = readOutcome(messages, totals, options);
  const report = buildScoreReport(totals.tally, acc, {
    breakdowns,
    period: options.period,
    rollingDays: options.rolling,
    minN: options.minN,
    precision: precisionOf(options),
  });
  if (report.undated > 0) {
    messages.warn(`${plural(report.undated, 'scored response')} with no readable date are in the overall score but in no period`);
  }
  const rendered =
    options.json === true
      ? (await import('../output/render/score-json.js')).renderScoreJson(report)
      : // The table's libraries load only for people who read it, not for scripts asking for JSON.
        (await import('../output/render/score-table.js')).renderScoreTable(report, { color: wantsColor(io.stdout, io), width: io.stdout.columns });
  await writeAll(io.stdout, rendered);
  return { ...outcome, belowThreshold: missesThreshold(options, report, messages) };
}

const parseRolling = (value: string): number => {
  const match = /^(\d+)d$/.exec(value.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  if (!(days >= 1)) throw inputError(`--rolling takes a number of days such as 90d, not ${JSON.stringify(value)}`);
  return days;
};

export const scoreCommand = defineCommand<ScoreOptions>({
  name: 'score',
  description:
    'print the Net Promoter Score of one or more exports, with its margin of error, the row accounting and the 0-10 distribution',
  argument: { name: '<file...>', description: 'CSV files or Excel workbooks (.xlsx) to read together; "-" reads standard input' },
  options: [
    jsonOption(),
    byOption(),
    minNOption(),
    periodOption(),
    new Option('--rolling <days>', 'with --period: score the window of this many days (e.g. 90d) ending with each period').argParser(parseRolling).helpGroup(GROUPS.statistics),
    ...precisionOptions(),
    new Option('--fail-under <nps>', 'exit with code 4 when the NPS is below this').argParser(numberOption('--fail-under', -100, 100)).helpGroup(GROUPS.output),
    new Option('--strict-interval', 'with --fail-under: judge the top of the interval instead of the NPS itself').helpGroup(GROUPS.output),
    ...inputOptions(),
  ],
  examples: [
    ['nps score fixtures/sample.csv', 'the score, its margin of error and every row accounted for'],
    ['nps score fixtures/plans-monthly.csv --by plan --period month', 'which plans differ from the rest, and the trend by month'],
    ['nps score fixtures/sample.csv --json | jq .nps', 'the score alone, for a script'],
    ['nps score fixtures/excel-sheets.xlsx --sheet "Q2 responses"', 'one sheet of an Excel workbook'],
  ],
  run: runScore,
});

