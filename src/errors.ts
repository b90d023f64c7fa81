import { InputProblem } from './core/problems.js';

/** Exit codes are a public contract: the README lists them. */
export const EXIT = {
  ok: 0,
  internal: 1,
  input: 2,
  rejectedUnderStrict: 3,
  belowThreshold: 4,
  output: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An error the user can act on: its message is printed as one line, with no
 * stack trace, and it ends the run with `exitCode`.
 */
export class NpsError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT.input) {
    super(message);
    this.name = 'NpsError';
    this.exitCode = exitCode;
  }
}

/** A file, flag or argument the user gave that cannot be used as given. */
export function inputError(message: string): NpsError {
  return new NpsError(message, EXIT.input);
}

/** What the system says when it refuses to read or write, in plain words. */
const SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EIO: 'an input/output error',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'it already exists',
  EMFILE: 'too many files are open',
  EFBIG: 'the file is too large',
  ENXIO: 'no such device',
  EINVAL: 'the system refused the operation (invalid argument)',
};

/** The path is the user's to change; the rest is the machine's. */
const USAGE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST']);

/** An error whose message is meant for the user as it is: one line, no stack trace. */
export function isUserFacing(error: unknown): error is Error {
  return error instanceof NpsError || error instanceof InputProblem;
}

export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code ?? '');
}

/** A system error while writing `what` (a path as the user wrote it, or "standard output"), as one line and a code. */
export function outputError(error: unknown, what: string, verb = 'write'): NpsError {
  if (error instanceof NpsError) return error;
  if (!isSystemError(error)) throw error;
  const reason = SYSTEM_REASONS[error.code] ?? `the system said ${error.code}`;
  return new NpsError(`cannot ${verb} ${what}: ${reason}`, USAGE_CODES.has(error.code) ? EXIT.input : EXIT.output);
}

export function exitCodeOfError(error: unknown): ExitCode {
  if (error instanceof NpsError) return error.exitCode;
  if (error instanceof InputProblem) return EXIT.input;
  return isSystemError(error) ? EXIT.output : EXIT.internal;
}

/** One line for a system error nothing more specific caught. */
export function describeSystemError(error: NodeJS.ErrnoException & { code: string }): string {
  const reason = SYSTEM_REASONS[error.code] ?? `the system said ${error.code}`;
  return error.path === undefined ? reason : `${error.path}: ${reason}`;
}
