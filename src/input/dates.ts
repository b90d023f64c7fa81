import { inputError } from '../errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const UNIX_SECONDS = /^\d{9,10}$/;
const UNIX_MILLISECONDS = /^\d{12,13}$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T].*)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T,].*)?$/;

const DAY_MS = 86_400_000;
/** The day part of an ISO 8601 date or date-time: "2026-10-05", "2026-10-05T14:30:00Z", "2026-10-05 14:30". */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;

/** The orders a slashed date like 3/4/2026 can be written in. */
export const DATE_FORMATS = { 'm/d/yyyy': 'month first (US)', 'd/m/yyyy': 'day first' } as const satisfies Record<
  string,
  string
>;
export type DateFormat = keyof typeof DATE_FORMATS;

/**
 * Milliseconds since 1970 for the date forms that cannot be misread: ISO 8601
 * and Unix timestamps. Anything else is undefined, never a guess.
 */
export function parseDate(raw: string): number | undefined {
  const text = raw.trim();
  if (UNIX_SECONDS.test(text)) return Number(text) * 1000;
  if (UNIX_MILLISECONDS.test(text)) return Number(text);
  if (!ISO_DATE.test(text)) return undefined;
  // A space between date and time is common in exports; Date.parse wants a T.
  const time = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : time;
}

function dayOf(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  return check.getUTCDate() === day ? time / DAY_MS : undefined;
}

/**
 * Days (since 1970, UTC) of the dates in one or more files. Slashed dates are held
 * as written until `resolve`, because whether 3/4/2026 is March or April can only be
 * told from the other dates in the file: a 13/4/2026 says day first, a 4/13/2026 month first.
 */
export class DayReader {
  private dayFirstSeen = false;
  private monthFirstSeen = false;
  /** ISO days already read, by their first ten characters: exports hold few distinct days and many rows. */
  private readonly isoDays = new Map<string, string | undefined>();

  constructor(private readonly format: DateFormat | undefined) {}

  /**
   * A key that stands for the day: a number for unambiguous dates, "a/b/y" for slashed
   * ones. An ISO date-time counts on the calendar day written in it, whatever its time
   * zone: the day the respondent answered.
   */
  key(raw: string): string | undefined {
    const prefix = raw.slice(0, 10);
    const cached = this.isoDays.get(prefix);
    if (cached !== undefined && ISO_DAY.test(raw)) return cached;
    const iso = ISO_DAY.exec(raw);
    if (iso) {
      const [, y = '', m = '', d = ''] = iso;
      const day = dayOf(Number(y), Number(m), Number(d));
      const key = day === undefined ? undefined : String(day);
      this.isoDays.set(prefix, key);
      return key;
    }
    const text = raw.trim();
    const slashed = SLASHED.exec(text);
    if (slashed) {
      const [, a = '', b = '', y = ''] = slashed;
      if (Number(a) > 12) this.dayFirstSeen = true;
      if (Number(b) > 12) this.monthFirstSeen = true;
      return `${Number(a)}/${Number(b)}/${y}`;
    }
    const dotted = DOTTED.exec(text);
    if (dotted) {
      const [, d = '', m = '', y = ''] = dotted;
      const day = dayOf(Number(y), Number(m), Number(d));
      return day === undefined ? undefined : String(day);
    }
    const time = parseDate(text);
    return time === undefined ? undefined : String(Math.floor(time / DAY_MS));
  }

  /** The order of slashed dates: given, or told by the data; a clear error when neither can say. */
  order(): DateFormat | undefined {
    if (this.format !== undefined) return this.format;
    if (this.dayFirstSeen && this.monthFirstSeen) {
      throw inputError('the dates mix day-first (13/4/2026) and month-first (4/13/2026) forms; fix the file, or choose with --date-format');
    }
    if (this.dayFirstSeen) return 'd/m/yyyy';
    if (this.monthFirstSeen) return 'm/d/yyyy';
    return undefined;
  }

  /** The day a key stands for, once every date has been seen. */
  resolve(key: string): number | undefined {
    if (!key.includes('/')) return Number(key);
    const order = this.order();
    if (order === undefined) {
      throw inputError(
        `dates such as ${key} could be month first or day first, and no date in the input tells which; ` +
          'add --date-format m/d/yyyy or --date-format d/m/yyyy',
      );
    }
    const [a = 0, b = 0, y = 0] = key.split('/').map(Number);
    return order === 'm/d/yyyy' ? dayOf(y, a, b) : dayOf(y, b, a);
  }
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
