import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

/** Counts as `psql --csv` saves them: a whole table, two plans, three months (one with no answer), one undated. */
const HEADER = 'nps_set,plan,nps_day,nps_0,nps_1,nps_2,nps_3,nps_4,nps_5,nps_6,nps_7,nps_8,nps_9,nps_10,nps_blank,nps_rejected,nps_duplicates,nps_excluded';
const COUNTS = [
  HEADER,
  'all,,,1,0,0,2,0,0,3,4,5,6,9,2,1,0,3',
  'by:plan,pro,,0,0,0,1,0,0,1,2,2,4,6,1,0,0,0',
  'by:plan,free,,1,0,0,1,0,0,2,2,3,2,3,1,0,0,0',
  'by:plan,"",,0,0,0,0,0,0,0,0,0,0,0,0,1,0,3',
  'period:month,,2026-01-01,1,0,0,1,0,0,1,1,2,2,3,1,0,0,0',
  'period:month,,2026-02-01,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0',
  'period:month,,2026-03-01,0,0,0,1,0,0,1,2,2,3,5,0,0,0,0',
  'period:month,,,0,0,0,0,0,0,1,1,1,1,1,0,1,0,3',
].join('\n');

let folder = '';
let counts = '';

beforeAll(async () => {
  folder = await tempDir();
  counts = join(folder, 'counts.csv');
  await writeFile(counts, `${COUNTS}\n`);
});

async function scoreJson(args: readonly string[], stdin?: string): Promise<Record<string, unknown>> {
  const result = await run(['score', ...args, '--json', '-q'], { stdin });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('nps score --counts', () => {
  it('accounts for every row the query counted', async () => {
    const json = await scoreJson(['--counts', counts]);
    expect(json).toMatchObject({ responses: 30, promoters: 15, passives: 9, detractors: 6, blank: 2, rejected: 1, excluded: 3, rows: 36, nps: 30 });
  });

  it('reads the columns of a warehouse that folds unquoted names to upper case, as Snowflake does', async () => {
    const upper = join(folder, 'upper.csv');
    const [header = '', ...rows] = COUNTS.split('\n');
    await writeFile(upper, `${[header.replace(/nps_\w+/g, (name) => name.toUpperCase()), ...rows].join('\n')}\n`);
    expect(await scoreJson(['--counts', upper, '--by', 'plan'])).toEqual(await scoreJson(['--counts', counts, '--by', 'plan']));
  });

  it('leaves out a group with no scored answer, as reading the rows would', async () => {
    const json = (await scoreJson(['--counts', counts, '--by', 'plan'])) as { groups: Array<{ key: { plan: string } }> };
    expect(json.groups.map((group) => group.key.plan)).toEqual(['pro', 'free']);
  });

  it('makes quarters of months, keeps an empty month in the trend, and counts the undated', async () => {
    const months = (await scoreJson(['--counts', counts, '--period', 'month'])) as { periods: Array<{ period: string; responses: number }> };
    // February has only a blank: no scored answer, so the trend shows it empty.
    expect(months.periods.map((row) => [row.period, row.responses])).toEqual([['2026-01', 11], ['2026-02', 0], ['2026-03', 14]]);
    const quarters = (await scoreJson(['--counts', counts, '--period', 'quarter'])) as { periods: Array<{ period: string; responses: number }> };
    expect(quarters.periods).toHaveLength(1);
    const result = await run(['score', '--counts', counts, '--period', 'month']);
    expect(result.stderr).toContain('5 scored responses with no readable date are in the overall score but in no period');
  });

  it('reads the same counts as JSON, from standard input', async () => {
    const [header, ...rows] = COUNTS.split('\n').map((line) => line.split(','));
    const records = rows.map((cells) => Object.fromEntries((header ?? []).map((column, at) => [column, /^\d+$/.test(cells[at] ?? '') ? Number(cells[at]) : cells[at] === '' ? null : cells[at]?.replaceAll('"', '')])));
    const fromJson = await scoreJson(['--counts', '-', '--by', 'plan', '--period', 'month'], JSON.stringify(records));
    expect(fromJson).toEqual(await scoreJson(['--counts', counts, '--by', 'plan', '--period', 'month']));
  });

  it('refuses what the counts cannot give, in one line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--by', 'region'], /no counts by region: give nps sql --by region/],
      [['--period', 'week'], /--period week needs counts by day or week, and these have periods by month: give nps sql --period day/],
      [['--period', 'month', '--rolling', '90d'], /--rolling needs counts by day/],
      [['--since', '2026-01-01'], /--since is applied by the query: give it to nps sql/],
      [['--dedupe', 'latest'], /--dedupe is applied by the query/],
    ];
    for (const [args, message] of cases) {
      const result = await run(['score', '--counts', counts, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n').filter((line) => !line.includes('counts from nps sql'))).toHaveLength(1);
    }
  });

  it('refuses a file that is no counts, and a count that is no count', async () => {
    const plain = await run(['score', '--counts', 'fixtures/sample.csv']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/these are not counts from nps sql/);
    const broken = join(folder, 'broken.csv');
    await writeFile(broken, `${HEADER}\nall,,,1,0,0,2,0,0,3,4,5,six,9,2,1,0,3\n`);
    const result = await run(['score', '--counts', broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2: nps_9 should be a count/);
  });

  it('fails --strict when the query rejected values', async () => {
    const result = await run(['score', '--counts', counts, '--strict', '-q']);
    expect(result.code).toBe(3);
  });
});

/**
 * Counts of `nps sql --dedupe latest --period month`, with the first and last day answered: each month keeps one answer
 * per respondent of its own, and the answers run from 10 January to 12 March.
 */
const DAYS_HEADER = `${HEADER},nps_first_day,nps_last_day`;
const DEDUPED = [
  DAYS_HEADER,
  'all,,,1,0,0,2,0,0,3,4,5,6,9,2,1,4,3,2026-01-10,2026-03-12',
  'by:plan,pro,,0,0,0,1,0,0,1,2,2,4,6,1,0,2,0,2026-01-10,2026-03-12',
  'by:plan,free,,1,0,0,1,0,0,2,2,3,2,3,1,1,2,3,2026-01-12,2026-03-02',
  'period:month:dedupe,,2026-01-01,1,0,0,1,0,0,1,1,2,2,3,1,0,0,0,2026-01-10,2026-01-31',
  'period:month:dedupe,,2026-02-01,0,0,0,0,0,0,1,0,0,1,0,1,0,0,0,2026-02-03,2026-02-25',
  'period:month:dedupe,,2026-03-01,0,0,0,1,0,0,1,3,3,3,6,0,1,1,3,2026-03-01,2026-03-12',
].join('\n');

describe('nps score --counts: --dedupe, partial periods and fiscal years', () => {
  let deduped = '';
  beforeAll(async () => {
    deduped = join(folder, 'deduped.csv');
    await writeFile(deduped, `${DEDUPED}\n`);
  });

  it('makes the trend of the periods counted, and flags the partial ones from the first and last day answered', async () => {
    const json = (await scoreJson(['--counts', deduped, '--period', 'month'])) as { periods: Array<{ period: string; responses: number; partial: unknown }>; warnings: Array<{ code: string }> };
    expect(json.periods.map((row) => [row.period, row.responses, row.partial])).toEqual([
      ['2026-01', 11, { days: 22, of: 31 }],
      ['2026-02', 2, null],
      ['2026-03', 17, { days: 12, of: 31 }],
    ]);
    expect(json.warnings.filter((warning) => warning.code === 'partial-period')).toHaveLength(2);
    // Counts made before the columns of the first and last day tell no partial period.
    const old = (await scoreJson(['--counts', counts, '--period', 'month'])) as { periods: Array<{ partial: unknown }> };
    expect(old.periods.map((row) => row.partial)).toEqual([null, null, null]);
  });

  it('refuses a trend of other periods than those deduplicated, and one of counts deduplicated over the whole table', async () => {
    // The same counts as an earlier nps sql --dedupe made them: four duplicates, and months deduplicated over the whole table.
    const wholeTable = join(folder, 'whole-table.csv');
    await writeFile(wholeTable, `${COUNTS.replace('all,,,1,0,0,2,0,0,3,4,5,6,9,2,1,0,3', 'all,,,1,0,0,2,0,0,3,4,5,6,9,2,1,4,3')}\n`);
    const cases: Array<[string, string[], RegExp]> = [
      [deduped, ['--period', 'quarter'], /--period quarter cannot be made of these counts: under --dedupe each month keeps one answer per respondent, .* give nps sql --period quarter with the same --dedupe$/],
      [deduped, ['--period', 'quarter', '--fiscal-start', 'apr'], /give nps sql --period quarter --fiscal-start 4 with the same --dedupe$/],
      [deduped, ['--period', 'month', '--rolling', '30d'], /--rolling cannot be made of these counts/],
      [wholeTable, ['--period', 'month'], /these periods were deduplicated over the whole table, by an earlier nps sql/],
    ];
    for (const [file, args, message] of cases) {
      const result = await run(['score', '--counts', file, ...args, '-q']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
    }
    // Without a trend, the whole table and its groups are deduplicated as the file's are.
    expect(await scoreJson(['--counts', wholeTable, '--by', 'plan'])).toMatchObject({ duplicates: 4, responses: 30 });
    const byPlan = await run(['compare', '--counts', deduped, '--by', 'plan', '--values', 'free,pro', '-q']);
    expect(byPlan.code).toBe(2);
    expect(byPlan.stderr).toMatch(/compare --by keeps one answer per respondent in each group, .*nps sql --where plan=VALUE/);
  });

  it('adds months up to fiscal quarters, and calendar quarters to those of a year from April only', async () => {
    const fiscal = (await scoreJson(['--counts', counts, '--period', 'quarter', '--fiscal-start', 'feb'])) as { periods: Array<{ period: string; responses: number }> };
    expect(fiscal.periods.map((row) => [row.period, row.responses])).toEqual([['FY2026-Q4', 11], ['FY2027-Q1', 14]]);
    const quarters = join(folder, 'quarters.csv');
    await writeFile(quarters, `${HEADER}\nall,,,1,0,0,2,0,0,3,4,5,6,9,2,1,0,3\nperiod:quarter,,2026-01-01,1,0,0,2,0,0,2,3,4,5,8,1,0,0,0\n`);
    const april = (await scoreJson(['--counts', quarters, '--period', 'quarter', '--fiscal-start', 'apr'])) as { periods: Array<{ period: string; responses: number }> };
    expect(april.periods.map((row) => [row.period, row.responses])).toEqual([['FY2026-Q4', 25]]);
    const february = await run(['score', '--counts', quarters, '--period', 'quarter', '--fiscal-start', 'feb', '-q']);
    expect(february.code).toBe(2);
    expect(february.stderr).toMatch(/the quarter counted from 2026-01-01 straddles two periods of --period quarter --fiscal-start 2: give nps sql --period month, or --period quarter --fiscal-start 2/);
  });
});

describe('nps sql', () => {
  it('prints one query ending in a semicolon', async () => {
    const result = await run(['sql', '--dialect', 'postgres', '--table', 'survey.responses', '--score-column', 'score']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^WITH\n/);
    expect(result.stdout).toContain('FROM "survey"."responses"');
    expect(result.stdout.trimEnd().endsWith(';')).toBe(true);
  });

  it('refuses, in one line, what it cannot write', async () => {
    const base = ['sql', '--dialect', 'duckdb', '--table', 't', '--score-column', 'score'];
    const cases: Array<[string[], RegExp]> = [
      [['--period', 'month'], /--period needs --date-column/],
      [['--since', '30d'], /--since and --until need --date-column/],
      [['--dedupe', 'latest', '--date-column', 'd'], /--dedupe needs --respondent-column and --date-column/],
      [['--where', 'plan'], /--where takes COLUMN=VALUE/],
      [['--by', 'nps_set'], /the query names a column of its own so/],
      [['--where', 'plan=a\u0000b'], /NUL/],
      [['--table', 'a..b'], /--table takes a name such as/],
      [['--date-column', 'd', '--since', 'soon'], /--since takes a date/],
      [['--drivers', 'a,b', '--by', 'plan'], /--drivers makes a query of its own/],
      [['--date-column', 'd', '--period', 'month', '--fiscal-start', 'apr'], /--fiscal-start goes with --period quarter or --period year/],
      [['--date-column', 'd', '--period', 'year', '--fiscal-start', '13'], /--fiscal-start takes a month/],
    ];
    for (const [args, message] of cases) {
      const result = await run([...base, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const missing = await run(['sql', '--dialect', 'duckdb', '--score-column', 'score']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--table/);
  });

  it('counts fiscal quarters, which from April are the calendar\'s, and marks periods deduplicated each on its own', async () => {
    const base = ['sql', '--dialect', 'postgres', '--table', 't', '--score-column', 'score', '--date-column', 'd', '--period', 'quarter'];
    const calendar = await run(base);
    expect((await run([...base, '--fiscal-start', 'apr'])).stdout).toBe(calendar.stdout);
    const february = await run([...base, '--fiscal-start', 'feb']);
    expect(february.code, february.stderr).toBe(0);
    expect(february.stdout).not.toBe(calendar.stdout);
    expect(calendar.stdout).toContain("'period:quarter' AS nps_set");
    const deduped = await run([...base, '--respondent-column', 'r', '--dedupe', 'latest']);
    expect(deduped.stdout).toContain("'period:quarter:dedupe' AS nps_set");
    expect(deduped.stdout).toContain('PARTITION BY nps_class, nps_respondent, nps_period ORDER BY');
  });

  it('writes --since 30d as the day it means, from --today', async () => {
    const result = await run(['sql', '--dialect', 'sqlite', '--table', 't', '--score-column', 'score', '--date-column', 'd', '--since', '30d', '--today', '2026-03-31']);
    expect(result.code, result.stderr).toBe(0);
    // 2026-03-01 is day 20,513 since 1970; "the last 30 days" end today, 2026-03-31 (day 20,543).
    expect(result.stdout).toContain('nps_days >= 20513 AND nps_days <= 20543');
  });
});

describe('nps drivers --moments', () => {
  it('refuses counts with no moments, --columns, and the options of reading', async () => {
    const none = await run(['drivers', '--moments', counts]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no row of moments: give this file the result of nps sql --drivers/);
    const columns = await run(['drivers', '--moments', counts, '--columns', 'a']);
    expect(columns.code).toBe(2);
    expect(columns.stderr).toMatch(/--columns and --by are given to nps sql --drivers/);
    const since = await run(['drivers', '--moments', counts, '--since', '2026-01-01']);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/--since is applied by the query/);
  });

  it('computes the shares from moments, without intervals', async () => {
    // Two drivers, x1 and x2 = x1 + noise, of five complete responses with scores 2, 4, 6, 8, 10.
    const header = `${HEADER.split(',').filter((column) => column !== 'plan' && column !== 'nps_day').join(',')},nps_n,nps_promoters,nps_detractors,nps_left_out,nps_sum_y,nps_sum_y_y,` +
      'nps_sum_x1,nps_sum_x1_y,nps_sum_x1_x1,nps_sum_x1_x2,nps_min_x1,nps_max_x1,nps_whole_x1,nps_blank_x1,nps_unreadable_x1,' +
      'nps_sum_x2,nps_sum_x2_y,nps_sum_x2_x2,nps_min_x2,nps_max_x2,nps_whole_x2,nps_blank_x2,nps_unreadable_x2';
    // x1 = 1..5; x2 = 2, 1, 4, 3, 5.
    const row = '"drivers:a,b",0,0,1,0,1,0,1,0,1,0,1,1,0,0,0,5,1,3,1,30,220,15,110,55,53,1,5,1,1,0,15,106,55,1,5,1,0,0';
    const file = join(folder, 'moments.csv');
    await writeFile(file, `${header}\n${row}\n`);
    const result = await run(['drivers', '--moments', file, '--json', '-q']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { r2: number; r2Interval: unknown; responses: number; drivers: Array<{ column: string; importance: number; interval: unknown }> };
    // y = 2·x1 exactly: R² is 1, and x1 carries most of it.
    expect(json.r2).toBeCloseTo(1, 9);
    expect(json.responses).toBe(5);
    expect(json.r2Interval).toBeNull();
    expect(json.drivers[0]?.column).toBe('a');
    expect(json.drivers.every((driver) => driver.interval === null)).toBe(true);
  });
});

describe('nps compare --counts', () => {
  it('compares two files of counts, each its whole table', async () => {
    const copy = join(folder, 'counts-b.csv');
    await writeFile(copy, `${COUNTS}\n`);
    const result = await run(['compare', '--counts', counts, copy, '--json', '-q']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { a: { responses: number }; b: { responses: number }; difference: { difference: number } };
    expect(json.a.responses).toBe(30);
    expect(json.b.responses).toBe(30);
    expect(json.difference.difference).toBe(0);
  });

  it('compares two groups of one file, and refuses what follows respondents', async () => {
    const byPlan = await run(['compare', '--counts', counts, '--by', 'plan', '--values', 'free,pro', '--json', '-q']);
    expect(byPlan.code, byPlan.stderr).toBe(0);
    expect((JSON.parse(byPlan.stdout) as { a: { responses: number } }).a.responses).toBe(14);
    const paired = await run(['compare', '--counts', counts, join(folder, 'counts-b.csv'), '--paired']);
    expect(paired.code).toBe(2);
    expect(paired.stderr).toMatch(/--paired follows respondents, and counts have none/);
  });
});
