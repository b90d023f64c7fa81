import type { Readable, Writable } from 'node:stream';

/**
 * Everything a command touches outside its arguments. The entry point passes
 * the real process streams; tests pass their own.
 */
export interface Io {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Colour only for a person at a terminal who has not asked for none (https://no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: Io['env']): boolean {
  const noColor = env['NO_COLOR'];
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

/** Writes and resolves once the stream accepts more, so long outputs keep memory flat. */
export async function writeAll(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) {
    await new Promise<void>((resolve) => stream.once('drain', resolve));
  }
}
