/**
 * What differs between the SQL of each warehouse `nps sql` writes for: how a name and
 * a text are quoted, how a value is cast, how a text is matched against a pattern,
 * integer division and the remainder, and how a day number becomes a date. Everything
 * else in the query is the SQL all six share. Pure text, no input or output.
 */

export const DIALECTS = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  sqlite: 'SQLite',
  bigquery: 'BigQuery (GoogleSQL)',
  snowflake: 'Snowflake',
  spark: 'Spark SQL and Databricks',
} as const satisfies Record<string, string>;
export type DialectName = keyof typeof DIALECTS;

/**
 * A regular expression for a whole text, in the syntax every dialect's engine shares
 * (groups, alternatives, `{m,n}`, `\s`, bracket lists); `\p{L}` stands for a letter and
 * each dialect writes it its own way.
 */
export type Pattern = string;

const LETTER = '\\p{L}';
const withLetters = (pattern: Pattern, letter: string): string => pattern.replaceAll(LETTER, letter);

export interface Dialect {
  name: DialectName;
  /** One name (a table, a column, an alias) quoted so that it can never end the query. */
  identifier(name: string): string;
  /** A text literal, quoted so that it can never end the query. */
  literal(text: string): string;
  /** Any value as text. */
  text(expression: string): string;
  /** A text known to hold only digits, as an integer. */
  integer(expression: string): string;
  /** A text known to hold a decimal number (or an integer), as a double. */
  real(expression: string): string;
  /** A null of the text type, so that the branches of a UNION agree. */
  nullText: string;
  /** Whether the whole text matches the pattern. */
  matches(expression: string, pattern: Pattern): string;
  /** Integer division of two non-negative integers. */
  divide(a: string, b: string): string;
  /** The remainder of a by b, for integers. */
  remainder(a: string, b: string): string;
  /** The text less the leading characters found in `characters`. */
  trimStart(expression: string, characters: string): string;
  /** A number of days since 1970-01-01 as the ISO text of that day ("2026-03-01"). */
  isoDay(days: string): string;
  /**
   * How a step whose columns later steps use many times is introduced: `AS MATERIALIZED`
   * where the planner would otherwise copy each column's expression into every use
   * (PostgreSQL and SQLite inline a step used once: the date's parts, used twenty times
   * in a day number, were read twenty times a row).
   */
  step: 'AS' | 'AS MATERIALIZED';
}

/** `"name"`, with every `"` doubled: the SQL standard's quoted identifier. */
const doubleQuoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** `'text'`, with every `'` doubled: for dialects whose literals know no backslash escapes. */
const standardLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * For dialects whose literals read backslash escapes (BigQuery, Snowflake, Spark): a
 * backslash, a quote and a line break are each escaped, so that `\'` in a value can
 * never close the literal.
 */
function escapedLiteral(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\r', '\\r');
  return `'${escaped}'`;
}

const duckdb: Dialect = {
  name: 'duckdb',
  real: (e) => `CAST(${e} AS DOUBLE)`,
  step: 'AS',
  identifier: doubleQuoted,
  literal: standardLiteral,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  integer: (e) => `CAST(${e} AS INTEGER)`,
  nullText: 'CAST(NULL AS VARCHAR)',
  matches: (e, p) => `regexp_full_match(${e}, ${standardLiteral(p)})`,
  divide: (a, b) => `((${a}) // (${b}))`,
  remainder: (a, b) => `((${a}) % (${b}))`,
  trimStart: (e, c) => `ltrim(${e}, ${standardLiteral(c)})`,
  isoDay: (d) => `CAST(DATE '1970-01-01' + CAST(${d} AS INTEGER) AS VARCHAR)`,
};

const postgres: Dialect = {
  name: 'postgres',
  real: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  step: 'AS MATERIALIZED',
  identifier: doubleQuoted,
  literal: standardLiteral,
  text: (e) => `CAST(${e} AS TEXT)`,
  integer: (e) => `CAST(${e} AS INTEGER)`,
  nullText: 'CAST(NULL AS TEXT)',
  // PostgreSQL's expressions know no \p{L}: a letter is [[:alpha:]], which follows the database's locale.
  matches: (e, p) => `(${e} ~ ${standardLiteral(`^(${withLetters(p, '[[:alpha:]]')})$`)})`,
  divide: (a, b) => `div(${a}, ${b})`,
  remainder: (a, b) => `mod(${a}, ${b})`,
  trimStart: (e, c) => `ltrim(${e}, ${standardLiteral(c)})`,
  isoDay: (d) => `CAST(DATE '1970-01-01' + CAST(${d} AS INTEGER) AS TEXT)`,
};

const sqlite: Dialect = {
  name: 'sqlite',
  real: (e) => `CAST(${e} AS REAL)`,
  step: 'AS MATERIALIZED',
  identifier: doubleQuoted,
  literal: standardLiteral,
  text: (e) => `CAST(${e} AS TEXT)`,
  integer: (e) => `CAST(${e} AS INTEGER)`,
  nullText: 'CAST(NULL AS TEXT)',
  // REGEXP is the sqlite3 shell's (3.36 and later) and most drivers' extension; a letter is any character past ASCII's punctuation.
  matches: (e, p) => `(${e} REGEXP ${standardLiteral(`^(${withLetters(p, '[^\\x00-\\x40\\x5b-\\x60\\x7b-\\x7f]')})$`)})`,
  divide: (a, b) => `((${a}) / (${b}))`,
  remainder: (a, b) => `((${a}) % (${b}))`,
  trimStart: (e, c) => `ltrim(${e}, ${standardLiteral(c)})`,
  // A Julian day number: 2440587.5 is 1970-01-01 at midnight.
  isoDay: (d) => `date((${d}) + 2440587.5)`,
};

const bigquery: Dialect = {
  name: 'bigquery',
  real: (e) => `CAST(${e} AS FLOAT64)`,
  step: 'AS',
  identifier: (name) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('\n', '\\n').replaceAll('\r', '\\r')}\``,
  literal: escapedLiteral,
  text: (e) => `CAST(${e} AS STRING)`,
  integer: (e) => `CAST(${e} AS INT64)`,
  nullText: 'CAST(NULL AS STRING)',
  matches: (e, p) => `REGEXP_CONTAINS(${e}, ${escapedLiteral(`^(${p})$`)})`,
  divide: (a, b) => `DIV(${a}, ${b})`,
  remainder: (a, b) => `MOD(${a}, ${b})`,
  trimStart: (e, c) => `LTRIM(${e}, ${escapedLiteral(c)})`,
  isoDay: (d) => `CAST(DATE_FROM_UNIX_DATE(${d}) AS STRING)`,
};

const snowflake: Dialect = {
  name: 'snowflake',
  real: (e) => `CAST(${e} AS DOUBLE)`,
  step: 'AS',
  identifier: doubleQuoted,
  literal: escapedLiteral,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  integer: (e) => `CAST(${e} AS INTEGER)`,
  nullText: 'CAST(NULL AS VARCHAR)',
  // Snowflake's REGEXP_LIKE matches the whole text, and knows no \p{L}.
  matches: (e, p) => `REGEXP_LIKE(${e}, ${escapedLiteral(withLetters(p, '[[:alpha:]]'))})`,
  divide: (a, b) => `TRUNC((${a}) / (${b}))`,
  remainder: (a, b) => `MOD(${a}, ${b})`,
  trimStart: (e, c) => `LTRIM(${e}, ${escapedLiteral(c)})`,
  isoDay: (d) => `TO_VARCHAR(DATEADD(day, ${d}, DATE '1970-01-01'), 'YYYY-MM-DD')`,
};

const spark: Dialect = {
  name: 'spark',
  real: (e) => `CAST(${e} AS DOUBLE)`,
  step: 'AS',
  identifier: (name) => `\`${name.replaceAll('`', '``')}\``,
  literal: escapedLiteral,
  text: (e) => `CAST(${e} AS STRING)`,
  integer: (e) => `CAST(${e} AS INT)`,
  nullText: 'CAST(NULL AS STRING)',
  matches: (e, p) => `(${e} RLIKE ${escapedLiteral(`^(${p})$`)})`,
  // Both non-negative integers: the floor of their quotient is their integer division.
  divide: (a, b) => `FLOOR((${a}) / (${b}))`,
  remainder: (a, b) => `MOD(${a}, ${b})`,
  trimStart: (e, c) => `REGEXP_REPLACE(${e}, ${escapedLiteral(`^[${c.replaceAll(/[\\\]^-]/g, (x) => `\\${x}`)}]+`)}, '')`,
  isoDay: (d) => `CAST(DATE_ADD(DATE '1970-01-01', CAST(${d} AS INT)) AS STRING)`,
};

const ALL: Record<DialectName, Dialect> = { duckdb, postgres, sqlite, bigquery, snowflake, spark };

export function dialectOf(name: DialectName): Dialect {
  return ALL[name];
}

/**
 * A table named as `schema.table` or `project.dataset.table`: each part quoted on its
 * own. A part written in double quotes keeps its dots (`"my.table"`), and `""` in it is
 * one `"`.
 */
export function splitTableName(written: string): string[] | undefined {
  const parts: string[] = [];
  let at = 0;
  while (at <= written.length) {
    if (written[at] === '"') {
      let part = '';
      let end = at + 1;
      for (; end < written.length; end += 1) {
        if (written[end] === '"' && written[end + 1] === '"') {
          part += '"';
          end += 1;
        } else if (written[end] === '"') break;
        else part += written[end] ?? '';
      }
      if (end >= written.length || (end + 1 < written.length && written[end + 1] !== '.')) return undefined;
      parts.push(part);
      at = end + 2;
    } else {
      const dot = written.indexOf('.', at);
      const end = dot === -1 ? written.length : dot;
      parts.push(written.slice(at, end));
      at = end + 1;
    }
  }
  return parts.every((part) => part !== '') ? parts : undefined;
}
