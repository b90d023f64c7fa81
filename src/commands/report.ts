import { Command, Option } from 'commander';
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PERIODS, type Period } from '../core/breakdown.js';
import { categoryOf } from '../core/categories.js';
import { byRecency, byUrgency, respondBy, type Ranked } from '../core/followup.js';
import { ThemeMatcher, ThemeTally } from '../core/themes.js';
import { inputError, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { DATE_FORMATS, parseDate, type DateFormat } from '../input/dates.js';
import { loadThemes } from '../input/lexicon.js';
import { emptyEvidence, scanResponses } from '../input/responses.js';
import { refuseToReplace, temporaryPathFor } from '../output/files.js';
import { Messages } from '../output/messages.js';
import type { ReportData, ListedResponse } from '../output/report-html.js';
import { addInputOptions, checkInputNames, exitForRejections, finishReading, openInput, type InputOptions } from './inputs.js';
import { addPrecisionOptions, numberOption, precisionOf, type PrecisionOptions } from './precision.js';
import { buildReport, collectColumns, createAccumulators, rowCallback } from './score.js';
import { parseSla } from './segment.js';
import { buildThemesReport } from './themes.js';

export interface ReportOptions extends InputOptions, PrecisionOptions {
  out: string;
  force?: boolean;
  by: string[];
  minN: number;
  period?: Period;
  dateFormat?: DateFormat;
  title?: string;
  themes?: string;
  sla: number;
}

/** Rows shown in each of the two lists of people to contact. */
const LISTED = 20;

/** Keeps the first `size` items in `order` from a stream, in memory for a few times `size`. */
class TopList<T> {
  private items: T[] = [];
  constructor(
    private readonly size: number,
    private readonly order: (a: T, b: T) => number,
  ) {}
  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.size * 5) this.trim();
  }
  result(): T[] {
    this.trim();
    return this.items;
  }
  private trim(): void {
    this.items = this.items.sort(this.order).slice(0, this.size);
  }
}

type Candidate = Ranked & ListedResponse;

async function writeAtomically(path: string, shown: string, html: string, force: boolean): Promise<void> {
  await refuseToReplace(path, shown, force);
  const temporary = temporaryPathFor(path);
  try {
    await writeFile(temporary, html, { flag: 'wx' });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

export async function runReport(files: string[], options: ReportOptions, io: Io): Promise<ExitCode> {
  checkInputNames(files);
  if (options.out === '-') throw inputError('--out takes a file name such as report.html');
  const messages = new Messages(io.stderr, options.quiet === true);
  const precision = precisionOf(options);
  const acc = createAccumulators(options);
  const evidence = emptyEvidence();
  const themes = new ThemeTally(new ThemeMatcher(await loadThemes(options.themes, io.cwd)));
  const urgent = new TopList<Candidate>(LISTED, byUrgency);
  const promoters = new TopList<Candidate>(LISTED, byRecency);
  let first: number | undefined;
  let last: number | undefined;
  let order = 0;
  let anyComments = false;
  for (const file of files) {
    const opened = await openInput(file, io, options, messages);
    const { date, comment, respondent } = opened.choice.columns;
    anyComments ||= comment !== undefined;
    const grouping = rowCallback(opened, options, acc, undefined);
    await scanResponses(opened, options, acc.tally, evidence, {
      onRejected: (rejection) => messages.rejected(rejection),
      onWarning: (text) => messages.warn(text),
      onScored: (row) => {
        grouping?.(row);
        const text = comment === undefined ? '' : (row.cells[comment] ?? '');
        if (comment !== undefined) themes.add(row.score, text);
        const time = date === undefined ? undefined : parseDate(row.cells[date] ?? '');
        if (time !== undefined) {
          first = Math.min(first ?? time, time);
          last = Math.max(last ?? time, time);
        }
        const category = categoryOf(row.score);
        if (category === 'passives') return;
        order += 1;
        const candidate: Candidate = {
          score: row.score,
          value: undefined,
          time,
          order,
          respondent: respondent === undefined ? '' : (row.cells[respondent] ?? ''),
          comment: text,
          respondBy: category === 'detractors' ? respondBy(time, options.sla) : '',
        };
        (category === 'detractors' ? urgent : promoters).add(candidate);
      },
    });
  }
  finishReading(acc.tally, evidence, options, messages);
  const isoDay = (time: number | undefined): string | undefined => (time === undefined ? undefined : new Date(time).toISOString().slice(0, 10));
  const data: ReportData = {
    title: options.title ?? 'Net Promoter Score',
    files: files.map((file) => (file === '-' ? 'standard input' : file)),
    score: buildReport(acc, { ...options, rolling: undefined }, precision),
    dateRange: first === undefined ? undefined : { first: isoDay(first) ?? '', last: isoDay(last) ?? '' },
    themes: anyComments ? buildThemesReport(themes, 10) : undefined,
    urgent: urgent.result(),
    promoters: promoters.result(),
  };
  const { renderReportHtml } = await import('../output/report-html.js');
  await writeAtomically(resolve(io.cwd, options.out), options.out, renderReportHtml(data), options.force === true);
  messages.info(`wrote the report to ${options.out}`);
  return exitForRejections(options, acc.tally.rejected, messages);
}

export function reportCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('report')
    .description('write one self-contained HTML report (works offline, fit to email or print): the score, trend, breakdown, themes, and whom to contact')
    .argument('<file...>', 'CSV files to read together; "-" reads standard input')
    .requiredOption('-o, --out <file>', 'the HTML file to write')
    .option('--force', 'replace the file if it exists')
    .option('--title <text>', 'the report title')
    .option('--by <columns>', 'a breakdown by these columns (repeat, or separate with commas)', collectColumns, [])
    .option('--min-n <n>', 'grey out groups with fewer responses than this', numberOption('--min-n', 1, Number.MAX_SAFE_INTEGER), 30)
    .addOption(new Option('--period <period>', 'a trend by week, month, quarter or year').choices(Object.keys(PERIODS)))
    .addOption(new Option('--date-format <format>', 'the order of dates like 3/4/2026').choices(Object.keys(DATE_FORMATS)))
    .option('--themes <file>', 'a JSON lexicon replacing or extending the built-in themes')
    .addOption(new Option('--sla <time>', 'time allowed for a reply to a detractor, for respond by').argParser(parseSla).default(parseSla('24h'), '24h'));
  return addPrecisionOptions(addInputOptions(command)).action(async (files: string[], options: ReportOptions) => {
    done(await runReport(files, options, io));
  });
}
