import { dayOn, isUtc, UTC, wallToTime, type Clock } from '../core/clock.js';
import { inputError } from '../errors.js';

/**
 * The one place that reads the date of a row. Every command that needs dates
 * (periods, respond-by, newest first, --dedupe, --since/--until, the report's
 * date range) reads them through `RowDates`, so that they all agree on a file.
 */

/** The orders a slashed date like 3/4/2026 can be written in. */
export const DATE_FORMATS = { 'm/d/yyyy': 'month first (US)', 'd/m/yyyy': 'day first' } as const satisfies Record<
  string,
  string
>;
export type DateFormat = keyof typeof DATE_FORMATS;

export const DAY_MS = 86_400_000;

/**
 * The calendar a date is read in: from the year 100 to the last moment of 9999-12-31,
 * the dates every program writes with four digits. A cell whose moment falls outside
 * (9999-12-31T23:59:60Z is 10000-01-01) is no date, as 31 April is none.
 */
export const FIRST_MOMENT = Date.UTC(100, 0, 1);
export const LAST_MOMENT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** No zone is further from UTC than 14 hours (Kiribati, +14:00; Baker Island, -12:00). */
const MAX_OFFSET_MINUTES = 14 * 60;

const inCalendar = (reading: DateReading): DateReading | undefined =>
  reading.time >= FIRST_MOMENT && reading.time <= LAST_MOMENT ? reading : undefined;

/** A date read from a cell. */
export interface DateReading {
  /** The calendar day written in the cell, in days since 1970-01-01: the day the respondent answered. */
  day: number;
  /** The moment, in milliseconds since 1970 (UTC); a wall time with no zone is taken as UTC. */
  time: number;
  /** Whether the cell gave a time of day, not only a day. */
  hasTime: boolean;
}

/** A day-first date (13/4/2026) and a month-first one (4/13/2026) seen in the input, as written. */
export interface DateEvidence {
  dayFirst: string | undefined;
  monthFirst: string | undefined;
}

/** A slashed date such as 3/4/2026 whose order no date seen so far has settled. */
export const UNSETTLED = 'unsettled' as const;
export type Unsettled = typeof UNSETTLED;

/** The part of a cell before its time of day, and what it says. */
type DatePart =
  | { kind: 'day'; day: number }
  | { kind: 'slashed'; monthFirst: number | undefined; dayFirst: number | undefined }
  | { kind: 'instant'; time: number }
  | { kind: 'none' };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_FIRST_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;
const UNIX_SECONDS = /^\d{9,10}$/;
const UNIX_MILLISECONDS = /^\d{12,13}$/;
/** 14:30, 14:30:05, 14:30:05.123, 2:30 PM, 2:30:05pm; then an optional zone: Z, +02:00, +0200, UTC, GMT. */
const TIME =
  /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap]\.?m\.?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?$/i;

/**
 * Two-digit years as spreadsheets and POSIX read them: 00–68 are 2000–2068,
 * 69–99 are 1969–1999 ("9/8/18 15:29" is 2018).
 */
export function fullYear(written: string): number {
  const year = Number(written);
  if (written.length !== 2) return year;
  return year < 69 ? 2000 + year : 1900 + year;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Days since 1970 of a valid calendar date, or undefined (31 April, 29 February 2027…).
 * Counted with integers (Hinnant's days-from-civil) rather than through a Date object: it
 * runs once a row, and a Date a row was a tenth of a report's garbage. Years before 100
 * are refused, as Date.UTC would read them as 19xx.
 */
export function dayOf(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 100) return undefined;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const last = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > last) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function readDatePart(text: string): DatePart {
  const iso = ISO_DAY.exec(text);
  if (iso) return dayPart(dayOf(Number(iso[1]), Number(iso[2]), Number(iso[3])));
  const yearFirst = YEAR_FIRST_SLASHED.exec(text);
  if (yearFirst) return dayPart(dayOf(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3])));
  const slashed = SLASHED.exec(text);
  if (slashed) {
    const [a, b, year] = [Number(slashed[1]), Number(slashed[2]), fullYear(slashed[3] ?? '')];
    const monthFirst = dayOf(year, a, b);
    const dayFirst = dayOf(year, b, a);
    if (monthFirst === undefined && dayFirst === undefined) return { kind: 'none' };
    return { kind: 'slashed', monthFirst, dayFirst };
  }
  const dotted = DOTTED.exec(text);
  if (dotted) return dayPart(dayOf(fullYear(dotted[3] ?? ''), Number(dotted[2]), Number(dotted[1])));
  if (UNIX_SECONDS.test(text)) return { kind: 'instant', time: Number(text) * 1000 };
  if (UNIX_MILLISECONDS.test(text)) return { kind: 'instant', time: Number(text) };
  return { kind: 'none' };
}

const dayPart = (day: number | undefined): DatePart => (day === undefined ? { kind: 'none' } : { kind: 'day', day });

interface TimeOfDay {
  /** Milliseconds since midnight, as written. */
  ms: number;
  /** Minutes to subtract to reach UTC; 0 when the cell names no zone. */
  offsetMinutes: number;
  /** Whether the cell names its zone (Z, UTC, +02:00): else it is a wall time, read on the run's clock. */
  zoned: boolean;
}

function readTime(text: string): TimeOfDay | undefined {
  const match = TIME.exec(text);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? 0);
  const fraction = Number(`0.${match[4] ?? '0'}`);
  const meridiem = match[5]?.toLowerCase().replace(/\./g, '');
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const offsetMinutes = offsetOf(match[6]);
  if (offsetMinutes === undefined) return undefined;
  return { ms: ((hours * 60 + minutes) * 60 + seconds + fraction) * 1000, offsetMinutes, zoned: match[6] !== undefined };
}

/** Minutes east of UTC; undefined for an offset no zone has (+99:99, +15:00). */
function offsetOf(zone: string | undefined): number | undefined {
  if (zone === undefined || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const [hours, minutes] = [Number(digits.slice(1, 3)), Number(digits.slice(3, 5))];
  const offset = hours * 60 + minutes;
  return minutes > 59 || offset > MAX_OFFSET_MINUTES ? undefined : sign * offset;
}

const ZERO = 48;
/** The number written by the two to four digits at `from`..`to` (not included), or NaN. */
function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at += 1) {
    const digit = text.charCodeAt(at) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The commonest cell of all, "2025-03-13T23:56:37Z" (or with a space, or with no zone),
 * read without splitting or regular expressions: a million of them cost a quarter of
 * `score --period`. Anything else, or anything out of range, is left to the full reading,
 * which gives the same result for these.
 */
function isoStamp(cell: string): DateReading | undefined {
  const length = cell.length;
  if (length !== 19 && !(length === 20 && cell.charCodeAt(19) === 90 /* Z */)) return undefined;
  const separator = cell.charCodeAt(10);
  if (cell.charCodeAt(4) !== 45 || cell.charCodeAt(7) !== 45 || (separator !== 84 /* T */ && separator !== 32) || cell.charCodeAt(13) !== 58 || cell.charCodeAt(16) !== 58) return undefined;
  const year = digitsAt(cell, 0, 4);
  const month = digitsAt(cell, 5, 7);
  const dayOfMonth = digitsAt(cell, 8, 10);
  const hours = digitsAt(cell, 11, 13);
  const minutes = digitsAt(cell, 14, 16);
  const seconds = digitsAt(cell, 17, 19);
  if (!(hours <= 23 && minutes <= 59 && seconds <= 60)) return undefined;
  const day = dayOf(year, month, dayOfMonth);
  if (day === undefined) return undefined;
  return { day, time: day * DAY_MS + ((hours * 60 + minutes) * 60 + seconds) * 1000, hasTime: true };
}

/** Splits "2026-10-05T14:30Z", "12/19/2019 1:09:33 PM", "19.12.2019, 13:09" into date and time. */
function splitCell(cell: string): [date: string, time: string] {
  const text = cell.trim();
  const at = text.search(/[T ,]/);
  if (at === -1) return [text, ''];
  return [text.slice(0, at), text.slice(at + 1).replace(/^[\s,]+/, '')];
}

/** Distinct date parts in a file are few next to its rows: each is read once. */
const CACHE_LIMIT = 100_000;

/**
 * Reads the dates of one run's inputs. Slashed dates (3/4/2026) are month first or
 * day first: `--date-format` says which, or any date of the input whose first
 * number is above 12 (day first) or whose second is (month first) settles it for
 * every other. Until then such a date reads as `UNSETTLED`, and the reader of the
 * rows holds them back; a date that is the same either way (5/5/2026) never waits.
 */
export class RowDates {
  private dayFirstSeen: string | undefined;
  private monthFirstSeen: string | undefined;
  private readonly parts = new Map<string, DatePart>();

  /** Whether the clock is UTC all year: then a wall time is its own moment, and the common stamp is read fast. */
  private readonly utc: boolean;

  constructor(
    private readonly format: DateFormat | undefined,
    private readonly clock: Clock = UTC,
  ) {
    this.utc = isUtc(clock);
  }

  /** The dates seen so far that can only be read one way: what settles the order, and what would contradict it. */
  evidence(): DateEvidence {
    return { dayFirst: this.dayFirstSeen, monthFirst: this.monthFirstSeen };
  }

  /** The order of slashed dates: given, or settled by the input; undefined while unknown. */
  order(): DateFormat | undefined {
    if (this.format !== undefined) return this.format;
    if (this.dayFirstSeen !== undefined && this.monthFirstSeen !== undefined) {
      throw inputError(
        `the dates mix day-first (${this.dayFirstSeen}) and month-first (${this.monthFirstSeen}) forms; ` +
          'fix the file, or choose with --date-format m/d/yyyy or --date-format d/m/yyyy',
      );
    }
    if (this.dayFirstSeen !== undefined) return 'd/m/yyyy';
    if (this.monthFirstSeen !== undefined) return 'm/d/yyyy';
    return undefined;
  }

  /** The date in a cell: undefined when there is none (or it is not a date), UNSETTLED while its order is unknown. */
  read(cell: string): DateReading | undefined | Unsettled {
    if (this.utc) {
      const stamp = isoStamp(cell);
      if (stamp !== undefined) return inCalendar(stamp);
    }
    const [dateText, timeText] = splitCell(cell);
    if (dateText === '') return undefined;
    const part = this.partOf(dateText);
    if (part.kind === 'none') return undefined;
    if (part.kind === 'instant') {
      if (timeText !== '') return undefined;
      return inCalendar({ day: dayOn(this.clock, part.time), time: part.time, hasTime: true });
    }
    const day = part.kind === 'day' ? part.day : this.settle(part, dateText);
    if (day === undefined) return undefined;
    if (day === UNSETTLED) return UNSETTLED;
    // A day with no time, or a wall time with no zone, is a moment on the run's clock; a time with its zone is that
    // moment, and its day is the clock's.
    if (timeText === '') return inCalendar({ day, time: this.utc ? day * DAY_MS : wallToTime(this.clock, day * DAY_MS), hasTime: false });
    const time = readTime(timeText);
    if (time === undefined) return undefined;
    const wall = day * DAY_MS + time.ms;
    if (!time.zoned) return inCalendar({ day, time: this.utc ? wall : wallToTime(this.clock, wall), hasTime: true });
    const moment = wall - time.offsetMinutes * 60_000;
    return inCalendar({ day: this.utc ? day : dayOn(this.clock, moment), time: moment, hasTime: true });
  }

  private partOf(dateText: string): DatePart {
    let part = this.parts.get(dateText);
    if (part === undefined) {
      part = readDatePart(dateText);
      if (part.kind === 'slashed') this.notice(part, dateText);
      if (this.parts.size < CACHE_LIMIT) this.parts.set(dateText, part);
    }
    return part;
  }

  /** A date that can only be read one way tells the order of all of them. */
  private notice(part: Extract<DatePart, { kind: 'slashed' }>, text: string): void {
    if (part.monthFirst === undefined) this.dayFirstSeen ??= text;
    if (part.dayFirst === undefined) this.monthFirstSeen ??= text;
  }

  private settle(part: Extract<DatePart, { kind: 'slashed' }>, text: string): number | undefined | Unsettled {
    if (part.monthFirst === part.dayFirst) return part.monthFirst;
    const order = this.order();
    if (order === 'm/d/yyyy') return part.monthFirst;
    if (order === 'd/m/yyyy') return part.dayFirst;
    // Only an impossible reading settles nothing here: 13/4 was noticed as day first above.
    if (part.monthFirst === undefined || part.dayFirst === undefined) return part.monthFirst ?? part.dayFirst;
    this.firstUnsettled ??= text;
    return UNSETTLED;
  }

  /** The first date that could be read both ways, for the message when nothing settles it. */
  firstUnsettled: string | undefined;

  /** The error every command gives when the input ends with the order of its dates still unknown. */
  unsettledError(): Error {
    return inputError(
      `dates such as ${this.firstUnsettled ?? '3/4/2026'} could be month first or day first, and no date in the input tells which; ` +
        'add --date-format m/d/yyyy or --date-format d/m/yyyy',
    );
  }
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "2026-11-03 09:00 UTC": a moment as a person works to it, to the minute. */
export function formatMoment(time: number): string {
  const iso = new Date(time).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Excel's serial day of 1970-01-01, in the 1900 date system. */
const SERIAL_OF_1970 = 25_569;

/**
 * A date written as a whole number: an Excel serial day (45012, in the 1900 date
 * system, as a CSV saved from a sheet writes a date cell with no date format) or a
 * year-month (202311, read as the month's first day). Undefined for anything else.
 */
export function numberDate(cell: string, kind: 'serial' | 'year-month'): DateReading | undefined {
  const text = cell.trim();
  if (!/^\d+(?:\.\d+)?$/.test(text)) return undefined;
  if (kind === 'year-month') {
    const day = /^\d{6}$/.test(text) ? dayOf(Number(text.slice(0, 4)), Number(text.slice(4, 6)), 1) : undefined;
    return day === undefined ? undefined : { day, time: day * DAY_MS, hasTime: false };
  }
  const serial = Number(text);
  const day = Math.floor(serial) - SERIAL_OF_1970;
  const time = Math.round((serial - SERIAL_OF_1970) * DAY_MS);
  return { day, time, hasTime: serial !== Math.floor(serial) };
}
