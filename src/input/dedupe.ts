import type { Responses } from './responses.js';

/** Which answer of a respondent who answered more than once counts; `none` counts them all. */
export const DEDUPE_MODES = {
  none: 'count every response',
  latest: 'keep each respondent’s newest scored response',
  first: 'keep each respondent’s oldest scored response',
} as const satisfies Record<string, string>;
export type DedupeMode = keyof typeof DEDUPE_MODES;

/** Under --dedupe: whether the next scored response, of this respondent, is the one kept. */
export type KeepRow = (respondent: string) => boolean;

interface Winner {
  /** Milliseconds, or undefined when the row has no readable date. */
  time: number | undefined;
  ordinal: number;
}

/** A dated answer beats an undated one; then the newer (or older) moment; then the later (or earlier) row. */
export function supersedes(candidate: Winner, best: Winner, mode: Exclude<DedupeMode, 'none'>): boolean {
  if ((candidate.time === undefined) !== (best.time === undefined)) return candidate.time !== undefined;
  const sign = mode === 'latest' ? 1 : -1;
  const byTime = ((candidate.time ?? 0) - (best.time ?? 0)) * sign;
  if (byTime !== 0) return byTime > 0;
  return (candidate.ordinal - best.ordinal) * sign > 0;
}

/**
 * The first of two passes: finds, for every respondent, the scored response to keep,
 * by its date and time as the one date policy reads them, or by position in the
 * input when it has none. Responses are numbered in reading order, which the second
 * pass repeats exactly, since it reads the same inputs through the same filters.
 */
export async function planDedupe(firstPass: Responses, mode: Exclude<DedupeMode, 'none'>): Promise<KeepRow> {
  const winners = new Map<string, Winner>();
  let ordinal = 0;
  await firstPass.read((response) => {
    ordinal += 1;
    if (response.respondent === '') return;
    const candidate = { time: response.date?.time, ordinal };
    const best = winners.get(response.respondent);
    if (best === undefined || supersedes(candidate, best, mode)) winners.set(response.respondent, candidate);
  });
  const keepers = new Set([...winners.values()].map((winner) => winner.ordinal));
  let seen = 0;
  return (respondent) => {
    seen += 1;
    // Rows with no respondent cannot repeat anyone: they always count.
    return respondent === '' || keepers.has(seen);
  };
}
