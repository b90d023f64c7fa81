import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CATEGORIES, categoryOf, FOLLOW_UP, type Category } from '../core/categories.js';
import { emptyTally } from '../core/tally.js';
import { summarize } from '../core/summary.js';
import { EXIT, inputError, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { parseDate } from '../input/dates.js';
import { emptyEvidence, scanResponses, type KeepRow, type ScanEvidence, type ScoredRow } from '../input/responses.js';
import { describeAccounting, plural } from '../output/format.js';
import { Messages } from '../output/messages.js';
import { createRecordSink, RECORD_FORMATS, type RecordFormat, type RecordSink } from '../output/records.js';
import {
  addDedupeOption,
  addInputOptions,
  checkInputNames,
  dedupeFilter,
  exitForRejections,
  finishReading,
  openInput,
  progressFor,
  type DedupeOptions,
  type InputOptions,
  type OpenedInput,
} from './inputs.js';

export interface SegmentOptions extends InputOptions, DedupeOptions {
  out?: string;
  category?: Category;
  format: RecordFormat;
  force?: boolean;
}

export const ADDED_COLUMNS = ['nps_category', 'follow_up'] as const;

/**
 * A detractor waiting for the urgency sort: the only rows `segment` holds in
 * memory, each as its finished output line, which is far smaller than the parsed row.
 */
interface HeldRow {
  record: string;
  score: number;
  time: number | undefined;
  order: number;
}

/**
 * A copy of `text` that shares no memory with it. Parsed fields are slices of the
 * 64 KiB chunk they came from, and a line built from them keeps every such chunk
 * alive: held for the sort, the detractors would pin most of the file in memory.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Lowest score first; among equal scores the newest answer first; undated rows last, in file order. */
export function byUrgency(a: HeldRow, b: HeldRow): number {
  if (a.score !== b.score) return a.score - b.score;
  if (a.time !== b.time) {
    if (a.time === undefined) return 1;
    if (b.time === undefined) return -1;
    return b.time - a.time;
  }
  return a.order - b.order;
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
  if (same) return (cells) => cells;
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

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Refuses before any work is done, so an existing list is never lost to a rerun. */
async function planFiles(out: string, directory: string, force: boolean): Promise<FileTarget[]> {
  const targets = CATEGORIES.map((category) => ({
    category,
    shown: join(out, `${category}.csv`),
    final: join(directory, `${category}.csv`),
    temporary: join(directory, `.${category}.csv.${process.pid}.tmp`),
  }));
  if (!force) {
    for (const target of targets) {
      if (await exists(target.final)) {
        throw inputError(`${target.shown} already exists; use --force to replace it`);
      }
    }
  }
  const directoryStat = await stat(directory).catch(() => undefined);
  if (directoryStat !== undefined && !directoryStat.isDirectory()) {
    throw inputError(`--out ${out} is a file, not a folder`);
  }
  return targets;
}

export async function runSegment(files: string[], options: SegmentOptions, io: Io): Promise<ExitCode> {
  checkDestination(options);
  checkInputNames(files);
  const messages = new Messages(io.stderr, options.quiet === true);
  const directory = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  const targets = directory === undefined ? [] : await planFiles(options.out ?? '', directory, options.force === true);

  const keep = await dedupeFilter(files, io, options);
  const inputs: OpenedInput[] = [];
  for (const file of files) inputs.push(await openInput(file, io, options, messages));
  const columns = unionOfHeaders(inputs);
  const outputColumns = [...columns, ...ADDED_COLUMNS];

  if (directory !== undefined) await mkdir(directory, { recursive: true });
  const sinks = new Map<Category, RecordSink>();
  try {
    for (const target of targets) {
      const stream = createWriteStream(target.temporary, { flags: 'wx' });
      sinks.set(target.category, await createRecordSink('csv', outputColumns, stream, { endDestination: true }));
    }
    if (options.category !== undefined) {
      sinks.set(options.category, await createRecordSink(options.format, outputColumns, io.stdout, { endDestination: false }));
    }
    const result = await writeLists(inputs, columns, sinks, options, messages, keep, io);
    finishReading(result.tally, result.evidence, options, messages);
    for (const sink of sinks.values()) await sink.end();
    const summary = summarize(result.tally);
    const code = exitForRejections(options, summary.rejected, messages);
    if (code !== EXIT.ok && targets.length > 0) {
      messages.warn('no files were written');
      return code;
    }
    for (const target of targets) await rename(target.temporary, target.final);
    for (const category of CATEGORIES) {
      const target = targets.find((candidate) => candidate.category === category);
      const where = target ? target.shown : options.category === category ? 'standard output' : undefined;
      if (where === undefined) continue;
      const order = category === 'detractors' ? ' (most urgent first)' : '';
      messages.info(`wrote ${plural(summary.counts[category], category.slice(0, -1), category)} to ${where}${order}`);
    }
    messages.info(describeAccounting(summary));
    return code;
  } finally {
    await Promise.all(targets.map((target) => rm(target.temporary, { force: true })));
  }
}

interface ListsResult {
  tally: ReturnType<typeof emptyTally>;
  evidence: ScanEvidence;
}

/** Streams promoters and passives straight out; holds detractors until all are known, to sort them. */
async function writeLists(
  inputs: readonly OpenedInput[],
  columns: readonly string[],
  sinks: Map<Category, RecordSink>,
  options: SegmentOptions,
  messages: Messages,
  keep: KeepRow | undefined,
  io: Io,
): Promise<ListsResult> {
  const tally = emptyTally();
  const evidence = emptyEvidence();
  const held: HeldRow[] = [];
  let undated = 0;
  let blocked = false;
  const wantsDetractors = sinks.has('detractors');
  for (const opened of inputs) {
    const { reader, choice } = opened;
    const project = projection(reader.header, columns);
    const dateIndex = choice.columns.date;
    const onScored = (row: ScoredRow): void => {
      const category = categoryOf(row.score);
      const sink = sinks.get(category);
      if (sink === undefined) return;
      const cells = [...project(row.cells), category, FOLLOW_UP[category]];
      if (category !== 'detractors') {
        blocked = !sink.write(cells) || blocked;
        return;
      }
      const time = dateIndex === undefined ? undefined : parseDate(row.cells[dateIndex] ?? '');
      if (dateIndex !== undefined && time === undefined) undated += 1;
      held.push({ record: detached(sink.serialize(cells)), score: row.score, time, order: held.length });
    };
    const progress = progressFor(opened, tally, io, options, async () => {
      if (!blocked) return;
      blocked = false;
      await Promise.all([...sinks.values()].map((sink) => sink.drain()));
    });
    await scanResponses(opened, options, tally, evidence, {
      onRejected: (rejection) => messages.rejected(rejection),
      onScored,
      ...(keep && { keep }),
      ...(progress.afterChunk && { afterChunk: progress.afterChunk }),
    });
    progress.done();
  }
  if (wantsDetractors) {
    if (undated > 0) {
      messages.warn(`${plural(undated, 'detractor')} with a date that could not be read come after the dated ones`);
    }
    const sink = sinks.get('detractors');
    for (const row of held.sort(byUrgency)) {
      if (sink !== undefined && !sink.writeSerialized(row.record)) await sink.drain();
    }
  }
  return { tally, evidence };
}

export function segmentCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('segment')
    .description(
      'split responses into promoters, passives and detractors, each with what to do next; ' +
        'detractors are sorted most urgent first, which holds them in memory until the end',
    )
    .argument('<file...>', 'CSV files to read together; "-" reads standard input')
    .option('-o, --out <dir>', 'write promoters.csv, passives.csv and detractors.csv into this folder')
    .addOption(new Option('-c, --category <name>', 'print only this list on standard output').choices(CATEGORIES))
    .addOption(
      new Option('-f, --format <format>', 'format of the list printed by --category')
        .choices(Object.keys(RECORD_FORMATS))
        .default('csv'),
    )
    .option('--force', 'replace lists already in the --out folder');
  return addDedupeOption(addInputOptions(command)).action(async (files: string[], options: SegmentOptions) => {
    done(await runSegment(files, options, io));
  });
}
