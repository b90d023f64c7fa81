import { ownCopy } from './strings.js';

/**
 * Each respondent's answer, when one answered more than once: the latest by date (the
 * first with --dedupe first), whatever order the export lists them in (vendors export
 * newest first). A dated answer beats an undated one; between answers of the same
 * moment, the later row (the earlier, for first).
 */
export type KeepMode = 'latest' | 'first';

/** When an answer was given, and its place in the reading. */
export interface Stamp {
  /** Milliseconds since 1970, or undefined when the answer has no readable date. */
  time: number | undefined;
  ordinal: number;
}

/** Whether `candidate` is the answer to keep rather than `best`. */
export function supersedes(candidate: Stamp, best: Stamp, mode: KeepMode): boolean {
  if ((candidate.time === undefined) !== (best.time === undefined)) return candidate.time !== undefined;
  const sign = mode === 'latest' ? 1 : -1;
  const byTime = ((candidate.time ?? 0) - (best.time ?? 0)) * sign;
  if (byTime !== 0) return byTime > 0;
  return (candidate.ordinal - best.ordinal) * sign > 0;
}

/** The answer kept for each respondent, with what the caller keeps of it. */
export class AnswerPerRespondent<T> {
  private readonly kept = new Map<string, { stamp: Stamp; value: T }>();

  constructor(private readonly mode: KeepMode) {}

  offer(respondent: string, stamp: Stamp, value: T): void {
    const best = this.kept.get(respondent);
    if (best === undefined) this.kept.set(ownCopy(respondent), { stamp, value });
    else if (supersedes(stamp, best.stamp, this.mode)) this.kept.set(respondent, { stamp, value });
  }

  get(respondent: string): T | undefined {
    return this.kept.get(respondent)?.value;
  }

  /** Every answer kept, with its stamp: plain data, to merge into the accumulator of another part. */
  toData(): Array<[string, Stamp, T]> {
    return [...this.kept].map(([respondent, { stamp, value }]) => [respondent, stamp, value]);
  }

  mergeData(data: ReadonlyArray<[string, Stamp, T]>): void {
    for (const [respondent, stamp, value] of data) this.offer(respondent, stamp, value);
  }

  /** How many respondents have an answer kept. */
  get size(): number {
    return this.kept.size;
  }

  /** Each respondent with the value of the answer kept, in the order first seen. */
  values(): Map<string, T> {
    const values = new Map<string, T>();
    for (const [respondent, { value }] of this.kept) values.set(respondent, value);
    return values;
  }
}
