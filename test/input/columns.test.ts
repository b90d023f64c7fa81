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

  it('prefers an exact name and lists the other candidates', () => {
    const choice = chooseColumns('f.csv', ['Would you recommend us?', 'rating', 'score']);
    expect(choice.columns.score).toBe(2);
    expect(choice.otherScoreCandidates).toEqual(['rating', 'Would you recommend us?']);
  });

  it('takes --score-column case-insensitively', () => {
    expect(chooseColumns('f.csv', ['score', 'Rating'], { scoreColumn: 'rating' }).columns.score).toBe(1);
  });

  it('finds the optional respondent, comment and date columns', () => {
    const choice = chooseColumns('f.csv', ['Customer ID', 'Score', 'Comment', 'created_at', 'plan']);
    expect(choice.columns).toEqual({ score: 1, respondent: 0, comment: 2, date: 3 });
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
