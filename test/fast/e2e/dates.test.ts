import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

/**
 * One date policy for every command. fixtures/slashed-dates-late.csv is a Google
 * Forms export whose first seven dates (12/1 … 12/5) read either way; only its last
 * row, 12/19/2019 1:09:33 PM, says month first. Three detractors answered on 12/1
 * at 1:09, 9:05 and 17:40. fixtures/repeat-day-first.csv has day-first date-times
 * and two respondents who answered twice, in an order that is not the file's.
 */
const LATE = 'fixtures/slashed-dates-late.csv';
const REPEATS = 'fixtures/repeat-day-first.csv';
type Row = Record<string, string>;

describe('slashed date-times', () => {
  it('segment: every detractor gets a respond_by with its time of day, ordered newest first within a score', async () => {
    const result = await run(['segment', LATE, '--window', 'all', '-c', 'detractors', '-f', 'json', '-q', '--sla', '4h', '--today', '2019-12-01']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Row[];
    // Due today, by score, the newest first within a score; then the one not yet due.
    expect(rows.map((row) => [row['Email Address'], row['respond_by']])).toEqual([
      ['b@example.com', '2019-12-01 21:40 UTC'],
      ['c@example.com', '2019-12-01 05:09 UTC'],
      ['a@example.com', '2019-12-01 13:05 UTC'],
      ['g@example.com', '2019-12-05 14:15 UTC'],
    ]);
  });

  it('segment: promoters newest first, by the time of day too', async () => {
    const result = await run(['segment', LATE, '--window', 'all', '-c', 'promoters', '-q']);
    const rows = parse(result.stdout, { columns: true }) as Row[];
    expect(rows.map((row) => row['Email Address'])).toEqual(['h@example.com', 'e@example.com', 'd@example.com']);
  });

  it('score --period and segment read the same days', async () => {
    const result = await run(['score', LATE, '--period', 'week', '--json', '-q']);
    const periods = (JSON.parse(result.stdout) as { periods: Array<{ period: string; responses: number }> }).periods;
    expect(periods).toEqual([
      expect.objectContaining({ period: '2019-W48', responses: 3 }),
      expect.objectContaining({ period: '2019-W49', responses: 4 }),
      expect.objectContaining({ period: '2019-W50', responses: 0, nps: null }),
      expect.objectContaining({ period: '2019-W51', responses: 1 }),
    ]);
  });

  it('report: the date range and each detractor\'s respond-by come from the slashed dates', async () => {
    const out = join(await tempDir(), 'r.html');
    const result = await run(['report', LATE, '--out', out, '-q']);
    expect(result.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('Answers from 2019-12-01 to 2019-12-19.');
    expect(html).toContain('<td>Lost my data</td><td class="due">2019-12-06 10:15 UTC</td>');
    expect(html).not.toContain('no date');
  });

  it('every command stops the same way when nothing settles the order', async () => {
    const message = 'could be month first or day first, and no date in the input tells which; add --date-format m/d/yyyy or --date-format d/m/yyyy';
    for (const args of [
      ['score', 'fixtures/surveymonkey.csv', '--period', 'month'],
      ['segment', 'fixtures/surveymonkey.csv', '--window', 'all', '-c', 'promoters'],
      ['compare', 'fixtures/surveymonkey.csv', '--period', 'month'],
      ['score', 'fixtures/surveymonkey.csv', '--since', '2026-11-01'],
    ]) {
      const result = await run([...args, '-q']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});

describe('--dedupe by slashed dates', () => {
  it('latest keeps the newest answer by date and time, not the last row', async () => {
    // ann 9 (20 January), bob 9 (9:00, not 8:00), cy 7.
    const result = await run(['score', REPEATS, '--dedupe', 'latest', '--json', '-q']);
    expect(JSON.parse(result.stdout)).toMatchObject({ promoters: 2, passives: 1, detractors: 0, duplicates: 2 });
  });

  it('first keeps the oldest', async () => {
    // ann 0 (3 January), bob 3 (8:00), cy 7.
    const result = await run(['score', REPEATS, '--dedupe', 'first', '--json', '-q']);
    expect(JSON.parse(result.stdout)).toMatchObject({ promoters: 0, passives: 1, detractors: 2, duplicates: 2 });
  });

  it('works the same in every command that reads responses', async () => {
    const segment = await run(['segment', REPEATS, '--window', 'all', '--dedupe', 'latest', '-c', 'promoters', '-f', 'json', '-q']);
    expect((JSON.parse(segment.stdout) as Row[]).map((row) => row['Comment'])).toEqual(['fixed now', 'good in the end']);
    const themes = await run(['themes', REPEATS, '--dedupe', 'first', '--json', '-q']);
    expect(JSON.parse(themes.stdout)).toMatchObject({ responses: 3 });
  });
});
