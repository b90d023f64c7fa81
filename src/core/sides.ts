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

  constructor(private readonly mode: KeepMode) {}

  add(name: string, rank: number, score: number, respondent: string, stamp: Stamp): void {
    const side = this.sideNamed(name, rank);
    addScore(side.tally, score);
    if (respondent !== '') side.answers.offer(respondent, stamp, categoryOf(score));
  }

  private sideNamed(name: string, rank: number): Side {
    let side = this.sides.get(name);
    if (side === undefined) {
      side = { tally: emptyTally(), answers: new AnswerPerRespondent(this.mode), rank };
      this.sides.set(name, side);
    }
    return side;
  }

  toData(): SidesData {
    return { sides: [...this.sides].map(([name, side]) => ({ name, tally: side.tally, answers: side.answers.toData(), rank: side.rank })) };
  }

  mergeData(data: SidesData): void {
    for (const other of data.sides) {
      const side = this.sideNamed(other.name, other.rank);
      mergeTallies(side.tally, other.tally);
      side.answers.mergeData(other.answers);
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
    const withGroups = before[1].answers.values().size > 0 && last[1].answers.values().size > 0;
    const sample = ([name, side]: [string, Side]): Sample & { rank: number } => ({
      name,
      tally: side.tally,
      groups: withGroups ? side.answers.values() : undefined,
      rank: side.rank,
    });
    return [sample(before), sample(last)];
  }
}
