import { describe, expect, it } from 'vitest';
import { RowDates } from '../../../src/input/dates.js';
import { serialText } from '../../../src/input/xlsx.js';
import { run } from '../../helpers.js';

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

    const input = 'email,date,score\na@x.com,9999-12-31,3\nb@x.com,9999-12-31T23:59:60Z,2\nc@x.com,2026-01-01T10:00+99:99,1\nd@x.com,2026-01-01,9\n';
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
