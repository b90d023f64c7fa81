import { inputError } from '../errors.js';
import { CsvReader } from './csv.js';
import { respondentKey } from './dedupe.js';
import { DayReader, type DateFormat } from './dates.js';
import { openSource } from './source.js';
import { normalizeHeader } from './columns.js';
import type { Readable } from 'node:stream';

/** Respondents already followed up: the first column of a file, or its email/id column when it has one. */
export async function loadExcluded(file: string, cwd: string, stdin: Readable): Promise<Set<string>> {
  const reader = await CsvReader.open(await openSource(file, cwd, stdin));
  const normalized = reader.header.map(normalizeHeader);
  const preferred = ['email', 'email address', 'id', 'respondent id', 'customer id'].map((name) => normalized.indexOf(name));
  const index = preferred.find((candidate) => candidate !== -1) ?? 0;
  const keys = new Set<string>();
  // A list with no header row is common: its first line is a respondent too.
  const first = respondentKey(reader.header[index] ?? '');
  if (first.includes('@') || /^\d+$/.test(first)) keys.add(first);
  await reader.forEachRow((cells) => {
    const key = respondentKey(cells[index] ?? '');
    if (key !== '') keys.add(key);
  });
  return keys;
}

/** A day range from --since and --until, both inclusive, in days since 1970. */
export interface DayRange {
  since: number | undefined;
  until: number | undefined;
}

/** Reads a --since or --until date: ISO 8601, dd.mm.yyyy, or slashed in the order --date-format gives. */
export function parseBound(option: string, value: string, format: DateFormat | undefined): number {
  const reader = new DayReader(format ?? 'm/d/yyyy');
  const key = reader.key(value);
  const day = key === undefined ? undefined : reader.resolve(key);
  const slashed = value.includes('/');
  if (day === undefined || (slashed && format === undefined && !/^\d{4}-/.test(value))) {
    throw inputError(
      `${option} takes a date such as 2026-10-31${slashed ? ' (or give --date-format for slashed dates)' : ''}, not ${JSON.stringify(value)}`,
    );
  }
  return day;
}

export function inRange(day: number, range: DayRange): boolean {
  return (range.since === undefined || day >= range.since) && (range.until === undefined || day <= range.until);
}
