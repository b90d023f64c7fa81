import { Option } from 'commander';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CATEGORIES, type Category } from '../core/categories.js';
import { compileMessages, FOLLOW_UP_COLUMNS } from '../core/followup.js';
import { isoDay } from '../core/periods.js';
import type { SegmentCounts, SegmentLists } from '../core/segment.js';
import { suggestionsOf, type Suggestion } from '../core/suggestions.js';
import { summarize } from '../core/summary.js';
import { inputError } from '../errors.js';
import { languageWithoutThemes, loadMatcher } from '../input/comment-reader.js';
import { readWith } from '../input/parallel.js';
import { loadTemplates } from '../input/templates.js';
import { writeAll, type Io } from '../io.js';
import { describeAccounting, plural } from '../output/render/format.js';
import { quote } from '../core/clip.js';
import {
  commitFiles,
  createPendingFile,
  createScratchFolder,
  discardFiles,
  ensureFolder,
  refuseToReplace,
  removeScratchFolder,
  removeStaleTemporaries,
  type PendingFile,
} from '../output/write/files.js';
import type { Messages } from '../output/write/messages.js';
import { createRecordSink, type RecordFormat, type RecordSink } from '../output/write/records.js';
import { segmentJob, type SegmentConfig } from './jobs/segment.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  discoverOption,
  forceOption,
  formatOption,
  GROUPS,
  integerOption,
  jsonOption,
  languageOption,
  outOption,
  rawOption,
  readingOptions,
  slaOption,
  themesOption,
  type RawReadingOptions,
} from './shared/options.js';
import { failsStrict } from './shared/outcome.js';
import { openResponses, questionsOf, readOutcome } from './shared/read.js';

export interface SegmentOptions extends RawReadingOptions {
  out?: string;
  category?: Category;
  format: RecordFormat;
  json?: boolean;
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
  discover: boolean;
}

/** Where the lists go: three files in a folder, one list on standard output, or all three as one JSON object there. */
type Destination = { kind: 'folder'; out: string; directory: string } | { kind: 'list'; category: Category; format: RecordFormat } | { kind: 'object' };

/** The lists in the order a JSON object of all three gives them: the most urgent first. */
const OBJECT_ORDER: readonly Category[] = ['detractors', 'passives', 'promoters'];

function destinationOf(options: SegmentOptions, io: Io): Destination {
  const format = options.json === true ? 'json' : options.format;
  if (options.json === true && options.format !== 'csv') throw inputError('--json is --format json: give one of them');
  if (options.out !== undefined && options.category !== undefined) {
    throw inputError('use either --out DIR (all three lists) or --category NAME (one list on standard output), not both');
  }
  if (options.excel === true && format !== 'csv') throw inputError(`--excel applies to CSV lists, not to ${options.json === true ? '--json' : `--format ${format}`}`);
  if (options.out !== undefined) {
    if (options.out.trim() === '') throw inputError('--out takes the name of a folder, not an empty text');
    if (options.out === '-') throw inputError('--out takes a folder; to print one list on standard output use --category NAME');
    if (format !== 'csv') throw inputError(`${options.json === true ? '--json' : '--format'} applies to --category; files written with --out are always CSV`);
    return { kind: 'folder', out: options.out, directory: resolve(io.cwd, options.out) };
  }
  if (options.category !== undefined) return { kind: 'list', category: options.category, format };
  if (options.json === true) return { kind: 'object' };
  throw inputError('say where the lists go: --out DIR writes three files, --category NAME prints one list, --json prints all three');
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

export async function runSegment(files: string[], options: SegmentOptions, io: Io): Promise<Ran<never>> {
  const destination = destinationOf(options, io);
  const targets = destination.kind === 'folder' ? await planTargets(destination.out, destination.directory, options.force === true) : [];
  const suggestionsTarget = destination.kind === 'folder' && options.discover ? await planSuggestions(destination.out, destination.directory, options.force === true) : undefined;
  const matcher = await loadMatcher(options, io.cwd);
  const templates = await loadTemplates(options.templates, io.cwd);
  const { messages, responses, spec } = await openResponses(files, options, { dates: true, comments: true, respondents: false, lines: true }, io);
  const unknownLanguage = languageWithoutThemes(matcher, options);
  if (unknownLanguage !== undefined) messages.warn(unknownLanguage);
  // Checked before any row is read: a template that names no column stops the run at once.
  compileMessages(templates, responses.columns);
  if (destination.kind === 'folder') {
    await ensureFolder(destination.directory, destination.out);
    await removeStaleTemporaries(destination.directory);
  }
  const scratch = createScratchFolder(destination.kind === 'folder' ? destination.directory : tmpdir());
  try {
    const anyComments = responses.inputs.some((opened) => opened.choice.columns.comments.length > 0);
    const config: SegmentConfig = {
      lists: {
        slaMs: options.sla,
        today: responses.today,
        clock: responses.clock,
        wanted: destination.kind === 'list' ? [destination.category] : CATEGORIES,
        sample: options.sample === undefined ? undefined : { size: options.sample, seed: options.seed },
        questions: questionsOf(responses),
      },
      templates,
      columns: [...responses.columns],
      header: [...responses.columns, ...FOLLOW_UP_COLUMNS],
      record: { format: destination.kind === 'folder' ? 'csv' : destination.kind === 'object' ? 'json' : destination.format, neutralize: options.raw !== true, excel: options.excel === true },
      valueIndex: options.valueColumn === undefined ? undefined : responses.column(options.valueColumn, '--value-column'),
      comments: anyComments ? { themes: options.themes, language: options.language, cwd: io.cwd, hasComments: true } : undefined,
      scratch,
      heldBudget: heldBudget(io),
      suggestions: suggestionsTarget !== undefined && anyComments,
    };
    const { totals, acc } = await readWith(files, responses, spec, io, messages, segmentJob, config);
    const outcome = readOutcome(messages, totals, options);
    const dated = responses.inputs.some((opened) => opened.choice.columns.date !== undefined);
    if (destination.kind === 'folder') {
      if (failsStrict(outcome)) {
        messages.warn('no files were written');
        return { outcome };
      }
      const suggestions = suggestionsTarget === undefined || acc.lists.extras === undefined ? undefined : { target: suggestionsTarget, rows: suggestionsOf(acc.lists.extras.sample.responses().responses) };
      const listed = await writeFolder(acc.lists, targets, config, { force: options.force === true, notice: (text) => messages.warn(text) }, suggestions);
      describeLists({ ...acc.lists.counts, listed, dated }, (category) => targets.find((target) => target.category === category)?.shown, options, messages, responses.today);
      if (suggestions !== undefined) messages.info(`wrote ${plural(suggestions.rows.length, 'suggestion')} of passives and detractors to ${suggestions.target.shown}`);
    } else {
      const listed = await writeStandardOutput(acc.lists, destination, config, io);
      describeLists({ ...acc.lists.counts, listed, dated }, (category) => (listed[category] === undefined ? undefined : 'standard output'), options, messages, responses.today);
    }
    messages.info(describeAccounting(summarize(totals.tally)));
    return { outcome };
  } finally {
    removeScratchFolder(scratch);
  }
}

/** Memory for held rows before they spill to disk: 48 MB, or NPS_HELD_MB (see docs/performance.md). */
function heldBudget(io: Io): number {
  const megabytes = Number(io.env['NPS_HELD_MB'] ?? 48);
  return (Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 48) * 1_000_000;
}

type Listed = Partial<Record<Category, number>>;

/** suggestions.csv, beside the lists: refused before anything is read when it exists, as the lists are. */
async function planSuggestions(out: string, directory: string, force: boolean): Promise<{ shown: string; final: string }> {
  const target = { shown: join(out, 'suggestions.csv'), final: join(directory, 'suggestions.csv') };
  await refuseToReplace(target.final, target.shown, force);
  return target;
}

/** The columns of suggestions.csv: what is asked for, by how many, who they are, and their words. */
const SUGGESTION_COLUMNS = ['suggestion', 'asked', 'passives', 'detractors', 'nps', 'language', 'terms', 'examples'];

function suggestionCells(suggestion: Suggestion): string[] {
  const nps = suggestion.nps === null ? '' : String(Math.round(suggestion.nps * 10) / 10);
  const { passives, detractors } = suggestion.byCategory;
  return [suggestion.label, String(suggestion.comments), String(passives), String(detractors), nps, suggestion.language, suggestion.terms.join('; '), suggestion.examples.join(' | ')];
}

/** Writes each list in its order of work to a sink; returns how many rows each got. */
async function writeList(lists: SegmentLists<string>, category: Category, sink: RecordSink): Promise<number> {
  let count = 0;
  for (const record of lists.ordered(category)) {
    count += 1;
    if (!sink.writeSerialized(record)) await sink.drain();
  }
  await sink.end();
  return count;
}

/** The three lists as files, written under temporary names and moved into place together. */
async function writeFolder(
  lists: SegmentLists<string>,
  targets: readonly Target[],
  config: SegmentConfig,
  commit: { force: boolean; notice: (text: string) => void },
  suggestions: { target: { shown: string; final: string }; rows: readonly Suggestion[] } | undefined,
): Promise<Listed> {
  const pending: PendingFile[] = [];
  const listed: Listed = {};
  try {
    for (const target of targets) {
      const file = createPendingFile(target.final, target.shown);
      pending.push(file);
      const sink = createRecordSink('csv', config.header, file.stream, { endDestination: true, ...config.record });
      listed[target.category] = await writeList(lists, target.category, sink);
    }
    if (suggestions !== undefined) {
      const file = createPendingFile(suggestions.target.final, suggestions.target.shown);
      pending.push(file);
      const sink = createRecordSink('csv', SUGGESTION_COLUMNS, file.stream, { endDestination: true, ...config.record });
      for (const suggestion of suggestions.rows) if (!sink.write(suggestionCells(suggestion))) await sink.drain();
      await sink.end();
    }
    await commitFiles(pending, commit.force, commit.notice);
    return listed;
  } finally {
    await discardFiles(pending);
  }
}

/** One list on standard output, or all three as one JSON object keyed by group. */
async function writeStandardOutput(lists: SegmentLists<string>, destination: Exclude<Destination, { kind: 'folder' }>, config: SegmentConfig, io: Io): Promise<Listed> {
  const options = { endDestination: false, ...config.record };
  if (destination.kind === 'list') {
    const sink = createRecordSink(destination.format, config.header, io.stdout, options);
    return { [destination.category]: await writeList(lists, destination.category, sink) };
  }
  const listed: Listed = {};
  for (const [at, category] of OBJECT_ORDER.entries()) {
    await writeAll(io.stdout, `${at === 0 ? '{\n' : ',\n'}${JSON.stringify(category)}: `);
    listed[category] = await writeList(lists, category, createRecordSink('json', config.header, io.stdout, options));
  }
  await writeAll(io.stdout, '}\n');
  return listed;
}

const ORDER_WORDS = {
  dated: { promoters: ' (newest first)', passives: '', detractors: ' (overdue first, then most urgent)' },
  undated: { promoters: ' (in input order: no date column)', passives: '', detractors: ' (lowest score first; no date column, so no respond_by)' },
} as const;

/** What the lists say on stderr once written. */
function describeLists(
  report: SegmentCounts & { listed: Listed; dated: boolean },
  where: (category: Category) => string | undefined,
  options: SegmentOptions,
  messages: Messages,
  today: number,
): void {
  const listedDetractors = report.listed.detractors ?? 0;
  if (report.dated && report.undatedDetractors > 0 && report.listed.detractors !== undefined) {
    const one = report.undatedDetractors === 1;
    messages.warn(
      `${plural(report.undatedDetractors, 'detractor')} with no readable date ${one ? 'comes' : 'come'} after the dated ones ` +
        `and ${one ? 'has' : 'have'} no respond_by`,
    );
  }
  if (report.dueBeyondCalendar > 0 && report.listed.detractors !== undefined) {
    const one = report.dueBeyondCalendar === 1;
    messages.warn(
      `${plural(report.dueBeyondCalendar, 'detractor')} ${one ? 'is' : 'are'} dated so late that the reply would be due after 9999-12-31: ` +
        `${one ? 'its' : 'their'} respond_by is 9999-12-31 23:59 UTC, the calendar's last minute`,
    );
  }
  if (report.dated && listedDetractors > 0) {
    messages.info(`detractors: ${report.overdue} overdue, ${report.dueToday} due today (today is ${isoDay(today)}; --today sets it)`);
  }
  const words = report.dated ? ORDER_WORDS.dated : ORDER_WORDS.undated;
  for (const category of CATEGORIES) {
    const shown = where(category);
    const listed = report.listed[category];
    if (shown === undefined || listed === undefined) continue;
    const count = options.sample === undefined ? '' : ` of ${report.scored[category]} (a sample, seed ${options.seed})`;
    messages.info(`wrote ${plural(listed, category.slice(0, -1), category)}${count} to ${shown}${words[category]}`);
  }
  if (options.valueColumn !== undefined && report.unreadValue !== undefined) {
    const { text, problem } = report.unreadValue;
    const count = report.unreadValues;
    messages.warn(
      `${plural(count, 'value')} of ${quote(options.valueColumn)} ${count === 1 ? 'is' : 'are'} no amount (such as ${quote(text)}, which ${problem}): ` +
        `${count === 1 ? 'its response counts' : 'their responses count'} as having no revenue`,
    );
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
  argument: { name: '<file...>', description: 'CSV files, Excel workbooks (.xlsx) or Parquet files to read together; "-" reads standard input' },
  options: [
    outOption('<dir>', 'write promoters.csv, passives.csv and detractors.csv into this folder, and suggestions.csv'),
    new Option('-c, --category <name>', 'print only this list on standard output').choices(CATEGORIES).helpGroup(GROUPS.output),
    formatOption('format of the list printed by --category'),
    jsonOption('print the lists as JSON: the --category list as an array, or all three as one object'),
    forceOption('replace lists already in the --out folder'),
    rawOption(),
    new Option('--excel', 'CSV for Excel on Windows: a UTF-8 byte order mark (so accents show right) and CRLF line ends').helpGroup(GROUPS.output),
    new Option('--value-column <column>', 'revenue per response (e.g. ARR): detractors with more come first; the revenue at risk is reported').helpGroup(GROUPS.output),
    slaOption(),
    new Option('--sample <n>', 'list a random sample of this many responses per group').argParser(integerOption('--sample', 1, Number.MAX_SAFE_INTEGER)).helpGroup(GROUPS.output),
    new Option('--seed <n>', 'with --sample: the same seed gives the same sample').argParser(integerOption('--seed', 0, 2 ** 32 - 1)).default(1).helpGroup(GROUPS.output),
    new Option('--templates <file>', 'JSON file of message templates for promoters, passives and detractors').helpGroup(GROUPS.output),
    themesOption(),
    languageOption(),
    discoverOption('with --out: no suggestions.csv'),
    ...readingOptions(),
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
