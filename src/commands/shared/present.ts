import { wantsColor, writeAll, type Io } from '../../io.js';
import type { CommandDefinition, Ran } from './definition.js';

/**
 * The one place a command's result is written to standard output: as JSON when
 * `--json` was given, else as the table, each rendered by the command's own renderer.
 */
export async function present(definition: CommandDefinition<unknown>, ran: Ran<unknown>, options: { json?: boolean }, io: Io): Promise<void> {
  const { renderers } = definition;
  if (ran.model === undefined || renderers === undefined) return;
  const text =
    options.json === true
      ? (await renderers.json())(ran.model)
      : (await renderers.table())(ran.model, { color: wantsColor(io.stdout, io), width: io.stdout.columns });
  await writeAll(io.stdout, text);
}
