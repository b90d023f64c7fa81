import { Option } from '../libraries/commander.js';
import type { AccountsView } from '../core/levels.js';
import type { AnsweredDays, Period } from '../core/periods.js';
import { buildScoreReport, type BreakdownSpec, type ScoreAccumulator, type ScoreReport } from '../core/score.js';
import type { Tally } from '../core/tally.js';
import { inputError } from '../errors.js';
import { readWith } from '../input/parallel.js';
import type { Io } from '../io.js';
import { formatNps, plural } from '../output/render/format.js';
import type { Messages } from '../output/write/messages.js';
import { scoreJob } from './jobs/score.js';
import { finishLevels, levelNeeds, planLevels, proposeAccountColumn, wantsLevels, withInvitedChecks } from './shared/accounts.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  accountOptions,
  byOption,
  FILES_ARGUMENT,
  fiscalStartOf,
  fiscalStartOption,
  GROUPS,
  jsonOption,
  minNOption,
  numberOption,
  periodOption,
  precisionOf,
  precisionOptions,
  type RawAccountOptions,
  type RawPrecisionOptions,
  type RawReadingOptions,
  readingOptions,
} from './shared/options.js';
import { readScoreCounts } from './shared/counts.js';
import type { Outcome } from './shared/outcome.js';
import { openResponses, readOutcome, requireDates } from './shared/read.js';

export interface ScoreOptions extends RawReadingOptions, RawPrecisionOptions, RawAccountOptions {
  json?: boolean;
  by?: string[][];
  minN: number;
  period?: Period;
  fiscalStart?: number;
  rolling?: number;
  failUnder?: number;
  strictInterval?: boolean;
  counts?: boolean;
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

/** Files are read one after another, so memory stays flat however many there are. */
export async function runScore(files: string[], options: ScoreOptions, io: Io): Promise<Ran<ScoreReport>> {
  if (options.rolling !== undefined && options.period === undefined) {
    throw inputError('--rolling needs --period: the window is scored at the end of each period');
  }
  if (options.counts === true) {
    if (wantsLevels(options)) throw inputError('accounts, weights and values need the responses themselves, not counts: score the export');
    const { messages, tally, acc, outcome, answered } = await readScoreCounts(files, options, io);
    const breakdowns = (options.by ?? []).map((columns) => ({ columns, indexes: columns.map((_, at) => at) }));
    // Counts are by period, not by day: a partial period is told from the first and last day answered, when they give them.
    return finish(options, tally, acc, breakdowns, messages, outcome, false, answered);
  }
  // One answer per person in each period of a trend: a person who answered in March and in June counts in both.
  const within = options.period === undefined ? undefined : { kind: 'trend' as const, period: options.period, fiscalStart: fiscalStartOf(options) };
  const needs = levelNeeds(options, { dates: options.period !== undefined, comments: false, respondents: false });
  const { messages, responses, spec } = await openResponses(files, options, needs, io, within, { job: scoreJob });
  if (options.period !== undefined) requireDates(responses, '--period');
  const breakdowns = (options.by ?? []).map((columns) => ({ columns, indexes: columns.map((column) => responses.column(column, '--by')) }));
  const plan = planLevels(responses, options, { breakdowns, byDay: options.period !== undefined, fallback: false });
  proposeAccountColumn(responses, options, messages);
  // Groups read only their own columns of each response (accounts and weights read more: every cell is made text then).
  if (plan === undefined) spec.cellsRead = breakdowns.flatMap((breakdown) => breakdown.indexes);
  const { totals, acc } = await readWith(files, responses, spec, io, messages, scoreJob, { breakdowns, byDay: options.period !== undefined, levels: plan?.settings });
  const outcome = readOutcome(messages, totals, options);
  const ran = finish(options, totals.tally, acc.score, breakdowns, messages, outcome, true);
  const report = ran.model;
  if (plan === undefined || acc.levels === undefined || report === undefined) return ran;
  const context = { responses, options, messages, io, level: precisionOf(options).level, periods: report.periods };
  const accounts: AccountsView = await finishLevels(acc.levels, plan, context);
  return { outcome: withInvitedChecks(ran.outcome, accounts), model: { ...report, accounts } };
}

/** The report from the tallies, read from rows or added up from counts alike. */
function finish(
  options: ScoreOptions,
  tally: Tally,
  acc: ScoreAccumulator,
  breakdowns: BreakdownSpec[],
  messages: Messages,
  outcome: Outcome,
  byDay: boolean,
  answered?: AnsweredDays,
): Ran<ScoreReport> {
  const report = buildScoreReport(tally, acc, {
    breakdowns,
    period: options.period,
    fiscalStart: fiscalStartOf(options),
    byDay,
    answered,
    rollingDays: options.rolling,
    minN: options.minN,
    precision: precisionOf(options),
  });
  if (report.undated > 0) {
    messages.warn(`${plural(report.undated, 'scored response')} with no readable date are in the overall score but in no period`);
  }
  return { outcome: { ...outcome, belowThreshold: missesThreshold(options, report, messages) }, model: report };
}

const parseRolling = (value: string): number => {
  const match = /^(\d+)d$/.exec(value.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  if (!(days >= 1)) throw inputError(`--rolling takes a number of days such as 90d, not ${JSON.stringify(value)}`);
  return days;
};

export const scoreCommand = defineCommand<ScoreOptions, ScoreReport>({
  name: 'score',
  description:
    'print the Net Promoter Score of one or more exports, with its margin of error, the row accounting and the 0-10 distribution',
  argument: FILES_ARGUMENT,
  options: [
    jsonOption(),
    byOption(),
    minNOption(),
    periodOption(),
    fiscalStartOption(),
    new Option('--rolling <days>', 'with --period: score the window of this many days (e.g. 90d) ending with each period').argParser(parseRolling).helpGroup(GROUPS.statistics),
    ...precisionOptions(),
    ...accountOptions(),
    new Option('--fail-under <nps>', 'exit with code 4 when the NPS is below this').argParser(numberOption('--fail-under', -100, 100)).helpGroup(GROUPS.output),
    new Option('--strict-interval', 'with --fail-under: judge the top of the interval instead of the NPS itself').helpGroup(GROUPS.output),
    new Option('--counts', 'the files are counts from the query nps sql prints (CSV or JSON), not responses').helpGroup(GROUPS.input),
    ...readingOptions(),
  ],
  examples: [
    ['nps score fixtures/sample.csv', 'the score, its margin of error and every row accounted for'],
    ['nps score fixtures/plans-monthly.csv --by plan --period month', 'which plans differ from the rest, and the trend by month'],
    ['nps score fixtures/sample.csv --json | jq .nps', 'the score alone, for a script'],
    ['nps score fixtures/accounts-survey.csv --account-column Company --weight-column MRR', 'each account counted once, and the score weighted by revenue'],
    ['nps score fixtures/excel-sheets.xlsx --sheet "Q2 responses"', 'one sheet of an Excel workbook'],
  ],
  renderers: {
    json: async () => (await import('../output/render/score-json.js')).renderScoreJson,
    // The table's libraries load only for people who read it, not for scripts asking for JSON.
    table: async () => (await import('../output/render/score-table.js')).renderScoreTable,
  },
  run: runScore,
});

