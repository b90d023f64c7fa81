import { describe, expect, it } from 'vitest';
import { readScoreCell, scoreSchema } from '../../src/input/score-cell.js';

describe('readScoreCell', () => {
  it.each([
    ['0', 0],
    ['10', 10],
    [' 9 ', 9],
    ['9.0', 9],
    ['10 - Extremely likely', 10],
    ['Not at all likely - 0', 0],
    ['Extremely likely - 10', 10],
    ['0 (Not at all likely)', 0],
    ['7 ', 7],
  ])('reads %j as %i', (cell, value) => {
    expect(readScoreCell(cell)).toEqual({ kind: 'score', value });
  });

  it.each(['', '   ', '\t'])('treats %j as unanswered, never as 0', (cell) => {
    expect(readScoreCell(cell)).toEqual({ kind: 'blank' });
  });

  it.each([
    ['11', 'score "11" is above 10'],
    ['-1', 'score "-1" is below 0'],
    ['7.5', 'score "7.5" is not a whole number'],
    ['abc', 'score "abc" is not a number from 0 to 10'],
    ['1e1', 'score "1e1" is not a number from 0 to 10'],
    ['between 3 and 4', 'score "between 3 and 4" is not a number from 0 to 10'],
    ['0x5', 'score "0x5" is not a number from 0 to 10'],
  ])('rejects %j with a reason', (cell, reason) => {
    expect(readScoreCell(cell)).toEqual({ kind: 'invalid', reason });
  });

  it('agrees with the full schema on every plain score it short-cuts', () => {
    for (let score = 0; score <= 10; score += 1) {
      expect(readScoreCell(String(score))).toEqual({ kind: 'score', value: scoreSchema().parse(String(score)) });
    }
  });
});
