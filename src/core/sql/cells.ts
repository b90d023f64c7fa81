import type { Dialect, Pattern } from './dialects.js';

/**
 * `nps`'s reading of a cell, written as SQL expressions: the same definitions as the
 * file reader's (src/input/score-cell.ts, src/input/dates.ts), for a value of any type
 * in a warehouse, as text. Every cast is guarded by a pattern first, so that no value
 * can make the query fail.
 */

/** How R, pandas and spreadsheets write "no answer" (src/input/score-cell.ts). */
export const MISSING_TEXTS = ['', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a'] as const;

const DASH = '[-–—:=]';
/** The shapes of a score that start with its number: 9, 9.0, "10 - Extremely likely", "9 (Very likely)". */
export const LEADING_NUMBER: Pattern = [
  '[0-9]{1,2}([.,]00?)?',
  `[0-9]{1,2}([.,]00?)?\\s*${DASH}\\s*\\p{L}[^0-9]*`,
  '[0-9]{1,2}\\s*\\(\\s*\\p{L}[^0-9)]*\\)',
].join('|');
/** The shapes that end with it: "Not at all likely - 0", "Extremely likely (10)". */
export const TRAILING_NUMBER: Pattern = [`\\p{L}[^0-9]*${DASH}\\s*[0-9]{1,2}`, '\\p{L}[^0-9]*\\(\\s*[0-9]{1,2}\\s*\\)'].join('|');

/**
 * An ISO date, alone or followed by a time of day (14:30, 14:30:05, 14:30:05.123) and a
 * zone (Z, UTC, +02:00, +0200, +02). A dash in a bracket list comes first: SQLite's
 * REGEXP takes one at the end for the start of a range.
 */
export const ISO_DATE: Pattern = '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?\\s*([zZ]|UTC|GMT|[-+][0-9]{2}(:?[0-9]{2})?)?)?';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => `'${digit}'`).join(', ');
const isDigit = (expression: string): string => `${expression} IN (${DIGITS})`;

/** The number of one or two digits at the start of a text known to start with one. */
function leadingNumber(d: Dialect, text: string): string {
  return `CASE WHEN ${isDigit(`SUBSTR(${text}, 2, 1)`)} THEN ${d.integer(`SUBSTR(${text}, 1, 2)`)} ELSE ${d.integer(`SUBSTR(${text}, 1, 1)`)} END`;
}

/** The number of one or two digits at the end of a text known to end with one. */
function trailingNumber(d: Dialect, text: string): string {
  const last = `LENGTH(${text})`;
  return `CASE WHEN ${isDigit(`SUBSTR(${text}, ${last} - 1, 1)`)} THEN ${d.integer(`SUBSTR(${text}, ${last} - 1, 2)`)} ELSE ${d.integer(`SUBSTR(${text}, ${last}, 1)`)} END`;
}

/** The text less a closing parenthesis and the spaces before it: "Extremely likely (10)" then ends with its number. */
export function unclosed(text: string): string {
  return `CASE WHEN SUBSTR(${text}, LENGTH(${text}), 1) = ')' THEN TRIM(SUBSTR(${text}, 1, LENGTH(${text}) - 1)) ELSE ${text} END`;
}

/**
 * The number written in a score cell (before --score-offset), or NULL when the cell is
 * no score shape. `text` is the cell as text, trimmed; `unclosedText` the same less a
 * closing parenthesis (`unclosed`).
 */
export function writtenScore(d: Dialect, text: string, unclosedText: string): string {
  return [
    'CASE',
    `  WHEN ${d.matches(text, LEADING_NUMBER)} THEN ${leadingNumber(d, text)}`,
    `  WHEN ${d.matches(text, TRAILING_NUMBER)} THEN ${trailingNumber(d, unclosedText)}`,
    'END',
  ].join('\n');
}

/** Whether a cell says "no answer": NULL, empty, NA, N/A, null, - … */
export function isBlank(raw: string, trimmedLower: string): string {
  return `${raw} IS NULL OR ${trimmedLower} IN (${MISSING_TEXTS.map((text) => `'${text}'`).join(', ')})`;
}

/** The year, month and day of an ISO date as integers, or NULL when the text is no ISO date. */
export function dateParts(d: Dialect, text: string): { year: string; month: string; day: string } {
  const part = (from: number, length: number): string => `CASE WHEN ${d.matches(text, ISO_DATE)} THEN ${d.integer(`SUBSTR(${text}, ${from}, ${length})`)} END`;
  return { year: part(1, 4), month: part(6, 2), day: part(9, 2) };
}

/** Whether integer year, month and day name a real calendar day (and a year from 100, as the file reader asks). */
export function isCalendarDay(d: Dialect, year: string, month: string, day: string): string {
  const leap = `(${d.remainder(year, '4')} = 0 AND ${d.remainder(year, '100')} <> 0 OR ${d.remainder(year, '400')} = 0)`;
  const last = `CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return `${year} >= 100 AND ${month} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${last}`;
}

/**
 * Days since 1970-01-01 of a calendar day (Hinnant's days-from-civil, as
 * src/input/dates.ts counts them), in integers only: the same in every dialect.
 */
export function daysFromCivil(d: Dialect, year: string, month: string, day: string): string {
  const y = `(${year} - CASE WHEN ${month} <= 2 THEN 1 ELSE 0 END)`;
  const era = d.divide(y, '400');
  const yearOfEra = `(${y} - ${era} * 400)`;
  const dayOfYear = `(${d.divide(`153 * (${month} + CASE WHEN ${month} > 2 THEN -3 ELSE 9 END) + 2`, '5')} + ${day} - 1)`;
  const dayOfEra = `(${yearOfEra} * 365 + ${d.divide(yearOfEra, '4')} - ${d.divide(yearOfEra, '100')} + ${dayOfYear})`;
  return `(${era} * 146097 + ${dayOfEra} - 719468)`;
}

/**
 * Seconds since 1970 of an ISO date and time, in UTC: a time with no zone is taken as
 * UTC, as the file reader takes it; a date alone is its midnight. Fractions of a
 * second are left out. `days` is the day's number, `text` the trimmed cell.
 */
export function secondsOf(d: Dialect, text: string, days: string): string {
  const number = (from: number, length: number): string => `CASE WHEN LENGTH(${text}) >= ${from + length - 1} THEN ${d.integer(`SUBSTR(${text}, ${from}, ${length})`)} ELSE 0 END`;
  const hasSeconds = `SUBSTR(${text}, 17, 1) = ':'`;
  const seconds = `CASE WHEN ${hasSeconds} THEN ${number(18, 2)} ELSE 0 END`;
  // The zone is what follows the time and its fraction: Z, UTC, +02:00, +0200 or +02.
  const after = `CASE WHEN ${hasSeconds} THEN SUBSTR(${text}, 20) ELSE SUBSTR(${text}, 17) END`;
  const zone = `TRIM(${d.trimStart(after, '.,0123456789')})`;
  const sign = `CASE WHEN SUBSTR(${zone}, 1, 1) = '-' THEN -1 ELSE 1 END`;
  const zoneHours = `CASE WHEN LENGTH(${zone}) >= 3 AND SUBSTR(${zone}, 1, 1) IN ('+', '-') THEN ${d.integer(`SUBSTR(${zone}, 2, 2)`)} ELSE 0 END`;
  const zoneMinutes = `CASE WHEN LENGTH(${zone}) = 6 THEN ${d.integer(`SUBSTR(${zone}, 5, 2)`)} WHEN LENGTH(${zone}) = 5 AND SUBSTR(${zone}, 1, 1) IN ('+', '-') THEN ${d.integer(`SUBSTR(${zone}, 4, 2)`)} ELSE 0 END`;
  const time = `CASE WHEN LENGTH(${text}) > 10 THEN ${number(12, 2)} * 3600 + ${number(15, 2)} * 60 + ${seconds} - ${sign} * (${zoneHours} * 3600 + ${zoneMinutes} * 60) ELSE 0 END`;
  return `(${days}) * 86400 + ${time}`;
}
