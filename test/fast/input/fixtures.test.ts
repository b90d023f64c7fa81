import { describe, expect, it } from 'vitest';
import { fixture, runInProcess, type Accounting } from '../../helpers.js';

interface Expected extends Accounting {
  nps: number | null;
}

/** Each count below was worked out by reading the fixture, not by running `nps`. */
const CASES: Array<[file: string, quirk: string, expected: Expected]> = [
  ['bom.csv', 'UTF-8 byte order mark before the header', { nps: 100 / 3, promoters: 2, passives: 0, detractors: 1, rows: 3, blank: 0, rejected: 0 }],
  ['semicolon.csv', 'semicolons, with one inside a quoted comment', { nps: 25, promoters: 2, passives: 1, detractors: 1, rows: 4, blank: 0, rejected: 0 }],
  ['tab.tsv', 'tab-delimited', { nps: 0, promoters: 1, passives: 1, detractors: 1, rows: 3, blank: 0, rejected: 0 }],
  ['crlf.csv', 'CRLF line ends, one inside a quoted comment', { nps: 100 / 3, promoters: 2, passives: 0, detractors: 1, rows: 4, blank: 1, rejected: 0 }],
  ['multiline-comments.csv', 'quoted comments with commas, quotes and newlines', { nps: 0, promoters: 2, passives: 1, detractors: 2, rows: 5, blank: 0, rejected: 0 }],
  ['labelled-scores.csv', 'answers exported as labels', { nps: 0, promoters: 3, passives: 1, detractors: 3, rows: 7, blank: 0, rejected: 0 }],
  ['blank-scores.csv', 'empty, spaces-only and quoted-empty scores', { nps: 0, promoters: 1, passives: 1, detractors: 1, rows: 6, blank: 3, rejected: 0 }],
  ['blank-lines.csv', 'blank lines between rows', { nps: 100 / 3, promoters: 2, passives: 0, detractors: 1, rows: 3, blank: 0, rejected: 0 }],
  ['messy-scores.csv', 'padded, decimal and out-of-range scores', { nps: 50, promoters: 3, passives: 0, detractors: 1, rows: 8, blank: 0, rejected: 4 }],
  ['ragged-rows.csv', 'rows with too many or too few fields', { nps: 0, promoters: 1, passives: 0, detractors: 1, rows: 4, blank: 0, rejected: 2 }],
  ['header-only.csv', 'a header and no responses', { nps: null, promoters: 0, passives: 0, detractors: 0, rows: 0, blank: 0, rejected: 0 }],
  ['wide-export.csv', 'the question text as the header', { nps: 0, promoters: 1, passives: 1, detractors: 1, rows: 3, blank: 0, rejected: 0 }],
];

describe('reading real-world CSV quirks', () => {
  it.each(CASES)('%s (%s)', async (file, _quirk, expected) => {
    const result = await runInProcess(['score', fixture(file), '--json', '--quiet']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Expected & { responses: number };
    const { nps, ...counts } = expected;
    expect(json).toMatchObject(counts);
    if (nps === null) expect(json.nps).toBeNull();
    else expect(json.nps).toBeCloseTo(nps, 10);
    expect(json.rows).toBe(json.responses + json.blank + json.rejected);
  });

  it('reports each rejected row with its file, line and reason', async () => {
    const result = await runInProcess(['score', fixture('messy-scores.csv'), '--quiet']);
    expect(result.stderr.split('\n').filter((line) => line.includes('rejected:'))).toEqual([
      `nps: ${fixture('messy-scores.csv')} line 4: rejected: score "11" is above 10`,
      `nps: ${fixture('messy-scores.csv')} line 5: rejected: score "-1" is below 0`,
      `nps: ${fixture('messy-scores.csv')} line 6: rejected: score "7.5" is not a whole number`,
      `nps: ${fixture('messy-scores.csv')} line 7: rejected: score "abc" is not a number from 0 to 10`,
    ]);
  });

  it('counts lines from where a row starts, after multi-line comments and blank lines', async () => {
    const result = await runInProcess(['score', fixture('sample.csv'), '--quiet']);
    expect(result.stderr).toContain('sample.csv line 13: rejected: score "11" is above 10');
  });

  it('lists the first ten rejected rows, then only counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, index) => `${index},x`).join('\n');
    const result = await runInProcess(['score', '-', '--quiet'], { stdin: `id,score\n${rows}\n25,9\n` });
    const listed = result.stderr.split('\n').filter((line) => line.includes('rejected:'));
    expect(listed).toHaveLength(10);
    expect(listed[0]).toBe('nps: stdin line 2: rejected: score "x" is not a number from 0 to 10');
    expect(result.stderr).toContain('nps: ... and 15 more rejected rows');
  });
});
