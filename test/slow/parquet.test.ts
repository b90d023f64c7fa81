import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // Several row groups, so that reading them one after another is tested too.
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${base}.parquet' (FORMAT parquet, ROW_GROUP_SIZE 100)`);
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${base}-text.parquet' (FORMAT parquet, COMPRESSION zstd)`);
  }
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
