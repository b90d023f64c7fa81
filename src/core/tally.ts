import { MAX_SCORE } from './categories.js';

/**
 * Running counts over a stream of rows. Mutable on purpose: one tally absorbs
 * millions of rows without allocating, and tallies of several files merge.
 */
export interface Tally {
  /** distribution[s] is the number of responses with score s, 0..10. */
  distribution: number[];
  blank: number;
  rejected: number;
  /** Unfinished responses, left out of the score unless asked for. */
  partial: number;
  /** Earlier or later answers of a respondent already counted, under --dedupe. */
  duplicates: number;
  /** Rows left out by a filter the user asked for: a date range, or respondents already followed up. */
  excluded: number;
}

export function emptyTally(): Tally {
  return { distribution: new Array<number>(MAX_SCORE + 1).fill(0), blank: 0, rejected: 0, partial: 0, duplicates: 0, excluded: 0 };
}

/** `score` must already be a whole number 0..10: the input layer guarantees it. */
export function addScore(tally: Tally, score: number): void {
  tally.distribution[score] = (tally.distribution[score] ?? 0) + 1;
}

export function mergeTallies(into: Tally, from: Tally): Tally {
  from.distribution.forEach((count, score) => {
    into.distribution[score] = (into.distribution[score] ?? 0) + count;
  });
  into.blank += from.blank;
  into.rejected += from.rejected;
  into.partial += from.partial;
  into.duplicates += from.duplicates;
  into.excluded += from.excluded;
  return into;
}

export function responsesIn(tally: Tally): number {
  return tally.distribution.reduce((sum, count) => sum + count, 0);
}

/** Every row read is scored, blank, rejected, partial, a duplicate or excluded: nothing else. */
export function rowsIn(tally: Tally): number {
  return responsesIn(tally) + tally.blank + tally.rejected + tally.partial + tally.duplicates + tally.excluded;
}
