import type { Option } from '../../libraries/commander.js';
import type { Io } from '../../io.js';
import type { Outcome } from './outcome.js';

/** How a table is drawn for the person at the terminal. */
export interface TableStyle {
  color: boolean;
  /** The terminal's width in columns; undefined when standard output is not a terminal. */
  width: number | undefined;
}

/**
 * How a command's result reaches standard output: as JSON for scripts, or as a table
 * for a person. Each is loaded only when used, so that a script asking for JSON never
 * loads the libraries of the table.
 */
export interface Renderers<Model> {
  json: () => Promise<(model: Model) => string>;
  table: () => Promise<(model: Model, style: TableStyle) => string>;
}

/** What a run hands back: its outcome, and the model to render on standard output, if it prints one. */
export interface Ran<Model> {
  outcome: Outcome;
  model?: Model;
}

/**
 * One command of `nps`: what `--help` shows, its flags, how its result is rendered
 * and its run. Commands are data; `src/cli/program.ts` turns them into commander
 * commands and `present()` writes what they return.
 */
export interface CommandDefinition<Options, Model = unknown> {
  name: string;
  description: string;
  /** The positional argument, e.g. `<file...>`, and what it is; none for commands that read no file. */
  argument?: { name: string; description: string };
  options: readonly Option[];
  /** Two or three command lines that run as shown on a fresh clone, each with what it does. */
  examples: ReadonlyArray<readonly [command: string, what: string]>;
  renderers?: Renderers<Model>;
  run(files: string[], options: Options, io: Io): Promise<Ran<Model>>;
}

/** Erases a definition's types, so that definitions of every command fit in one table. */
export function defineCommand<Options, Model = unknown>(definition: CommandDefinition<Options, Model>): CommandDefinition<unknown> {
  return definition as unknown as CommandDefinition<unknown>;
}
