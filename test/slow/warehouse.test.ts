import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers.js';
import { duckdb, has, postgres, sqlite, TABLE_OPTION, type Engine } from './warehouse/engines.js';
import { writeExport } from './warehouse/export.js';

/**
 * The point of `nps sql`: counts made in a warehouse, finished by `nps score --counts`,
 * give what `nps score` gives on the export itself, field for field. Each engine loads
 * a generated 20,000-row export as a table of text columns, runs the query `nps sql`
 * prints for it, and saves the result as CSV, as its client would.
 */

const ROWS = 20_000;
const READ = ['--score-column', 'score', '--date-column', 'submitted at'];

let folder = '';
let exportCsv = '';

beforeAll(async () => {
  folder = await tempDir();
  exportCsv = join(folder, 'export.csv');
  await writeExport(exportCsv, ROWS);
});

async function json(args: readonly string[]): Promise<unknown> {
  const result = await run([...args, '--json', '-q']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

async function sqlFor(dialect: string, options: readonly string[]): Promise<string> {
  const result = await run(['sql', '--dialect', dialect, '--table', TABLE_OPTION, ...options]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/**
 * The export's first day: under --dedupe, --since it leaves out the undated answers,
 * between which a table, having no order of rows, cannot keep the later as a file does.
 */
const SINCE_DATED = '2025-01-01';

/**
 * The cases compared: what `nps sql` is given, and what both `nps score` runs are given;
 * `partial` lists the periods the file's trend flags as partial, so that the case
 * checks the flag from counts on periods that have it.
 */
const CASES: ReadonlyArray<{ name: string; sql: string[]; score: string[]; read?: string[]; partial?: string[] }> = [
  { name: 'overall', sql: [], score: [] },
  { name: '--by plan', sql: ['--by', 'plan'], score: ['--by', 'plan'] },
  { name: '--period month', sql: ['--period', 'month', '--date-column', 'submitted at'], score: ['--period', 'month'] },
  {
    name: '--by plan --by plan,Région --period week, counted by day, with --rolling',
    sql: ['--by', 'plan', '--by', 'plan,Région', '--period', 'day', '--date-column', 'submitted at'],
    score: ['--by', 'plan', '--by', 'plan,Région', '--period', 'week', '--rolling', '30d'],
  },
  {
    name: '--since and --until mid-month: the first and last months flagged partial, counted by day',
    sql: ['--date-column', 'submitted at', '--since', '2025-01-10', '--until', '2026-06-20', '--period', 'day'],
    score: ['--period', 'month'],
    read: ['--since', '2025-01-10', '--until', '2026-06-20'],
    partial: ['2025-01', '2026-06'],
  },
  {
    name: '--dedupe latest, --since, --until, --period quarter counted by quarter: one answer per respondent in each quarter',
    sql: ['--dedupe', 'latest', '--respondent-column', 'email', '--date-column', 'submitted at', '--since', '2025-03-01', '--until', '2026-03-31', '--period', 'quarter', '--by', 'plan'],
    score: ['--period', 'quarter', '--by', 'plan'],
    read: ['--dedupe', 'latest', '--respondent-column', 'email', '--since', '2025-03-01', '--until', '2026-03-31'],
    partial: ['2025-Q1'],
  },
  {
    name: 'quarters of a fiscal year from February, counted by month',
    sql: ['--date-column', 'submitted at', '--since', '2025-01-10', '--period', 'month'],
    score: ['--period', 'quarter', '--fiscal-start', 'feb'],
    read: ['--since', '2025-01-10'],
    partial: ['FY2025-Q4', 'FY2027-Q2'],
  },
  {
    name: '--dedupe first, fiscal quarters from February counted as such',
    sql: ['--dedupe', 'first', '--respondent-column', 'email', '--date-column', 'submitted at', '--since', SINCE_DATED, '--period', 'quarter', '--fiscal-start', 'feb', '--by', 'plan'],
    score: ['--period', 'quarter', '--fiscal-start', '2', '--by', 'plan'],
    read: ['--dedupe', 'first', '--respondent-column', 'email', '--since', SINCE_DATED],
    partial: ['FY2025-Q4', 'FY2027-Q2'],
  },
  {
    name: '--dedupe latest, fiscal years from April counted as such',
    sql: ['--dedupe', 'latest', '--respondent-column', 'email', '--date-column', 'submitted at', '--since', SINCE_DATED, '--period', 'year', '--fiscal-start', 'apr'],
    score: ['--period', 'year', '--fiscal-start', 'april'],
    read: ['--dedupe', 'latest', '--respondent-column', 'email', '--since', SINCE_DATED],
    partial: ['FY2025', 'FY2027'],
  },
  { name: '--score-offset -1', sql: ['--score-offset', '-1'], score: [], read: ['--score-offset', '-1'] },
];

function compareOn(label: string, open: () => Promise<Engine | string>, dialect: string): void {
  describe(`${label}: nps score --counts equals nps score FILE --json`, () => {
    let engine: Engine | undefined;
    let reason = '';
    beforeAll(async () => {
      const opened = await open();
      if (typeof opened === 'string') reason = opened;
      else engine = opened;
    }, 120_000);
    afterAll(async () => engine?.close());

    for (const testCase of CASES) {
      it(testCase.name, async (context) => {
        if (engine === undefined) {
          // CI installs and starts every engine: there a server that cannot start is a failure, not a skip.
          if (process.env['CI'] === 'true') throw new Error(`${label} could not start: ${reason}`);
          context.skip(`${label} could not start here: ${reason}`);
          return;
        }
        const counts = await engine.query(await sqlFor(dialect, [...READ.slice(0, 2), ...testCase.sql]));
        const countsFile = join(folder, `${dialect}-${CASES.indexOf(testCase)}.csv`);
        await writeFile(countsFile, counts);
        const fromCounts = await json(['score', '--counts', countsFile, ...testCase.score]);
        const fromFile = await json(['score', exportCsv, ...READ, ...(testCase.read ?? []), ...testCase.score]);
        expect(fromCounts).toEqual(fromFile);
        const flagged = (fromFile as { periods?: Array<{ period: string; partial: unknown }> }).periods?.filter((period) => period.partial !== null).map((period) => period.period);
        expect(flagged ?? []).toEqual(testCase.partial ?? []);
      });
    }

    it('--dedupe: refuses a trend of other periods than those counted, in one line', async (context) => {
      if (engine === undefined) {
        context.skip(`${label} could not start here: ${reason}`);
        return;
      }
      const dedupe = ['--dedupe', 'latest', '--respondent-column', 'email', '--since', SINCE_DATED];
      const sql = await sqlFor(dialect, [...READ, ...dedupe, '--period', 'month']);
      const countsFile = join(folder, `${dialect}-dedupe-months.csv`);
      await writeFile(countsFile, await engine.query(sql));
      // Months deduplicated each on its own: a person who answered in January and February is in both, and would be twice in the quarter.
      const quarter = await run(['score', '--counts', countsFile, '--period', 'quarter', '-q']);
      expect(quarter.code).toBe(2);
      expect(quarter.stderr.trim()).toMatch(/^[^\n]*--period quarter cannot be made of these counts: under --dedupe each month keeps one answer per respondent.*give nps sql --period quarter with the same --dedupe$/);
      const rolling = await run(['score', '--counts', countsFile, '--period', 'month', '--rolling', '90d', '-q']);
      expect(rolling.code).toBe(2);
      expect(rolling.stderr).toMatch(/--rolling cannot be made of these counts/);
      // The months themselves are what the file gives.
      const fromCounts = await json(['score', '--counts', countsFile, '--period', 'month']);
      expect(fromCounts).toEqual(await json(['score', exportCsv, ...READ, ...dedupe, '--period', 'month']));
    });

    it('--where keeps the rows whose cell is the value, and counts the others as left out', async (context) => {
      if (engine === undefined) {
        context.skip(`${label} could not start here: ${reason}`);
        return;
      }
      const counts = await engine.query(await sqlFor(dialect, [...READ.slice(0, 2), '--where', 'plan=pro', '--where', 'Région!=EU']));
      const countsFile = join(folder, `${dialect}-where.csv`);
      await writeFile(countsFile, counts);
      const fromCounts = (await json(['score', '--counts', countsFile])) as Record<string, unknown>;
      // The same rows less those the conditions leave out, read from a file of their own.
      const text = await readFile(exportCsv, 'utf8');
      const kept = await run(['score', '-', ...READ, '--json', '-q'], { stdin: keepWhere(text) });
      const expected = JSON.parse(kept.stdout) as Record<string, unknown>;
      const { rows, excluded, ...rest } = fromCounts;
      const { rows: keptRows, excluded: none, rejected: keptRejected, ...expectedRest } = expected;
      expect(none).toBe(0);
      expect(rows).toBe(ROWS);
      // Rejected values are rejected before any filter, as when a file is read.
      expect({ ...rest, rejected: undefined }).toEqual({ ...expectedRest, rejected: undefined });
      expect(Number(excluded) + Number(rest['rejected']) - Number(keptRejected)).toBe(ROWS - Number(keptRows));
    });

    it('compare --counts equals compare FILE, by plan, by month, and by fiscal quarter under --dedupe', async (context) => {
      if (engine === undefined) {
        context.skip(`${label} could not start here: ${reason}`);
        return;
      }
      const counts = await engine.query(await sqlFor(dialect, ['--score-column', 'score', '--by', 'plan', '--period', 'day', '--date-column', 'submitted at']));
      const countsFile = join(folder, `${dialect}-compare.csv`);
      await writeFile(countsFile, counts);
      for (const mode of [['--by', 'plan', '--values', 'pro,free'], ['--period', 'month'], ['--period', 'quarter', '--values', '2025-Q1,2025-Q3']]) {
        await expectSameComparison(countsFile, READ, mode);
      }
      // Under --dedupe, compare keeps one answer per respondent in each period: the counts of those very periods.
      const dedupe = ['--dedupe', 'first', '--respondent-column', 'email', '--since', SINCE_DATED];
      const deduped = await engine.query(await sqlFor(dialect, [...READ, ...dedupe, '--period', 'quarter', '--fiscal-start', 'feb']));
      const dedupedFile = join(folder, `${dialect}-compare-dedupe.csv`);
      await writeFile(dedupedFile, deduped);
      await expectSameComparison(dedupedFile, [...READ, ...dedupe], ['--period', 'quarter', '--fiscal-start', 'feb', '--values', 'FY2026-Q1,FY2026-Q3']);
    });

    it('--drivers: the moments give the shares of nps drivers on the export', async (context) => {
      if (engine === undefined) {
        context.skip(`${label} could not start here: ${reason}`);
        return;
      }
      const sql = await sqlFor(dialect, ['--score-column', 'score', '--drivers', 'support,price value', '--date-column', 'submitted at', '--since', '2025-02-01']);
      const momentsFile = join(folder, `${dialect}-moments.csv`);
      await writeFile(momentsFile, await engine.query(sql));
      const fromMoments = (await json(['drivers', '--moments', momentsFile])) as Record<string, unknown>;
      const fromFile = (await json(['drivers', exportCsv, ...READ, '--columns', 'support,price value', '--since', '2025-02-01'])) as Record<string, unknown>;
      expect(driverFigures(fromMoments)).toEqual(driverFigures(fromFile));
      expect(fromMoments['r2Interval']).toBeNull();
      expect((fromMoments['warnings'] as Array<{ code: string }>).map((warning) => warning.code)).toContain('moments-only');
    });

    it('reads hostile names and values as names and values, never as SQL', async (context) => {
      if (engine === undefined) {
        context.skip(`${label} could not start here: ${reason}`);
        return;
      }
      await hostileTable(engine);
      const hostile = await run([
        'sql', '--dialect', dialect, '--table', HOSTILE_TABLE_OPTION, '--score-column', HOSTILE.score, '--by', HOSTILE.group,
        '--where', `${HOSTILE.filter}=${HOSTILE.value}`,
      ]);
      expect(hostile.code, hostile.stderr).toBe(0);
      const countsFile = join(folder, `${dialect}-hostile.csv`);
      await writeFile(countsFile, await engine.query(hostile.stdout));
      const scored = (await json(['score', '--counts', countsFile, '--by', HOSTILE.group])) as { rows: number; excluded: number; responses: number; groups: Array<{ key: Record<string, string> }> };
      expect(scored).toMatchObject({ rows: 3, excluded: 1, responses: 2 });
      expect(scored.groups.map((group) => group.key[HOSTILE.group]).sort()).toEqual(["x'); DROP TABLE t; --", 'ü "ñ"']);
    });
  });
}

/** compare --counts gives what compare gives on the export, less what follows respondents. */
async function expectSameComparison(countsFile: string, read: readonly string[], mode: readonly string[]): Promise<void> {
  const { verdict: countsVerdict, ...fromCounts } = (await json(['compare', '--counts', countsFile, ...mode])) as Record<string, unknown>;
  // Who moved between groups, and who answered both times, follow respondents, which counts do not have: everything
  // else is the same, and the verdict is the file's first sentence (the change among everyone who answered).
  const { movement, paired, verdict, headline, ...fromFile } = (await json(['compare', exportCsv, ...read, ...mode])) as Record<string, unknown>;
  const everyone = { ...(headline as Record<string, unknown>), inBoth: 0, coverage: 0 };
  expect(fromCounts, mode.join(' ')).toEqual({ ...fromFile, headline: everyone, ...(movement === undefined ? {} : { movement: null }), ...(paired === undefined ? {} : { paired: null }) });
  expect(String(verdict).startsWith(String(countsVerdict)), mode.join(' ')).toBe(true);
}

/** A table whose names and values try to end the query early. */
const HOSTILE = {
  table: 'we\'ird"; DROP TABLE x; --',
  score: 'How likely? "0-10"',
  group: 'plan.name; --',
  filter: "it's",
  value: "a' OR '1'='1",
} as const;
const HOSTILE_TABLE_OPTION = `"${HOSTILE.table.replaceAll('"', '""')}"`;

async function hostileTable(engine: Engine): Promise<void> {
  const name = (text: string): string => `"${text.replaceAll('"', '""')}"`;
  const text = (value: string): string => `'${value.replaceAll("'", "''")}'`;
  const rows = [
    ['9', "x'); DROP TABLE t; --", HOSTILE.value],
    ['3', 'ü "ñ"', HOSTILE.value],
    ['10', 'other', 'b'],
  ];
  await engine.exec(
    `DROP TABLE IF EXISTS ${name(HOSTILE.table)};\nCREATE TABLE ${name(HOSTILE.table)} (${name(HOSTILE.score)} TEXT, ${name(HOSTILE.group)} TEXT, ${name(HOSTILE.filter)} TEXT);\n` +
      `INSERT INTO ${name(HOSTILE.table)} VALUES ${rows.map((row) => `(${row.map(text).join(', ')})`).join(', ')};\n`,
  );
}

/** The figures of a drivers result that moments must give exactly; the intervals, which need the rows, apart. */
function driverFigures(json: Record<string, unknown>): unknown {
  const drivers = json['drivers'] as Array<Record<string, unknown>>;
  return {
    responses: json['responses'],
    leftOut: json['leftOut'],
    nps: json['nps'],
    missing: json['missing'],
    rows: json['rows'],
    blank: json['blank'],
    rejected: json['rejected'],
    drivers: drivers.map((driver) => ({
      column: driver['column'],
      fixFirst: driver['fixFirst'],
      direction: driver['direction'],
      mean: (driver['performance'] as { mean: number }).mean.toFixed(9),
      figures: [driver['importance'], driver['r2Share'], driver['coefficient'], driver['correlation']].map((value) => Number(value).toFixed(9)),
    })),
    r2: Number(json['r2']).toFixed(9),
  };
}

/** The export less the rows --where plan=pro --where Région!=EU leaves out. */
function keepWhere(text: string): string {
  const lines = text.split('\n');
  const header = lines[0] ?? '';
  // No cell of the generated export before the score holds a comma or a quote: the columns can be split on commas.
  const kept = lines.slice(1).filter((line) => {
    const cells = line.split(',');
    return cells[3] === 'pro' && cells[4] !== 'EU';
  });
  return `${[header, ...kept].join('\n')}\n`;
}

compareOn('DuckDB', () => duckdb(exportCsv), 'duckdb');
compareOn('SQLite', async () => (has('sqlite3') ? sqlite(exportCsv, folder) : 'the sqlite3 shell is not installed (apt-get install sqlite3)'), 'sqlite');
compareOn('PostgreSQL', () => postgres(exportCsv), 'postgres');
