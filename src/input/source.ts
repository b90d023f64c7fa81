import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { inputError } from '../errors.js';

/** One input named on the command line: a path, or `-` for standard input. */
export interface Source {
  /** How messages name it: the path as the user typed it, or "stdin". */
  name: string;
  stream: Readable;
  /** Bytes in the file; unknown for standard input. */
  size?: number;
}

export const STDIN_NAME = '-';

/** 64 KiB reads: measured faster and leaner than 256 KiB or 1 MiB on a 1M-row export. */
const CHUNK_BYTES = 1 << 16;

const OPEN_FAILURES: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'is a directory, not a CSV file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

export async function openSource(name: string, cwd: string, stdin: Readable): Promise<Source> {
  if (name === STDIN_NAME) return { name: 'stdin', stream: stdin };
  try {
    const handle = await open(resolve(cwd, name), 'r');
    const stat = await handle.stat();
    if (stat.isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    }
    return { name, stream: handle.createReadStream({ highWaterMark: CHUNK_BYTES }), size: stat.size };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = OPEN_FAILURES[code] ?? `cannot be read (${code || String(error)})`;
    throw inputError(`${name}: ${reason}`);
  }
}
