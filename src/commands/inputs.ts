import type { Command } from 'commander';
import { EXIT, inputError, type ExitCode } from '../errors.js';
import type { Io } from '../io.js';
import type { ColumnChoice } from '../input/columns.js';
import { CsvReader } from '../input/csv.js';
import { chooseColumnsFor } from '../input/responses.js';
import { openSource, STDIN_NAME } from '../input/source.js';
import type { Messages } from '../output/messages.js';

/** The options every command that reads responses shares. */
export interface InputOptions {
  scoreColumn?: string;
  dateColumn?: string;
  strict?: boolean;
  quiet?: boolean;
}

export function addInputOptions(command: Command): Command {
  return command
    .option('--score-column <name>', 'the header of the column holding the 0-10 answer (found by name when omitted)')
    .option('--date-column <name>', 'the header of the column holding the date of each answer (found by name when omitted)')
    .option('--strict', 'fail with exit code 3 when any row is rejected')
    .option('-q, --quiet', 'print only warnings and errors on stderr, not which columns were used or what was written');
}

export interface OpenedInput {
  reader: CsvReader;
  choice: ColumnChoice;
}

/** Standard input can be read once: naming it twice would silently score nothing the second time. */
export function checkInputNames(files: readonly string[]): void {
  if (files.filter((file) => file === STDIN_NAME).length > 1) {
    throw inputError('"-" (standard input) can be named only once');
  }
}

function describeChoice(opened: OpenedInput): string {
  const { reader, choice } = opened;
  const header = (index: number | undefined): string => JSON.stringify(reader.header[index ?? -1] ?? '');
  const parts = [`scoring column ${header(choice.columns.score)}`];
  if (choice.otherScoreCandidates.length > 0) {
    const others = choice.otherScoreCandidates.map((name) => JSON.stringify(name)).join(', ');
    parts.push(`(also possible: ${others}; pick one with --score-column)`);
  }
  if (choice.columns.date !== undefined) parts.push(`dated by ${header(choice.columns.date)}`);
  return `${reader.name}: ${parts.join(' ')}`;
}

/** Opens one input far enough to know its columns, and says which it will use. */
export async function openInput(file: string, io: Io, options: InputOptions, messages: Messages): Promise<OpenedInput> {
  const source = await openSource(file, io.cwd, io.stdin);
  const reader = await CsvReader.open(source);
  const opened = { reader, choice: chooseColumnsFor(reader, options) };
  messages.info(describeChoice(opened));
  return opened;
}

/** Under --strict any rejected row fails the run once everything else is reported. */
export function exitForRejections(options: InputOptions, rejected: number, messages: Messages): ExitCode {
  if (options.strict !== true || rejected === 0) return EXIT.ok;
  messages.warn(`--strict: ${rejected} ${rejected === 1 ? 'row was' : 'rows were'} rejected`);
  return EXIT.rejectedUnderStrict;
}
