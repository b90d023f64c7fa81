import { describe, expect, it } from 'vitest';
import { supersedes } from '../../../src/core/latest.js';
import { run } from '../../helpers.js';

describe('supersedes', () => {
  const at = (time: number | undefined, ordinal: number) => ({ time, ordinal });
  it('prefers a dated answer to an undated one, whichever the mode', () => {
    expect(supersedes(at(1, 1), at(undefined, 2), 'latest')).toBe(true);
    expect(supersedes(at(1, 1), at(undefined, 2), 'first')).toBe(true);
    expect(supersedes(at(undefined, 3), at(1, 1), 'latest')).toBe(false);
  });
  it('prefers the newer date for latest and the older for first', () => {
    expect(supersedes(at(5, 1), at(3, 2), 'latest')).toBe(true);
    expect(supersedes(at(5, 1), at(3, 2), 'first')).toBe(false);
  });
  it('breaks ties by position in the input', () => {
    expect(supersedes(at(3, 2), at(3, 1), 'latest')).toBe(true);
    expect(supersedes(at(3, 2), at(3, 1), 'first')).toBe(false);
    expect(supersedes(at(undefined, 2), at(undefined, 1), 'latest')).toBe(true);
  });
});

/**
 * fixtures/repeat-respondents.csv, scored rows: ann 3 (March), bob 9, ANN 10 (May),
 * cy 6 (no date), ann 8 (April), cy 0 (February), two anonymous 7s; bob's later blank.
 */
describe('--dedupe', () => {
  it('counts every response by default', async () => {
    const result = await run(['score', 'fixtures/repeat-respondents.csv', '--json', '-q']);
    expect(JSON.parse(result.stdout)).toMatchObject({ nps: -12.5, responses: 8, duplicates: 0, rows: 9 });
  });

  it('latest: ann 10, bob 9, cy 0 (dated beats undated), both anonymous 7s', async () => {
    const result = await run(['score', 'fixtures/repeat-respondents.csv', '--dedupe', 'latest', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ nps: 20, promoters: 2, passives: 2, detractors: 1, duplicates: 3, blank: 1, rows: 9 });
    expect(result.stderr).toContain('nps: 3 repeated responses left out: --dedupe counts one per respondent');
  });

  it('first: ann 3, bob 9, cy 0, both anonymous 7s', async () => {
    const result = await run(['score', 'fixtures/repeat-respondents.csv', '--dedupe', 'first', '--json', '-q']);
    expect(JSON.parse(result.stdout)).toMatchObject({ nps: -20, promoters: 1, passives: 2, detractors: 2, duplicates: 3 });
  });

  it('keeps the same rows in segment', async () => {
    const result = await run(['segment', 'fixtures/repeat-respondents.csv', '--window', 'all', '--dedupe', 'latest', '-c', 'promoters', '-q']);
    // Newest first: ann's answer of May, then bob's of March.
    expect(result.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(',')[0])).toEqual(['ANN@example.com', 'bob@example.com']);
  });

  it('shows duplicates in the row accounting', async () => {
    const result = await run(['score', 'fixtures/repeat-respondents.csv', '--dedupe', 'latest', '-q']);
    expect(result.stdout).toContain('Rows  9 rows read = 5 scored + 1 blank + 0 rejected + 3 duplicates');
  });

  it('needs a respondent column, and files it can read twice', async () => {
    const noRespondent = await run(['score', 'fixtures/bom.csv', '--dedupe', 'latest']);
    expect(noRespondent.code).toBe(2);
    expect(noRespondent.stderr).toContain('--dedupe needs a respondent column (an email or an id) and none was found');
    const stdin = await run(['score', '-', '--dedupe', 'latest'], { stdin: 'email,score\na@x.com,9\n' });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe('nps: error: --dedupe reads the input twice, so it cannot read standard input: save it to a file first\n');
  });
});
