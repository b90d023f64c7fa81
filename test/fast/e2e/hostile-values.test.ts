import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAmount } from '../../../src/core/followup.js';
import { RowDates } from '../../../src/input/dates.js';
import { numberText, serialText } from '../../../src/input/xlsx.js';
import { run, tempDir } from '../../helpers.js';
import { sheetPart, workbookOf } from '../../workbooks.js';

/** Correct values on odd input: dates past the calendar's edge, numbers that are not numbers, padded scores. */
const csvRows = (stdout: string): string[][] => stdout.trim().split('\n').map((line) => line.split(','));

describe('dates past the calendar\'s edge', () => {
  it('reads no date past 9999-12-31 or with an offset no zone has, and never writes a year of five digits', async () => {
    const dates = new RowDates(undefined);
    expect(dates.read('9999-12-31T23:59:60Z')).toBeUndefined();
    expect(dates.read('2026-01-01T10:00+99:99')).toBeUndefined();
    expect(dates.read('2026-01-01T10:00+15:00')).toBeUndefined();
    expect(dates.read('2026-01-01T10:00+14:00')).toMatchObject({ time: Date.UTC(2025, 11, 31, 20, 0) });
    expect(dates.read('2026-01-01 10:00 -0930')).toMatchObject({ time: Date.UTC(2026, 0, 1, 19, 30) });
    expect(dates.read('9999-12-31T23:59:59Z')).toMatchObject({ time: Date.UTC(9999, 11, 31, 23, 59, 59) });
    expect(serialText(2_958_465, 'date', false)).toBe('9999-12-31');
    expect(serialText(2_958_466, 'date', false)).toBeUndefined();

    const input = 'email,date,score\na@x.com,9999-12-31,3\nb@x.com,9999-12-31T23:59:60Z,2\nc@x.com,2026-01-01T10:00+99:99,1\nd@x.com,2026-01-01,9\n' +
      // Promoters with plain dates, so that the column is a date column by what it holds (the two above are not dates).
      Array.from({ length: 8 }, (_, at) => `p${at}@x.com,2026-01-0${at + 2},10\n`).join('');
    const result = await run(['segment', '-', '-c', 'detractors', '--today', '2026-02-01'], { stdin: input });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/\+0\d{5}|\d{5}-\d\d/);
    const byEmail = new Map(csvRows(result.stdout).map((row) => [row[0], row]));
    expect(byEmail.get('a@x.com')?.[5]).toBe('9999-12-31 23:59 UTC');
    expect(byEmail.get('b@x.com')?.[5]).toBe('');
    expect(byEmail.get('c@x.com')?.[5]).toBe('');
    expect(result.stderr).toContain('nps: warning: 2 detractors with no readable date come after the dated ones and have no respond_by');
    expect(result.stderr).toContain(
      "nps: warning: 1 detractor is dated so late that the reply would be due after 9999-12-31: its respond_by is 9999-12-31 23:59 UTC, the calendar's last minute",
    );
  });
});

describe('numbers that are not numbers', () => {
  it('reads a workbook\'s numeric cells as strictly as CSV cells: 0x9 and 0b1001 are no score', async () => {
    const dir = await tempDir();
    const rows = [['email', 'score'], ['a@x.com', { n: '0x9' }], ['b@x.com', { n: '0b1001' }], ['c@x.com', { n: 'Infinity' }], ['d@x.com', { n: '9.0E0' }], ['e@x.com', { n: '10' }]];
    await writeFile(join(dir, 'hex.xlsx'), workbookOf(sheetPart(rows)));
    const result = await run(['score', 'hex.xlsx', '--json'], { cwd: dir });
    expect(JSON.parse(result.stdout)).toMatchObject({ responses: 2, promoters: 2, rejected: 3 });
    expect(result.stderr).toContain('hex.xlsx, sheet "Responses", row 2: rejected: score "0x9" is not a number from 0 to 10');
    expect(result.stderr).toContain('row 3: rejected: score "0b1001" is not a number from 0 to 10');
    expect(numberText('0x9')).toBe('0x9');
    expect(numberText(' 1E-3 ')).toBe('0.001');
  });

  it('keeps every total of --value-column finite, and says which values were no amount and why', async () => {
    const amounts = ['1E+308', '1e308', 'NaN', 'Infinity', '9'.repeat(400), '"$12,000.50"', '€ 1 200', '"1200,50"', '0x10'];
    const input = `email,score,ARR\n${amounts.map((amount, index) => `u${index}@x.com,3,${amount}`).join('\n')}\n`;
    const result = await run(['segment', '-', '-c', 'detractors', '--value-column', 'ARR', '--json'], { stdin: input });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(9);
    expect(result.stderr).not.toMatch(/NaN with|Infinity with/);
    expect(result.stderr).toContain('nps: warning: 6 values of "ARR" are no amount (such as "1E+308", which is past 10^15, larger than any amount): their responses count as having no revenue');
    expect(result.stderr).toContain('nps: revenue at risk (ARR): 14,401 with detractors, 0 with passives');
    expect([readAmount('USD 1,200'), readAmount('1.200,50'), readAmount(''), readAmount('n/a'), readAmount('NaN'), readAmount('-1e16')]).toEqual([
      1200,
      1200.5,
      undefined,
      undefined,
      { problem: 'is not an amount' },
      { problem: 'is past 10^15, larger than any amount' },
    ]);
  });
});

describe('drivers at the edges', () => {
  const ratings = (same: string): string =>
    `score,support,price,same\n${Array.from({ length: 60 }, (_, index) => `${index % 11},${1 + ((index * 7) % 5)},${1 + ((index * 3) % 5)},${same}`).join('\n')}\n`;

  it.each([['4'], ['1' + '0'.repeat(160)]])('drops a constant column given in --columns (%s), with the documented warning, in the JSON', async (same) => {
    for (const columns of ['same', 'support,same', 'support,price,same']) {
      const result = await run(['drivers', '-', '--columns', columns, '--json', '-q'], { stdin: ratings(same) });
      expect(result.code, result.stderr).toBe(0);
      const json = JSON.parse(result.stdout);
      expect(json.dropped).toEqual([{ column: 'same', reason: `the same in every complete response (${Number(same)})` }]);
      expect(json.warnings).toContainEqual(expect.objectContaining({ code: 'driver-constant', column: 'same' }));
      expect(json.drivers.map((driver: { column: string }) => driver.column)).not.toContain('same');
    }
  });

  it('gives a rating of values past 1e154 the share it has at 1 to 5', async () => {
    const rows = Array.from({ length: 300 }, (_, index) => {
      const score = index % 11;
      return [score, 1 + ((score * 7 + index) % 5), 1 + ((index * 3) % 5), 1 + ((score + (index % 3)) % 5)];
    });
    const file = (big: (value: number) => string): string => `score,support,price,big\n${rows.map(([score, support, price, value]) => `${score},${support},${price},${big(value ?? 0)}`).join('\n')}\n`;
    const small = await run(['drivers', '-', '--columns', 'support,price,big', '--json', '-q'], { stdin: file(String) });
    const huge = await run(['drivers', '-', '--columns', 'support,price,big', '--json', '-q'], { stdin: file((value) => `${value}${'0'.repeat(155)}`) });
    const shares = (stdout: string): Record<string, number> => {
      const json = JSON.parse(stdout) as { drivers: Array<{ column: string; importance: number }> };
      return Object.fromEntries(json.drivers.map((driver) => [driver.column, driver.importance]));
    };
    const r2 = (stdout: string): number => (JSON.parse(stdout) as { r2: number }).r2;
    expect(shares(huge.stdout)['big']).toBeGreaterThan(90);
    for (const [column, share] of Object.entries(shares(small.stdout))) expect(shares(huge.stdout)[column], column).toBeCloseTo(share, 6);
    expect(r2(huge.stdout)).toBeCloseTo(r2(small.stdout), 10);
  });
});

describe('scores written with leading zeros', () => {
  it('reads 009 and 010 as 09 is read, and 0011 as an 11', async () => {
    const result = await run(['score', '-', '--json'], { stdin: 'id,score\n1,009\n2,010\n3,09\n4,0010\n5,000\n6,0011\n' });
    expect(JSON.parse(result.stdout)).toMatchObject({ responses: 5, promoters: 4, detractors: 1, rejected: 1 });
    expect(result.stderr).toContain('stdin line 7: rejected: score "0011" is above 10');
  });
});
