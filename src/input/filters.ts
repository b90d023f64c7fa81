import { UTC, type Clock } from '../core/clock.js';
import { inputError } from '../errors.js';
import type { Io } from '../io.js';
import { normalizeHeader } from './columns.js';
import { RowDates, UNSETTLED, type DateFormat } from './dates.js';
import { respondentKey } from './respondent.js';
import { openRows } from './rows.js';
import { readSideFile, type SideFileChecks } from './side-files.js';
import type { ReadListener } from '../core/reading.js';

/** Respondents already followed up: the first column of a file, or its email/id column when it has one. */
export async function loadExcluded(file: string, io: Io, listener: ReadListener): Promise<{ keys: Set<string>; checks: SideFileChecks }> {
  const reader = await openRows(file, io);
  const normalized = reader.header.map(normalizeHeader);
  const preferred = ['email', 'email address', 'id', 'respondent id', 'customer id'].map((name) => normalized.indexOf(name));
  const index = preferred.find((candidate) => candidate !== -1) ?? 0;
  const keys = new Set<string>();
  // A list with no header row is common: its first line is a respondent too.
  const first = respondentKey(reader.header[index] ?? '');
  if (first.includes('@') || /^\d+$/.test(first)) keys.add(first);
  const checks = await readSideFile(reader, listener, (cells) => {
    const key = respondentKey(cells[index] ?? '');
    if (key !== '') keys.add(key);
  });
  return { keys, checks };
}

/** A day range from --since and --until, both inclusive, in days since 1970. */
export interface DayRange {
  since: number | undefined;
  until: number | undefined;
}

const RELATIVE = /^(\d+)\s*d$/i;

/**
 * Reads a --since or --until bound: a number of days back from today (`30d`), or a
 * date as the file's dates are read (ISO, dd.mm.yyyy, slashed in the order --date-format gives).
 */
export function parseBound(option: string, value: string, format: DateFormat | undefined, today: number, clock: Clock = UTC): number {
  const relative = RELATIVE.exec(value.trim());
  if (relative) return today - Number(relative[1]);
  const reading = new RowDates(format, clock).read(value);
  if (reading === undefined || reading === UNSETTLED || reading.hasTime) {
    const slashed = value.includes('/') && format === undefined;
    throw inputError(
      `${option} takes a date such as 2026-10-31 or a number of days back such as 30d` +
        `${slashed ? ' (or give --date-format for slashed dates)' : ''}, not ${JSON.stringify(value)}`,
    );
  }
  return reading.day;
}

export function dayRange(
  since: string | undefined,
  until: string | undefined,
  format: DateFormat | undefined,
  today: number,
  clock: Clock = UTC,
): DayRange | undefined {
  if (since === undefined && until === undefined) return undefined;
  const range = {
    since: since === undefined ? undefined : parseBound('--since', since, format, today, clock),
    // "The last 30 days" ends today: with --today in the past, later answers are not in them.
    until: until === undefined ? (since !== undefined && RELATIVE.test(since.trim()) ? today : undefined) : parseBound('--until', until, format, today, clock),
  };
  if (range.since !== undefined && range.until !== undefined && range.since > range.until) {
    throw inputError(`--since ${since} comes after --until ${until}: no response could be in that range`);
  }
  return range;
}

export function inRange(day: number, range: DayRange): boolean {
  return (range.since === undefined || day >= range.since) && (range.until === undefined || day <= range.until);
}
