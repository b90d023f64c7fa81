import type { Option } from 'commander';
import type { Io } from '../io.js';
import type { Outcome } from './exit-code.js';

/**
 * One command of `nps`: what `--help` shows, its flags, and its run. Commands are
 * data; `program.ts` turns them into commander commands.
 */
export interface CommandDefinition<Options> {
  name: string;
  description: string;
  /** The positional argument, e.g. `<file...>`, and what it is; none for commands that read no file. */
  argument?: { name: string; description: string };
  options: readonly Option[];
  /** Two or three command lines that run as shown on a fresh clone, each with what it does. */
  examples: ReadonlyArray<readonly [command: string, what: string]>;
  run(files: string[], options: Options, io: Io): Promise<Outcome>;
}

/** Erases a definition's option type, so that definitions of every command fit in one table. */
export function defineCommand<Options>(definition: CommandDefinition<Options>): CommandDefinition<unknown> {
  return definition as CommandDefinition<unknown>;
}
