import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CATEGORIES, categoryOf, FOLLOW_UP, type Category } from '../core/categories.js';
import { byInputOrder, byRecency, byUrgency, parseAmount, respondBy, type Ranked } from '../core/followup.js';
import { Reservoir, seededRandom } from '../core/sample.js';
import { ThemeMatcher, type Mention } from '../core/themes.js';
import { summarize } from '../core/summary.js';
import { emptyTally, type Tally } from '../core/tally.js';
import { EXIT, inputError, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { requireColumn } from '../input/columns.js';
import { DATE_FORMATS, DayReader, parseDate, type DateFormat } from '../input/dates.js';
import { respondentKey } from '../input/dedupe.js';
import { inRange, loadExcluded, parseBound, type DayRange } from '../input/filters.js';
import { Join, type Customers } from '../input/join.js';
import { loadThemes } from '../input/lexicon.js';
import { emptyEvidence, scanResponses, type KeepRow, type ScanEvidence, type ScoredRow } from '../input/responses.js';
import { describeAccounting, plural } from '../output/format.js';
import { refuseToReplace, temporaryPathFor } from '../output/files.js';
import { Messages } from '../output/messages.js';
import { createRecordSink, RECORD_FORMATS, type RecordFormat, type RecordSink } from '../output/records.js';
import { compileTemplate, DEFAULT_TEMPLATES, loadTemplates, type CompiledTemplate, type Templates } from '../output/templates.js';
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
import { numberOption } from './precision.js';

export interface SegmentOptions extends InputOptions, DedupeOptions, CustomerOptions {
  out?: string;
  category?: Category;
  format: RecordFormat;
  force?: boolean;
  valueColumn?: string;
  sla: number;
  since?: string;
  until?: string;
  dateFormat?: DateFormat;
  exclude?: string;
  sample?: number;
  seed: number;
  templates?: string;
  themes?: string;
  raw?: boolean;
}

/** The columns every list adds after the input's own (and the customers'). */
export const ADDED_COLUMNS = ['nps_category', 'follow_up', 'respond_by', 'testimonial_candidate', 'themes', 'message'] as const;

const ORDERS = { promoters: byRecency, passives: byInputOrder, detractors: byUrgency } as const satisfies Record<
  Category,
  (a: Ranked, b: Ranked) => number
>;

/** A row waiting for its list's order, held as its finished output line. */
interface HeldRow extends Ranked {
  record: string;
}

/**
 * A copy of `text` that shares no memory with it. Parsed fields are slices of the
 * 64 KiB chunk they came from, and a line built from them keeps every such chunk
 * alive: held for the sort, the rows would pin most of the file in memory.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Columns of all inputs in the order first seen, so files with different columns lose nothing. */
function unionOfHeaders(inputs: readonly OpenedInput[]): string[] {
  const columns: string[] = [];
  for (const { reader } of inputs) {
    for (const header of reader.header) if (!columns.includes(header)) columns.push(header);
  }
  return columns;
}

function projection(header: readonly string[], columns: readonly string[]): (cells: string[]) => string[] {
  const indexes = columns.map((column) => header.indexOf(column));
  const same = indexes.length === header.length && indexes.every((index, position) => index === position);
  if (same) return (cells) => cells.slice(0, header.length);
  return (cells) => indexes.map((index) => (index === -1 ? '' : (cells[index] ?? '')));
}

function checkDestination(options: SegmentOptions): void {
  if (options.out !== undefined && options.category !== undefined) {
    throw inputError('use either --out DIR (all three lists) or --category NAME (one list on standard output), not both');
  }
  if (options.out === undefined && options.category === undefined) {
    throw inputError('say where the lists go: --out DIR writes three files, --category NAME prints one list');
  }
  if (options.out === '-') {
    throw inputError('--out takes a folder; to print one list on standard output use --category NAME');
  }
  if (options.out !== undefined && options.format !== 'csv') {
    throw inputError('--format applies to --category; files written with --out are always CSV');
  }
}

interface FileTarget {
  category: Category;
  /** The path as the user would write it, for messages. */
  shown: string;
  final: string;
  temporary: string;
}

/** Refuses before any work is done, so an existing list is never lost to a rerun. */
async function planFiles(out: string, directory: string, force: boolean): Promise<FileTarget[]> {
  const targets = CATEGORIES.map((category) => {
    const final = join(directory, `${category}.csv`);
    return { category, shown: join(out, `${category}.csv`), final, temporary: temporaryPathFor(final) };
  });
  for (const target of targets) await refuseToReplace(target.final, target.shown, force);
  const directoryStat = await stat(directory).catch(() => undefined);
  if (directoryStat !== undefined && !directoryStat.isDirectory()) {
    throw inputError(`--out ${out} is a file, not a folder`);
  }
  return targets;
}

/** "24h", "2d": the time allowed for a reply to a detractor. */
export function parseSla(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([hd])\s*$/i.exec(value);
  if (!match) throw inputError(`--sla takes hours or days, such as 24h or 2d, not ${JSON.stringify(value)}`);
  const [, amount = '0', unit = 'h'] = match;
  return Number(amount) * (unit.toLowerCase() === 'd' ? 24 : 1) * 3_600_000;
}

/** "price and billing; support and service (negated)": the themes column. */
export function describeMentions(mentions: readonly Mention[]): string {
  return mentions.map((mention) => (mention.negated ? `${mention.theme} (negated)` : mention.theme)).join('; ');
}

/** "24 hours", "2 days": the SLA in the words of the detractors' follow-up. */
export function describeSla(slaMs: number): string {
  const hours = slaMs / 3_600_000;
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** What the lists are made from, beyond the responses: loaded before any row is read. */
interface Context {
  customers: Customers | undefined;
  joinColumn: string | undefined;
  excluded: Set<string> | undefined;
  range: DayRange | undefined;
  templates: Templates;
  themes: ThemeMatcher;
}

async function loadContext(options: SegmentOptions, io: Io): Promise<Context> {
  const customers = await customersFor(options, io);
  const since = options.since === undefined ? undefined : parseBound('--since', options.since, options.dateFormat);
  const until = options.until === undefined ? undefined : parseBound('--until', options.until, options.dateFormat);
  return {
    customers: customers?.loaded,
    joinColumn: customers?.surveyColumn,
    excluded: options.exclude === undefined ? undefined : await loadExcluded(options.exclude, io.cwd, io.stdin),
    range: since === undefined && until === undefined ? undefined : { since, until },
    templates: options.templates === undefined ? DEFAULT_TEMPLATES : await loadTemplates(options.templates, io.cwd),
    themes: new ThemeMatcher(await loadThemes(options.themes, io.cwd)),
  };
}

/** Counts of what the run did beyond the tally, for the summary on stderr. */
interface Report {
  tally: Tally;
  evidence: ScanEvidence;
  listed: Record<Category, number>;
  scored: Record<Category, number>;
  leftOutByExclude: number;
  leftOutByDate: number;
  undatedDetractors: number;
  revenue: Record<'detractors' | 'passives', number>;
  joins: Join[];
}

export async function runSegment(files: string[], options: SegmentOptions, io: Io): Promise<ExitCode> {
  checkDestination(options);
  checkInputNames(files);
  const messages = new Messages(io.stderr, options.quiet === true);
  const directory = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  const targets = directory === undefined ? [] : await planFiles(options.out ?? '', directory, options.force === true);
  const context = await loadContext(options, io);
  const keep = await dedupeFilter(files, io, options);

  const inputs: OpenedInput[] = [];
  for (const file of files) inputs.push(await openInput(file, io, options, messages));
  const columns = unionOfHeaders(inputs);
  const customerColumns =
    context.customers?.columns.map((column) => (columns.includes(column) ? `customer ${column}` : column)) ?? [];
  const listColumns = [...columns, ...customerColumns];
  const outputColumns = [...listColumns, ...ADDED_COLUMNS];
  const sources = [...files, ...(options.customers === undefined ? [] : [options.customers])].join(' + ');
  const valueIndex =
    options.valueColumn === undefined ? undefined : requireColumn(sources, listColumns, options.valueColumn, '--value-column');
  // {score} always means the answer, whatever the score column is called.
  const templateColumns = [...listColumns, ...ADDED_COLUMNS.slice(0, -1), 'score'];
  const templates = Object.fromEntries(
    CATEGORIES.map((category) => [category, compileTemplate(category, context.templates[category], templateColumns)]),
  ) as Record<Category, CompiledTemplate>;

  if (directory !== undefined) await mkdir(directory, { recursive: true });
  const sinks = new Map<Category, RecordSink>();
  const neutralize = options.raw !== true;
  try {
    for (const target of targets) {
      const stream = createWriteStream(target.temporary, { flags: 'wx' });
      sinks.set(target.category, await createRecordSink('csv', outputColumns, stream, { endDestination: true, neutralize }));
    }
    if (options.category !== undefined) {
      sinks.set(
        options.category,
        await createRecordSink(options.format, outputColumns, io.stdout, { endDestination: false, neutralize }),
      );
    }
    const report = await writeLists(inputs, { columns, customerColumns, valueIndex, templates }, sinks, options, context, messages, keep, io);
    finishReading(report.tally, report.evidence, options, messages);
    for (const sink of sinks.values()) await sink.end();
    const summary = summarize(report.tally);
    const code = exitForRejections(options, summary.rejected, messages);
    if (code !== EXIT.ok && targets.length > 0) {
      messages.warn('no files were written');
      return code;
    }
    for (const target of targets) await rename(target.temporary, target.final);
    describeRun(report, targets, options, context, messages);
    messages.info(describeAccounting(summary));
    return code;
  } finally {
    await Promise.all(targets.map((target) => rm(target.temporary, { force: true })));
  }
}

function describeRun(report: Report, targets: FileTarget[], options: SegmentOptions, context: Context, messages: Messages): void {
  for (const join of report.joins) {
    if (join.unmatched > 0) {
      messages.warn(`${plural(join.unmatched, 'response')} matched no customer in ${join.customers.file}; their customer columns are empty`);
    }
  }
  if (context.customers && context.customers.repeatedKeys > 0) {
    const repeated = context.customers.repeatedKeys;
    messages.warn(
      `${plural(repeated, 'customer row')} in ${context.customers.file} ${repeated === 1 ? 'repeats' : 'repeat'} ` +
        `a ${context.customers.keyColumn} value seen before; the first row with each value was used`,
    );
  }
  if (report.leftOutByExclude > 0) messages.info(`${plural(report.leftOutByExclude, 'response')} left out by --exclude`);
  if (report.leftOutByDate > 0) {
    messages.info(`${plural(report.leftOutByDate, 'response')} left out by --since/--until (outside the range, or with no readable date)`);
  }
  if (report.undatedDetractors > 0) {
    const one = report.undatedDetractors === 1;
    messages.warn(
      `${plural(report.undatedDetractors, 'detractor')} with no readable date ${one ? 'comes' : 'come'} after the dated ones ` +
        `and ${one ? 'has' : 'have'} no respond_by`,
    );
  }
  for (const category of CATEGORIES) {
    const target = targets.find((candidate) => candidate.category === category);
    const where = target ? target.shown : options.category === category ? 'standard output' : undefined;
    if (where === undefined) continue;
    const order = { promoters: ' (newest first)', passives: '', detractors: ' (most urgent first)' }[category];
    const count = options.sample === undefined ? '' : ` of ${report.scored[category]} (a sample, seed ${options.seed})`;
    messages.info(`wrote ${plural(report.listed[category], category.slice(0, -1), category)}${count} to ${where}${order}`);
  }
  if (options.valueColumn !== undefined) {
    const amount = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    messages.info(
      `revenue at risk (${options.valueColumn}): ${amount(report.revenue.detractors)} with detractors, ${amount(report.revenue.passives)} with passives`,
    );
  }
}

interface ListShape {
  columns: string[];
  customerColumns: string[];
  valueIndex: number | undefined;
  templates: Record<Category, CompiledTemplate>;
}

/**
 * Streams passives straight out (unless sampled); holds promoters and detractors,
 * as finished lines, until all are known, to put them in order.
 */
async function writeLists(
  inputs: readonly OpenedInput[],
  shape: ListShape,
  sinks: Map<Category, RecordSink>,
  options: SegmentOptions,
  context: Context,
  messages: Messages,
  keep: KeepRow | undefined,
  io: Io,
): Promise<Report> {
  const report: Report = {
    tally: emptyTally(),
    evidence: emptyEvidence(),
    listed: { promoters: 0, passives: 0, detractors: 0 },
    scored: { promoters: 0, passives: 0, detractors: 0 },
    leftOutByExclude: 0,
    leftOutByDate: 0,
    undatedDetractors: 0,
    revenue: { detractors: 0, passives: 0 },
    joins: [],
  };
  const random = seededRandom(options.seed);
  const held = new Map<Category, HeldRow[] | Reservoir<HeldRow>>(
    CATEGORIES.map((category) => [
      category,
      options.sample === undefined ? [] : new Reservoir<HeldRow>(options.sample, random),
    ]),
  );
  const dayReader = new DayReader(options.dateFormat);
  const detractorFollowUp = `Escalate and reply personally within ${describeSla(options.sla)}`;
  let blocked = false;
  let order = 0;
  for (const opened of inputs) {
    const { reader, choice } = opened;
    const width = reader.header.length;
    const project = projection(reader.header, shape.columns);
    const dateIndex = choice.columns.date;
    const commentIndex = choice.columns.comment;
    const respondentIndex = choice.columns.respondent;
    /** With `strict`, a date that could be month or day first stops the run instead of counting as undated. */
    const dayOf = (cells: string[], strict: boolean): number | undefined => {
      const key = dayReader.key(cells[dateIndex ?? -1] ?? '');
      if (key === undefined || (!strict && key.includes('/') && dayReader.order() === undefined)) return undefined;
      return dayReader.resolve(key);
    };
    const timeOf = (cells: string[]): number | undefined => {
      if (dateIndex === undefined) return undefined;
      const exact = parseDate(cells[dateIndex] ?? '');
      if (exact !== undefined) return exact;
      const day = dayOf(cells, false);
      return day === undefined ? undefined : day * 86_400_000;
    };
    const join =
      context.customers && context.joinColumn !== undefined
        ? Join.forSurvey(reader.name, reader.header, context.joinColumn, context.customers)
        : undefined;
    if (join) report.joins.push(join);
    const include = (cells: string[]): boolean => {
      if (context.excluded && respondentIndex !== undefined && context.excluded.has(respondentKey(cells[respondentIndex] ?? ''))) {
        report.leftOutByExclude += 1;
        return false;
      }
      if (context.range) {
        if (dateIndex === undefined) throw inputError(`${reader.name}: --since and --until need a date column; name it with --date-column`);
        const day = dayOf(cells, true);
        if (day === undefined || !inRange(day, context.range)) {
          report.leftOutByDate += 1;
          return false;
        }
      }
      return true;
    };
    const onScored = (row: ScoredRow): void => {
      const category = categoryOf(row.score);
      report.scored[category] += 1;
      const sink = sinks.get(category);
      const listCells = [...project(row.cells), ...row.cells.slice(width)];
      const value = shape.valueIndex === undefined ? undefined : parseAmount(listCells[shape.valueIndex] ?? '');
      if (value !== undefined && category !== 'promoters') report.revenue[category] += value;
      if (sink === undefined) return;
      const time = timeOf(row.cells);
      if (category === 'detractors' && time === undefined) report.undatedDetractors += 1;
      const comment = commentIndex === undefined ? '' : (row.cells[commentIndex] ?? '');
      const hasComment = comment.trim() !== '';
      const added = [
        category,
        category === 'detractors' ? detractorFollowUp : FOLLOW_UP[category],
        category === 'detractors' ? respondBy(time, options.sla) : '',
        category === 'promoters' ? (hasComment ? 'yes' : 'no') : '',
        describeMentions(context.themes.tag(comment)),
      ];
      const cells = [...listCells, ...added];
      cells.push(shape.templates[category].fill([...cells, String(row.score)]));
      order += 1;
      const list = held.get(category);
      if (category === 'passives' && Array.isArray(list)) {
        blocked = !sink.write(cells) || blocked;
        report.listed.passives += 1;
        return;
      }
      const entry = { record: detached(sink.serialize(cells)), score: row.score, value, time, order };
      if (Array.isArray(list)) list.push(entry);
      else list?.offer(entry);
    };
    const progress = progressFor(opened, report.tally, io, options, async () => {
      if (!blocked) return;
      blocked = false;
      await Promise.all([...sinks.values()].map((sink) => sink.drain()));
    });
    await scanResponses(opened, options, report.tally, report.evidence, {
      onRejected: (rejection) => messages.rejected(rejection),
      onWarning: (text) => messages.warn(text),
      onScored,
      include,
      ...(join && { extend: (cells: string[]) => join.extend(cells) }),
      ...(keep && { keep }),
      ...(progress.afterChunk && { afterChunk: progress.afterChunk }),
    });
    progress.done();
  }
  for (const category of CATEGORIES) {
    const sink = sinks.get(category);
    const list = held.get(category);
    if (sink === undefined || list === undefined) continue;
    const rows = (Array.isArray(list) ? list : list.items).sort(ORDERS[category]);
    for (const row of rows) {
      report.listed[category] += 1;
      if (!sink.writeSerialized(row.record)) await sink.drain();
    }
  }
  return report;
}

export function segmentCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('segment')
    .description(
      'split responses into promoters, passives and detractors, each with what to do next and a message to send; ' +
        'detractors most urgent first, promoters newest first (both held in memory to sort them)',
    )
    .argument('<file...>', 'CSV files to read together; "-" reads standard input')
    .option('-o, --out <dir>', 'write promoters.csv, passives.csv and detractors.csv into this folder')
    .addOption(new Option('-c, --category <name>', 'print only this list on standard output').choices(CATEGORIES))
    .addOption(
      new Option('-f, --format <format>', 'format of the list printed by --category')
        .choices(Object.keys(RECORD_FORMATS))
        .default('csv'),
    )
    .option('--force', 'replace lists already in the --out folder')
    .option('--customers <file>', 'a customer export (CSV) whose columns are added to each response')
    .option('--join-on <column>', 'the column matching responses to --customers: a name in both, or survey_column=customer_column')
    .option('--value-column <column>', 'revenue per response (e.g. ARR): detractors with more come first, and the revenue at risk is reported')
    .addOption(
      new Option('--sla <time>', 'time allowed for a reply to a detractor, e.g. 4h or 2d: sets respond_by')
        .argParser(parseSla)
        .default(parseSla('24h'), '24h'),
    )
    .option('--since <date>', 'leave out responses dated before this day')
    .option('--until <date>', 'leave out responses dated after this day')
    .addOption(new Option('--date-format <format>', 'the order of dates like 3/4/2026').choices(Object.keys(DATE_FORMATS)))
    .option('--exclude <file>', 'leave out respondents listed in this file (emails or ids, one per row), e.g. already contacted')
    .option('--sample <n>', 'list a random sample of this many responses per group', numberOption('--sample', 1, Number.MAX_SAFE_INTEGER))
    .option('--seed <n>', 'with --sample: the same seed gives the same sample', numberOption('--seed', 0, 2 ** 32 - 1), 1)
    .option('--templates <file>', 'JSON file of message templates for promoters, passives and detractors (see the README)')
    .option('--themes <file>', 'a JSON lexicon for the themes column, replacing or extending the built-in one (see nps themes)')
    .option('--raw', 'do not neutralise cells that spreadsheets would run as formulas (CSV only)');
  return addDedupeOption(addInputOptions(command)).action(async (files: string[], options: SegmentOptions) => {
    done(await runSegment(files, options, io));
  });
}
