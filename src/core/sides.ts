import { categoryOf, type Category } from './categories.js';
import type { Sample } from './compare.js';
import { AnswerPerRespondent, type KeepMode, type Stamp } from './latest.js';
import { addScore, emptyTally, mergeTallies, type Tally } from './tally.js';

/** One side being read: its tally, each respondent's answer kept, and where it sorts among the sides. */
interface Side {
  tally: Tally;
  answers: AnswerPerRespondent<Category>;
  /** The input's number, or the first day of the period: sides are compared in this order. */
  rank: number;
}

export interface SidesData {
  sides: Array<{ name: string; tally: Tally; answers: Array<[string, Stamp, Category]>; rank: number }>;
}

/**
 * The responses split into sides (the inputs, or the periods of a trend), each with
 * its tally and each respondent's answer: what is needed to set the last side against
 * the one before it, as `nps compare` would. Accumulators of parts merge.
 */
export class SideTallies {
  private readonly sides = new Map<string, Side>();
  /**
   * The two latest sides, the only ones whose respondents are kept: lastTwo compares
   * them, and a million respondents kept for every month cost most of a report's time
   * and memory. A part's two latest hold the whole file's two latest, if it has them.
   */
  private latest = new Set<Side>();

  constructor(private readonly mode: KeepMode) {}

  add(name: string, rank: number, score: number, respondent: string, stamp: Stamp): void {
    const side = this.sideNamed(name, rank);
    addScore(side.tally, score);
    if (respondent !== '' && this.latest.has(side)) side.answers.offer(respondent, stamp, categoryOf(score));
  }

  private sideNamed(name: string, rank: number): Side {
    let side = this.sides.get(name);
    if (side === undefined) {
      side = { tally: emptyTally(), answers: new AnswerPerRespondent(this.mode), rank };
      this.sides.set(name, side);
      this.forgetOlder();
    }
    return side;
  }

  /** Sides older than the two latest keep their counts, not their respondents. */
  private forgetOlder(): void {
    const ordered = [...this.sides.values()].sort((a, b) => b.rank - a.rank);
    for (const side of ordered.slice(2)) side.answers = new AnswerPerRespondent(this.mode);
    this.latest = new Set(ordered.slice(0, 2));
  }

  toData(): SidesData {
    return { sides: [...this.sides].map(([name, side]) => ({ name, tally: side.tally, answers: side.answers.toData(), rank: side.rank })) };
  }

  mergeData(data: SidesData): void {
    const sides = data.sides.map((other) => ({ other, side: this.sideNamed(other.name, other.rank) }));
    for (const { other, side } of sides) {
      mergeTallies(side.tally, other.tally);
      if (this.latest.has(side)) side.answers.mergeData(other.answers);
    }
  }

  /**
   * The last two sides, in order, as samples to compare: undefined with fewer than two.
   * Respondents' groups are given only when some respondent has an answer on both.
   */
  lastTwo(): [Sample & { rank: number }, Sample & { rank: number }] | undefined {
    const ordered = [...this.sides].sort((x, y) => x[1].rank - y[1].rank);
    const [before, last] = ordered.slice(-2);
    if (before === undefined || last === undefined) return undefined;
    const withGroups = before[1].answers.size > 0 && last[1].answers.size > 0;
    const sample = ([name, side]: [string, Side]): Sample & { rank: number } => ({
      name,
      tally: side.tally,
      groups: withGroups ? side.answers.values() : undefined,
      rank: side.rank,
    });
    return [sample(before), sample(last)];
  }
}
