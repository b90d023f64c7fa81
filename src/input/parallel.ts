import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ReadListener } from '../core/reading.js';
import { NpsError, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { MAGIC_BYTES, startsAsBinary } from './rows.js';
import { STDIN_NAME } from './source.js';
import { Responses, type FilePart, type PartReport, type ReadSpec, type ReadTotals, type Response } from './responses.js';

/**
 * Reading one large file with every core: the file is cut into parts between
 * records, each part is read by a worker thread through the same read pipeline,
 * and what each found is merged, part by part in order, into what one read would
 * have found. Any accumulator plugs in (a `PartJob`): it adds each response, turns
 * into data that can travel between threads, and merges with the accumulator of the
 * next part, as xsv's stats do. Tallies merge exactly; the first rejected rows and
 * every warning come out in file order. Where a part turns out not to have been cut
 * between records (a stray quote fooled the cut), or dates of one part cannot be
 * read without the others, the file is read the ordinary way instead.
 */

/**
 * Files smaller than this are read faster by one thread. A thread's start, its own
 * heap and its code still cold cost more than half a file saves below it: on 2 cores,
 * paired against one thread, `score` took 1.27 of the time with two at 28 MB, 1.21 at
 * 51 MB, 1.15 at 70 MB and 0.93 at 107 MB; `themes` 1.32, 1.19 and 1.05 (0.72 at 1 GB).
 */
const PARALLEL_MIN_BYTES = 100 * 1_000_000;
const MAX_THREADS = 8;

/** Where a part is in the file: accumulators that keep rows in order number them by part. */
export interface PartContext {
  /** 0 for the first part (and for a read in one pass), then 1, 2… in file order. */
  part: number;
  /** The folder for scratch files. */
  cwd: string;
}

/**
 * The work a command does on each part, as a worker thread can rebuild it: the
 * module that exports it (`commands/jobs/score.js`, which a thread loads from its bundle
 * as `jobs-score.js`: see jobModuleUrl) and its export
 * name, and how its accumulator is made, fed, carried and merged.
 */
export interface PartJob<Config, Acc, Data> {
  module: string;
  name: string;
  create(config: Config, context: PartContext): Acc | Promise<Acc>;
  /** What each scored response does to the accumulator; undefined when the job needs only the row accounting. */
  adder(acc: Acc, config: Config): ((response: Response) => void) | undefined;
  /** The accumulator as plain data (structured clone keeps no class): what a thread hands back. */
  toData(acc: Acc): Data | Promise<Data>;
  /** Adds the data of the next part in file order into `into`. */
  merge(into: Acc, data: Data, config: Config): void;
  /** Lets go of what an accumulator, or a part's data, holds outside memory (scratch files), when its read is given up. */
  discard?(acc: Acc): void;
  discardData?(data: Data): void;
}

/** What the read pipeline tells the person running `nps`, and how it speaks when it reads the input a second time. */
export interface ReadMessages extends ReadListener {
  /** The same listener, less what was already said of each input. */
  silent(): ReadListener;
}

/**
 * What a thread started ahead is told, before its part is known: enough to open the input (its header, its
 * columns) and load the job's module while this thread does the same, rather than after the cuts are found.
 */
export interface ThreadHead {
  file: string;
  cwd: string;
  spec: ReadSpec;
  job: JobName | undefined;
}

/** A job by the module that exports it and its export's name, as a thread loads it. */
export type JobName = Pick<PartJob<unknown, unknown, unknown>, 'module' | 'name'>;

/** What a thread is started with: its role (so that it takes parts), and what to open ahead, when known. */
export interface ThreadData {
  role: typeof PART_THREAD;
  head: ThreadHead | undefined;
}
export const PART_THREAD = 'nps-part-reader';

/**
 * A spec less what is known only once the input is open (the part, the cells the command reads), which opening
 * does not look at: what a task's spec must match to use the input opened ahead.
 */
const openedAlike = (ahead: ReadSpec, task: ReadSpec): boolean =>
  isDeepStrictEqual({ ...ahead, part: undefined, cellsRead: undefined }, { ...task, part: undefined, cellsRead: undefined });

/** Whether the input a thread opened ahead is its task's, opened as the task would open it. */
export function opensAsTask(head: Pick<ThreadHead, 'file' | 'cwd' | 'spec'>, task: Pick<PartTask, 'file' | 'cwd' | 'spec'>): boolean {
  return head.file === task.file && head.cwd === task.cwd && openedAlike(head.spec, task.spec);
}

/** What the coordinator sends a thread: its part, or word that it is not needed. */
export type ThreadMessage = PartTask | { kind: 'leave' };

/** What the coordinator sends a thread. */
export interface PartTask {
  kind: 'part';
  file: string;
  cwd: string;
  spec: ReadSpec;
  module: string;
  name: string;
  config: unknown;
}

export type PartMessage =
  | { kind: 'progress'; bytes: number; rows: number }
  | { kind: 'done'; report: PartReport; data: unknown }
  | { kind: 'error'; message: string; exitCode: ExitCode | undefined };

function threadsFor(io: Io): number {
  const asked = Number(io.env['NPS_THREADS']);
  if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, MAX_THREADS);
  return Math.min(availableParallelism(), MAX_THREADS);
}

function minimumBytes(io: Io): number {
  const asked = Number(io.env['NPS_PARALLEL_MIN_BYTES']);
  return Number.isFinite(asked) && asked >= 0 ? asked : PARALLEL_MIN_BYTES;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SCAN_BYTES = 1 << 20;

/**
 * Occurrences of `byte` in `buffer` from `from` to `to`, by indexOf: quotes and line breaks are few next to the
 * bytes. The search never looks past `to`: a file with one stray quote and no other is counted line by line to
 * the end, and an unbounded indexOf would search the rest of the buffer for a quote once per line.
 */
function countByte(buffer: Buffer, byte: number, from: number, to: number): number {
  const range = buffer.subarray(from, to);
  let count = 0;
  for (let at = range.indexOf(byte); at !== -1; at = range.indexOf(byte, at + 1)) count += 1;
  return count;
}

/** CRs not followed by LF: line breaks of their own (a CRLF is counted at its LF). */
function loneCrs(buffer: Buffer, from: number, to: number, end: number): number {
  const range = buffer.subarray(from, to);
  let count = 0;
  for (let at = range.indexOf(CR); at !== -1; at = range.indexOf(CR, at + 1)) {
    if (from + at + 1 < end && buffer[from + at + 1] !== LF) count += 1;
  }
  return count;
}

/** The byte offset where data starts: after `headerRecords` records that are not blank, outside quotes. */
export function dataStartIn(buffer: Buffer, length: number, headerRecords: number): number | undefined {
  let quotes = 0;
  let records = 0;
  let content = false;
  for (let at = 0; at < length; at += 1) {
    const byte = buffer[at];
    if (byte === QUOTE) quotes += 1;
    if (byte !== LF && byte !== CR) content = true;
    if (byte !== LF || quotes % 2 !== 0) continue;
    if (content) records += 1;
    content = false;
    if (records >= headerRecords) return at + 1;
  }
  return undefined;
}

/**
 * Where to cut a file into `count` parts: for each cut, the first LF at or after the
 * even share of bytes with an even number of quote characters before it (so outside
 * any quoted field), after the data starts. Also counts the lines before each cut,
 * so that each part gives its rows their lines in the file. One pass up to the last
 * cut, counting quotes and line breaks with indexOf rather than byte by byte.
 *
 * The reads are synchronous: the threads wait for the cuts, and this thread has
 * nothing else to do. Read asynchronously, a megabyte at a time, this thread was
 * idle three fifths of the 1.1 s the cuts of a 1 GB file took.
 */
export function cutPoints(path: string, size: number, count: number, headerRecords: number, alreadyRead = 0): FilePart[] | undefined {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(SCAN_BYTES);
  const cuts: Array<{ at: number; lines: number }> = [];
  try {
    const headBytes = readSync(fd, buffer, 0, buffer.length, 0);
    const dataStart = headerRecords === 0 ? 0 : dataStartIn(buffer, headBytes, headerRecords);
    // A file with no LF in its first megabyte (CR line ends, or a huge header) is read the ordinary way.
    if (dataStart === undefined || buffer.subarray(0, headBytes).indexOf(LF) === -1) return undefined;
    // The first part is read by the reader that read the header, which has read ahead: no cut before where it is.
    const targets = Array.from({ length: count - 1 }, (_, index) => Math.max(dataStart, alreadyRead, Math.floor(((index + 1) * size) / count)));
    let quotes = 0;
    let lines = 0;
    let position = 0;
    while (cuts.length < targets.length && position < size) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      let at = 0;
      while (at < bytesRead && cuts.length < targets.length) {
        const target = Math.max(at, Math.min(bytesRead, (targets[cuts.length] ?? size) - position));
        quotes += countByte(buffer, QUOTE, at, target);
        lines += countByte(buffer, LF, at, target) + loneCrs(buffer, at, target, bytesRead);
        at = target;
        if (at >= bytesRead) break;
        // Past the target: the next LF outside quotes is the cut.
        const lf = buffer.indexOf(LF, at);
        if (lf === -1) {
          quotes += countByte(buffer, QUOTE, at, bytesRead);
          lines += loneCrs(buffer, at, bytesRead, bytesRead);
          at = bytesRead;
          break;
        }
        quotes += countByte(buffer, QUOTE, at, lf);
        lines += loneCrs(buffer, at, lf, bytesRead) + 1;
        at = lf + 1;
        if (quotes % 2 === 0 && position + at < size) cuts.push({ at: position + at, lines });
      }
      position += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
  if (cuts.length === 0) return undefined;
  const starts = [{ at: 0, lines: 0 }, ...cuts];
  return starts.map((start, index) => ({
    index,
    start: start.at,
    end: starts[index + 1]?.at ?? size,
    firstLine: start.lines + 1,
    isLast: index === starts.length - 1,
  }));
}

/**
 * The thread's script and the jobs' modules, bundled by `npm run build` into dist/thread/ as
 * `worker.js` and `jobs-<name>.js` (scripts/bundle.mjs); tests that read in parallel run after it.
 */
const THREAD = new URL('../../dist/thread/', import.meta.url);
const WORKER = fileURLToPath(new URL('worker.js', THREAD));

/** The URL a thread imports a job's module from: `commands/jobs/score.js` is `jobs-score.js`. */
export function jobModuleUrl(module: string): string {
  return new URL(`jobs-${module.slice(module.lastIndexOf('/') + 1)}`, THREAD).href;
}

/**
 * Threads started ahead of a read that will likely be in parts: a thread takes longer
 * to start (about 0.1 s: its own Node and the read pipeline's modules, bundled) than this
 * thread takes to read the header and find the cuts, so it starts first and waits.
 * An idle thread does not keep the process alive; one never used is let go.
 */
const waiting: Worker[] = [];

function startThread(head?: ThreadHead): Worker {
  // Loaded here, not imported: most files are read by one thread, and the module costs every run 3 ms to load.
  const data: ThreadData = { role: PART_THREAD, head };
  const worker = new (process.getBuiltinModule('node:worker_threads').Worker)(WORKER, { workerData: data });
  worker.unref();
  // A thread that ends while it waits (it failed to start) is no longer offered: a read would wait on it for ever.
  // The read that starts one in its place reports the failure, if it fails again.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    const at = waiting.indexOf(worker);
    if (at !== -1) waiting.splice(at, 1);
  });
  return worker;
}

/** A waiting thread, or a new one. */
function takeThread(): Worker {
  return waiting.shift() ?? startThread();
}

/** Lets go of the threads started for a read that did not use them: each closes the input it opened ahead, and ends. */
function letWaitingThreadsGo(): void {
  const leave: ThreadMessage = { kind: 'leave' };
  for (const worker of waiting.splice(0)) worker.postMessage(leave);
}

/** A regular file's size; undefined for a pipe or a device, or a file that cannot be read (its reader says why). */
function regularFileSize(path: string): number | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a file starts as text: a workbook or a Parquet file is read in one pass. */
function startsAsText(path: string): boolean {
  const head = Buffer.alloc(MAGIC_BYTES);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return !startsAsBinary(head);
}

/**
 * Starts, before the input is opened, the threads a read in parts would use, when
 * it likely will be: one large regular file of text, no --dedupe, and side files that
 * are regular files. What the header says (an encoding that cannot be cut) is known
 * only later; a thread not used is let go when the read begins. (A run that stops
 * before it reads leaves its threads waiting, unreferenced, until the process ends.)
 */
export function startThreadsFor(files: readonly string[], spec: ReadSpec, io: Io, job?: JobName): void {
  const [only] = files;
  if (only === undefined || only === STDIN_NAME) return;
  const path = resolve(io.cwd, only);
  const size = regularFileSize(path);
  const threads = size === undefined ? undefined : threadsForParts(files.length, spec, size, io);
  if (threads === undefined || !startsAsText(path)) return;
  const head: ThreadHead = { file: path, cwd: io.cwd, spec, job: job === undefined ? undefined : { module: job.module, name: job.name } };
  while (waiting.length < threads - 1) waiting.push(startThread(head));
}

function runPart(task: PartTask, onProgress: (bytes: number, rows: number) => void, started: (worker: Worker) => void): Promise<Extract<PartMessage, { kind: 'done' }>> {
  return new Promise((resolve, reject) => {
    const worker = takeThread();
    worker.ref();
    started(worker);
    worker.on('message', (message: PartMessage) => {
      if (message.kind === 'progress') onProgress(message.bytes, message.rows);
      else if (message.kind === 'done') resolve(message);
      else reject(message.exitCode === undefined ? new Error(message.message) : new NpsError(message.message, message.exitCode));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`a reading thread stopped with code ${code}`));
    });
    const message: ThreadMessage = task;
    worker.postMessage(message);
  });
}

/**
 * The threads a read of `inputs` files of `size` bytes in parts takes: one input, no
 * --dedupe, side files each thread can read again, large enough, and two threads or
 * more; undefined when it is read in one pass.
 */
function threadsForParts(inputs: number, spec: Pick<ReadSpec, 'dedupe' | 'customers' | 'exclude'>, size: number, io: Io): number | undefined {
  if (inputs !== 1 || spec.dedupe !== 'none' || size < minimumBytes(io) || !sideFilesReadAgain(spec, io)) return undefined;
  const threads = threadsFor(io);
  return threads >= 2 ? threads : undefined;
}

/**
 * Whether every thread can read the run's side files (--customers, --exclude) for itself: each is a regular file.
 * Standard input or a pipe (`<(…)`) can be read once: a second reader found it empty, or took what the first needed.
 */
function sideFilesReadAgain(spec: Pick<ReadSpec, 'customers' | 'exclude'>, io: Io): boolean {
  return [spec.customers?.file, spec.exclude].every((file) => file === undefined || (file !== STDIN_NAME && regularFileSize(resolve(io.cwd, file)) !== undefined));
}

/** Whether one input can be read in parts: a regular file, large enough, in an encoding cut safely at a line break. */
function canReadInParts(responses: Responses, spec: ReadSpec, io: Io): { path: string; size: number; threads: number } | undefined {
  const [only] = responses.inputs;
  // A workbook's sheet is one deflated stream, read from its start: it takes the one-thread path.
  if (only === undefined || only.reader.kind !== 'csv') return undefined;
  const { source, encoding } = only.reader;
  if (source.path === undefined || source.size === undefined) return undefined;
  if (encoding !== 'utf-8' && encoding !== 'windows-1252') return undefined;
  const threads = threadsForParts(responses.inputs.length, spec, source.size, io);
  return threads === undefined ? undefined : { path: source.path, size: source.size, threads };
}

/**
 * Reads the single input of `responses` in parallel: this thread reads the first
 * part with the reader that read the header, one worker thread reads each other
 * part, each into an accumulator of `job`; the parts' accumulators are merged in
 * file order, and `responses` speaks for the whole as one read would. Undefined
 * when the input cannot be read so: the caller reads it the ordinary way (nothing
 * has been said or counted of it then).
 */
async function readInParallel<Config, Acc, Data>(
  responses: Responses,
  spec: ReadSpec,
  io: Io,
  job: PartJob<Config, Acc, Data>,
  config: Config,
  progress: ((bytes: number, total: number, rows: number) => void) | undefined,
): Promise<{ totals: ReadTotals; acc: Acc } | undefined> {
  const plan = canReadInParts(responses, spec, io);
  const [opened] = responses.inputs;
  if (plan === undefined || opened === undefined) return undefined;
  const parts = cutPoints(plan.path, plan.size, plan.threads, opened.layout.headerRows, opened.reader.bytesRead);
  const [first, ...others] = parts ?? [];
  if (first === undefined || others.length === 0) return undefined;
  const seen = (parts ?? []).map(() => ({ bytes: 0, rows: 0 }));
  const report = (index: number, bytes: number, rows: number): void => {
    seen[index] = { bytes, rows };
    progress?.(seen.reduce((sum, one) => sum + one.bytes, 0), plan.size, seen.reduce((sum, one) => sum + one.rows, 0));
  };
  const workers: Worker[] = [];
  const running = others.map((part) =>
    runPart(
      { kind: 'part', file: plan.path, cwd: io.cwd, spec: { ...spec, part }, module: job.module, name: job.name, config },
      (bytes, rows) => report(part.index, bytes, rows),
      (worker) => workers.push(worker),
    ),
  );
  // A part may fail before this thread is done with its own: its error is taken up below, not left unhandled.
  for (const part of running) part.catch(() => undefined);
  const acc = await job.create(config, { part: 0, cwd: io.cwd });
  let own: PartReport;
  let results: Array<Extract<PartMessage, { kind: 'done' }>>;
  try {
    own = await responses.readPart(job.adder(acc, config), io, { firstPartEnd: first.end, progress: (bytes, rows) => report(0, bytes, rows) });
    results = await Promise.all(running);
  } catch (error) {
    // One part failed: the others would only spend the cores on a result nobody reads.
    await Promise.all(workers.map((worker) => worker.terminate()));
    job.discard?.(acc);
    throw error;
  }
  const reports = [own, ...results.map((result) => result.report)];
  if (reports.some((one) => one.boundaryBroken || one.unsettled)) {
    job.discard?.(acc);
    for (const result of results) job.discardData?.(result.data as Data);
    return undefined;
  }
  checkDatesAgree(reports);
  for (const result of results) job.merge(acc, result.data as Data, config);
  return { totals: responses.adoptParts(reports), acc };
}

/**
 * Reads every input of `responses` into an accumulator of `job`: a large single file
 * by every core, anything else (standard input, several files, --dedupe, a workbook)
 * in one pass; after a parallel read that gave up (a stray quote across a cut), the
 * ordinary way, from the start again.
 */
export async function readWith<Config, Acc, Data>(
  files: readonly string[],
  responses: Responses,
  spec: ReadSpec,
  io: Io,
  messages: ReadMessages,
  job: PartJob<Config, Acc, Data>,
  config: Config,
): Promise<{ totals: ReadTotals; acc: Acc }> {
  const progress = messages.progress === undefined ? undefined : (bytes: number, total: number, rows: number) => messages.progress?.(bytes, total, rows);
  try {
    const parallel = await readInParallel(responses, spec, io, job, config, progress);
    if (parallel !== undefined) return parallel;
  } finally {
    letWaitingThreadsGo();
    messages.progressDone?.();
  }
  const source = responses.consumed ? await Responses.open(files, spec, io, messages.silent()) : responses;
  const acc = await job.create(config, { part: 0, cwd: io.cwd });
  try {
    return { totals: await source.read(job.adder(acc, config)), acc };
  } catch (error) {
    job.discard?.(acc);
    throw error;
  }
}

/** A part that found day-first dates and another month-first ones: the same error a single read gives. */
function checkDatesAgree(reports: readonly PartReport[]): void {
  const dayFirst = reports.find((report) => report.evidence.dayFirst !== undefined)?.evidence.dayFirst;
  const monthFirst = reports.find((report) => report.evidence.monthFirst !== undefined)?.evidence.monthFirst;
  if (dayFirst !== undefined && monthFirst !== undefined) {
    throw new NpsError(
      `the dates mix day-first (${dayFirst}) and month-first (${monthFirst}) forms; ` +
        'fix the file, or choose with --date-format m/d/yyyy or --date-format d/m/yyyy',
    );
  }
}
