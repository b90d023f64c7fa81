import { DAY_MS } from '../dates.js';

/** How cells read: number formats that show dates, Excel's serial days, numbers as Excel writes them, column letters. */

/** How a number format shows a number: a calendar date, a date and time, a time of day, or a number. */
export type NumberKind = 'date' | 'datetime' | 'time' | undefined;

/** Built-in formats that show dates and times (ECMA-376, 18.8.30); 46 ([h]:mm:ss) is a duration, a number. */
export const BUILT_IN_FORMATS: Record<number, NumberKind> = {
  14: 'date',
  15: 'date',
  16: 'date',
  17: 'date',
  18: 'time',
  19: 'time',
  20: 'time',
  21: 'time',
  22: 'datetime',
  45: 'time',
  47: 'time',
};

/**
 * What a format code shows, from its first section (the one for positive numbers):
 * text in quotes, escaped characters, colours and locales say nothing; `m` beside
 * an hour or a second is minutes; `[h]` is a duration.
 */
export function formatKind(code: string): NumberKind {
  const bare = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/am\/pm|a\/p/gi, 'h')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  if (/\[[hms]+\]/i.test(bare)) return undefined;
  const hasTime = /[hs]/i.test(bare);
  const months = bare.replace(/h+[^a-z]*m+|m+[^a-z]*s+/gi, '');
  const hasDate = /[yd]/i.test(bare) || /m/i.test(months);
  if (hasDate) return hasTime ? 'datetime' : 'date';
  return hasTime ? 'time' : undefined;
}

/** Excel's serial day 25,569 is 1970-01-01 in the 1900 date system; the 1904 system counts 1,462 days fewer. */
export const UNIX_EPOCH_SERIAL = 25_569;
export const DAYS_1904 = 1_462;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * The text of a date cell, as the CSV twin of the sheet would have it: `2026-10-05`,
 * `2026-10-05 14:30:00` or `14:30:00`. The serial has no zone, like a wall time
 * in a CSV file, and is read as UTC (dates.ts). The 1900 system counts a 29
 * February 1900 that never was (Lotus 1-2-3 did): serials before it are one day
 * later than the count, and serial 60 is no date. Undefined when the serial is no date.
 */
export function serialText(serial: number, kind: Exclude<NumberKind, undefined>, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0) return undefined;
  let days = date1904 ? serial + DAYS_1904 : serial;
  if (!date1904 && serial < 61) {
    if (serial >= 60) return undefined;
    days += 1;
  }
  const ms = Math.round((days - UNIX_EPOCH_SERIAL) * DAY_MS);
  const day = Math.floor(ms / DAY_MS);
  const dayText = isoDayText(day);
  if (dayText === undefined) return undefined;
  if (kind === 'date') return dayText;
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const fraction = inDay % 1000 === 0 ? '' : `.${pad(inDay % 1000, 3)}`;
  const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${fraction}`;
  return kind === 'time' ? time : `${dayText} ${time}`;
}

/** The ISO text of a day since 1970: a sheet's dates are few next to its rows, so each is written once. */
const dayTexts = new Map<number, string>();
const DAY_TEXTS_KEPT = 100_000;

export function isoDayText(day: number): string | undefined {
  let text = dayTexts.get(day);
  if (text === undefined) {
    const date = new Date(day * DAY_MS);
    // Excel's last date is 9999-12-31 (serial 2,958,465): a larger serial is no date, and is read as the number it is.
    if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) return undefined;
    text = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    if (dayTexts.size < DAY_TEXTS_KEPT) dayTexts.set(day, text);
  }
  return text;
}

/**
 * A number as Excel shows it in General format, where that matters: at most 15
 * significant digits (all Excel keeps), so that 0.1+0.2 saved as
 * 0.30000000000000004 reads 0.3 and a score saved as 8.9999999999999982 reads 9.
 */
export function numberText(raw: string): string {
  if (isShortWhole(raw)) return raw;
  const value = cellNumber(raw);
  if (value === undefined) return raw;
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(15)));
}

/**
 * A number as the XML of a sheet writes one (xsd:double, as Excel writes every number):
 * digits, a point, an exponent. JavaScript's Number() also takes `0x9`, `0b1001`,
 * `0o11` and `Infinity`, which are no numbers of a cell: such a cell keeps its text,
 * and a score cell holding it is rejected as a CSV cell would be.
 */
const XML_NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** The number a cell's value writes, or undefined when it writes none (or none that is finite). */
export function cellNumber(raw: string): number | undefined {
  if (!XML_NUMBER.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** A whole number of at most 15 digits with no leading zero, as Excel writes most scores: already as Excel shows it. */
export function isShortWhole(raw: string): boolean {
  const length = raw.length;
  if (length === 0 || length > 15 || (raw.charCodeAt(0) === 48 && length > 1)) return false;
  for (let at = 0; at < length; at += 1) {
    const code = raw.charCodeAt(at);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Characters XML 1.0 cannot hold are written `_xHHHH_` (ECMA-376, 22.9.2.19): a carriage return is `_x000D_`. */
export function unescapeText(text: string): string {
  const decoded = text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
  // Line breaks inside a cell read as LF, as they do inside a quoted CSV field.
  return decoded.includes('\r') ? decoded.replace(/\r\n?/g, '\n') : decoded;
}

/**
 * Column letters to a position from 0: A is 0, Z 25, AA 26. Undefined when the reference has no letters.
 * Read from `from` to `to` of a longer text (a cell's `r` where the sheet's XML holds it) with no slice made.
 */
export function columnIndex(reference: string, from = 0, to = reference.length): number | undefined {
  let index = 0;
  let at = from;
  for (; at < to; at += 1) {
    const code = reference.charCodeAt(at) & ~0x20;
    if (code < 65 || code > 90) break;
    index = index * 26 + code - 64;
  }
  return at === from ? undefined : index - 1;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A name without its namespace prefix: writers other than Excel may write `x:row` for `row`. */
