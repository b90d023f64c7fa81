import { Option } from '../libraries/commander.js';
import { COUNT_COLUMNS, COUNT_PERIODS, STATISTIC_COLUMNS, type CountPeriod } from '../core/counts.js';
import { DIALECTS, splitTableName, type DialectName } from '../core/sql/dialects.js';
import { countsQuery, groupColumns, type CountsQuerySpec } from '../core/sql/query.js';
import { parseWhere, type WhereCondition } from '../core/where.js';
import { inputError } from '../errors.js';
import { DATE_FORMATS, type DateFormat } from '../input/dates.js';
import { dayRange } from '../input/filters.js';
import { defineCommand, type Ran } from './shared/definition.js';
import { byOption, collectBreakdowns, collectNames, fiscalStartOf, fiscalStartOption, GROUPS, integerOption, realToday, todayOf } from './shared/options.js';
import { SUCCESS } from './shared/outcome.js';

export interface SqlOptions {
  dialect: DialectName;
  table: string;
  scoreColumn: string;
  scoreOffset?: number;
  dateColumn?: string;
  respondentColumn?: string;
  by?: string[][];
  period?: CountPeriod;
  fiscalStart?: number;
  since?: string;
  until?: string;
  today?: string;
  dateFormat?: DateFormat;
  where?: string[];
  dedupe: 'none' | 'latest' | 'first';
  drivers?: string[];
}

/** The query, and what it was made from: what `nps sql` prints. */
export interface SqlModel {
  sql: string;
}

/** Every --where, parsed: a usage error names the one that is not COLUMN=VALUE. */
export function whereConditions(written: readonly string[] | undefined): WhereCondition[] {
  return (written ?? []).map((text) => {
    const condition = parseWhere(text);
    if (typeof condition === 'string') throw inputError(condition);
    return condition;
  });
}

const RESERVED = new Set<string>([COUNT_COLUMNS.set, COUNT_COLUMNS.day, ...STATISTIC_COLUMNS]);

/** A name the query cannot carry: empty, holding a NUL (which no warehouse stores), or one of the columns the query adds. */
function checkName(option: string, name: string): void {
  if (name.includes('\u0000')) throw inputError(`${option}: a name cannot hold a NUL character`);
  if (RESERVED.has(name)) throw inputError(`${option} ${name}: the query names a column of its own so; rename the column in a view first`);
}

export function sqlSpecOf(options: SqlOptions, today: number): CountsQuerySpec {
  const table = splitTableName(options.table);
  if (table === undefined) {
    throw inputError(`--table takes a name such as responses or analytics.responses (a part with dots in double quotes), not ${JSON.stringify(options.table)}`);
  }
  for (const part of table) if (part.includes('\u0000')) throw inputError('--table: a name cannot hold a NUL character');
  const by = options.by ?? [];
  for (const column of groupColumns(by)) checkName('--by', column);
  for (const column of options.drivers ?? []) checkName('--drivers', column);
  if (options.drivers !== undefined && (by.length > 0 || options.period !== undefined)) {
    throw inputError('--drivers makes a query of its own, one row of moments: give --by and --period to another nps sql');
  }
  const where = whereConditions(options.where);
  for (const condition of where) {
    checkName('--where', condition.column);
    if (condition.value.includes('\u0000')) throw inputError('--where: a value cannot hold a NUL character');
  }
  if (options.period !== undefined && options.dateColumn === undefined) throw inputError('--period needs --date-column: the column of each answer\'s date');
  if ((options.since !== undefined || options.until !== undefined) && options.dateColumn === undefined) {
    throw inputError('--since and --until need --date-column: the column of each answer\'s date');
  }
  if (options.dedupe !== 'none' && (options.respondentColumn === undefined || options.dateColumn === undefined)) {
    throw inputError('--dedupe needs --respondent-column and --date-column: who answered, and when');
  }
  const range = dayRange(options.since, options.until, options.dateFormat, today);
  return {
    dialect: options.dialect,
    table,
    scoreColumn: options.scoreColumn,
    scoreOffset: options.scoreOffset ?? 0,
    dateColumn: options.dateColumn,
    respondentColumn: options.respondentColumn,
    by,
    period: options.period,
    // Days have no fiscal year: --fiscal-start goes with quarters and years only.
    fiscalStart: fiscalStartOf({ period: options.period === 'day' ? undefined : options.period, fiscalStart: options.fiscalStart }),
    since: range?.since,
    until: range?.until,
    where,
    dedupe: options.dedupe,
    drivers: options.drivers,
  };
}

export function runSql(_files: string[], options: SqlOptions): Promise<Ran<SqlModel>> {
  const spec = sqlSpecOf(options, todayOf(options) ?? realToday());
  return Promise.resolve({ outcome: SUCCESS, model: { sql: countsQuery(spec) } });
}

const required = (flags: string, what: string): Option => new Option(flags, what).makeOptionMandatory();
const name = (option: string) => (value: string): string => {
  if (value === '') throw inputError(`${option} needs a name, not an empty text`);
  return value;
};
const collectWhere = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

export const sqlCommand = defineCommand<SqlOptions, SqlModel>({
  name: 'sql',
  description:
    'print one SQL query that counts, in a warehouse, what nps score needs: each answer 0-10, blanks and rejected values, per group and period, by the definitions of nps; nps score --counts reads its result',
  options: [
    required('--dialect <dialect>', 'the SQL to write').choices(Object.keys(DIALECTS)).helpGroup(GROUPS.input),
    required('--table <name>', 'the table or view to read: a name, or schema.name (a part with dots in double quotes)').argParser(name('--table')).helpGroup(GROUPS.input),
    required('--score-column <column>', 'the 0-10 answer: the column\'s exact name').argParser(name('--score-column')).helpGroup(GROUPS.input),
    new Option('--date-column <column>', 'the date of each answer (ISO dates and timestamps), for --period, --since, --until and --dedupe').argParser(name('--date-column')).helpGroup(GROUPS.input),
    new Option('--respondent-column <column>', 'the respondent (an email or an id), for --dedupe').argParser(name('--respondent-column')).helpGroup(GROUPS.input),
    new Option('--score-offset <n>', 'add this to every score before reading it: -1 for a 0-10 question coded 1-11').argParser(integerOption('--score-offset', -10, 10)).helpGroup(GROUPS.input),
    byOption('count per group of these columns (repeat for separate tables; a,b for one crossed table)').argParser(collectBreakdowns),
    new Option('--period <period>', 'count per day, week, month, quarter or year of --date-column (day serves every --period and --rolling of score; under --dedupe, only the period counted)').choices(COUNT_PERIODS).helpGroup(GROUPS.statistics),
    fiscalStartOption(),
    new Option('--drivers <columns>', 'instead of counts, the moments of these ratings for nps drivers --moments (repeat or separate with commas)').argParser(collectNames('--drivers')).helpGroup(GROUPS.statistics),
    new Option('--where <condition>', 'keep only the rows whose COLUMN=VALUE (or COLUMN!=VALUE), as exact text; repeat for all of several').argParser(collectWhere).helpGroup(GROUPS.rows),
    new Option('--dedupe <mode>', 'one scored response per respondent, latest or first by date: in the whole table, and in each period of --period').choices(['none', 'latest', 'first']).default('none').helpGroup(GROUPS.rows),
    new Option('--since <date>', 'leave out answers dated before this day (2026-10-01, or 30d for 30 days ago)').helpGroup(GROUPS.rows),
    new Option('--until <date>', 'leave out answers dated after this day').helpGroup(GROUPS.rows),
    new Option('--today <date>', 'the day taken as today, for --since 30d (default: the real today)').helpGroup(GROUPS.rows),
    new Option('--date-format <format>', 'the order of --since and --until dates like 3/4/2026').choices(Object.keys(DATE_FORMATS)).helpGroup(GROUPS.input),
  ],
  examples: [
    ['nps sql --dialect duckdb --table responses --score-column score', 'the query of the overall score'],
    ['nps sql --dialect postgres --table survey.responses --score-column score --by plan --period month --date-column date', 'by plan and by month'],
    ['nps sql --dialect bigquery --table project.dataset.responses --score-column "How likely are you to recommend us?" --where "country=FR"', 'a header as the export wrote it, and one country'],
  ],
  renderers: {
    json: () => Promise.resolve((model: SqlModel) => `${JSON.stringify(model, null, 2)}\n`),
    table: () => Promise.resolve((model: SqlModel) => model.sql),
  },
  run: runSql,
});
