import { Option } from 'commander';
import { resolve } from 'node:path';
import { defineCommand } from '../cli/command.js';
import type { Outcome } from '../cli/exit-code.js';
import {
  byOption,
  GROUPS,
  inputOptions,
  minNOption,
  periodOption,
  precisionOf,
  precisionOptions,
  languageOption,
  slaOption,
  themesOption,
  type RawInputOptions,
  type RawPrecisionOptions,
} from '../cli/options.js';
import { categoryOf } from '../core/categories.js';
import { DriversAccumulator, MAX_DRIVERS, type DriversResult } from '../core/drivers.js';
import { byRecency, byStatusThenUrgency, describeStatus, dueStatus, respondBy, TopList, type Ranked } from '../core/followup.js';
import { isoDay, type Period } from '../core/periods.js';
import type { ListedResponse, ReportData } from '../core/report.js';
import { buildScoreReport, ScoreAccumulator } from '../core/score.js';
import { buildThemesReport } from '../core/themes-report.js';
import { ThemeTally } from '../core/themes.js';
import { inputError } from '../errors.js';
import type { Io } from '../io.js';
import { addingDrivers, ratingColumnsOf, type DriverColumn } from '../input/driver-columns.js';
import { describeDrivers } from '../output/render/drivers-table.js';
import { commentReader, loadMatcher } from '../input/comment-reader.js';
import { writeFileSafely } from '../output/write/files.js';
import { openResponses, readOutcome, requireDates } from './read.js';

export interface ReportOptions extends RawInputOptions, RawPrecisionOptions {
  out: string;
  force?: boolean;
  by?: string[][];
  minN: number;
  period?: Period;
  title?: string;
  themes?: string;
  language?: string;
  sla: number;
}

/** Rows shown in each of the two lists of people to contact. */
const LISTED = 20;

type Candidate = Ranked & ListedResponse;

export async function runReport(files: string[], options: ReportOptions, io: Io): Promise<Outcome> {
  if (options.out.trim() === '' || options.out === '-') throw inputError('--out takes a file name such as report.html');
  const matcher = await loadMatcher(options, io.cwd);
  const { messages, responses } = await openResponses(files, options, { dates: true, comments: true, respondents: true, lines: true }, io);
  if (options.period !== undefined) requireDates(responses, '--period');
  // The other ratings of the survey, when there are some: an importance-performance chart, as `nps drivers` computes it.
  // A --by column is a segment of the report, not one of its drivers.
  const byColumns = new Set((options.by ?? []).flat().map((name) => responses.column(name, '--by')));
  const ratings = ratingColumnsOf(responses, byColumns);
  const driverColumns: DriverColumn[] = ratings.length > MAX_DRIVERS ? [] : ratings.map((index) => ({ index, spec: { kind: 'rating', name: responses.columns[index] ?? '' } }));
  if (driverColumns.length > 0) messages.info(describeDrivers(driverColumns.map((column) => column.spec), true, false));
  const driversAcc = driverColumns.length > 0 ? new DriversAccumulator(driverColumns.map((column) => column.spec)) : undefined;
  const addDrivers = driversAcc === undefined ? undefined : addingDrivers(driverColumns, driversAcc);
  const precision = precisionOf(options);
  const breakdowns = (options.by ?? []).map((columns) => ({ columns, indexes: columns.map((column) => responses.column(column, '--by')) }));
  const acc = new ScoreAccumulator(breakdowns, options.period !== undefined);
  const settings = { slaMs: options.sla, today: responses.today };
  const urgent = new TopList<Candidate>(LISTED, byStatusThenUrgency(settings));
  const promoters = new TopList<Candidate>(LISTED, byRecency);
  const passives = new TopList<Candidate>(LISTED, byRecency);
  const anyComments = responses.inputs.some((opened) => opened.choice.columns.comments.length > 0);
  const themes = new ThemeTally(await commentReader(matcher, options, anyComments, (text) => messages.warn(text)));
  let first: number | undefined;
  let last: number | undefined;
  let order = 0;
  const totals = await responses.read((response) => {
    acc.add({ score: response.score, cells: response.cells, day: response.date?.day });
    addDrivers?.(response);
    if (anyComments) themes.add(response.score, response.comment);
    const day = response.date?.day;
    if (day !== undefined) {
      first = Math.min(first ?? day, day);
      last = Math.max(last ?? day, day);
    }
    const category = categoryOf(response.score);
    order += 1;
    const time = response.date?.time;
    const candidate: Candidate = {
      score: response.score,
      value: undefined,
      time,
      order,
      respondent: response.respondent,
      comment: response.comment,
      respondBy: category === 'detractors' ? respondBy(time, options.sla) : '',
      status: category === 'detractors' ? describeStatus(dueStatus(time, settings)) : '',
    };
    ({ detractors: urgent, promoters, passives })[category].add(candidate);
  });
  const outcome = readOutcome(messages, totals, options);
  const drivers: DriversResult | undefined = driversAcc?.result({ level: precision.level });
  const data: ReportData = {
    title: options.title ?? 'Net Promoter Score',
    files: files.map((file) => (file === '-' ? 'standard input' : file)),
    score: buildScoreReport(totals.tally, acc, { breakdowns, period: options.period, rollingDays: undefined, minN: options.minN, precision }),
    dateRange: first === undefined || last === undefined ? undefined : { first: isoDay(first), last: isoDay(last) },
    themes: anyComments ? buildThemesReport(themes, 10, precision.level, precision.adjust) : undefined,
    drivers,
    urgent: urgent.result(),
    promoters: promoters.result(),
    passives: passives.result(),
    generated: isoDay(responses.today),
  };
  const { renderReportHtml } = await import('../output/render/report-html.js');
  await writeFileSafely(resolve(io.cwd, options.out), options.out, renderReportHtml(data), options.force === true);
  messages.info(`wrote the report to ${options.out}`);
  return outcome;
}

export const reportCommand = defineCommand<ReportOptions>({
  name: 'report',
  description:
    'write one self-contained HTML report (works offline, fit to email or print): the score, trend, breakdown, themes, and whom to contact',
  argument: { name: '<file...>', description: 'CSV files or Excel workbooks (.xlsx) to read together; "-" reads standard input' },
  options: [
    new Option('-o, --out <file>', 'the HTML file to write (required)').makeOptionMandatory().helpGroup(GROUPS.output),
    new Option('--force', 'replace the file if it exists').helpGroup(GROUPS.output),
    new Option('--title <text>', 'the report title').helpGroup(GROUPS.output),
    slaOption(),
    byOption('a breakdown by these columns (repeat for separate charts; a,b for one crossed chart)'),
    minNOption('grey out groups with fewer responses than this'),
    periodOption('a trend by week, month, quarter or year'),
    ...precisionOptions(),
    themesOption(),
    languageOption(),
    ...inputOptions(),
  ],
  examples: [
    ['nps report fixtures/report-sample.csv --by plan --period month --out report.html', 'one HTML page to send around'],
    ['nps report fixtures/sample.csv --title "October survey" --out report.html --force', 'with a title, replacing the last one'],
  ],
  run: runReport,
});
