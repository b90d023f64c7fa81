import { Command, Option } from '../libraries/commander.js';
import { createRequire } from 'node:module';
import { LINE_WIDTH, widthOf } from '../output/render/plain-table.js';
import { wrapText } from '../output/render/text-width.js';
import type { CommandDefinition } from '../commands/shared/definition.js';
import type { Outcome } from '../commands/shared/outcome.js';
import type { Io } from '../io.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** A command as `nps --help` lists it, and how to load the rest of it when it runs. */
export interface CommandEntry {
  name: string;
  /** `<file...>`, or nothing for a command that reads no file. */
  argument: string;
  /** One line for `nps --help` and the README's table of commands. */
  summary: string;
  load: () => Promise<CommandDefinition<unknown>>;
}

/**
 * The command table, in the order `nps --help` lists them. A command's module (its
 * options, its run and everything they import) is loaded only when that command
 * runs or shows its help, so that `nps score` never loads what `nps report` needs.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'score',
    argument: '<file...>',
    summary: 'the NPS with its margin of error, the row accounting and the 0-10 distribution; by group and over time',
    load: async () => (await import('../commands/score.js')).scoreCommand,
  },
  {
    name: 'segment',
    argument: '<file...>',
    summary: 'promoters, passives and detractors as lists to work from: what to do, by when, a message to send',
    load: async () => (await import('../commands/segment.js')).segmentCommand,
  },
  {
    name: 'followup',
    argument: '<ledger>',
    summary: 'where the follow-up stands, from the ledger segment keeps: cases by status, overdue ones, time to first contact',
    load: async () => (await import('../commands/followup.js')).followupCommand,
  },
  {
    name: 'accounts',
    argument: '<file...>',
    summary: 'each customer account once: its respondents\' mix, its value, the accounts to escalate and those that did not answer',
    load: async () => (await import('../commands/accounts.js')).accountsCommand,
  },
  {
    name: 'themes',
    argument: '<file...>',
    summary: 'what the comments are about, in their own languages, and which themes move the score',
    load: async () => (await import('../commands/themes.js')).themesCommand,
  },
  {
    name: 'drivers',
    argument: '<file...>',
    summary: 'what moves the score: each other rating\'s share of it, how it is rated, what to fix first',
    load: async () => (await import('../commands/drivers.js')).driversCommand,
  },
  {
    name: 'report',
    argument: '<file...>',
    summary: 'one self-contained HTML report: the score, trend, breakdown, themes, and whom to contact',
    load: async () => (await import('../commands/report.js')).reportCommand,
  },
  {
    name: 'compare',
    argument: '<file...>',
    summary: 'whether a difference between two exports, groups or periods is real, and who moved',
    load: async () => (await import('../commands/compare.js')).compareCommand,
  },
  {
    name: 'columns',
    argument: '<file...>',
    summary: 'what nps understands of a file, before you trust its numbers',
    load: async () => (await import('../commands/columns.js')).columnsCommand,
  },
  {
    name: 'sql',
    argument: '',
    summary: 'one SQL query that counts a warehouse table by the definitions of nps, for nps score --counts',
    load: async () => (await import('../commands/sql.js')).sqlCommand,
  },
  {
    name: 'sample-size',
    argument: '',
    summary: 'how many responses a survey needs',
    load: async () => (await import('../commands/sample-size.js')).sampleSizeCommand,
  },
];

/** The options every command inherits from `nps` itself. */
export interface GlobalOptions {
  verbose?: boolean;
  color?: boolean;
}

/** What running a command hands back to `main`: its outcome, once its result is written. */
export type Done = (outcome: Outcome) => void;

/** Runs a loaded command: reads its arguments, runs it, and writes what it returns. */
export type RunCommand = (definition: CommandDefinition<unknown>, files: string[], options: unknown) => Promise<void>;

/**
 * Each example as a command to copy, broken at spaces with a shell's line continuation
 * where it is wider than the help, then what it does, wrapped under it.
 */
function examplesText(definition: CommandDefinition<unknown>): string {
  if (definition.examples.length === 0) return '';
  const lines = definition.examples.map(([command, what]) => `${continued(`  $ ${command}`)}\n${wrapText(what, LINE_WIDTH - 6).replace(/^/gmu, '      ')}`);
  return `\nExamples:\n${lines.join('\n')}\n`;
}

/** A command line broken before an option where it would pass the width: "… \" then the rest, indented. */
function continued(line: string): string {
  const rows: string[] = [];
  let row = '';
  for (const word of line.split(/(?= --?[A-Za-z])/u)) {
    if (row !== '' && row.length + word.length + 2 > LINE_WIDTH) {
      rows.push(`${row} \\`);
      row = `       ${word}`;
    } else row += word;
  }
  rows.push(row);
  return rows.join('\n');
}

/** The commander command of a loaded definition. */
export function commandFor(definition: CommandDefinition<unknown>, summary: string, runCommand: RunCommand): Command {
  const command = new Command(definition.name).description(definition.description).summary(summary);
  if (definition.argument) command.argument(definition.argument.name, definition.argument.description);
  for (const option of definition.options) command.addOption(option);
  command.addHelpText('after', examplesText(definition));
  command.action(async (...args: unknown[]) => {
    // commander passes the positional argument (when there is one), then the options, then the command.
    // A variadic argument (<file...>) comes as an array, a single one (<ledger>) as a string.
    const files = definition.argument ? [args[0] as string | string[]].flat() : [];
    const options = definition.argument ? args[1] : args[0];
    await runCommand(definition, files, options);
  });
  return command;
}

/** A command not loaded: enough for `nps --help` to list it. */
function placeholderFor(entry: CommandEntry): Command {
  const command = new Command(entry.name).summary(entry.summary).description(entry.summary);
  if (entry.argument !== '') command.argument(entry.argument);
  return command.allowUnknownOption();
}

/**
 * The command the arguments name: the first word that is not an option (the global
 * options take no value), or the command `nps help COMMAND` asks about.
 */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((word) => !word.startsWith('-'));
  const [first, second] = words;
  const name = first === 'help' ? second : first;
  return COMMANDS.find((entry) => entry.name === name);
}

export async function buildProgram(argv: readonly string[], io: Io, runCommand: RunCommand): Promise<Command> {
  const program = new Command('nps')
    .description('Net Promoter Score from survey exports: the score, and the lists to follow up')
    .version(version)
    .option('--verbose', 'show the technical detail (stack trace) of an unexpected error')
    .addOption(new Option('--color', 'colour the tables even when not at a terminal'))
    .addOption(new Option('--no-color', 'never colour the tables (as NO_COLOR does)'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // commander asks the process's own streams, and takes a terminal of 0 columns for one that cannot wrap.
      getOutHelpWidth: () => widthOf(io.stdout),
      getErrHelpWidth: () => widthOf(io.stderr),
      outputError: (text, write) => write(`nps: ${text}`),
    });
  const named = commandNamed(argv);
  for (const entry of COMMANDS) {
    const command = entry === named ? commandFor(await entry.load(), entry.summary, runCommand) : placeholderFor(entry);
    // Subcommands inherit the settings that route their help and errors through `io`.
    program.addCommand(command.copyInheritedSettings(program));
  }
  return program;
}
