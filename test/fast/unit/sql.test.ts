import { describe, expect, it } from 'vitest';
import { LEADING_NUMBER, TRAILING_NUMBER, ISO_DATE } from '../../../src/core/sql/cells.js';
import { DIALECTS, dialectOf, splitTableName, type DialectName } from '../../../src/core/sql/dialects.js';
import { countsQuery, type CountsQuerySpec } from '../../../src/core/sql/query.js';
import { parseWhere } from '../../../src/core/where.js';
import { ScoreReader } from '../../../src/input/score-cell.js';

const NAMES = Object.keys(DIALECTS) as DialectName[];

/** Names as real exports write their headers, and names written to end a query early. */
const HOSTILE_NAMES = ['How likely are you to recommend us?', 'plan.name', 'Région', 'a"b', 'a`b', "it's", 'x; DROP TABLE t; --', 'back\\slash', '/* c */'];
const HOSTILE_VALUES = ["it's", "a' OR '1'='1", "\\' OR 1=1 --", 'line\nbreak', "'; DROP TABLE t; --", 'ü "ñ" `x`', '\\'];

/** Reads back one quoted token of a dialect, by that dialect's rules: what the warehouse would see. */
function unquote(dialect: DialectName, token: string, quote: string): { text: string; rest: string } {
  expect(token.startsWith(quote)).toBe(true);
  const backslashes = ['bigquery', 'snowflake', 'spark'].includes(dialect) && !(dialect !== 'bigquery' && quote === '`') && !(dialect === 'snowflake' && quote === '"');
  let text = '';
  for (let at = 1; at < token.length; at += 1) {
    const char = token[at] ?? '';
    if (backslashes && char === '\\') {
      const next = token[at + 1] ?? '';
      text += next === 'n' ? '\n' : next === 'r' ? '\r' : next;
      at += 1;
    } else if (char === quote && token[at + 1] === quote) {
      text += quote;
      at += 1;
    } else if (char === quote) {
      return { text, rest: token.slice(at + 1) };
    } else text += char;
  }
  throw new Error(`unterminated: ${token}`);
}

describe('quoting in each dialect', () => {
  for (const name of NAMES) {
    const dialect = dialectOf(name);
    const identifierQuote = name === 'bigquery' || name === 'spark' ? '`' : '"';
    it(`${name}: a name is one identifier, whatever it holds`, () => {
      for (const hostile of HOSTILE_NAMES) {
        const { text, rest } = unquote(name, dialect.identifier(hostile), identifierQuote);
        expect(text).toBe(hostile);
        expect(rest).toBe('');
      }
    });
    it(`${name}: a value is one literal, whatever it holds`, () => {
      for (const hostile of HOSTILE_VALUES) {
        const quoted = dialect.literal(hostile);
        const { text, rest } = unquote(name, quoted, "'");
        expect(text).toBe(hostile);
        expect(rest).toBe('');
        // No line break is left inside a literal: BigQuery refuses them in '…'.
        if (['bigquery', 'snowflake', 'spark'].includes(name)) expect(quoted).not.toMatch(/[\n\r]/);
      }
    });
  }

  it('writes the exact identifier and literal of each dialect', () => {
    expect(NAMES.map((name) => dialectOf(name).identifier('a"b`c'))).toEqual(['"a""b`c"', '"a""b`c"', '"a""b`c"', '`a"b\\`c`', '"a""b`c"', '`a"b``c`']);
    expect(NAMES.map((name) => dialectOf(name).literal("it's \\"))).toEqual(["'it''s \\'", "'it''s \\'", "'it''s \\'", "'it\\'s \\\\'", "'it\\'s \\\\'", "'it\\'s \\\\'"]);
  });
});

describe('--table names', () => {
  it('splits on dots, and keeps the dots of a part in double quotes', () => {
    expect(splitTableName('responses')).toEqual(['responses']);
    expect(splitTableName('project.dataset.responses')).toEqual(['project', 'dataset', 'responses']);
    expect(splitTableName('"my.table"')).toEqual(['my.table']);
    expect(splitTableName('survey."v1.0 ""final"""')).toEqual(['survey', 'v1.0 "final"']);
    expect(splitTableName('Réponses 2026')).toEqual(['Réponses 2026']);
  });
  it('refuses an empty part or an unclosed quote', () => {
    for (const bad of ['', 'a..b', '.a', 'a.', '"a', '"a"b']) expect(splitTableName(bad)).toBeUndefined();
  });
});

describe('--where', () => {
  it('reads COLUMN=VALUE and COLUMN!=VALUE, splitting at the first =', () => {
    expect(parseWhere('plan=Pro')).toEqual({ column: 'plan', negated: false, value: 'Pro' });
    expect(parseWhere('plan!=Pro')).toEqual({ column: 'plan', negated: true, value: 'Pro' });
    expect(parseWhere('note=a=b')).toEqual({ column: 'note', negated: false, value: 'a=b' });
    expect(parseWhere('plan=')).toEqual({ column: 'plan', negated: false, value: '' });
    expect(parseWhere(' Région =EU')).toEqual({ column: 'Région', negated: false, value: 'EU' });
  });
  it('says what is wrong with anything else', () => {
    expect(parseWhere('plan')).toMatch(/COLUMN=VALUE/);
    expect(parseWhere('=Pro')).toMatch(/column name/);
    expect(parseWhere('!=Pro')).toMatch(/column name before !=/);
  });
});

/** The SQL's patterns, read by JavaScript's engine: a letter is \p{L}, as DuckDB, BigQuery and Spark read it. */
const whole = (pattern: string): RegExp => new RegExp(`^(${pattern})$`, 'u');

describe('the SQL reads a score cell as the file reader does', () => {
  const cells = [
    '0', '9', '10', '09', '9.0', '9,00', '10 - Extremely likely', '0: Not at all likely', '10 = Extremely likely', '9 (Very likely)',
    'Not at all likely - 0', 'Extremely likely (10)', 'Extremely likely ( 10 )', '10–Extremely likely', '11', '-1', '12', '7.5', '1,000', 'abc',
    'ten', '10 - 5 stars', 'Likely (4', '100', '9.000', '1 0', 'v2.0', 'Q3', '10 - ', '10 -Très probable', 'Très probable - 9', '(10)',
  ];
  const reader = new ScoreReader(0);
  for (const cell of cells) {
    it(JSON.stringify(cell), () => {
      const text = cell.trim();
      const leading = whole(LEADING_NUMBER).test(text);
      const trailing = whole(TRAILING_NUMBER).test(text);
      const unclosed = text.endsWith(')') ? text.slice(0, -1).trim() : text;
      const written = leading ? Number(/^\d{1,2}/.exec(text)?.[0]) : trailing ? Number(/\d{1,2}$/.exec(unclosed)?.[0]) : undefined;
      const read = reader.read(cell);
      const expected = read.kind === 'score' ? read.value : read.kind === 'invalid' ? (read.written ?? 'rejected') : 'blank';
      const sql = written ?? 'rejected';
      expect(sql).toBe(expected);
    });
  }
  it('reads ISO dates and times, and nothing else', () => {
    for (const date of ['2026-03-01', '2026-03-01T10:00', '2026-03-01 10:00:05', '2026-03-01T10:00:05.123Z', '2026-03-01T10:00:05+02:00', '2026-03-01T10:00:05-0500', '2026-03-01 10:00:05 UTC']) {
      expect(whole(ISO_DATE).test(date), date).toBe(true);
    }
    for (const date of ['3/1/2026', '01.03.2026', '2026/03/01', '1772323200', 'March 1, 2026']) expect(whole(ISO_DATE).test(date), date).toBe(false);
  });
});

const SPEC: CountsQuerySpec = {
  dialect: 'duckdb',
  table: ['survey', 'responses'],
  scoreColumn: 'How likely? (0-10)',
  scoreOffset: 0,
  dateColumn: 'submitted at',
  respondentColumn: 'email',
  by: [['plan'], ['plan', 'Région']],
  period: 'month',
  fiscalStart: 1,
  since: 20_454,
  until: undefined,
  where: [{ column: 'country', negated: false, value: "it's" }],
  dedupe: 'latest',
};

describe('the query of each dialect, word for word', () => {
  for (const name of NAMES) {
    it(name, async () => {
      await expect(countsQuery({ ...SPEC, dialect: name })).toMatchFileSnapshot(`sql/${name}.sql`);
    });
  }
  for (const name of NAMES) {
    it(`${name}, --drivers`, async () => {
      await expect(countsQuery({ ...SPEC, by: [], period: undefined, drivers: ['support', 'price'], dialect: name })).toMatchFileSnapshot(`sql/${name}-drivers.sql`);
    });
  }
  it('names each set of counts, and orders the result', () => {
    const query = countsQuery({ ...SPEC, by: [['plan']], period: undefined, where: [], dedupe: 'none' });
    expect(query).toContain("'all' AS nps_set");
    expect(query).toContain("'by:plan' AS nps_set");
    expect(query).not.toContain('ROW_NUMBER');
    expect(query.trimEnd().endsWith('ORDER BY 1, 2, 3;')).toBe(true);
  });
});
