import type { Readable, Writable } from 'node:stream';

/**
 * Everything a command touches outside its arguments. The entry point passes
 * the real process streams; tests pass their own.
 */
export interface Io {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  cwd: string;
  env: Record<string, string | undefined>;
  /** --color (true) or --no-color (false); undefined when neither was given. */
  color?: boolean;
}

/**
 * Colour for a person at a terminal, as chalk users expect: --color and --no-color
 * decide; then FORCE_COLOR (0 or false turns it off, anything else on), which Node
 * also lets override NO_COLOR; then NO_COLOR (https://no-color.org); then whether
 * the stream is a terminal.
 */
export function wantsColor(stream: { isTTY?: boolean }, io: Pick<Io, 'env' | 'color'>): boolean {
  if (io.color !== undefined) return io.color;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  const noColor = io.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}

/**
 * How often a long computation lets the event loop run, in milliseconds: a signal
 * (Ctrl-C, SIGTERM) is handled only then, and must end a run within a second.
 */
export const PAUSE_EVERY_MS = 50;

/** Lets the event loop run what waits: a signal's handler, a timer, a drained stream. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Writes and resolves once the stream accepts more, so long outputs keep memory flat. */
export async function writeAll(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) {
    await new Promise<void>((resolve) => stream.once('drain', resolve));
  }
}
