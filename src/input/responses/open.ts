import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { inputError, NpsError } from '../../errors.js';
import type { Io } from '../../io.js';
import type { ReadListener } from '../../core/reading.js';
import { chooseColumns, ColumnChoiceError, requireColumn, uniqueNames, type ColumnOverrides } from '../columns.js';
import { dayOn, fixedClock, UTC, zoneClock, type Clock } from '../../core/clock.js';
import { dayRange, loadExcluded, type DayRange } from '../filters.js';
import { detectLayout, FORMATS } from '../formats.js';
import { Join, loadCustomers, parseJoinOn, type Customers } from '../join.js';
import { openRows, type RowReader } from '../rows.js';
import { addChecks, NO_CHECKS, type SideFileChecks } from '../side-files.js';
import { STDIN_NAME } from '../source.js';
import { headerBelowTitle, isDataRow } from '../table-start.js';
import { whereTest, type WhereCondition } from '../where.js';
import type { LaidOutInput, OpenedInput, ReadSpec } from './types.js';
import { quote } from '../../core/clip.js';

/**
 * Opening a run: every input as far as its export format, header rows and columns,
 * the run's columns across inputs, and what the filters and the customer join need
 * loaded. Nothing here reads a data row past the first ones each input shows.
 */

/** Rows after the header that may be more header: Qualtrics has up to two. */
const HEADER_ROWS_TO_INSPECT = 2;
/** The first rows, looked at to tell what a column holds (free text or ratings) beside its header. */
const SAMPLE_ROWS = 200;

export async function openLayout(file: string, io: Io, sheet?: string): Promise<LaidOutInput> {
  const reader = await openRows(file, io, { sheet });
  let rows = await reader.peekRows(SAMPLE_ROWS);
  // Rows above the table: what was read as the header is a title, the header is further down.
  let above = 0;
  const below = headerBelowTitle(reader.header, rows);
  if (below !== undefined) {
    reader.headerAt(below);
    above = below + 1;
    rows = rows.slice(above);
  }
  if (isDataRow(reader.header) && rows.every((row) => row.length === reader.header.length)) {
    // A file of answers alone: its first row is an answer too.
    reader.headerIsData();
    const layout = { ...detectLayout(reader.header, []), headerRows: 0 };
    return { reader, layout, firstRows: await reader.peekRows(SAMPLE_ROWS) };
  }
  const detected = detectLayout(reader.header, rows.slice(0, HEADER_ROWS_TO_INSPECT));
  reader.skipRows(detected.headerRows - 1);
  reader.header = detected.headers;
  return { reader, layout: { ...detected, headerRows: detected.headerRows + above }, firstRows: rows.slice(detected.headerRows - 1) };
}

/** The input's columns chosen from its first rows: those --where keeps, when it is given. */
function columnsOf(laid: LaidOutInput, overrides: ColumnOverrides, conditions: readonly WhereCondition[]): OpenedInput {
  const { reader, layout } = laid;
  const names = uniqueNames(layout.headers);
  const where = whereTest(reader.where, names, conditions);
  const firstRows = where === undefined ? laid.firstRows : laid.firstRows.filter(where);
  return { reader, layout, choice: chooseColumns(reader.where, layout.headers, overrides, layout.texts, firstRows), names, firstRows, where };
}

export async function openInput(file: string, io: Io, overrides: ColumnOverrides, sheet?: string, conditions: readonly WhereCondition[] = []): Promise<OpenedInput> {
  const laid = await openLayout(file, io, sheet);
  try {
    return columnsOf(laid, overrides, conditions);
  } catch (error) {
    const found = error instanceof ColumnChoiceError && sheet === undefined ? await sheetOfResponses(file, io, laid) : undefined;
    if (found === undefined) throw error;
    return columnsOf(found, overrides, conditions);
  }
}

/**
 * A workbook laid out for people opens on a dashboard; its responses are on a later
 * sheet. The first other worksheet whose columns hold a score is read instead; the
 * stderr line says which sheet, and that --sheet chooses. A sheet that cannot be laid
 * out (an empty one, a damaged one) holds no responses: when none does, the first
 * sheet's own message is the one given, not the last sheet's.
 */
export async function sheetOfResponses(file: string, io: Io, first: LaidOutInput): Promise<LaidOutInput | undefined> {
  const reader = first.reader;
  if (reader.kind !== 'xlsx') return undefined;
  const others = reader.sheets.filter((sheet) => sheet.kind === 'worksheet' && sheet.number !== reader.sheet.number);
  for (const sheet of [...others.filter((one) => !one.hidden), ...others.filter((one) => one.hidden)]) {
    let laid: LaidOutInput;
    try {
      laid = await openLayout(file, io, String(sheet.number));
    } catch (error) {
      if (error instanceof NpsError) continue;
      throw error;
    }
    try {
      chooseColumns(laid.reader.where, laid.layout.headers, {}, laid.layout.texts, laid.firstRows);
      reader.close();
      if (laid.reader.kind === 'xlsx') laid.reader.foundFrom = reader.sheet.name;
      return laid;
    } catch (error) {
      laid.reader.close();
      if (!(error instanceof ColumnChoiceError)) throw error;
    }
  }
  return undefined;
}

const ENCODING_NOTES: Record<string, string> = {
  'windows-1252': 'read as Windows-1252 (the bytes are not UTF-8)',
  'utf-16le': 'read as UTF-16',
  'utf-16be': 'read as UTF-16',
};

/** One line saying what `nps` understood of an input: the format, the score column, the date and comment columns. */
export function describeInput(opened: OpenedInput, withComments = false): string {
  const { reader, layout, choice } = opened;
  const header = (index: number | undefined): string => quote(reader.header[index ?? -1] ?? '');
  const format = layout.format === 'plain' ? '' : `${FORMATS[layout.format]} export, `;
  const why = choice.why === undefined ? '' : ` (${choice.why})`;
  const parts = [`${format}scoring column ${header(choice.columns.score)}${why}`];
  const dateWords = { text: '', serial: ' (Excel serial days)', 'year-month': ' (year-months)' } as const;
  if (choice.columns.date !== undefined) parts.push(`dated by ${header(choice.columns.date)}${dateWords[choice.columns.dateKind ?? 'text']}`);
  if (withComments) {
    const comments = choice.columns.comments;
    parts.push(comments.length === 0 ? 'no comment column' : `comments in ${comments.map(header).join(' and ')}`);
    const questions = choice.columns.questions ?? [];
    if (questions.length > 0) parts.push(`${questions.length === 1 ? 'another open question' : 'other open questions'}: ${questions.map(header).join(', ')}`);
  }
  const encoding = reader.kind === 'csv' ? ENCODING_NOTES[reader.encoding] : undefined;
  if (encoding !== undefined) parts.push(encoding);
  return `${placeOf(reader)}: ${parts.join(', ')}`;
}

/** The input as messages name it; for a workbook of several sheets, which one is read and that --sheet chooses. */
function placeOf(reader: RowReader): string {
  if (reader.kind !== 'xlsx' || reader.sheets.length === 1) return reader.where;
  const found = reader.foundFrom === undefined ? '' : `, the first holding responses: ${quote(reader.foundFrom)} holds none`;
  return `${reader.where} (sheet ${reader.sheet.number} of ${reader.sheets.length}${found}; --sheet chooses)`;
}

/** Everything reading one input needs, decided when the run's columns are known. */
export interface InputPlan {
  opened: OpenedInput;
  index: number;
  project: (cells: string[]) => string[];
  join: Join | undefined;
  /** The input's other open questions: each column, and its question's place among the run's. */
  questions: ReadonlyArray<{ column: number; question: number }>;
}

/** What the filters and the join need, loaded once for the run. */
export interface Loaded {
  range: DayRange | undefined;
  excluded: Set<string> | undefined;
  customers: Customers | undefined;
  /** Rows of those files rejected and quotes read leniently: --strict counts them with the survey's. */
  checks: SideFileChecks;
}

/** Every input of a run opened, with the run's columns and how each input's rows map onto them. */
export interface OpenedRun {
  inputs: readonly OpenedInput[];
  /** The run's columns: every input's in the order first seen, then the customers'. */
  columns: readonly string[];
  plans: readonly InputPlan[];
  loaded: Loaded;
  /** The other open questions of the run, by name, in the order first seen. */
  questions: readonly string[];
  /** The clock the run's days follow (see chooseClock), and today on it. */
  clock: Clock;
  today: number;
}

/** Loads the files the filters and the join name (--since/--until, --exclude, --customers). */
export async function loadFilters(files: readonly string[], spec: ReadSpec, io: Io, listener: ReadListener): Promise<Loaded> {
  checkInputNames(files);
  if (spec.dedupe !== 'none') refuseRereadingStreams(files, io);
  const customers = spec.customers && (await loadCustomers(spec.customers.file, parseJoinOn(spec.customers.joinOn).customers, io, listener));
  const excluded = spec.exclude === undefined ? undefined : await loadExcluded(spec.exclude, io, listener);
  return { range: undefined, excluded: excluded?.keys, customers, checks: addChecks(customers?.checks ?? NO_CHECKS, excluded?.checks ?? NO_CHECKS) };
}

/**
 * The run's clock: --tz, or else the offset most of the date column's timestamps carry in the first rows
 * ("2026-11-30 04:00:00 -0800"), or else UTC. Says which on stderr when it is not UTC by default.
 */
export function chooseClock(inputs: readonly OpenedInput[], tz: string | undefined, listener: ReadListener): Clock {
  if (tz !== undefined) {
    const clock = clockNamed(tz);
    listener.info(`days, periods and due dates in ${clock.label} (--tz)`);
    return clock;
  }
  const offsets = new Map<number, number>();
  let dated = 0;
  for (const opened of inputs) {
    const index = opened.choice.columns.date;
    if (index === undefined) continue;
    for (const row of opened.firstRows) {
      const cell = (row[index] ?? '').trim();
      if (cell === '') continue;
      dated += 1;
      const offset = writtenOffset(cell);
      if (offset !== undefined) offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
    }
  }
  const [common] = [...offsets].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (common === undefined || common[1] * 2 < dated || common[0] === 0) return UTC;
  const clock = fixedClock(common[0]);
  listener.info(`days, periods and due dates in ${clock.label}, the offset of most of the export's timestamps (--tz sets another zone)`);
  return clock;
}

/** The zone a timestamp names after its time: Z, UTC, +02:00, -0800; undefined when it names none. */
function writtenOffset(cell: string): number | undefined {
  const match = /\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})$/i.exec(cell);
  const zone = match?.[1];
  if (zone === undefined) return undefined;
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const digits = zone.replace(':', '');
  return (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** --tz: a zone's name ("America/Los_Angeles", "Europe/Paris", "UTC") or an offset ("-08:00", "UTC+2"). */
export function clockNamed(tz: string): Clock {
  const text = tz.trim();
  const offset = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (offset !== null) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
    if (Math.abs(minutes) <= 14 * 60) return fixedClock(minutes);
  } else {
    const zone = zoneClock(text);
    if (zone !== undefined) return /^(utc|gmt|etc\/utc|etc\/gmt)$/i.test(zone.label) ? UTC : zone;
  }
  throw inputError(`--tz takes a time zone such as America/Los_Angeles, Europe/Paris or UTC, or an offset such as -08:00, not ${JSON.stringify(tz)}`);
}

/** Opens every input and says what it understood of each. */
export async function openRun(
  files: readonly string[],
  spec: ReadSpec,
  io: Io,
  listener: ReadListener,
  loaded: Loaded,
  known?: { clock: Clock },
): Promise<OpenedRun> {
  const inputs: OpenedInput[] = [];
  for (const file of files) {
    const opened = await openInput(file, io, spec.columns, spec.sheet, spec.where);
    listener.info(describeInput(opened, spec.needs.comments));
    inputs.push(opened);
  }
  const own = unionOfNames(inputs);
  const joinColumn = spec.customers && parseJoinOn(spec.customers.joinOn).survey;
  const customerNames = loaded.customers?.columns.map((column) => (own.includes(column) ? `customer ${column}` : column)) ?? [];
  const questions = [...new Set(inputs.flatMap((opened) => (opened.choice.columns.questions ?? []).map((column) => opened.names[column] ?? '')))];
  const plans = inputs.map((opened, index) => ({
    opened,
    index,
    questions: (opened.choice.columns.questions ?? []).map((column) => ({ column, question: questions.indexOf(opened.names[column] ?? '') })),
    project: projection(opened.names, own),
    join:
      loaded.customers && joinColumn !== undefined
        ? new Join(loaded.customers, requireColumn(opened.reader.name, opened.names, joinColumn, '--join-on'))
        : undefined,
  }));
  for (const opened of inputs) checkFiltersCanApply(opened, spec, loaded);
  const clock = known?.clock ?? chooseClock(inputs, spec.tz, listener);
  const today = spec.today ?? dayOn(clock, spec.now);
  const withRange = { ...loaded, range: dayRange(spec.since, spec.until, spec.dateFormat, today, clock) };
  return { inputs, columns: [...own, ...customerNames], plans, loaded: withRange, questions, clock, today };
}

/** Columns of all inputs in the order first seen, by their distinct names: files with different columns lose nothing. */
function unionOfNames(inputs: readonly OpenedInput[]): string[] {
  const seen = new Set<string>();
  const columns: string[] = [];
  for (const { names } of inputs) {
    for (const name of names) {
      if (!seen.has(name)) {
        seen.add(name);
        columns.push(name);
      }
    }
  }
  return columns;
}

/** Maps an input's cells onto the run's columns; the identity, without copying, when they are the same. */
function projection(names: readonly string[], columns: readonly string[]): (cells: string[]) => string[] {
  const position = new Map(names.map((name, index) => [name, index] as const));
  const indexes = columns.map((column) => position.get(column) ?? -1);
  const same = indexes.length === names.length && indexes.every((index, at) => index === at);
  if (same) return (cells) => cells;
  return (cells) => indexes.map((index) => (index === -1 ? '' : (cells[index] ?? '')));
}

/** Standard input can be read once: naming it twice would silently score nothing the second time. */
export function checkInputNames(files: readonly string[]): void {
  if (files.filter((file) => file === STDIN_NAME).length > 1) {
    throw inputError('"-" (standard input) can be named only once');
  }
}

/**
 * --dedupe reads every input twice: a pipe or a device (standard input, a FIFO, /dev/stdin) can be read once.
 * A file's status is asked synchronously (it is not opened): node:fs/promises, about 4 ms to load, is left to
 * the commands that write files.
 */
function refuseRereadingStreams(files: readonly string[], io: Io): void {
  if (files.includes(STDIN_NAME)) {
    throw inputError('--dedupe reads the input twice, so it cannot read standard input: save it to a file first');
  }
  for (const file of files) {
    const found = statusOf(resolve(io.cwd, file));
    if (found !== undefined && !found.isFile()) {
      throw inputError(`${file}: --dedupe reads its input twice, so it needs a regular file, not a pipe or a device; save it to a file first`);
    }
  }
}

/** A file's status; undefined when it cannot be looked at: it is then refused when opened, as without --dedupe. */
function statusOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function checkFiltersCanApply(opened: OpenedInput, spec: ReadSpec, loaded: Loaded): void {
  const name = opened.reader.where;
  const { columns } = opened.choice;
  if ((spec.since !== undefined || spec.until !== undefined) && columns.date === undefined) {
    throw inputError(`${name}: --since and --until need a date column and none was found; name it with --date-column`);
  }
  if (spec.dedupe !== 'none' && columns.respondent === undefined) {
    throw inputError(`${name}: --dedupe needs a respondent column (an email or an id) and none was found; name it with --respondent-column`);
  }
  if (loaded.excluded !== undefined && columns.respondent === undefined) {
    throw inputError(`${name}: --exclude needs a respondent column (an email or an id) and none was found; name it with --respondent-column`);
  }
}
