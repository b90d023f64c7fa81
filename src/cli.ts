import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { columnsCommand } from './commands/columns.js';
import { compareCommand } from './commands/compare.js';
import { reportCommand } from './commands/report.js';
import { sampleSizeCommand } from './commands/sample-size.js';
import { scoreCommand } from './commands/score.js';
import { segmentCommand } from './commands/segment.js';
import { themesCommand } from './commands/themes.js';
import { EXIT, exitCodeFor, NpsError, type ExitCode } from './errors.js';
import type { Io } from './io.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Commander's own exits: asked-for help or version is a success, anything else a usage error. */
function exitCodeForCommander(error: CommanderError): ExitCode {
  return error.exitCode === 0 ? EXIT.ok : EXIT.input;
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

export function buildProgram(io: Io, done: (code: ExitCode) => void): Command {
  const program = new Command('nps')
    .description('Net Promoter Score from survey exports: the score, and the lists to follow up')
    .version(version)
    .option('--verbose', 'show the technical detail (stack trace) of an unexpected error')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`nps: ${text}`),
    });
  const commands = [
    scoreCommand(io, done),
    segmentCommand(io, done),
    columnsCommand(io, done),
    themesCommand(io, done),
    reportCommand(io, done),
    compareCommand(io, done),
    sampleSizeCommand(io, done),
  ];
  for (const command of commands) {
    // Subcommands inherit the settings that route their help and errors through `io`.
    program.addCommand(command.copyInheritedSettings(program));
  }
  return program;
}

/** Runs `nps` with `argv` (no node or script path) and returns the exit code; never exits the process. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(io, (result) => {
    code = result;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeForCommander(error);
    if (isBrokenPipe(error)) return EXIT.ok;
    if (error instanceof NpsError) {
      io.stderr.write(`nps: error: ${error.message}\n`);
    } else {
      io.stderr.write(`nps: internal error: ${(error as Error)?.message ?? String(error)}\n`);
      if (program.opts<{ verbose?: boolean }>().verbose) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
      else io.stderr.write('nps: run again with --verbose for the technical detail\n');
    }
    return exitCodeFor(error);
  }
}
