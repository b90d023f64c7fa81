import { describe, expect, it } from 'vitest';
import { categoryOf } from '../../../src/core/categories.js';
import { npsOf, summarize } from '../../../src/core/summary.js';
import { addScore, emptyTally, mergeTallies, rowsIn, type Tally } from '../../../src/core/tally.js';

function tallyOf(scores: number[], blank = 0, rejected = 0): Tally {
  const tally = emptyTally();
  for (const score of scores) addScore(tally, score);
  tally.blank = blank;
  tally.rejected = rejected;
  return tally;
}

const repeat = (score: number, times: number): number[] => Array.from({ length: times }, () => score);

describe('categoryOf', () => {
  it.each([
    [0, 'detractors'],
    [6, 'detractors'],
    [7, 'passives'],
    [8, 'passives'],
    [9, 'promoters'],
    [10, 'promoters'],
  ] as const)('puts %i among the %s', (score, category) => {
    expect(categoryOf(score)).toBe(category);
  });
});

describe('npsOf', () => {
  it('gives 40 for 60 promoters, 20 passives and 20 detractors', () => {
    expect(npsOf({ promoters: 60, passives: 20, detractors: 20 })).toBe(40);
  });
  it('gives 100 when everyone is a promoter and -100 when everyone detracts', () => {
    expect(npsOf({ promoters: 7, passives: 0, detractors: 0 })).toBe(100);
    expect(npsOf({ promoters: 0, passives: 0, detractors: 3 })).toBe(-100);
  });
  it('gives 0 when everyone is passive', () => {
    expect(npsOf({ promoters: 0, passives: 5, detractors: 0 })).toBe(0);
  });
  it('is undefined (null) with no responses, not 0', () => {
    expect(npsOf({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
});

describe('summarize', () => {
  it('counts, shares and scores a tally', () => {
    const summary = summarize(tallyOf([...repeat(10, 33), ...repeat(9, 27), ...repeat(8, 20), ...repeat(0, 20)], 2, 1));
    expect(summary).toMatchObject({
      nps: 40,
      responses: 100,
      rows: 103,
      blank: 2,
      rejected: 1,
      counts: { promoters: 60, passives: 20, detractors: 20 },
      percentages: { promoters: 60, passives: 20, detractors: 20 },
    });
    expect(summary.distribution).toEqual([20, 0, 0, 0, 0, 0, 0, 0, 20, 27, 33]);
  });
  it('has no percentages when nothing was scored, however many blanks', () => {
    const summary = summarize(tallyOf([], 4, 0));
    expect(summary.nps).toBeNull();
    expect(summary.percentages).toEqual({ promoters: null, passives: null, detractors: null });
    expect(summary.rows).toBe(4);
  });
});

describe('tallies', () => {
  it('merge into the tally of the combined rows', () => {
    const a = tallyOf([10, 10, 3], 1, 0);
    const b = tallyOf([7, 0], 0, 2);
    const merged = mergeTallies(emptyTally(), a);
    mergeTallies(merged, b);
    expect(merged).toEqual(tallyOf([10, 10, 3, 7, 0], 1, 2));
    expect(rowsIn(merged)).toBe(8);
  });
});
