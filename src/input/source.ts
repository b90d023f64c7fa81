import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { inputError } from '../errors.js';

/** One input named on the command line: a path, or `-` for standard input. */
export interface Source {
  /** How messages name it: the path as the user typed it, or "stdin". */
  name: string;
  /** The input's bytes, chunk by chunk. */
  chunks: AsyncIterable<Buffer>;
  /** Stops reading early and lets go of the file. */
  close(): void;
  /** Stops reading at this byte of a regular file, not yet read: the first part of a parallel read. */
  limit?(end: number): void;
  /** Bytes to read: the file's, or the part's; unknown for standard input. */
  size?: number;
  /** The file's full path, for a regular file that can be read again in parts. */
  path?: string;
}

export const STDIN_NAME = '-';

/** 64 KiB reads: measured faster and leaner than 256 KiB or 1 MiB on a 1M-row export. */
const CHUNK_BYTES = 1 << 16;

/** A part of a file: bytes from `start` to `end` (not included). */
export interface ByteRange {
  start: number;
  end: number;
}

const OPEN_FAILURES: Record<string, string> = {
  ENOENT: 'file not found (check the name, and that the path is from the folder nps is run in)',
  EISDIR: 'is a folder: name a CSV file or an Excel workbook in it',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/**
 * A file's bytes from `start` to `end`, read with synchronous reads: the reader has
 * nothing else to do meanwhile, and an asynchronous read per chunk left the thread
 * idle a fifth of the time, waiting for each chunk in turn.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- the reads are synchronous on purpose (above); the generator is async for its callers
async function* fileChunks(fd: number, start: number, endOf: () => number | undefined, file: { closed(): boolean; close(): void }): AsyncGenerator<Buffer> {
  let position = start;
  try {
    for (let end = endOf(); !file.closed() && (end === undefined || position < end); end = endOf()) {
      const length = end === undefined ? CHUNK_BYTES : Math.min(CHUNK_BYTES, end - position);
      const buffer = Buffer.allocUnsafe(length);
      const read = readSync(fd, buffer, 0, length, position);
      if (read === 0) return;
      position += read;
      yield read === length ? buffer : buffer.subarray(0, read);
    }
  } finally {
    file.close();
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

function stdinSource(stdin: Readable): Source {
  return { name: 'stdin', chunks: stdin as AsyncIterable<Buffer>, close: () => stdin.destroy() };
}

/**
 * Opens `name` (or standard input, `-`) for reading. Standard input is asked for only when named: Node opens it when
 * first touched, and standard input redirected from a file (a scheduled run's /dev/null) is then a file stream, which
 * loads node:fs/promises and readline, about 3 ms.
 */
export function openSource(name: string, cwd: string, stdin: () => Readable, range?: ByteRange): Source {
  if (name === STDIN_NAME) return stdinSource(stdin());
  let fd: number | undefined;
  try {
    const path = resolve(cwd, name);
    fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    const openFd = fd;
    let closed = false;
    // Closed once, by whichever comes first (the last chunk read, or the reader stopping early): the descriptor's
    // number may belong to another file by the time a second close came.
    const close = (): void => {
      if (closed) return;
      closed = true;
      closeQuietly(openFd);
    };
    const regular = stat.isFile() ? { path } : {};
    if (!stat.isFile()) {
      // A pipe or a device (a FIFO, /dev/stdin) is read as it comes, never by position.
      const stream = createReadStream('', { fd: openFd, highWaterMark: CHUNK_BYTES });
      return { name, chunks: stream, close: () => stream.destroy() };
    }
    const start = range?.start ?? 0;
    let end = range?.end;
    const source: Source = {
      name,
      chunks: fileChunks(openFd, start, () => end, { closed: () => closed, close }),
      close,
      size: (end ?? stat.size) - start,
      limit: (at) => {
        end = at;
        source.size = at - start;
      },
      ...regular,
    };
    return source;
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = OPEN_FAILURES[code] ?? `cannot be read (${code || String(error)})`;
    throw inputError(`${name}: ${reason}`);
  }
}
