import { CommanderError } from '../libraries/commander.js';
import type { CommandDefinition } from '../commands/shared/definition.js';
import { exitCodeOfOutcome, type Outcome } from '../commands/shared/outcome.js';
import { present } from '../commands/shared/present.js';
import { describeSystemError, EXIT, exitCodeOfError, isSystemError, isUserFacing, outputError, type ExitCode } from '../errors.js';
import { pause, type Io } from '../io.js';
import { visible } from '../output/render/format.js';
import { removeTemporaryFiles } from '../output/write/temporaries.js';
import { buildProgram, type GlobalOptions } from './program.js';
import { clip } from '../core/clip.js';

/** Commander's own exits: asked-for help or version is a success, anything else a usage error. */
function exitCodeForCommander(error: CommanderError): ExitCode {
  return error.exitCode === 0 ? EXIT.ok : EXIT.input;
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/**
 * Runs `nps` with `argv` (no node or script path) and returns the exit code; never
 * exits the process. Commands return an outcome or throw; only here do either
 * become an exit code and, for errors, one line on stderr.
 */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let outcome: Outcome | undefined;
  try {
    const program = await buildProgram(argv, io, async (definition: CommandDefinition<unknown>, files, options) => {
      const global = program.opts<GlobalOptions>();
      const runIo = global.color === undefined ? io : { ...io, color: global.color };
      const ran = await definition.run(files, options, runIo);
      await present(definition, ran, options as { json?: boolean }, runIo);
      outcome = ran.outcome;
    });
    await program.parseAsync([...argv], { from: 'user' });
    return outcome === undefined ? EXIT.ok : exitCodeOfOutcome(outcome);
  } catch (error) {
    if (error instanceof CommanderError) return exitCodeForCommander(error);
    if (isBrokenPipe(error)) return EXIT.ok;
    if (isUserFacing(error)) {
      io.stderr.write(`nps: error: ${visible(clip(error.message))}\n`);
    } else if (isSystemError(error)) {
      io.stderr.write(`nps: error: ${visible(clip(describeSystemError(error)))}\n`);
    } else {
      io.stderr.write(`nps: internal error: ${visible(clip(error instanceof Error ? error.message : String(error)))}\n`);
      if (argv.includes('--verbose')) io.stderr.write(`${error instanceof Error ? (error.stack ?? '') : ''}\n`);
      else io.stderr.write('nps: run again with --verbose for the technical detail\n');
    }
    return exitCodeOfError(error);
  }
}

/** Standard output failed outside a write `main` awaits: a closed pipe ends quietly, anything else in one line. */
export function onStdoutError(error: NodeJS.ErrnoException, stderr: { write(text: string): unknown }): ExitCode {
  if (error.code === 'EPIPE') return EXIT.ok;
  stderr.write(`nps: error: ${outputError(error, 'standard output').message}\n`);
  return exitCodeOfError(outputError(error, 'standard output'));
}

/**
 * Standard error failed: a closed pipe (`2>&1 | head -1`) leaves the messages with no
 * reader, and the run goes on (standard output, if it shared the pipe, ends it quietly
 * at its next write); anything else (a full disk) ends it with the code of an output
 * that could not be written, with nowhere left to say why.
 */
export function onStderrError(error: NodeJS.ErrnoException): ExitCode | undefined {
  return error.code === 'EPIPE' ? undefined : EXIT.output;
}

/** What `whenWritten` waits on: a stream's bytes not yet handed to the system, and a write that says when they are. */
interface OutputStream {
  readonly writableLength: number;
  readonly destroyed: boolean;
  write(text: string, done: (error?: Error | null) => void): unknown;
}

/**
 * Resolves once every stream has handed the system all it was given (a pipe to a
 * slow reader may hold some back), and one turn of the event loop has passed, for an
 * error of a last write to be reported. Then the process may end at once: left to end
 * by itself, it would first free the memory it used, which the system frees anyway
 * (about 10 ms, a tenth of what `nps score` takes on a file of a few thousand rows).
 */
export async function whenWritten(streams: readonly OutputStream[]): Promise<void> {
  await Promise.all(streams.map(written));
  await pause();
}

/** An empty write is done only after the writes before it (a stream's writes are done in order). */
function written(stream: OutputStream): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

/** The last thing a process does, however it ends: its temporary files and folder locks removed. */
export function onExit(): void {
  removeTemporaryFiles();
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** Interrupted: no half-written file stays behind; the exit code is the shell's 128 + the signal's number. */
export function onSignal(signal: string): number {
  removeTemporaryFiles();
  return 128 + (SIGNAL_NUMBERS[signal] ?? 0);
}
