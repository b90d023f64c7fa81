import { papa } from '../libraries/papaparse.js';
import { COUNT_COLUMNS, SCORE_COLUMNS, STATISTIC_COLUMNS, type CountRow } from '../core/counts.js';
import { emptyTally, type Tally } from '../core/tally.js';
import { inputError } from '../errors.js';
import type { Io } from '../io.js';
import { dayOf } from './dates.js';
import { openSource } from './source.js';
import { quote } from '../core/clip.js';

/**
 * Reads the result of `nps sql` as a warehouse's client saves it: CSV with a header
 * row (`duckdb -csv`, `psql --csv`, `sqlite3 -csv -header`, `bq query --format=csv`),
 * or JSON, an array of objects or one object per line (`duckdb -json`,
 * `bq query --format=json`). Counts are small (a row per group and per period), so a
 * file is read whole.
 */

/** What a file of counts holds: its rows, and the group columns it has. */
export interface CountsFile {
  name: string;
  rows: CountRow[];
  columns: string[];
}

type Record = ReadonlyMap<string, unknown>;

async function readText(file: string, io: Io): Promise<{ name: string; text: string }> {
  const source = openSource(file, io.cwd, () => io.stdin);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of source.chunks) chunks.push(chunk);
  } finally {
    source.close();
  }
  return { name: source.name, text: Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '') };
}

function jsonRecords(name: string, text: string): Record[] {
  const trimmed = text.trim();
  let values: unknown[];
  try {
    values = trimmed.startsWith('[') ? (JSON.parse(trimmed) as unknown[]) : trimmed.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
  } catch (error) {
    throw inputError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  return values.map((value, at) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw inputError(`${name}: record ${at + 1} is not an object of columns`);
    return new Map(Object.entries(value).map(([column, cell]) => [ownName(column), cell]));
  });
}

/**
 * The query's own columns all start with `nps_`; a warehouse that folds unquoted names
 * to upper case (Snowflake gives NPS_SET) is read the same. The table's columns (`--by`)
 * keep their names as written.
 */
const ownName = (column: string): string => (/^nps_/i.test(column) ? column.toLowerCase() : column);

function csvRecords(name: string, text: string): Record[] {
  const parsed = papa().parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (header === undefined) throw inputError(`${name}: the file is empty: it should be the result of the query nps sql prints`);
  return rows.map((cells, at) => {
    if (cells.length !== header.length) throw inputError(`${name} line ${at + 2}: has ${cells.length} fields but the header has ${header.length}`);
    return new Map(header.map((column, index) => [ownName(column), cells[index]]));
  });
}

/** A count: a whole number, written as text or as a number (a warehouse may give 12, "12" or 12.0). */
function countOf(value: unknown, where: string, column: string): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.0*)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 0) throw inputError(`${where}: ${column} should be a count (a whole number from 0), not ${JSON.stringify(value ?? null)}`);
  return number;
}

const textOf = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** An ISO day, "2026-03-01" (a timestamp at midnight is taken for its day), as days since 1970. */
function dayOfText(value: unknown, where: string, column: string): number | undefined {
  const text = textOf(value).trim();
  if (text === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00(?::?00)?)?)?$/.exec(text);
  const day = match ? dayOf(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  if (day === undefined) throw inputError(`${where}: ${column} should be a day such as 2026-03-01, not ${quote(text)}`);
  return day;
}

const STATISTIC_KEYS = new Set<string>([COUNT_COLUMNS.set, COUNT_COLUMNS.day, ...STATISTIC_COLUMNS]);

function rowOf(record: Record, where: string, columns: readonly string[]): CountRow {
  const tally: Tally = emptyTally();
  tally.distribution = SCORE_COLUMNS.map((column) => countOf(record.get(column), where, column));
  tally.blank = countOf(record.get(COUNT_COLUMNS.blank), where, COUNT_COLUMNS.blank);
  tally.rejected = countOf(record.get(COUNT_COLUMNS.rejected), where, COUNT_COLUMNS.rejected);
  // Counts made before --dedupe and --where were asked for may lack their columns: none of either.
  tally.duplicates = record.has(COUNT_COLUMNS.duplicates) ? countOf(record.get(COUNT_COLUMNS.duplicates), where, COUNT_COLUMNS.duplicates) : 0;
  tally.excluded = record.has(COUNT_COLUMNS.excluded) ? countOf(record.get(COUNT_COLUMNS.excluded), where, COUNT_COLUMNS.excluded) : 0;
  const set = textOf(record.get(COUNT_COLUMNS.set));
  // The first and last day answered came later than the counts: older files lack them, and tell no partial period.
  const day = (column: string): number | undefined => dayOfText(record.get(column), where, column);
  return {
    set,
    values: new Map(columns.map((column) => [column, textOf(record.get(column))])),
    day: set.startsWith('period:') ? day(COUNT_COLUMNS.day) : undefined,
    tally,
    firstDay: day(COUNT_COLUMNS.firstDay),
    lastDay: day(COUNT_COLUMNS.lastDay),
  };
}

/** Reads one file of counts; a usage error says what is missing, and that `nps sql` makes them. */
export async function readCounts(file: string, io: Io): Promise<CountsFile> {
  const { name, text } = await readText(file, io);
  const json = /^\s*[[{]/.test(text);
  const records = json ? jsonRecords(name, text) : csvRecords(name, text);
  const keys = records[0] === undefined ? (json ? [] : (papa().parse<string[]>(text, { preview: 1 }).data[0] ?? [])) : [...records[0].keys()];
  const missing = [COUNT_COLUMNS.set, ...SCORE_COLUMNS, COUNT_COLUMNS.blank, COUNT_COLUMNS.rejected].filter((column) => !keys.includes(column));
  if (missing.length > 0) {
    throw inputError(`${name}: these are not counts from nps sql (no ${missing.slice(0, 3).join(', ')} column${missing.length > 1 ? 's' : ''}); run the query nps sql prints and save its result`);
  }
  const columns = keys.filter((key) => !STATISTIC_KEYS.has(key));
  const rows = records.map((record, at) => rowOf(record, json ? `${name} record ${at + 1}` : `${name} line ${at + 2}`, columns));
  return { name, rows, columns };
}
