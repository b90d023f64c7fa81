import { Option } from '../libraries/commander.js';
import { resolve } from 'node:path';
import { MAX_DRIVERS } from '../core/drivers/accumulator.js';
import type { Period } from '../core/periods.js';
import { buildReportData, type SideSplit } from '../core/report.js';
import { inputError } from '../errors.js';
import { languageWithoutThemes, loadMatcher } from '../input/comment-reader.js';
import { ratingColumnsOf, type DriverColumn } from '../input/driver-columns.js';
import { readWith } from '../input/parallel.js';
import { vendorColumns } from '../input/vendor-topics.js';
import type { Responses } from '../input/responses.js';
import type { Io } from '../io.js';
import { describeDrivers } from '../output/render/drivers-words.js';
import { writeFileSafely } from '../output/write/files.js';
import { reportJob } from './jobs/report.js';
import { finishLevels, levelNeeds, planLevels, proposeAccountColumn, withInvitedChecks } from './shared/accounts.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  accountOptions,
  byOption,
  discoverOption,
  FILES_ARGUMENT,
  fiscalStartOf,
  fiscalStartOption,
  forceOption,
  GROUPS,
  languageOption,
  minNOption,
  outOption,
  periodOption,
  precisionOf,
  precisionOptions,
  type RawAccountOptions,
  type RawPrecisionOptions,
  type RawReadingOptions,
  readingOptions,
  slaOption,
  themesOption,
} from './shared/options.js';
import { openResponses, questionsOf, readOutcome, requireDates } from './shared/read.js';

export interface ReportOptions extends RawReadingOptions, RawPrecisionOptions, RawAccountOptions {
  out: string;
  force?: boolean;
  by?: string[][];
  minN: number;
  period?: Period;
  fiscalStart?: number;
  title?: string;
  themes?: string;
  language?: string;
  sla: number;
  discover: boolean;
}

/** The sides the report sets against each other: the periods of --period, else the files when there are two or more. */
function sidesOf(files: readonly string[], options: ReportOptions): SideSplit | undefined {
  if (options.period !== undefined) return { kind: 'period', period: options.period, fiscalStart: fiscalStartOf(options) };
  return files.length >= 2 ? { kind: 'input', names: files.map(displayName) } : undefined;
}

const displayName = (file: string): string => (file === '-' ? 'standard input' : file);

export async function runReport(files: string[], options: ReportOptions, io: Io): Promise<Ran<never>> {
  if (options.out.trim() === '' || options.out === '-') throw inputError('--out takes a file name such as report.html');
  const matcher = await loadMatcher(options, io.cwd);
  const split = sidesOf(files, options);
  // One answer per person on each side: a person who answered in both quarters counts in each.
  const within = split === undefined ? undefined : split.kind === 'period' ? { ...split, kind: 'trend' as const } : { kind: 'input' as const };
  const { messages, responses, spec } = await openResponses(files, options, levelNeeds(options, { dates: true, comments: true, respondents: true, lines: true }), io, within, { job: reportJob });
  if (options.period !== undefined) requireDates(responses, '--period');
  const drivers = reportDrivers(responses, options);
  if (drivers.length > 0) messages.info(describeDrivers(drivers.map((column) => column.spec), { found: true, hint: false }));
  const unknownLanguage = languageWithoutThemes(matcher, options);
  if (unknownLanguage !== undefined) messages.warn(unknownLanguage);
  const anyComments = responses.inputs.some((opened) => opened.choice.columns.comments.length > 0);
  const breakdowns = (options.by ?? []).map((columns) => ({ columns, indexes: columns.map((column) => responses.column(column, '--by')) }));
  const plan = planLevels(responses, options, { breakdowns, byDay: options.period !== undefined, fallback: false });
  proposeAccountColumn(responses, options, messages);
  const config = {
    report: {
      breakdowns,
      byDay: options.period !== undefined,
      slaMs: options.sla,
      today: responses.today,
      clock: responses.clock,
      sides: split,
      keep: options.dedupe === 'first' ? ('first' as const) : ('latest' as const),
      levels: plan?.settings,
      vendor: vendorColumns(responses.columns),
    },
    comments: anyComments ? { themes: options.themes, language: options.language, cwd: io.cwd, hasComments: true } : undefined,
    questions: questionsOf(responses),
    drivers,
    discover: options.discover,
  };
  const { totals, acc } = await readWith(files, responses, spec, io, messages, reportJob, config);
  const outcome = readOutcome(messages, totals, options);
  const data = buildReportData(acc, totals.tally, {
    title: options.title ?? 'Net Promoter Score',
    questions: config.questions,
    files: files.map(displayName),
    period: options.period,
    fiscalStart: fiscalStartOf(options),
    minN: options.minN,
    precision: precisionOf(options),
    today: responses.today,
  });
  if (plan !== undefined && acc.levels !== undefined) {
    data.accounts = await finishLevels(acc.levels, plan, { responses, options, messages, io, level: precisionOf(options).level, periods: data.score.periods });
  }
  const { renderReportHtml } = await import('../output/render/report-html.js');
  await writeFileSafely(resolve(io.cwd, options.out), options.out, renderReportHtml(data, messages.warnings), options.force === true, (text) => messages.warn(text));
  messages.info(`wrote the report to ${options.out}`);
  return { outcome: withInvitedChecks(outcome, data.accounts) };
}

/**
 * The other ratings of the survey, when there are some: an importance-performance chart,
 * as `nps drivers` computes it. A --by column is a segment of the report, not one of its drivers.
 */
function reportDrivers(responses: Responses, options: ReportOptions): DriverColumn[] {
  const byColumns = new Set((options.by ?? []).flat().map((name) => responses.column(name, '--by')));
  const ratings = ratingColumnsOf(responses, byColumns);
  if (ratings.length > MAX_DRIVERS) return [];
  return ratings.map((index) => ({ indexes: [index], spec: { kind: 'rating', name: responses.columns[index] ?? '' } }));
}

export const reportCommand = defineCommand<ReportOptions>({
  name: 'report',
  description:
    'write one self-contained HTML report (works offline, fit to email or print): the score, trend, breakdown, themes, and whom to contact',
  argument: FILES_ARGUMENT,
  options: [
    outOption('<file>', 'the HTML file to write (required)').makeOptionMandatory(),
    forceOption('replace the file if it exists'),
    new Option('--title <text>', 'the report title').helpGroup(GROUPS.output),
    slaOption(),
    byOption('a breakdown by these columns (repeat for separate charts; a,b for one crossed chart)'),
    minNOption('grey out groups with fewer responses than this'),
    periodOption('a trend by week, month, quarter or year'),
    fiscalStartOption(),
    ...precisionOptions(),
    ...accountOptions(),
    themesOption(),
    languageOption(),
    discoverOption(),
    ...readingOptions(),
  ],
  examples: [
    ['nps report fixtures/report-sample.csv --by plan --period month --out report.html', 'one HTML page to send around'],
    ['nps report fixtures/sample.csv --title "October survey" --out report.html --force', 'with a title, replacing the last one'],
  ],
  run: runReport,
});
