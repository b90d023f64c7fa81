import { describe, expect, it } from 'vitest';
import { chooseColumns } from '../../src/input/columns.js';
import { detectDelimiter } from '../../src/input/csv.js';

describe('chooseColumns', () => {
  it.each([
    [['Email', 'Score'], 1],
    [['id', 'NPS'], 1],
    [['id', 'NPS Score'], 1],
    [['Rating', 'x'], 0],
    [['Likelihood to Recommend'], 0],
    [['Name', 'How likely are you to recommend Acme to a friend or colleague?'], 1],
  ])('finds the score in %j', (headers, index) => {
    expect(chooseColumns('f.csv', headers).columns.score).toBe(index);
  });

  it('picks, among several candidates, the only one that asks about recommending', () => {
    const choice = chooseColumns('f.csv', ['Would you recommend us?', 'rating', 'score']);
    expect(choice.columns.score).toBe(0);
    expect(choice.scoreCandidates).toEqual([2, 1, 0]);
  });

  it('stops, listing the candidates, when several could be the question', () => {
    expect(() => chooseColumns('f.csv', ['id', 'Product NPS', 'Support NPS'])).toThrow(
      'f.csv: several columns could hold the NPS answer (2: "Product NPS", 3: "Support NPS"); choose one with --score-column NAME or NUMBER',
    );
  });

  it('never takes a Qualtrics NPS group column for the score', () => {
    expect(() => chooseColumns('f.csv', ['Q1_NPS_GROUP', 'Q2'])).toThrow('no score column found');
  });

  it('takes --score-column by name in any case, by number, or by a unique start', () => {
    const headers = ['score', 'Rating', 'How likely are you to recommend us?'];
    expect(chooseColumns('f.csv', headers, { scoreColumn: 'rating' }).columns.score).toBe(1);
    expect(chooseColumns('f.csv', headers, { scoreColumn: '3' }).columns.score).toBe(2);
    expect(chooseColumns('f.csv', headers, { scoreColumn: 'how likely' }).columns.score).toBe(2);
    expect(() => chooseColumns('f.csv', headers, { scoreColumn: '4' })).toThrow('--score-column 4: the file has 3 columns');
    expect(() => chooseColumns('f.csv', ['nps a', 'nps b'], { scoreColumn: 'nps' })).toThrow(
      '--score-column "nps" starts several headers: "nps a", "nps b"; give more of it',
    );
  });

  it('finds the optional respondent, comment and date columns', () => {
    const choice = chooseColumns('f.csv', ['Customer ID', 'Score', 'Comment', 'created_at', 'plan']);
    expect(choice.columns).toEqual({ score: 1, respondent: 0, comments: [2], date: 3 });
  });

  it('names the headers it saw when no column looks like a score', () => {
    expect(() => chooseColumns('f.csv', ['email', 'satisfaction'])).toThrow(
      'f.csv: no score column found; the headers are: "email", "satisfaction". Name the column with --score-column NAME',
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y",b,c', ','],
    ['single', ','],
  ])('reads %j as delimited by %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});
