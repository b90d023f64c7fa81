import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import { columnsCommand } from '../commands/columns.js';
import { compareCommand } from '../commands/compare.js';
import { driversCommand } from '../commands/drivers.js';
import { reportCommand } from '../commands/report.js';
import { sampleSizeCommand } from '../commands/sample-size.js';
import { scoreCommand } from '../commands/score.js';
import { segmentCommand } from '../commands/segment.js';
import { themesCommand } from '../commands/themes.js';
import type { Io } from '../io.js';
import type { CommandDefinition } from './command.js';
import type { Outcome } from './exit-code.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** The command table: the order `nps --help` lists them in. */
export const COMMANDS: ReadonlyArray<CommandDefinition<unknown>> = [
  scoreCommand,
  segmentCommand,
  themesCommand,
  driversCommand,
  reportCommand,
  compareCommand,
  columnsCommand,
  sampleSizeCommand,
];

/** The options every command inherits from `nps` itself. */
export interface GlobalOptions {
  verbose?: boolean;
  color?: boolean;
}

function examplesText(definition: CommandDefinition<unknown>): string {
  if (definition.examples.length === 0) return '';
  const lines = definition.examples.map(([command, what]) => `  $ ${command}\n      ${what}`);
  return `\nExamples:\n${lines.join('\n')}\n`;
}

function commandFor(definition: CommandDefinition<unknown>, io: Io, program: Command, done: (outcome: Outcome) => void): Command {
  const command = new Command(definition.name).description(definition.description);
  if (definition.argument) command.argument(definition.argument.name, definition.argument.description);
  for (const option of definition.options) command.addOption(option);
  command.addHelpText('after', examplesText(definition));
  command.action(async (...args: unknown[]) => {
    // commander passes the positional argument (when there is one), then the options, then the command.
    const files = definition.argument ? (args[0] as string[]) : [];
    const options = (definition.argument ? args[1] : args[0]) as unknown;
    const color = program.opts<GlobalOptions>().color;
    done(await definition.run(files, options, color === undefined ? io : { ...io, color }));
  });
  return command;
}

export function buildProgram(io: Io, done: (outcome: Outcome) => void): Command {
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
      outputError: (text, write) => write(`nps: ${text}`),
    });
  for (const definition of COMMANDS) {
    // Subcommands inherit the settings that route their help and errors through `io`.
    program.addCommand(commandFor(definition, io, program, done).copyInheritedSettings(program));
  }
  return program;
}
