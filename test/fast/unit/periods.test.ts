import { seededRandom } from '../../../src/core/random.js';
import { describe, expect, it } from 'vitest';
import { countedWithin } from '../../../src/core/counts.js';
import { isoDay, periodOf, trend, trendWarnings, type Period, type TrendSettings } from '../../../src/core/periods.js';
import { addScore, emptyTally, type Tally } from '../../../src/core/tally.js';
import { dayOf as calendarDay, RowDates, UNSETTLED } from '../../../src/input/dates.js';

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

  it('gives each day its own period, whatever was asked before: 20,000 days, periods and fiscal starts in random order', () => {
    const random = seededRandom(66);
    const periods: Period[] = ['week', 'month', 'quarter', 'year'];
    const keys = new Map<string, string>();
    for (let round = 0; round < 20_000; round += 1) {
      const day = dayOf('2024-01-01') + Math.floor(random() * 1200);
      const period = periods[Math.floor(random() * periods.length)] ?? 'month';
      const fiscalStart = random() < 0.5 ? 1 : 1 + Math.floor(random() * 12);
      const span = periodOf(day, period, fiscalStart);
      expect(span.start <= day && day < span.end, `${isoDay(day)} ${period} ${fiscalStart}`).toBe(true);
      // The key says its period and its kind of year: a span of another period or fiscal year would say otherwise.
      const fiscal = fiscalStart !== 1 && (period === 'quarter' || period === 'year');
      const shape = { week: /^\d{4}-W\d{2}$/, month: /^\d{4}-\d{2}$/, quarter: fiscal ? /^FY\d{4}-Q[1-4]$/ : /^\d{4}-Q[1-4]$/, year: fiscal ? /^FY\d{4}$/ : /^\d{4}$/ }[period];
      expect(span.key).toMatch(shape);
      const name = `${period} ${fiscal ? fiscalStart : 1} ${span.start}`;
      expect(keys.get(name) ?? span.key, name).toBe(span.key);
      keys.set(name, span.key);
      expect(Object.isFrozen(span)).toBe(true);
    }
  });
});

describe('trend', () => {
  const settings = (period: Period, more: Partial<TrendSettings> = {}): TrendSettings => ({
    period,
    fiscalStart: 1,
    precision: { level: 0.95, method: 'adjusted-wald', adjust: true },
    rollingDays: undefined,
    minN: 1,
    byDay: true,
    ...more,
  });
  const tallyOf = (...scores: number[]): Tally => {
    const tally = emptyTally();
    for (const score of scores) addScore(tally, score);
    return tally;
  };

  it('lists every period from the first to the last, oldest first, a gap as an empty row', () => {
    const days = new Map([
      [dayOf('2026-03-02'), tallyOf(10, 10)],
      [dayOf('2026-01-15'), tallyOf(0)],
    ]);
    const rows = trend(days, settings('month'));
    expect(rows.map((row) => [row.period, row.responses, row.nps])).toEqual([
      ['2026-01', 1, -100],
      ['2026-02', 0, null],
      ['2026-03', 2, 100],
    ]);
    // A change is measured only between neighbours that both have responses.
    expect(rows.map((row) => row.change)).toEqual([undefined, undefined, undefined]);
  });

  it('leaves out a long run of empty periods, as a stray date makes, and tests no change across it', () => {
    const days = new Map([
      [dayOf('1900-01-01'), tallyOf(0)],
      [dayOf('2026-01-05'), tallyOf(10)],
      [dayOf('2026-01-12'), tallyOf(10)],
      [dayOf('2026-02-02'), tallyOf(10)],
    ]);
    const rows = trend(days, settings('week'));
    // 1900's week, then 2026: the weeks between are left out, the two empty weeks of 2026 kept.
    expect(rows.map((row) => [row.period, row.responses])).toEqual([
      ['1900-W01', 1],
      ['2026-W02', 1],
      ['2026-W03', 1],
      ['2026-W04', 0],
      ['2026-W05', 0],
      ['2026-W06', 1],
    ]);
    expect(rows[1]?.change).toBeUndefined();
    expect(rows[2]?.change).toBeDefined();
  });

  it('tests each change against the period just before', () => {
    const days = new Map([
      [dayOf('2026-01-15'), tallyOf(0, 0, 0)],
      [dayOf('2026-02-15'), tallyOf(10, 10, 10)],
      [dayOf('2026-03-15'), tallyOf(10, 10, 10)],
    ]);
    const rows = trend(days, settings('month'));
    expect(rows.map((row) => row.change?.difference)).toEqual([undefined, 200, 0]);
  });

  it('marks a period under the minimum as small, names it in a warning, and tests no change to or from it', () => {
    const many = (score: number): number[] => Array.from({ length: 40 }, () => score);
    const days = new Map([
      [dayOf('2026-08-31'), tallyOf(10, 10)],
      [dayOf('2026-09-15'), tallyOf(...many(0))],
      [dayOf('2026-10-15'), tallyOf(...many(10))],
    ]);
    const rows = trend(days, settings('month', { minN: 30 }));
    expect(rows.map((row) => [row.period, row.small])).toEqual([
      ['2026-08', true],
      ['2026-09', false],
      ['2026-10', false],
    ]);
    expect(rows.map((row) => row.change?.difference)).toEqual([undefined, undefined, 200]);
    expect(trendWarnings(rows, 30)).toContainEqual({ code: 'small-periods', periods: ['2026-08'], least: 2, minimum: 30 });
  });

  it('flags a first or last period the answers cover only in part', () => {
    const days = new Map([
      [dayOf('2026-08-20'), tallyOf(10)],
      [dayOf('2026-09-02'), tallyOf(9)],
      [dayOf('2026-09-30'), tallyOf(0)],
    ]);
    const rows = trend(days, settings('quarter'));
    // Q3 2026 runs from July 1 to September 30: the answers span 42 of its 92 days.
    expect(rows.map((row) => [row.period, row.partial])).toEqual([['2026-Q3', { days: 42, of: 92 }]]);
    expect(trendWarnings(rows, 1)).toEqual([{ code: 'partial-period', period: '2026-Q3', days: 42, of: 92 }]);
    const months = trend(days, settings('month'));
    expect(months.map((row) => [row.period, row.partial])).toEqual([
      ['2026-08', { days: 12, of: 31 }],
      ['2026-09', undefined],
    ]);
  });

  it('by period, as counts are, flags partial periods from the first and last day answered, and none without them', () => {
    const months = new Map([
      [dayOf('2026-08-01'), tallyOf(10)],
      [dayOf('2026-09-01'), tallyOf(9, 0)],
    ]);
    const answered = { first: dayOf('2026-08-20'), last: dayOf('2026-09-30') };
    const rows = trend(months, settings('quarter', { byDay: false, answered }));
    expect(rows.map((row) => [row.period, row.responses, row.partial])).toEqual([['2026-Q3', 3, { days: 42, of: 92 }]]);
    expect(trend(months, settings('quarter', { byDay: false })).map((row) => row.partial)).toEqual([undefined]);
  });
});

describe('counted periods within the periods of a trend', () => {
  it('tells the same period, one inside, one straddling two, and no period at all', () => {
    expect(countedWithin(dayOf('2026-01-01'), 'month', 'quarter', 2)).toBe('inside');
    expect(countedWithin(dayOf('2026-02-01'), 'quarter', 'quarter', 2)).toBe('same');
    expect(countedWithin(dayOf('2026-02-01'), 'quarter', 'quarter', 5)).toBe('same');
    expect(countedWithin(dayOf('2026-01-01'), 'quarter', 'quarter', 2)).toBe('across');
    expect(countedWithin(dayOf('2026-01-01'), 'quarter', 'year', 4)).toBe('inside');
    expect(countedWithin(dayOf('2026-01-01'), 'quarter', 'year', 2)).toBe('across');
    expect(countedWithin(dayOf('2025-11-01'), 'quarter', 'year', 2)).toBe('inside');
    expect(countedWithin(dayOf('2025-04-01'), 'year', 'year', 4)).toBe('same');
    expect(countedWithin(dayOf('2025-04-01'), 'year', 'year', 1)).toBe('across');
    expect(countedWithin(dayOf('2026-03-02'), 'week', 'month', 1)).toBe('inside');
    expect(countedWithin(dayOf('2026-03-30'), 'week', 'month', 1)).toBe('across');
    expect(countedWithin(dayOf('2026-03-03'), 'week', 'week', 1)).toBe('none');
    expect(countedWithin(dayOf('2026-03-15'), 'month', 'month', 1)).toBe('none');
    expect(countedWithin(dayOf('2026-03-15'), 'day', 'week', 1)).toBe('inside');
  });
});

describe('fiscal quarters and years', () => {
  it('starts quarters and years in the fiscal month, naming the year by the one it ends in', () => {
    const span = (day: string, period: Period, start: number): [string, string, string] => {
      const found = periodOf(dayOf(day), period, start);
      return [found.key, isoDay(found.start), isoDay(found.end - 1)];
    };
    expect(span('2026-04-01', 'quarter', 4)).toEqual(['FY2027-Q1', '2026-04-01', '2026-06-30']);
    expect(span('2026-03-31', 'quarter', 4)).toEqual(['FY2026-Q4', '2026-01-01', '2026-03-31']);
    expect(span('2026-12-31', 'quarter', 4)).toEqual(['FY2027-Q3', '2026-10-01', '2026-12-31']);
    expect(span('2026-07-01', 'year', 7)).toEqual(['FY2027', '2026-07-01', '2027-06-30']);
    expect(span('2026-06-30', 'year', 7)).toEqual(['FY2026', '2025-07-01', '2026-06-30']);
    expect(span('2026-11-30', 'quarter', 2)).toEqual(['FY2027-Q4', '2026-11-01', '2027-01-31']);
    expect(span('2027-01-31', 'quarter', 2)).toEqual(['FY2027-Q4', '2026-11-01', '2027-01-31']);
    // January is the calendar: the keys stay as they were.
    expect(span('2026-05-10', 'quarter', 1)).toEqual(['2026-Q2', '2026-04-01', '2026-06-30']);
    // Months and weeks do not depend on it.
    expect(periodOf(dayOf('2026-05-10'), 'month', 4).key).toBe('2026-05');
  });

  it('gives every day of a fiscal year to exactly one of its four quarters', () => {
    for (const start of [2, 4, 7, 10, 12]) {
      const first = periodOf(dayOf('2026-06-15'), 'year', start);
      const seen = new Map<string, number>();
      for (let day = first.start; day < first.end; day += 1) {
        const quarter = periodOf(day, 'quarter', start);
        expect(quarter.key.startsWith(first.key)).toBe(true);
        expect(day >= quarter.start && day < quarter.end).toBe(true);
        seen.set(quarter.key, (seen.get(quarter.key) ?? 0) + 1);
      }
      expect(seen.size).toBe(4);
    }
  });
});

describe('calendar days', () => {
  it('counts every day from 1900 to 2100 as Date.UTC does, and refuses the days that do not exist', () => {
    for (let time = Date.UTC(1900, 0, 1); time <= Date.UTC(2100, 11, 31); time += 86_400_000) {
      const date = new Date(time);
      expect(calendarDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(time / 86_400_000);
    }
    for (const [year, month, day] of [[2027, 2, 29], [1900, 2, 29], [2026, 4, 31], [2026, 13, 1], [2026, 0, 10], [2026, 1, 0], [2026, 1, 32], [18, 1, 1], [2026, 1.5, 1]]) {
      expect(calendarDay(year ?? 0, month ?? 0, day ?? 0), `${year}-${month}-${day}`).toBeUndefined();
    }
    expect(calendarDay(2000, 2, 29)).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
  });
});

describe('RowDates', () => {
  it('reads the common ISO stamp by its quick path exactly as by the full reading', () => {
    const random = seededRandom(7);
    const pad = (value: number, width: number): string => String(value).padStart(width, '0');
    let read = 0;
    for (let trial = 0; trial < 5000; trial += 1) {
      const pick = (most: number): number => Math.floor(random() * most);
      const stamp =
        `${pad(1990 + pick(60), 4)}-${pad(pick(14), 2)}-${pad(pick(33), 2)}${random() < 0.5 ? 'T' : ' '}` +
        `${pad(pick(26), 2)}:${pad(pick(62), 2)}:${pad(pick(62), 2)}${random() < 0.5 ? 'Z' : ''}`;
      // A leading space takes the full reading: the cell is trimmed there, and reads the same.
      const quick = new RowDates(undefined).read(stamp);
      expect(quick, stamp).toEqual(new RowDates(undefined).read(` ${stamp}`));
      if (quick !== undefined) read += 1;
    }
    // Most stamps are valid, the rest out of range (month 13, hour 24, 31 February): both kinds are compared.
    expect(read).toBeGreaterThan(2500);
    expect(read).toBeLessThan(5000);
  });

  const read = (cell: string, format?: 'm/d/yyyy' | 'd/m/yyyy') => new RowDates(format).read(cell);
  const at = (iso: string): number => Date.parse(iso);

  it('reads ISO dates and date-times on the calendar day written, keeping the moment', () => {
    expect(read('2026-10-05')).toEqual({ day: dayOf('2026-10-05'), time: at('2026-10-05T00:00:00Z'), hasTime: false });
    expect(read('2026-10-05T23:30:00-05:00')).toEqual({ day: dayOf('2026-10-05'), time: at('2026-10-06T04:30:00Z'), hasTime: true });
    expect(read('2026-10-05 08:00')).toMatchObject({ day: dayOf('2026-10-05'), time: at('2026-10-05T08:00:00Z') });
    expect(read('2026-10-05T08:00:00.250Z')).toMatchObject({ time: at('2026-10-05T08:00:00.250Z') });
    expect(read('2026-02-30')).toBeUndefined();
    expect(read('2026-10-05 25:00')).toBeUndefined();
  });

  it('reads Unix seconds and milliseconds, and dotted day-first dates with or without a time', () => {
    expect(read('1790000000')).toMatchObject({ day: Math.floor(1790000000 / 86400), time: 1790000000000 });
    expect(read('1790000000123')).toMatchObject({ time: 1790000000123 });
    expect(read('05.10.2026')).toMatchObject({ day: dayOf('2026-10-05'), hasTime: false });
    expect(read('05.10.2026 14:30')).toMatchObject({ time: at('2026-10-05T14:30:00Z') });
  });

  it('keeps the time of day of slashed date-times, 12- and 24-hour', () => {
    expect(read('12/19/2019 1:09:33')).toEqual({ day: dayOf('2019-12-19'), time: at('2019-12-19T01:09:33Z'), hasTime: true });
    expect(read('12/19/2019 1:09:33 PM')).toMatchObject({ time: at('2019-12-19T13:09:33Z') });
    expect(read('12/19/2019, 12:05 am')).toMatchObject({ time: at('2019-12-19T00:05:00Z') });
    expect(read('20/01/2020 16:56:00')).toMatchObject({ day: dayOf('2020-01-20'), time: at('2020-01-20T16:56:00Z') });
  });

  it('reads two-digit years as spreadsheets do, and year-first slashed dates', () => {
    expect(read('9/8/18 15:29', 'm/d/yyyy')).toMatchObject({ day: dayOf('2018-09-08'), time: at('2018-09-08T15:29:00Z') });
    expect(read('1/2/70', 'd/m/yyyy')).toMatchObject({ day: dayOf('1970-02-01') });
    expect(read('2026/03/04')).toMatchObject({ day: dayOf('2026-03-04') });
  });

  it('tells the order of slashed dates from any date that can only be read one way', () => {
    const monthFirst = new RowDates(undefined);
    expect(monthFirst.read('3/4/2026')).toBe(UNSETTLED);
    monthFirst.read('4/13/2026');
    expect(monthFirst.read('3/4/2026')).toMatchObject({ day: dayOf('2026-03-04') });

    const dayFirst = new RowDates(undefined);
    dayFirst.read('13/4/2026 10:00');
    expect(dayFirst.read('3/4/2026')).toMatchObject({ day: dayOf('2026-04-03') });
  });

  it('never waits for a date that reads the same either way', () => {
    expect(read('5/5/2026')).toMatchObject({ day: dayOf('2026-05-05') });
  });

  it('asks for --date-format when nothing tells, and refuses a file that mixes both orders', () => {
    const unsure = new RowDates(undefined);
    expect(unsure.read('3/4/2026')).toBe(UNSETTLED);
    expect(unsure.unsettledError().message).toContain('dates such as 3/4/2026 could be month first or day first');
    expect(new RowDates('d/m/yyyy').read('3/4/2026')).toMatchObject({ day: dayOf('2026-04-03') });

    const mixed = new RowDates(undefined);
    mixed.read('13/4/2026');
    expect(() => mixed.read('4/13/2026')).toThrow('mix day-first (13/4/2026) and month-first (4/13/2026)');
  });
});
