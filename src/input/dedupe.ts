import { emptyTally } from '../core/tally.js';
import { inputError } from '../errors.js';
import { parseDate } from './dates.js';
import { emptyEvidence, scanResponses, type KeepRow, type OpenedInput, type ReadOptions } from './responses.js';

/** Which answer of a respondent who answered more than once counts; `none` counts them all. */
export const DEDUPE_MODES = {
  none: 'count every response',
  latest: 'keep each respondent’s newest scored response',
  first: 'keep each respondent’s oldest scored response',
} as const satisfies Record<string, string>;
export type DedupeMode = keyof typeof DEDUPE_MODES;

/** Emails are matched without regard to case; other ids exactly, less surrounding spaces. */
export function respondentKey(raw: string): string {
  const key = raw.trim();
  return key.includes('@') ? key.toLowerCase() : key;
}

interface Winner {
  /** Milliseconds, or undefined when the row has no readable date. */
  time: number | undefined;
  ordinal: number;
}

/** A dated answer beats an undated one; then the newer (or older) date; then the later (or earlier) row. */
export function supersedes(candidate: Winner, best: Winner, mode: Exclude<DedupeMode, 'none'>): boolean {
  if ((candidate.time === undefined) !== (best.time === undefined)) return candidate.time !== undefined;
  const sign = mode === 'latest' ? 1 : -1;
  const byTime = ((candidate.time ?? 0) - (best.time ?? 0)) * sign;
  if (byTime !== 0) return byTime > 0;
  return (candidate.ordinal - best.ordinal) * sign > 0;
}

/**
 * The first of two passes: finds, for every respondent, the scored row to keep,
 * by the date column, or by position in the input when there is none. Rows are
 * numbered in reading order, which the second pass repeats exactly.
 */
export async function planDedupe(
  inputs: AsyncIterable<OpenedInput>,
  mode: Exclude<DedupeMode, 'none'>,
  options: ReadOptions,
): Promise<() => KeepRow> {
  const winners = new Map<string, Winner>();
  /** Rows with no respondent cannot repeat anyone: they always count. */
  const anonymous: number[] = [];
  let ordinal = 0;
  for await (const opened of inputs) {
    const respondent = opened.choice.columns.respondent;
    if (respondent === undefined) {
      throw inputError(`${opened.reader.name}: --dedupe needs a respondent column (an email or an id) and none was found`);
    }
    const date = opened.choice.columns.date;
    await scanResponses(opened, options, emptyTally(), emptyEvidence(), {
      onRejected: () => undefined,
      onScored: ({ cells }) => {
        ordinal += 1;
        const key = respondentKey(cells[respondent] ?? '');
        if (key === '') {
          anonymous.push(ordinal);
          return;
        }
        const candidate = { time: date === undefined ? undefined : parseDate(cells[date] ?? ''), ordinal };
        const best = winners.get(key);
        if (best === undefined || supersedes(candidate, best, mode)) winners.set(key, candidate);
      },
    });
  }
  const keepers = new Set([...anonymous, ...[...winners.values()].map((winner) => winner.ordinal)]);
  return () => {
    let seen = 0;
    return () => {
      seen += 1;
      return keepers.has(seen);
    };
  };
}

export function refuseDedupeOfStdin(files: readonly string[]): void {
  if (files.includes('-')) {
    throw inputError('--dedupe reads the input twice, so it cannot read standard input: save it to a file first');
  }
}
