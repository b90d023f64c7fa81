import { describe, expect, it } from 'vitest';
import { categoryOf } from '../../../src/core/categories.js';
import { seededRandom } from '../../../src/core/random.js';
import { SideTallies } from '../../../src/core/sides.js';

interface Answer {
  side: number;
  respondent: string;
  score: number;
  time: number;
  ordinal: number;
}

/** Each respondent's latest answer in a side, by time then place: what the last two sides are compared on. */
function latestIn(answers: readonly Answer[], side: number): Map<string, string> {
  const kept = new Map<string, Answer>();
  for (const answer of answers.filter((one) => one.side === side)) {
    const best = kept.get(answer.respondent);
    if (best === undefined || answer.time > best.time || (answer.time === best.time && answer.ordinal > best.ordinal)) kept.set(answer.respondent, answer);
  }
  return new Map([...kept].map(([respondent, answer]) => [respondent, categoryOf(answer.score)]));
}

describe('the sides of a trend', () => {
  it("compare the last two on each respondent's latest answer, however the parts are cut, keeping no older side's respondents", () => {
    const random = seededRandom(5);
    for (let run = 0; run < 100; run += 1) {
      const sides = 1 + Math.floor(random() * 6);
      const answers: Answer[] = Array.from({ length: Math.floor(random() * 400) }, (_, ordinal) => ({
        side: Math.floor(random() * sides),
        respondent: `r${Math.floor(random() * 40)}`,
        score: Math.floor(random() * 11),
        time: Math.floor(random() * 5),
        ordinal,
      }));
      const cut = Math.floor(random() * answers.length);
      const parts = [new SideTallies('latest'), new SideTallies('latest')];
      answers.forEach((answer, at) => parts[at < cut ? 0 : 1]?.add(`s${answer.side}`, answer.side, answer.score, answer.respondent, { time: answer.time, ordinal: answer.ordinal }));
      const [whole, other] = parts as [SideTallies, SideTallies];
      whole.mergeData(other.toData());
      const seen = [...new Set(answers.map((answer) => answer.side))].sort((a, b) => a - b);
      const pair = whole.lastTwo();
      if (seen.length < 2) {
        expect(pair).toBeUndefined();
        continue;
      }
      const [before = -1, last = -1] = seen.slice(-2);
      expect(pair?.map((side) => side.rank)).toEqual([before, last]);
      expect(pair?.[0].groups).toEqual(latestIn(answers, before));
      expect(pair?.[1].groups).toEqual(latestIn(answers, last));
      const counted = pair?.[1].tally.distribution.reduce((sum, count) => sum + count, 0);
      expect(counted).toBe(answers.filter((answer) => answer.side === last).length);
    }
  });
});
