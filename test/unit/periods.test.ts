import { describe, expect, it } from 'vitest';
import { periodOf, trend } from '../../src/core/breakdown.js';
import { addScore, emptyTally, type Tally } from '../../src/core/tally.js';
import { DayReader, isoDay } from '../../src/input/dates.js';

const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('periodOf', () => {
  it.each([
    ['2026-01-01', 'week', '2026-W01', '2025-12-29', '2026-01-04'],
    ['2027-01-01', 'week', '2026-W53', '2026-12-28', '2027-01-03'],
    ['2024-12-30', 'week', '2025-W01', '2024-12-30', '2025-01-05'],
    ['2026-02-14', 'month', '2026-02', '2026-02-01', '2026-02-28'],
    ['2026-11-23', 'quarter', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-03-31', 'quarter', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-07-04', 'year', '2026', '2026-01-01', '2026-12-31'],
  ] as const)('puts %s in %s %s (%s to %s)', (date, period, key, first, last) => {
    const span = periodOf(dayOf(date), period);
    expect([span.key, isoDay(span.start), isoDay(span.end - 1)]).toEqual([key, first, last]);
  });
});

describe('trend', () => {
  const tallyOf = (...scores: number[]): Tally => {
    const tally = emptyTally();
    for (const score of scores) addScore(tally, score);
    return tally;
  };

  it('lists only periods with responses, oldest first', () => {
    const days = new Map([
      [dayOf('2026-03-02'), tallyOf(10, 10)],
      [dayOf('2026-01-15'), tallyOf(0)],
    ]);
    const rows = trend(days, 'month', { level: 0.95, method: 'adjusted-wald' });
    expect(rows.map((row) => [row.period, row.responses, row.nps])).toEqual([
      ['2026-01', 1, -100],
      ['2026-03', 2, 100],
    ]);
  });
});

describe('DayReader', () => {
  it('reads ISO dates and date-times on the calendar day written', () => {
    const reader = new DayReader(undefined);
    expect(reader.key('2026-10-05')).toBe(String(dayOf('2026-10-05')));
    expect(reader.key('2026-10-05T23:30:00-05:00')).toBe(String(dayOf('2026-10-05')));
    expect(reader.key('2026-10-05 08:00')).toBe(String(dayOf('2026-10-05')));
    expect(reader.key('2026-02-30')).toBeUndefined();
  });

  it('reads Unix seconds and dotted day-first dates', () => {
    const reader = new DayReader(undefined);
    expect(reader.key('1790000000')).toBe(String(Math.floor(1790000000 / 86400)));
    expect(reader.key('05.10.2026')).toBe(String(dayOf('2026-10-05')));
  });

  it('tells the order of slashed dates from any date that can only be read one way', () => {
    const monthFirst = new DayReader(undefined);
    const key = monthFirst.key('3/4/2026') ?? '';
    monthFirst.key('4/13/2026');
    expect(monthFirst.resolve(key)).toBe(dayOf('2026-03-04'));

    const dayFirst = new DayReader(undefined);
    const same = dayFirst.key('3/4/2026') ?? '';
    dayFirst.key('13/4/2026');
    expect(dayFirst.resolve(same)).toBe(dayOf('2026-04-03'));
  });

  it('refuses to guess, and refuses a file that mixes both orders', () => {
    const unsure = new DayReader(undefined);
    const key = unsure.key('3/4/2026') ?? '';
    expect(() => unsure.resolve(key)).toThrow('could be month first or day first');
    expect(new DayReader('d/m/yyyy').resolve(key)).toBe(dayOf('2026-04-03'));

    const mixed = new DayReader(undefined);
    mixed.key('13/4/2026');
    mixed.key('4/13/2026');
    expect(() => mixed.resolve('1/2/2026')).toThrow('mix day-first');
  });
});
