import { ALL_SET, bySet, COUNT_COLUMNS, periodSet, SCORE_COLUMNS, type CountPeriod } from '../counts.js';
import type { WhereCondition } from '../where.js';
import { dateParts, daysFromCivil, isBlank, isCalendarDay, secondsOf, unclosed, writtenScore } from './cells.js';
import { dialectOf, type Dialect, type DialectName } from './dialects.js';
import { driverCells, driverValues, momentsSelect } from './moments.js';

/** What `nps sql` is asked for: the table, its columns, and the options of `nps score` that a warehouse applies. */
export interface CountsQuerySpec {
  dialect: DialectName;
  /** The table's name, in parts (schema, table…), each quoted on its own. */
  table: readonly string[];
  scoreColumn: string;
  scoreOffset: number;
  dateColumn: string | undefined;
  respondentColumn: string | undefined;
  /** One entry per --by; several columns make one crossed breakdown. */
  by: ReadonlyArray<readonly string[]>;
  period: CountPeriod | undefined;
  /** --fiscal-start: the month (1–12) quarters and years start in. */
  fiscalStart: number;
  /** --since and --until, inclusive, in days since 1970. */
  since: number | undefined;
  until: number | undefined;
  where: readonly WhereCondition[];
  dedupe: 'none' | 'latest' | 'first';
  /** --drivers: the ratings whose moments the query returns, in one row, instead of the counts by group and period. */
  drivers?: readonly string[] | undefined;
}

/** Names of the query's own columns: prefixed, so that no column of the table is taken for one. */
const OWN = {
  raw: 'nps_raw',
  text: 'nps_text',
  unclosed: 'nps_unclosed',
  date: 'nps_date_text',
  respondent: 'nps_respondent',
  kept: 'nps_kept',
  written: 'nps_written',
  year: 'nps_y',
  month: 'nps_m',
  dayOfMonth: 'nps_d',
  days: 'nps_days',
  seconds: 'nps_seconds',
  class: 'nps_class',
} as const;

const groupAlias = (at: number): string => `nps_by_${at + 1}`;

/** The columns the --by options name, each once, in the order first named. */
export function groupColumns(by: ReadonlyArray<readonly string[]>): string[] {
  return [...new Set(by.flat())];
}

const indent = (lines: readonly string[], by = '    '): string => lines.map((line) => line.split('\n').map((part) => by + part).join('\n')).join(',\n');

/** The first step: each row's cells as text, under the query's own names. */
function cellsStep(d: Dialect, spec: CountsQuerySpec, groups: readonly string[]): string {
  const column = (name: string): string => d.identifier(name);
  const asText = (name: string): string => `COALESCE(${d.text(column(name))}, '')`;
  const where = spec.where.map((condition) => `${asText(condition.column)} ${condition.negated ? '<>' : '='} ${d.literal(condition.value)}`);
  const respondent = spec.respondentColumn === undefined ? undefined : `TRIM(${asText(spec.respondentColumn)})`;
  const trimmed = `TRIM(${d.text(column(spec.scoreColumn))})`;
  const selected = [
    `${d.text(column(spec.scoreColumn))} AS ${OWN.raw}`,
    `${trimmed} AS ${OWN.text}`,
    `${unclosed(trimmed)} AS ${OWN.unclosed}`,
    `${spec.dateColumn === undefined ? d.nullText : `TRIM(${d.text(column(spec.dateColumn))})`} AS ${OWN.date}`,
    // Emails are matched without regard to case, other ids exactly (src/input/respondent.ts).
    `${respondent === undefined ? "''" : `CASE WHEN ${respondent} LIKE '%@%' THEN LOWER(${respondent}) ELSE ${respondent} END`} AS ${OWN.respondent}`,
    `CASE WHEN ${where.length === 0 ? '1 = 1' : where.join(' AND ')} THEN 1 ELSE 0 END AS ${OWN.kept}`,
    ...groups.map((name, at) => `${asText(name)} AS ${groupAlias(at)}`),
    ...driverCells(d, spec.drivers ?? []),
  ];
  const table = spec.table.map((part) => d.identifier(part)).join('.');
  return `nps_cells AS (\n  SELECT\n${indent(selected)}\n  FROM ${table}\n)`;
}

/** The second step: the number written in the score cell, the date's parts, and the drivers' values. */
function readStep(d: Dialect, spec: CountsQuerySpec): string {
  const parts = dateParts(d, OWN.date);
  const selected = [
    `${writtenScore(d, OWN.text, OWN.unclosed)} AS ${OWN.written}`,
    `${parts.year} AS ${OWN.year}`,
    `${parts.month} AS ${OWN.month}`,
    `${parts.day} AS ${OWN.dayOfMonth}`,
    ...driverValues(d, spec.drivers ?? []),
  ];
  return `nps_read ${d.step} (\n  SELECT\n    nps_cells.*,\n${indent(selected)}\n  FROM nps_cells\n)`;
}

/** The third step: the day number of a real calendar date, and the answer as a score from 0 to 10. */
function daysStep(d: Dialect, spec: CountsQuerySpec): string {
  const { year, month, dayOfMonth } = OWN;
  const days = `CASE WHEN ${isCalendarDay(d, year, month, dayOfMonth)} THEN ${daysFromCivil(d, year, month, dayOfMonth)} END`;
  const score = spec.scoreOffset === 0 ? OWN.written : `${OWN.written} + ${spec.scoreOffset}`;
  return `nps_days ${d.step} (\n  SELECT\n    nps_read.*,\n    ${days} AS ${OWN.days},\n    ${score} AS nps_score\n  FROM nps_read\n)`;
}

/**
 * The fourth step: each row's place in the accounting before --dedupe, in the order of
 * src/input/responses/pipeline.ts: a blank cell is never rejected, a value that is no
 * score is rejected before any filter, then the filters leave rows out, then blanks.
 */
function stateStep(d: Dialect, spec: CountsQuerySpec): string {
  const bounds = [...(spec.since === undefined ? [] : [`${OWN.days} >= ${spec.since}`]), ...(spec.until === undefined ? [] : [`${OWN.days} <= ${spec.until}`])];
  const blank = isBlank(OWN.raw, `LOWER(${OWN.text})`);
  const state = [
    'CASE',
    `  WHEN NOT (${blank}) AND (nps_score IS NULL OR nps_score < 0 OR nps_score > 10) THEN 'rejected'`,
    `  WHEN ${OWN.kept} = 0 THEN 'excluded'`,
    ...(bounds.length === 0 ? [] : [`  WHEN ${OWN.days} IS NULL OR NOT (${bounds.join(' AND ')}) THEN 'excluded'`]),
    `  WHEN ${blank} THEN 'blank'`,
    `  ELSE 'scored'`,
    'END',
  ].join('\n');
  const selected = [
    `${state} AS ${OWN.class}`,
    `CASE WHEN ${OWN.days} IS NOT NULL THEN ${secondsOf(d, OWN.date, OWN.days)} END AS ${OWN.seconds}`,
    ...(spec.period === undefined ? [] : [`CASE WHEN ${OWN.days} IS NOT NULL THEN ${periodStart(d, spec.period, spec.fiscalStart)} END AS nps_period`]),
  ];
  return `nps_classed AS (\n  SELECT\n    nps_days.*,\n${indent(selected)}\n  FROM nps_days\n)`;
}

/** Whether the periods are deduplicated each on its own: under --dedupe, by period. */
const periodsDeduped = (spec: CountsQuerySpec): boolean => spec.dedupe !== 'none' && spec.period !== undefined;

/** The class of each row in the counts of the whole table and of the groups; and in those of the periods. */
const FINAL_CLASS = 'nps_final_class';
const PERIOD_CLASS = 'nps_period_class';

/**
 * Under --dedupe, each respondent's scored answer to keep: a dated answer before an
 * undated one, then the newest (latest) or oldest (first) moment. A table has no
 * order of rows, so answers given at the same second are told apart by the higher
 * score, then the group values: any choice among them gives the same counts unless
 * they differ. The whole table and its groups keep one answer per respondent; each
 * period of a trend keeps one of its own (a person who answered in March and in June
 * counts in both months), as `nps score` does (src/input/dedupe.ts).
 */
function dedupeStep(spec: CountsQuerySpec, groups: readonly string[]): string {
  if (spec.dedupe === 'none') return `nps_final AS (\n  SELECT nps_classed.*, ${OWN.class} AS ${FINAL_CLASS} FROM nps_classed\n)`;
  const direction = spec.dedupe === 'latest' ? 'DESC' : 'ASC';
  const order = [
    `CASE WHEN ${OWN.seconds} IS NULL THEN 1 ELSE 0 END`,
    `${OWN.seconds} ${direction}`,
    'nps_score DESC',
    ...groups.map((_, at) => groupAlias(at)),
  ].join(', ');
  const keptWithin = (partition: string, alias: string): string => {
    const rank = `ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${order})`;
    return `CASE WHEN ${OWN.class} = 'scored' AND ${OWN.respondent} <> '' AND ${rank} > 1 THEN 'duplicate' ELSE ${OWN.class} END AS ${alias}`;
  };
  const classes = [
    keptWithin(`${OWN.class}, ${OWN.respondent}`, FINAL_CLASS),
    ...(periodsDeduped(spec) ? [keptWithin(`${OWN.class}, ${OWN.respondent}, nps_period`, PERIOD_CLASS)] : []),
  ];
  return `nps_final AS (\n  SELECT\n    nps_classed.*,\n${indent(classes)}\n  FROM nps_classed\n)`;
}

/**
 * The statistics of a set of rows, by their class in that set: the count of each
 * answer, blanks, rejected values, duplicates and rows left out, then the first and
 * last day of the scored answers, which tell `score --counts` a period the answers
 * cover only in part.
 */
function statistics(d: Dialect, classColumn: string): string[] {
  const count = (condition: string, name: string): string => `COUNT(CASE WHEN ${condition} THEN 1 END) AS ${d.identifier(name)}`;
  const scoredDay = `CASE WHEN ${classColumn} = 'scored' THEN ${OWN.days} END`;
  return [
    ...SCORE_COLUMNS.map((name, score) => count(`${classColumn} = 'scored' AND nps_score = ${score}`, name)),
    count(`${classColumn} = 'blank'`, COUNT_COLUMNS.blank),
    count(`${classColumn} = 'rejected'`, COUNT_COLUMNS.rejected),
    count(`${classColumn} = 'duplicate'`, COUNT_COLUMNS.duplicates),
    count(`${classColumn} = 'excluded'`, COUNT_COLUMNS.excluded),
    `${d.isoDay(`MIN(${scoredDay})`)} AS ${d.identifier(COUNT_COLUMNS.firstDay)}`,
    `${d.isoDay(`MAX(${scoredDay})`)} AS ${d.identifier(COUNT_COLUMNS.lastDay)}`,
  ];
}

/** The first day of the period holding each row's day, as a day number. */
function periodStart(d: Dialect, period: CountPeriod, fiscalStart: number): string {
  const { year, month, days } = OWN;
  // Quarters from April, July or October are the calendar's, named otherwise only.
  const fiscal = period === 'year' ? fiscalStart !== 1 : period === 'quarter' && (fiscalStart - 1) % 3 !== 0;
  if (fiscal) return fiscalPeriodStart(d, period === 'year' ? 12 : 3, fiscalStart);
  switch (period) {
    case 'day':
      return days;
    case 'week':
      // 1970-01-01 was a Thursday: the Monday on or before a day (src/core/periods.ts).
      return `${days} - ${d.remainder(`${d.remainder(`${days} + 3`, '7')} + 7`, '7')}`;
    case 'month':
      return daysFromCivil(d, year, month, '1');
    case 'quarter':
      return daysFromCivil(d, year, `(${month} - ${d.remainder(`${month} - 1`, '3')})`, '1');
    case 'year':
      return daysFromCivil(d, year, '1', '1');
  }
}

/**
 * The first day of the fiscal quarter or year (`months` long) holding each row's day,
 * for a fiscal year starting in `fiscalStart`: the months back to its first month,
 * which may be in the year before (src/core/periods.ts).
 */
function fiscalPeriodStart(d: Dialect, months: 3 | 12, fiscalStart: number): string {
  const { year, month } = OWN;
  const back = d.remainder(`${month} + ${12 - fiscalStart}`, String(months));
  const first = `(${month} - ${back})`;
  const previous = `CASE WHEN ${first} < 1 THEN 1 ELSE 0 END`;
  return daysFromCivil(d, `(${year} - ${previous})`, `(${first} + 12 * ${previous})`, '1');
}

/** One SELECT per set of counts: the whole table, each --by, the periods. */
function setSelects(d: Dialect, spec: CountsQuerySpec, groups: readonly string[]): string[] {
  const select = (set: string, cells: readonly string[], day: string, groupBy: readonly string[], classColumn = FINAL_CLASS): string => {
    const columns = [
      `${d.literal(set)} AS ${COUNT_COLUMNS.set}`,
      ...cells.map((cell, at) => `${cell} AS ${d.identifier(groups[at] ?? '')}`),
      `${day} AS ${COUNT_COLUMNS.day}`,
      ...statistics(d, classColumn),
    ];
    const grouping = groupBy.length === 0 ? '' : `\nGROUP BY ${groupBy.join(', ')}`;
    return `SELECT\n${indent(columns, '  ')}\nFROM nps_final${grouping}`;
  };
  const none = groups.map(() => d.nullText);
  const selects = [select(ALL_SET, none, d.nullText, [])];
  for (const columns of spec.by) {
    const aliases = columns.map((column) => groupAlias(groups.indexOf(column)));
    const cells = groups.map((column, at) => (columns.includes(column) ? groupAlias(at) : d.nullText));
    selects.push(select(bySet(columns), cells, d.nullText, aliases));
  }
  if (spec.period !== undefined) {
    const day = `CASE WHEN nps_period IS NOT NULL THEN ${d.isoDay('nps_period')} END`;
    const deduped = periodsDeduped(spec);
    selects.push(select(periodSet(spec.period, deduped), none, day, ['nps_period'], deduped ? PERIOD_CLASS : FINAL_CLASS));
  }
  return selects;
}

/**
 * The one query that counts, in the warehouse, what `nps score --counts` needs:
 * every row of the table accounted for, by the definitions of `nps`; with --drivers,
 * the one row of moments `nps drivers --moments` needs.
 */
export function countsQuery(spec: CountsQuerySpec): string {
  const d = dialectOf(spec.dialect);
  const groups = groupColumns(spec.by);
  const steps = [cellsStep(d, spec, groups), readStep(d, spec), daysStep(d, spec), stateStep(d, spec), dedupeStep(spec, groups)];
  if (spec.drivers !== undefined) return `WITH\n${steps.join(',\n')}\n${momentsSelect(d, spec.drivers)};\n`;
  const selects = setSelects(d, spec, groups);
  const order = Array.from({ length: groups.length + 2 }, (_, at) => String(at + 1)).join(', ');
  return `WITH\n${steps.join(',\n')}\n${selects.join('\nUNION ALL\n')}\nORDER BY ${order};\n`;
}
