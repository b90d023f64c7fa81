import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../../src/core/sql/dialects.js';
import { countsQuery, type CountsQuerySpec } from '../../../src/core/sql/query.js';

/**
 * BigQuery, Snowflake and Spark cannot run here: the query `nps sql` writes for each is
 * read by a parser of that dialect (node-sql-parser's; Spark's through its Hive
 * grammar, the SQL Spark grew from), and must be one statement. The real engines
 * (DuckDB, SQLite, PostgreSQL) run theirs in test/slow/warehouse.test.ts.
 *
 * Where the parsers are stricter than the warehouses they stand for, the names below
 * keep clear of it, and the exact text is checked in sql.test.ts instead: none reads a
 * dialect's own quote doubled or escaped inside a quoted name (`a``b` in Spark, `a\`b`
 * in BigQuery, "a""b" in Snowflake, all valid), and the Hive grammar reads no
 * three-part table name (catalog.schema.table, valid in Spark 3.4 and Databricks).
 */

interface Parser {
  astify(sql: string, options: { database: string }): unknown;
}

const require = createRequire(import.meta.url);
const parserFor = (build: string): Parser => {
  const module = require(`node-sql-parser/build/${build}`) as { Parser: new () => Parser };
  return new module.Parser();
};

const BASE: CountsQuerySpec = {
  dialect: 'bigquery',
  table: ['analytics', 'responses'],
  scoreColumn: 'How likely are you to recommend us? (0-10)',
  scoreOffset: -1,
  dateColumn: 'Submitted at',
  respondentColumn: 'E-mail',
  by: [['plan'], ['plan', 'Région / pays']],
  period: 'week',
  fiscalStart: 1,
  since: 20_454,
  until: 20_819,
  where: [
    { column: 'country', negated: false, value: "it's \\' OR 1=1 --" },
    { column: 'source', negated: true, value: "'; DROP TABLE responses; --\nx" },
  ],
  dedupe: 'latest',
};

const CASES: ReadonlyArray<{ dialect: DialectName; build: string; database: string; table: string[]; quote: string }> = [
  { dialect: 'bigquery', build: 'bigquery', database: 'bigquery', table: ['my-project', 'analytics', 'responses 2026'], quote: '"' },
  { dialect: 'snowflake', build: 'snowflake', database: 'snowflake', table: ['ANALYTICS', 'PUBLIC', 'responses 2026'], quote: '`' },
  { dialect: 'spark', build: 'hive', database: 'hive', table: ['analytics', 'responses 2026'], quote: '"' },
];

describe('the SQL of the warehouses that cannot run here passes a parser of each', () => {
  for (const { dialect, build, database, table, quote } of CASES) {
    const parser = parserFor(build);
    const variants: Array<[string, Partial<CountsQuerySpec>]> = [
      ['every option', {}],
      ['the overall score alone', { by: [], period: undefined, where: [], dedupe: 'none', dateColumn: undefined, respondentColumn: undefined, since: undefined, until: undefined, scoreOffset: 0 }],
      ...(['day', 'month', 'quarter', 'year'] as const).map((period): [string, Partial<CountsQuerySpec>] => [`--period ${period}`, { period }]),
      ['--dedupe first', { dedupe: 'first' }],
      ['fiscal quarters from February', { period: 'quarter', fiscalStart: 2 }],
      ['fiscal years from April, without --dedupe', { period: 'year', fiscalStart: 4, dedupe: 'none' }],
      ['--drivers', { by: [], period: undefined, drivers: ['support', 'Ease of use (1-5)', 'price'] }],
      ['hostile names', { by: [[`plan ${quote}x${quote}; --`, 'ü.ñ'], ["it's"]], scoreColumn: `score /* ${quote} */` }],
    ];
    for (const [what, change] of variants) {
      it(`${dialect}: ${what}`, () => {
        const sql = countsQuery({ ...BASE, ...change, dialect, table });
        const ast = parser.astify(sql, { database });
        // One statement: nothing in a name or a value ended the query early.
        expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
      });
    }
  }
});
