import { Option } from 'commander';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineCommand } from '../cli/command.js';
import { failsStrict, type Outcome } from '../cli/exit-code.js';
import { GROUPS, inputOptions, integerOption, languageOption, slaOption, themesOption, type RawInputOptions } from '../cli/options.js';
import { CATEGORIES, type Category } from '../core/categories.js';
import { compileMessages, dueStatus, FOLLOW_UP_COLUMNS, FollowUpLists, followUpRow, parseAmount, type DueStatus } from '../core/followup.js';
import { isoDay } from '../core/periods.js';
import { TemplateError } from '../core/templates.js';
import { inputError } from '../errors.js';
import type { Io } from '../io.js';
import { commentReader, loadMatcher } from '../input/comment-reader.js';
import { loadTemplates } from '../input/templates.js';
import { describeAccounting, plural } from '../output/render/format.js';
import { summarize } from '../core/summary.js';
import {
  commitFiles,
  createPendingFile,
  discardFiles,
  ensureFolder,
  refuseToReplace,
  removeStaleTemporaries,
  type PendingFile,
} from '../output/write/files.js';
import type { Messages } from '../output/write/messages.js';
import { HeldOnDisk } from '../output/write/held-rows.js';
import { createRecordSink, RECORD_FORMATS, type RecordFormat, type RecordSink } from '../output/write/records.js';
import { openResponses, readOutcome } from './read.js';

export interface SegmentOptions extends RawInputOptions {
  out?: string;
  category?: Category;
  format: RecordFormat;
  force?: boolean;
  valueColumn?: string;
  sla: number;
  sample?: number;
  seed: number;
  templates?: string;
  themes?: string;
  language?: string;
  raw?: boolean;
  excel?: boolean;
}

function checkDestination(options: SegmentOptions): void {
  if (options.out !== undefined && options.category !== undefined) {
    throw inputError('use either --out DIR (all three lists) or --category NAME (one list on standard output), not both');
  }
  if (options.out === undefined && options.category === undefined) {
    throw inputError('say where the lists go: --out DIR writes three files, --category NAME prints one list');
  }
  if (options.out !== undefined && options.out.trim() === '') throw inputError('--out takes the name of a folder, not an empty text');
  if (options.out === '-') {
    throw inputError('--out takes a folder; to print one list on standard output use --category NAME');
  }
  if (options.out !== undefined && options.format !== 'csv') {
    throw inputError('--format applies to --category; files written with --out are always CSV');
  }
  if (options.excel === true && options.format !== 'csv') throw inputError('--excel applies to CSV lists, not to --format ' + options.format);
}

interface Target {
  category: Category;
  /** The path as the user would write it, for messages. */
  shown: string;
  final: string;
}

/** Refuses before anything is read, so an existing list is never lost to a rerun. */
async function planTargets(out: string, directory: string, force: boolean): Promise<Target[]> {
  const targets = CATEGORIES.map((category) => ({ category, shown: join(out, `${category}.csv`), final: join(directory, `${category}.csv`) }));
  const found = await stat(directory).catch(() => undefined);
  if (found !== undefined && !found.isDirectory()) throw inputError(`--out ${out} is a file, not a folder`);
  for (const target of targets) await refuseToReplace(target.final, target.shown, force);
  return targets;
}

/** What the lists say on stderr once written. */
interface ListReport {
  listed: Record<Category, number>;
  scored: Record<Category, number>;
  undatedDetractors: number;
  overdue: number;
  dueToday: number;
  revenue: Record<'detractors' | 'passives', number>;
  dated: boolean;
}

export async function runSegment(files: string[], options: SegmentOptions, io: Io): Promise<Outcome> {
  checkDestination(options);
  const directory = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  const targets = directory === undefined ? [] : await planTargets(options.out ?? '', directory, options.force === true);
  const matcher = await loadMatcher(options, io.cwd);
  const templates = await loadTemplates(options.templates, io.cwd);
  const { messages, responses } = await openResponses(files, options, { dates: true, comments: true, respondents: false }, io);
  const comments = await commentReader(matcher, options, responses.inputs.some((opened) => opened.choice.columns.comments.length > 0), (text) => messages.warn(text));
  const valueIndex = options.valueColumn === undefined ? undefined : responses.column(options.valueColumn, '--value-column');
  let compiled;
  try {
    compiled = compileMessages(templates, responses.columns);
  } catch (error) {
    if (error instanceof TemplateError) throw inputError(error.message);
    throw error;
  }
  const header = [...responses.columns, ...FOLLOW_UP_COLUMNS];
  const settings = { slaMs: options.sla, today: responses.today };

  if (directory !== undefined) {
    await ensureFolder(directory, options.out ?? '');
    await removeStaleTemporaries(directory);
  }
  const pending: PendingFile[] = [];
  const sinks = new Map<Category, RecordSink>();
  // Held rows past the budget wait on disk beside the lists (or in the system's temporary folder).
  const held = new HeldOnDisk(directory ?? tmpdir(), heldBudget(io));
  const neutralize = options.raw !== true;
  const excel = options.excel === true;
  try {
    for (const target of targets) {
      const file = await createPendingFile(target.final, target.shown);
      pending.push(file);
      sinks.set(target.category, await createRecordSink('csv', header, file.stream, { endDestination: true, neutralize, excel }));
    }
    if (options.category !== undefined) {
      sinks.set(options.category, await createRecordSink(options.format, header, io.stdout, { endDestination: false, neutralize, excel }));
    }
    const sample = options.sample === undefined ? undefined : { size: options.sample, seed: options.seed };
    const lists = new FollowUpLists<string>(sample, settings, held);
    const report: ListReport = {
      listed: { promoters: 0, passives: 0, detractors: 0 },
      scored: lists.counts,
      undatedDetractors: 0,
      overdue: 0,
      dueToday: 0,
      revenue: lists.revenue,
      dated: responses.inputs.some((opened) => opened.choice.columns.date !== undefined),
    };
    let blocked = false;
    const totals = await responses.read(
      (response) => {
        const value = valueIndex === undefined ? undefined : parseAmount(response.cells[valueIndex] ?? '');
        const category = lists.count(response.score, value);
        const sink = sinks.get(category);
        if (sink === undefined) return;
        const time = response.date?.time;
        if (category === 'detractors') countStatus(report, dueStatus(time, settings));
        const comment = response.comment.trim();
        const reading = comment === '' ? undefined : comments.read(comment);
        const cells = followUpRow(
          response.cells,
          { score: response.score, time, comment: response.comment, mentions: reading?.mentions ?? [], language: reading?.language },
          settings,
          compiled,
        );
        if (lists.streams(category)) {
          blocked = !sink.write(cells) || blocked;
          report.listed[category] += 1;
        } else {
          lists.hold({ score: response.score, value, time }, sink.serialize(cells));
        }
      },
      async () => {
        if (!blocked) return;
        blocked = false;
        await Promise.all([...sinks.values()].map((sink) => sink.drain()));
      },
    );
    for (const [category, sink] of sinks) {
      if (lists.streams(category)) continue;
      for (const record of lists.ordered(category)) {
        report.listed[category] += 1;
        if (!sink.writeSerialized(record)) await sink.drain();
      }
    }
    const outcome = readOutcome(messages, totals, options);
    for (const sink of sinks.values()) await sink.end();
    if (failsStrict(outcome) && pending.length > 0) {
      messages.warn('no files were written');
      return outcome;
    }
    await commitFiles(pending, options.force === true);
    describeLists(report, targets, options, messages, settings.today);
    messages.info(describeAccounting(summarize(totals.tally)));
    return outcome;
  } finally {
    held.discard();
    await discardFiles(pending);
  }
}

/** Memory for held rows before they spill to disk: 48 MB, or NPS_HELD_MB (see docs/performance.md). */
function heldBudget(io: Io): number {
  const megabytes = Number(io.env['NPS_HELD_MB'] ?? 48);
  return (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 48) * 1_000_000;
}

function countStatus(report: ListReport, status: DueStatus | undefined): void {
  if (status === undefined) report.undatedDetractors += 1;
  else if (status.kind === 'overdue') report.overdue += 1;
  else if (status.kind === 'due today') report.dueToday += 1;
}

const ORDER_WORDS = {
  dated: { promoters: ' (newest first)', passives: '', detractors: ' (overdue first, then most urgent)' },
  undated: { promoters: ' (in input order: no date column)', passives: '', detractors: ' (lowest score first; no date column, so no respond_by)' },
} as const;

function describeLists(report: ListReport, targets: readonly Target[], options: SegmentOptions, messages: Messages, today: number): void {
  if (report.dated && report.undatedDetractors > 0) {
    const one = report.undatedDetractors === 1;
    messages.warn(
      `${plural(report.undatedDetractors, 'detractor')} with no readable date ${one ? 'comes' : 'come'} after the dated ones ` +
        `and ${one ? 'has' : 'have'} no respond_by`,
    );
  }
  if (report.dated && report.listed.detractors > 0) {
    messages.info(`detractors: ${report.overdue} overdue, ${report.dueToday} due today (today is ${isoDay(today)}; --today sets it)`);
  }
  const words = report.dated ? ORDER_WORDS.dated : ORDER_WORDS.undated;
  for (const category of CATEGORIES) {
    const target = targets.find((candidate) => candidate.category === category);
    const where = target ? target.shown : options.category === category ? 'standard output' : undefined;
    if (where === undefined) continue;
    const count = options.sample === undefined ? '' : ` of ${report.scored[category]} (a sample, seed ${options.seed})`;
    messages.info(`wrote ${plural(report.listed[category], category.slice(0, -1), category)}${count} to ${where}${words[category]}`);
  }
  if (options.valueColumn !== undefined) {
    const amount = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    messages.info(
      `revenue at risk (${options.valueColumn}): ${amount(report.revenue.detractors)} with detractors, ${amount(report.revenue.passives)} with passives`,
    );
  }
}

export const segmentCommand = defineCommand<SegmentOptions>({
  name: 'segment',
  description:
    'split responses into promoters, passives and detractors, each with what to do next and a message to send; ' +
    'detractors most urgent first, promoters newest first (both held in memory to sort them)',
  argument: { name: '<file...>', description: 'CSV files or Excel workbooks (.xlsx) to read together; "-" reads standard input' },
  options: [
    new Option('-o, --out <dir>', 'write promoters.csv, passives.csv and detractors.csv into this folder').helpGroup(GROUPS.output),
    new Option('-c, --category <name>', 'print only this list on standard output').choices(CATEGORIES).helpGroup(GROUPS.output),
    new Option('-f, --format <format>', 'format of the list printed by --category').choices(Object.keys(RECORD_FORMATS)).default('csv').helpGroup(GROUPS.output),
    new Option('--force', 'replace lists already in the --out folder').helpGroup(GROUPS.output),
    new Option('--raw', 'do not neutralise cells that spreadsheets would run as formulas (CSV only)').helpGroup(GROUPS.output),
    new Option('--excel', 'CSV for Excel on Windows: a UTF-8 byte order mark (so accents show right) and CRLF line ends').helpGroup(GROUPS.output),
    new Option('--value-column <column>', 'revenue per response (e.g. ARR): detractors with more come first; the revenue at risk is reported').helpGroup(GROUPS.output),
    slaOption(),
    new Option('--sample <n>', 'list a random sample of this many responses per group').argParser(integerOption('--sample', 1, Number.MAX_SAFE_INTEGER)).helpGroup(GROUPS.output),
    new Option('--seed <n>', 'with --sample: the same seed gives the same sample').argParser(integerOption('--seed', 0, 2 ** 32 - 1)).default(1).helpGroup(GROUPS.output),
    new Option('--templates <file>', 'JSON file of message templates for promoters, passives and detractors').helpGroup(GROUPS.output),
    themesOption(),
    languageOption(),
    ...inputOptions(),
  ],
  examples: [
    ['nps segment fixtures/followup-survey.csv --out lists', 'three lists to work from, in the order of work'],
    ['nps segment fixtures/followup-survey.csv -c detractors -f ndjson', 'the detractors only, one JSON object per line'],
    [
      'nps segment fixtures/followup-survey.csv --customers fixtures/followup-customers.csv --join-on email --value-column ARR --out lists --force',
      'with each customer\'s columns, and the revenue at risk',
    ],
  ],
  run: runSegment,
});
