#!/usr/bin/env node
// DuckDB from its npm package (a development dependency: `npm install` brings it, binary
// included), for the recipes of docs/warehouse.md where DuckDB's own shell is not
// installed. Two uses, as the shell's:
//
//   node scripts/duckdb.mjs DATABASE "CREATE TABLE responses AS SELECT * FROM read_csv('x.csv', all_varchar = true)"
//   node scripts/duckdb.mjs -csv DATABASE < query.sql > counts.csv   (like `duckdb -csv DATABASE < query.sql`)
//
// With -csv, the result of the last statement read from standard input is printed as CSV with a header.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const csv = args[0] === '-csv';
const [database, sql] = csv ? args.slice(1) : args;
if (database === undefined) {
  console.error('usage: node scripts/duckdb.mjs [-csv] DATABASE [SQL]   (SQL from standard input when not given)');
  process.exit(2);
}
const text = sql ?? readFileSync(0, 'utf8');
const instance = await DuckDBInstance.create(database);
const connection = await instance.connect();
try {
  const reader = await connection.runAndReadAll(text);
  if (csv) {
    const quote = (value) => {
      const cell = value === null || value === undefined ? '' : String(value);
      return /[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    };
    const lines = [reader.columnNames().map(quote).join(',')];
    for (const row of reader.getRowsJS()) lines.push(row.map(quote).join(','));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} catch (error) {
  console.error(`duckdb: ${error.message}`);
  process.exitCode = 1;
} finally {
  connection.closeSync();
  instance.closeSync();
}
