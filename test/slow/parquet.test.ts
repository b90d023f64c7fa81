import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { ParquetReader } from '../../src/input/parquet.js';
import { openSource } from '../../src/input/source.js';
import { fixture, run, tempDir } from '../helpers.js';

/**
 * A Parquet file is read through the same pipeline as CSV: a fixture written to Parquet
 * by DuckDB, its column types inferred (integers, dates, timestamps) or every column
 * text, gives the same JSON as the fixture's CSV. The Parquet files are made here, from
 * the CSV, never kept in the repository.
 */

const FIXTURES: ReadonlyArray<{ name: string; commands: string[][] }> = [
  {
    name: 'report-sample.csv',
    commands: [['score', '--json'], ['score', '--by', 'plan', '--by', 'plan,region', '--period', 'month', '--json'], ['segment', '-c', 'detractors', '-f', 'json'], ['themes', '--json']],
  },
  { name: 'sample.csv', commands: [['score', '--json'], ['score', '--by', 'plan', '--json'], ['segment', '-c', 'promoters', '-f', 'json', '--today', '2026-10-10']] },
  { name: 'drivers-survey.csv', commands: [['drivers', '--by', 'plan', '--json']] },
  { name: 'repeat-respondents.csv', commands: [['score', '--dedupe', 'latest', '--period', 'month', '--json']] },
  { name: 'labelled-scores.csv', commands: [['score', '--json'], ['segment', '-c', 'detractors', '-f', 'json']] },
  { name: 'followup-survey.csv', commands: [['segment', '-c', 'detractors', '-f', 'json', '--today', '2026-11-03']] },
  {
    name: 'accounts-survey.csv',
    commands: [
      ['score', '--account-column', 'Company', '--weight-column', 'MRR', '--by', 'Plan', '--period', 'quarter', '--json'],
      ['accounts', '--account-column', 'Company', '--value-column', 'MRR', '--json'],
    ],
  },
];

let folder = '';
let instance: DuckDBInstance | undefined;

beforeAll(async () => {
  folder = await tempDir();
  instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const { name } of FIXTURES) {
    const csv = fixture(name).replaceAll("'", "''");
    const base = join(folder, name.replace(/\.csv$/, ''));
    // DuckDB writes row groups of 2,048 rows at least: each fixture is one group (the test of later rows reads three).
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${base}.parquet' (FORMAT parquet, ROW_GROUP_SIZE 100)`);
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${base}-text.parquet' (FORMAT parquet, COMPRESSION zstd)`);
  }
  // Past its first row group, a plain score decodes only the columns it reads: rows that need the others come later,
  // in the third of three row groups.
  const rows = Array.from({ length: 5_000 }, (_, index) => `${index},user${index % 3000}@example.com,2026-0${1 + (index % 9)}-1${index % 10},${(index * 7) % 11},plan${index % 3},x`);
  const later = ['9001,USER5@example.com,2026-05-15,3,plan1,x', '9002,excluded@example.com,2026-05-16,10,plan1,x', '9003,other@example.com,2025-12-31,0,plan1,x', '9004,,2026-06-01,,plan2,x'];
  await writeFile(join(folder, 'later.csv'), ['id,email,date,score,plan,extra', ...rows, ...later, ''].join('\n'));
  await writeFile(join(folder, 'exclude.csv'), 'email\nexcluded@example.com\n');
  await connection.run(`COPY (SELECT * FROM read_csv('${join(folder, 'later.csv')}', all_varchar = true)) TO '${join(folder, 'later.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
  connection.closeSync();
}, 60_000);

afterAll(() => instance?.closeSync());

async function stdoutOf(args: readonly string[]): Promise<string> {
  const result = await run([...args, '-q']);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe('a Parquet file written by DuckDB gives the JSON of its CSV', () => {
  for (const { name, commands } of FIXTURES) {
    for (const command of commands) {
      for (const kind of ['typed', 'text'] as const) {
        it(`${name} (${kind} columns): nps ${command.join(' ')}`, async () => {
          const [verb = '', ...options] = command;
          const parquet = join(folder, name.replace(/\.csv$/, kind === 'typed' ? '.parquet' : '-text.parquet'));
          const fromCsv = await stdoutOf([verb, fixture(name), ...options]);
          const fromParquet = await stdoutOf([verb, parquet, ...options]);
          expect(JSON.parse(fromParquet)).toEqual(JSON.parse(fromCsv));
        });
      }
    }
  }

  it('reads Parquet from standard input, and names a rejected row by its line in a CSV export', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(join(folder, 'sample.parquet'));
    const piped = await run(['score', '-', '--json'], { stdin: bytes });
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual(JSON.parse(await stdoutOf(['score', fixture('sample.csv'), '--json'])));
    // The 11th row: line 12 counting the header, where the CSV, whose 10th row holds a line break, says 13.
    expect(piped.stderr).toContain('nps: stdin line 12: rejected: score "11" is above 10');
  });

  it.each([
    { options: [] as string[], counted: 'blank' },
    { options: ['--dedupe', 'latest'], counted: 'duplicates' },
    { options: ['--exclude', 'exclude.csv'], counted: 'excluded' },
    { options: ['--since', '2026-01-01', '--until', '2026-08-31'], counted: 'excluded' },
  ])('decodes only the columns a plain score reads, and gives with $options what a read of every column gives', async ({ options, counted }) => {
    const masked = await run(['score', join(folder, 'later.parquet'), '--json', ...options], { cwd: folder });
    const whole = await run(['score', join(folder, 'later.parquet'), '--json', ...options, '--where', 'extra!=none'], { cwd: folder });
    const csv = await run(['score', join(folder, 'later.csv'), '--json', ...options], { cwd: folder });
    expect(masked.code, masked.stderr).toBe(0);
    expect(masked.stdout).toBe(whole.stdout);
    expect(JSON.parse(masked.stdout)).toEqual(JSON.parse(csv.stdout));
    expect((JSON.parse(masked.stdout) as Record<string, number>)[counted]).toBeGreaterThan(0);
  });

  it('leaves the columns not read empty from the next row group on, and the rows read before whole', async () => {
    const path = join(folder, 'later.parquet');
    const reader = await ParquetReader.open(openSource(path, '/', () => Readable.from([])));
    // As the read pipeline does: the first rows choose the columns, then the mask is set.
    await reader.peekRows(200);
    reader.readOnly([3]);
    const rows: string[][] = [];
    await reader.forEachRow((cells) => rows.push([...cells]));
    expect(rows).toHaveLength(5_004);
    // The first group (2,048 rows) was decoded before the mask was set; the last is read with it.
    expect(rows[0]).toEqual(['0', 'user0@example.com', '2026-01-10', '0', 'plan0', 'x']);
    expect(rows[5_003]).toEqual(['', '', '', '', '', '']);
    expect(rows[5_000]).toEqual(['', '', '', '3', '', '']);
  });

  it('refuses --sheet and a damaged file in one line', async () => {
    const sheet = await run(['score', join(folder, 'sample.parquet'), '--sheet', '1']);
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toMatch(/--sheet chooses a sheet of an Excel workbook, and this is a Parquet file/);
    const damaged = await run(['score', '-'], { stdin: Buffer.from('PAR1 not really') });
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/this Parquet file cannot be read/);
    expect(damaged.stderr.trim().split('\n')).toHaveLength(1);
  });
});
