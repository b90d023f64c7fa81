import { Option, type Command } from 'commander';
import { rowsIn, type Tally } from '../core/tally.js';
import { EXIT, inputError, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import { FORMATS } from '../input/formats.js';
import { loadCustomers, parseJoinOn, type Customers } from '../input/join.js';
import { DEDUPE_MODES, planDedupe, refuseDedupeOfStdin, type DedupeMode } from '../input/dedupe.js';
import {
  openResponses,
  refuseRecodedScale,
  type KeepRow,
  type OpenedInput,
  type ReadOptions,
  type ScanEvidence,
} from '../input/responses.js';
import { STDIN_NAME } from '../input/source.js';
import { plural } from '../output/format.js';
import type { Messages } from '../output/messages.js';
import { Progress, wantsProgress } from '../output/progress.js';
import { numberOption } from './precision.js';

export type { OpenedInput } from '../input/responses.js';

/** The options every command that reads responses shares. */
export interface InputOptions extends ReadOptions {
  strict?: boolean;
  quiet?: boolean;
}

export function addInputOptions(command: Command): Command {
  return command
    .option('--score-column <column>', 'the column holding the 0-10 answer: its header, a unique start of it, or its number from 1')
    .option('--date-column <column>', 'the column holding the date of each answer, named the same ways')
    .option('--comment-column <column>', 'the column holding the comment, named the same ways')
    .option('--include-partial', 'count unfinished responses (Qualtrics, Typeform) in the score')
    .option('--score-offset <n>', 'add this to every score before reading it, e.g. -1 for a 0-10 question coded 1-11', numberOption('--score-offset', -10, 10))
    .option('--strict', 'fail with exit code 3 when any row is rejected')
    .option('-q, --quiet', 'print only warnings and errors on stderr, not which columns were used or what was written');
}

/** For the commands that count each respondent once on request. */
export interface DedupeOptions {
  dedupe: DedupeMode;
}

export function addDedupeOption(command: Command): Command {
  return command.addOption(
    new Option('--dedupe <mode>', 'one scored response per respondent: latest or first by the date column; none counts all')
      .choices(Object.keys(DEDUPE_MODES))
      .default('none'),
  );
}

/** The first pass of --dedupe, over every input; a fresh row filter for the second pass. */
export async function dedupeFilter(files: readonly string[], io: Io, options: InputOptions & DedupeOptions): Promise<KeepRow | undefined> {
  if (options.dedupe === 'none') return undefined;
  refuseDedupeOfStdin(files);
  async function* inputs(): AsyncGenerator<OpenedInput> {
    for (const file of files) yield await openResponses(file, io.cwd, io.stdin, options);
  }
  return (await planDedupe(inputs(), options.dedupe, options))();
}

/** The options that join a customer export to the responses. */
export interface CustomerOptions {
  customers?: string;
  joinOn?: string;
}

/** --customers with --join-on: the customer export, loaded once for every input, and the survey column to match. */
export async function customersFor(
  options: CustomerOptions,
  io: Io,
): Promise<{ loaded: Customers; surveyColumn: string } | undefined> {
  if ((options.customers === undefined) !== (options.joinOn === undefined)) {
    throw inputError('--customers and --join-on go together: the file of customers, and the column that matches them to responses');
  }
  if (options.customers === undefined || options.joinOn === undefined) return undefined;
  const join = parseJoinOn(options.joinOn);
  return { loaded: await loadCustomers(options.customers, join.customers, io.cwd, io.stdin), surveyColumn: join.survey };
}

/** Standard input can be read once: naming it twice would silently score nothing the second time. */
export function checkInputNames(files: readonly string[]): void {
  if (files.filter((file) => file === STDIN_NAME).length > 1) {
    throw inputError('"-" (standard input) can be named only once');
  }
}

const ENCODING_NOTES: Record<string, string> = {
  'windows-1252': 'read as Windows-1252 (the bytes are not UTF-8)',
  'utf-16le': 'read as UTF-16',
  'utf-16be': 'read as UTF-16',
};

/** One line saying what `nps` understood of an input: the format, the score column and the date column. */
export function describeInput(opened: OpenedInput): string {
  const { reader, layout, choice } = opened;
  const header = (index: number | undefined): string => JSON.stringify(reader.header[index ?? -1] ?? '');
  const format = layout.format === 'plain' ? '' : `${FORMATS[layout.format]} export, `;
  const parts = [`${format}scoring column ${header(choice.columns.score)}`];
  if (choice.columns.date !== undefined) parts.push(`dated by ${header(choice.columns.date)}`);
  const encoding = ENCODING_NOTES[reader.encoding];
  if (encoding !== undefined) parts.push(encoding);
  return `${reader.name}: ${parts.join(', ')}`;
}

/** Opens one input far enough to know its columns, and says which it will use. */
export async function openInput(file: string, io: Io, options: InputOptions, messages: Messages): Promise<OpenedInput> {
  const opened = await openResponses(file, io.cwd, io.stdin, options);
  messages.info(describeInput(opened));
  return opened;
}

/**
 * A progress line for one large input read at a terminal: `afterChunk` redraws it
 * (after `also`, the caller's own per-chunk work), `done` erases it.
 */
export function progressFor(
  opened: OpenedInput,
  tally: Tally,
  io: Io,
  options: InputOptions,
  also?: () => Promise<void> | undefined,
): { afterChunk?: () => Promise<void> | undefined; done: () => void } {
  const total = opened.reader.source.size;
  if (total === undefined || !wantsProgress(total, io.stderr, options.quiet === true)) {
    return { ...(also && { afterChunk: also }), done: () => undefined };
  }
  const progress = new Progress(io.stderr, total);
  const rowsBefore = rowsIn(tally);
  return {
    afterChunk: () => {
      progress.update(opened.reader.bytesRead, rowsIn(tally) - rowsBefore);
      return also?.();
    },
    done: () => progress.done(),
  };
}

/** After every input is read: stop on a 1..11 scale, and say how many unfinished responses were set aside. */
export function finishReading(tally: Tally, evidence: ScanEvidence, options: InputOptions, messages: Messages): void {
  messages.finishRejections();
  refuseRecodedScale(tally, evidence, options);
  if (tally.partial > 0) {
    messages.warn(`${plural(tally.partial, 'partial response')} (unfinished) left out of the score; --include-partial counts them`);
  }
  if (tally.duplicates > 0) {
    messages.info(`${plural(tally.duplicates, 'repeated response')} left out: --dedupe counts one per respondent`);
  }
}

/** Under --strict any rejected row fails the run once everything else is reported. */
export function exitForRejections(options: InputOptions, rejected: number, messages: Messages): ExitCode {
  if (options.strict !== true || rejected === 0) return EXIT.ok;
  messages.warn(`--strict: ${rejected} ${rejected === 1 ? 'row was' : 'rows were'} rejected`);
  return EXIT.rejectedUnderStrict;
}
