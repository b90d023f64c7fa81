import { describe, expect, it } from 'vitest';
import { readScoreCell, ScoreReader } from '../../../src/input/score-cell.js';

describe('readScoreCell', () => {
  it.each([
    ['0', 0],
    ['10', 10],
    [' 9 ', 9],
    ['9.0', 9],
    ['9,00', 9],
    ['09', 9],
    ['009', 9],
    ['010', 10],
    ['0010', 10],
    ['00', 0],
    ['0000000000', 0],
    ['010 - Extremely likely', 10],
    ['Likely (007)', 7],
    ['Not at all likely - 00', 0],
    ['10 - Extremely likely', 10],
    ['0: Not at all likely', 0],
    ['10 = Extremely likely', 10],
    ['Not at all likely - 0', 0],
    ['Extremely likely - 10', 10],
    ['0 (Not at all likely)', 0],
    ['Extremely likely (10)', 10],
    ['Très probable - 10', 10],
    ['7 ', 7],
  ])('reads %j as %i', (cell, value) => {
    expect(readScoreCell(cell)).toEqual({ kind: 'score', value });
  });

  it.each(['', '   ', '\t', 'NA', 'n/a', 'null', '-', '#N/A'])('treats %j as unanswered, never as 0', (cell) => {
    expect(readScoreCell(cell)).toEqual({ kind: 'blank' });
  });

  it.each([
    ['-1', 'score "-1" is below 0'],
    ['7.5', 'score "7.5" is not a whole number'],
    ['9.9999999999999999', 'score "9.9999999999999999" is not a whole number'],
    ['1,000', 'score "1,000" is not a score from 0 to 10 (a thousands separator?)'],
    ['10,000', 'score "10,000" is not a score from 0 to 10 (a thousands separator?)'],
    ['100', 'score "100" is above 10'],
    ['abc', 'score "abc" is not a number from 0 to 10'],
    ['Q3', 'score "Q3" is not a number from 0 to 10'],
    ['abc3', 'score "abc3" is not a number from 0 to 10'],
    ['v2.0', 'score "v2.0" is not a number from 0 to 10'],
    ['(7)', 'score "(7)" is not a number from 0 to 10'],
    ['1e1', 'score "1e1" is not a number from 0 to 10'],
    ['between 3 and 4', 'score "between 3 and 4" is not a number from 0 to 10'],
    ['0x5', 'score "0x5" is not a number from 0 to 10'],
  ])('rejects %j with a reason', (cell, reason) => {
    expect(readScoreCell(cell)).toEqual({ kind: 'invalid', reason });
  });

  it.each(['11', '11.0', '11 - Extremely likely'])('rejects %j as above 10, noting the 11 of a 1..11 scale', (cell) => {
    expect(readScoreCell(cell)).toEqual({ kind: 'invalid', reason: `score ${JSON.stringify(cell)} is above 10`, written: 11 });
  });

  it('shifts every shape by --score-offset before checking the range', () => {
    const shifted = new ScoreReader(-1);
    expect(shifted.read('11')).toEqual({ kind: 'score', value: 10 });
    expect(shifted.read('11 - Extremely likely')).toEqual({ kind: 'score', value: 10 });
    expect(shifted.read('0')).toEqual({ kind: 'invalid', reason: 'score "0" is below 0 after --score-offset -1', written: 0 });
  });
});

describe('ScoreReader.scoreIn', () => {
  /** What the column profiles count as a score: the same cells `read` reads as one, with the same value. */
  const cells = [
    ...['0', '7', '10', '11', ' 9 ', '9.0', '9,00', '009', '9.5', '-1', '1,000', '12', '100'],
    ...['10 - Extremely likely', 'Extremely likely (10)', 'Not at all likely - 0', 'Très probable - 10', '0 (Not at all likely)'],
    ...['', 'NA', 'n/a', '-', 'Promoter', 'Great product', 'R_2aBcDe', 'user@example.com', '2026-03-04', '3/4/2026', 'Q3', 'v2.0'],
  ];
  it.each([0, 1, -1])('finds the score read gives, no more, with --score-offset %i', (offset) => {
    const reader = new ScoreReader(offset);
    for (const cell of cells) {
      const read = reader.read(cell);
      expect(reader.scoreIn(cell), JSON.stringify(cell)).toBe(read.kind === 'score' ? read.value : undefined);
    }
  });
});
