import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, run, tempDir } from '../../helpers.js';

/**
 * Two quarters of a B2B survey as a vendor exports them (fixtures/make-quarters.py):
 * newest answer first, times on UTC-08:00, people who answer twice in a quarter and
 * people who answer in both, a CRM file. The truths come from that script, which
 * computes them from the rows it writes and shares nothing with nps.
 */
interface Side {
  responses: number;
  nps: number;
}
type Movement = Record<'promoters' | 'passives' | 'detractors', Record<'promoters' | 'passives' | 'detractors', number>>;
interface Truths {
  q3: Side & { rows: number; blank: number; respondents: number };
  q4: Side & { rows: number; blank: number; respondents: number };
  compare: { difference: number; movement: Movement; paired: { respondents: number; difference: number; p: number } };
  compareDedupe: { a: Side; b: Side };
  movedToDetractors: string[];
  movedToPromoters: string[];
  monthsDedupe: Record<string, Side>;
  monthsAll: Record<string, Side>;
  monthsIfUtc: Record<string, number>;
  flippers: string[];
  q3RatedAll: number;
  q3MostBlank: string;
}
interface CompareJson {
  a: Side;
  b: Side;
  headline: { points: number; from: number; to: number; decidedBy: string; p: number; inBoth: number };
  paired: { respondents: number; difference: number; p: number } | null;
  movement: Movement | null;
  verdict: string;
}
interface PeriodJson {
  period: string;
  responses: number;
  nps: number | null;
  small: boolean;
  partial: { days: number; of: number } | null;
  change: object | null;
}
interface Warning {
  code: string;
  periods?: string[];
  period?: string;
}

const truths = JSON.parse(await readFile(fixture('quarters-truths.json'), 'utf8')) as Truths;
const Q3 = 'fixtures/quarters-q3.csv';
const Q4 = 'fixtures/quarters-q4.csv';

describe('two quarters, newest first, repeat respondents, UTC-08:00', () => {
  it('scores each quarter exactly, counting every row', async () => {
    for (const [file, truth] of [[Q3, truths.q3] as const, [Q4, truths.q4] as const]) {
      const result = await run(['score', file, '--json', '-q']);
      const json = JSON.parse(result.stdout) as { nps: number; responses: number; rows: number; blank: number; rejected: number };
      expect(json.responses).toBe(truth.responses);
      expect(json.nps).toBeCloseTo(truth.nps, 6);
      expect(json.rows).toBe(truth.rows);
      expect(json.blank).toBe(truth.blank);
      expect(json.rows).toBe(json.responses + json.blank + json.rejected);
    }
  });

  it('moves each person by their latest answer by date: the table, the paired test and --moved-to agree', async () => {
    const result = await run(['compare', Q3, Q4, '--json', '-q']);
    const json = JSON.parse(result.stdout) as CompareJson;
    expect(json.movement).toEqual(truths.compare.movement);
    expect(json.paired?.respondents).toBe(truths.compare.paired.respondents);
    expect(json.paired?.difference).toBeCloseTo(truths.compare.paired.difference, 6);
    expect(json.paired?.p).toBeCloseTo(truths.compare.paired.p, 6);
    // The table's promoters → detractors and the --moved-to list are the same people.
    const listed = await run(['compare', Q3, Q4, '--moved-to', 'detractors', '-f', 'json', '-q']);
    const movers = (JSON.parse(listed.stdout) as Array<Record<string, string>>).map((row) => (row['Email'] ?? '').toLowerCase()).sort();
    expect(movers).toEqual(truths.movedToDetractors);
    const movement = json.movement;
    expect(movers.length).toBe((movement?.promoters.detractors ?? 0) + (movement?.passives.detractors ?? 0));
    // A customer who answered 0 early in the quarter and 10 late is no new detractor: their latest answer is a 10.
    for (const flipper of truths.flippers) expect(movers).not.toContain(flipper);
    const promoted = await run(['compare', Q3, Q4, '--moved-to', 'promoters', '-f', 'json', '-q']);
    expect((JSON.parse(promoted.stdout) as Array<Record<string, string>>).map((row) => (row['Email'] ?? '').toLowerCase()).sort()).toEqual(truths.movedToPromoters);
  });

  it('gives one headline whose change is the difference of the two scores shown', async () => {
    const json = JSON.parse((await run(['compare', Q3, Q4, '--json', '-q'])).stdout) as CompareJson;
    expect(json.headline.points).toBeCloseTo(truths.compare.difference, 6);
    expect(json.headline.points).toBeCloseTo(Math.round(json.b.nps * 10) / 10 - Math.round(json.a.nps * 10) / 10, 6);
    expect(json.verdict).toContain(`fell ${Math.abs(truths.compare.difference).toFixed(1)} points`);
    // Under 80% of the smaller side answered both times: everyone decides, and the paired result is said beside it.
    expect(json.headline.decidedBy).toBe('everyone');
    expect(json.verdict).toContain(`Among the ${truths.compare.paired.respondents} who answered both times`);
  });

  it('keeps one answer per person within each quarter under --dedupe, not one across both', async () => {
    const json = JSON.parse((await run(['compare', Q3, Q4, '--dedupe', 'latest', '--json', '-q'])).stdout) as CompareJson;
    expect(json.a.responses).toBe(truths.compareDedupe.a.responses);
    expect(json.b.responses).toBe(truths.compareDedupe.b.responses);
    expect(json.a.nps).toBeCloseTo(truths.compareDedupe.a.nps, 6);
    expect(json.b.nps).toBeCloseTo(truths.compareDedupe.b.nps, 6);
    expect(json.paired?.respondents).toBe(truths.compare.paired.respondents);
  });

  it('keeps one answer per person per month, on the export’s own clock', async () => {
    const result = await run(['score', Q3, Q4, '--dedupe', 'latest', '--period', 'month', '--json']);
    expect(result.stderr).toContain('UTC-08:00');
    const periods = (JSON.parse(result.stdout) as { periods: PeriodJson[] }).periods;
    const months = Object.fromEntries(periods.map((row) => [row.period, row.responses]));
    expect(months).toEqual(Object.fromEntries(Object.entries(truths.monthsDedupe).map(([month, side]) => [month, side.responses])));
    for (const row of periods) expect(row.nps).toBeCloseTo(truths.monthsDedupe[row.period]?.nps ?? NaN, 6);
    // Read on UTC, evening answers of a month's last day would fall in the next month.
    expect(months).not.toEqual(truths.monthsIfUtc);
    // The headline is one answer per person in the whole run, with or without a trend beside it.
    const plain = JSON.parse((await run(['score', Q3, Q4, '--dedupe', 'latest', '--json', '-q'])).stdout) as { nps: number; responses: number };
    const withTrend = JSON.parse(result.stdout) as { nps: number; responses: number };
    expect(withTrend.responses).toBe(plain.responses);
    expect(withTrend.nps).toBe(plain.nps);
  });

  it('names the month of two answers in the warnings, marks it, and tests no change to or from it', async () => {
    const result = await run(['score', Q3, Q4, '--period', 'month', '--json', '-q']);
    const json = JSON.parse(result.stdout) as { periods: PeriodJson[]; warnings: Warning[] };
    const [june, july] = json.periods;
    expect(june).toMatchObject({ period: '2026-06', responses: truths.monthsAll['2026-06']?.responses, small: true, change: null });
    expect(july?.change).toBeNull();
    expect(json.warnings).toContainEqual(expect.objectContaining({ code: 'small-periods', periods: ['2026-06'] }));
    // June holds two days of answers, December 18: both partial.
    expect(json.warnings.filter((warning) => warning.code === 'partial-period').map((warning) => warning.period)).toEqual(['2026-06', '2026-12']);
    const text = await run(['score', Q3, Q4, '--period', 'month', '-q']);
    expect(text.stdout).toMatch(/^2026-06†\s+2\*/m);
  });

  it('sets the last quarter against the one before in the report, with every warning of the terminal', async () => {
    const dir = await tempDir();
    const out = join(dir, 'report.html');
    const result = await run(['report', Q3, Q4, '--period', 'month', '--out', out]);
    expect(result.code).toBe(0);
    const html = await readFile(out, 'utf8');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/\s+/g, ' ');
    expect(text).toContain('2026-12 against 2026-11');
    expect(text).toContain('2026-06 has only 2 responses');
    expect(text).toContain('2026-12 is partial');
    const terminal = await run(['score', Q3, Q4, '--period', 'month', '-q']);
    const warnings = [...terminal.stdout.replace(/\n(?!\n|Warning:)/g, ' ').matchAll(/Warning: ([^\n]+)/g)].map((match) => match[1]?.trim() ?? '');
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(text).toContain(warning.replace(/\s+/g, ' '));
  });

  it('says in plain words what leaving out responses with a blank rating means', async () => {
    const result = await run(['drivers', Q3, '--json', '-q']);
    const json = JSON.parse(result.stdout) as { responses: number; leftOut: number; warnings: Array<{ code: string; leftOut?: number; scored?: number; column?: string }> };
    expect(json.responses).toBe(truths.q3RatedAll);
    expect(json.warnings).toContainEqual(
      expect.objectContaining({ code: 'drivers-incomplete', leftOut: truths.q3.responses - truths.q3RatedAll, scored: truths.q3.responses, column: truths.q3MostBlank }),
    );
    const text = await run(['drivers', Q3, '-q']);
    expect(text.stdout.replace(/\n +/g, ' ')).toContain(`the shares describe the ${truths.q3RatedAll} who rated every driver`);
  });

  it('reads fiscal quarters: April starts the year', async () => {
    const result = await run(['score', Q3, Q4, '--period', 'quarter', '--fiscal-start', 'apr', '--json', '-q']);
    const periods = (JSON.parse(result.stdout) as { periods: PeriodJson[] }).periods;
    expect(periods.map((row) => row.period)).toEqual(['FY2027-Q1', 'FY2027-Q2', 'FY2027-Q3']);
    const inMonths = (months: string[]): number => months.reduce((sum, month) => sum + (truths.monthsAll[month]?.responses ?? 0), 0);
    expect(periods.map((row) => row.responses)).toEqual([inMonths(['2026-06']), inMonths(['2026-07', '2026-08', '2026-09']), inMonths(['2026-10', '2026-11', '2026-12'])]);
    const wrong = await run(['score', Q3, '--period', 'month', '--fiscal-start', 'apr']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--fiscal-start goes with --period quarter or --period year');
  });
});
