import { EXIT, type ExitCode } from '../../errors.js';

/** How a command's run ended, when it ran to the end: the one input to its exit code. */
export interface Outcome {
  /** Rows that could not be scored. */
  rejected: number;
  /** Quotes read leniently: the rows were read, but the file is not clean CSV. */
  repairedQuotes: number;
  /** --strict: rejected rows fail the run. */
  strict: boolean;
  /** --fail-under: the score (or the top of its interval) is below the threshold, or there is none. */
  belowThreshold: boolean;
}

export const SUCCESS: Outcome = { rejected: 0, repairedQuotes: 0, strict: false, belowThreshold: false };

/** Whether --strict fails this run: a command that writes files checks this before it renames them into place. */
export function failsStrict(outcome: Pick<Outcome, 'rejected' | 'repairedQuotes' | 'strict'>): boolean {
  return outcome.strict && outcome.rejected + outcome.repairedQuotes > 0;
}

/** The exit code of a run that ended without an error; errors carry their own (see errors.ts). */
export function exitCodeOfOutcome(outcome: Outcome): ExitCode {
  if (failsStrict(outcome)) return EXIT.rejectedUnderStrict;
  if (outcome.belowThreshold) return EXIT.belowThreshold;
  return EXIT.ok;
}
