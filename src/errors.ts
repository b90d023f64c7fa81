/** Exit codes are a public contract: the README lists them. */
export const EXIT = {
  ok: 0,
  internal: 1,
  input: 2,
  rejectedUnderStrict: 3,
  belowThreshold: 4,
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

export function exitCodeFor(error: unknown): ExitCode {
  return error instanceof NpsError ? error.exitCode : EXIT.internal;
}
