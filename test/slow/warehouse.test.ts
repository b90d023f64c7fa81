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

/** The cases compared: what `nps sql` is given, and what both `nps score` runs are given. */
const CASES: ReadonlyArray<{ name: string; sql: string[]; score: string[]; read?: string[] }> = [
  { name: 'overall', sql: [], score: [] },
  { name: '--by plan', sql: ['--by', 'plan'], score: ['--by', 'plan'] },
  { name: '--period month', sql: ['--period', 'month', '--date-column', 'submitted at'], score: ['--period', 'month'] },
  {
    name: '--by plan --by plan,Région --period week, counted by day, with --rolling',
    sql: ['--by', 'plan', '--by', 'plan,Région', '--period', 'day', '--date-column', 'submitted at'],
    score: ['--by', 'plan', '--by', 'plan,Région', '--period', 'week', '--rolling', '30d'],
  },
  {
    name: '--dedupe latest, --since, --until, --period quarter counted by month',
    sql: ['--dedupe', 'latest', '--respondent-column', 'email', '--date-column', 'submitted at', '--since', '2025-03-01', '--until', '2026-03-31', '--period', 'month', '--by', 'plan'],
    score: ['--period', 'quarter', '--by', 'plan'],
    read: ['--dedupe', 'latest', '--respondent-column', 'email', '--since', '2025-03-01', '--until', '2026-03-31'],
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
      });
    }

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

    it('compare --counts equals compare FILE, by plan and by month', async (context) => {
      if (engine === undefined) {
        context.skip(`${label} could not start here: ${reason}`);
        return;
      }
      const counts = await engine.query(await sqlFor(dialect, ['--score-column', 'score', '--by', 'plan', '--period', 'day', '--date-column', 'submitted at']));
      const countsFile = join(folder, `${dialect}-compare.csv`);
      await writeFile(countsFile, counts);
      for (const mode of [['--by', 'plan', '--values', 'pro,free'], ['--period', 'month'], ['--period', 'quarter', '--values', '2025-Q1,2025-Q3']]) {
        const { verdict: countsVerdict, ...fromCounts } = (await json(['compare', '--counts', countsFile, ...mode])) as Record<string, unknown>;
        // Who moved between groups, and who answered both times, follow respondents, which counts do not have: everything
        // else is the same, and the verdict is the file's first sentence (the change among everyone who answered).
        const { movement, paired, verdict, headline, ...fromFile } = (await json(['compare', exportCsv, ...READ, ...mode])) as Record<string, unknown>;
        const everyone = { ...(headline as Record<string, unknown>), inBoth: 0, coverage: 0 };
        expect(fromCounts, mode.join(' ')).toEqual({ ...fromFile, headline: everyone, ...(movement === undefined ? {} : { movement: null }), ...(paired === undefined ? {} : { paired: null }) });
        expect(String(verdict).startsWith(String(countsVerdict)), mode.join(' ')).toBe(true);
      }
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
