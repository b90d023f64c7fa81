import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inputError } from '../../errors.js';
import type { Io } from '../../io.js';
import type { ReadListener } from '../../core/reading.js';
import { chooseColumns, requireColumn, uniqueNames, type ColumnOverrides } from '../columns.js';
import { dayRange, loadExcluded, type DayRange } from '../filters.js';
import { detectLayout, FORMATS } from '../formats.js';
import { Join, loadCustomers, parseJoinOn, type Customers } from '../join.js';
import { openRows, type RowReader } from '../rows.js';
import { addChecks, NO_CHECKS, type SideFileChecks } from '../side-files.js';
import { STDIN_NAME } from '../source.js';
import type { LaidOutInput, OpenedInput, ReadSpec } from './types.js';

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
  const rows = await reader.peekRows(SAMPLE_ROWS);
  const layout = detectLayout(reader.header, rows.slice(0, HEADER_ROWS_TO_INSPECT));
  reader.skipRows(layout.headerRows - 1);
  reader.header = layout.headers;
  return { reader, layout, firstRows: rows.slice(layout.headerRows - 1) };
}

export async function openInput(file: string, io: Io, overrides: ColumnOverrides, sheet?: string): Promise<OpenedInput> {
  const { reader, layout, firstRows } = await openLayout(file, io, sheet);
  return {
    reader,
    layout,
    choice: chooseColumns(reader.where, layout.headers, overrides, layout.texts, firstRows),
    names: uniqueNames(layout.headers),
    firstRows,
  };
}

const ENCODING_NOTES: Record<string, string> = {
  'windows-1252': 'read as Windows-1252 (the bytes are not UTF-8)',
  'utf-16le': 'read as UTF-16',
  'utf-16be': 'read as UTF-16',
};

/** One line saying what `nps` understood of an input: the format, the score column, the date and comment columns. */
export function describeInput(opened: OpenedInput, withComments = false): string {
  const { reader, layout, choice } = opened;
  const header = (index: number | undefined): string => JSON.stringify(reader.header[index ?? -1] ?? '');
  const format = layout.format === 'plain' ? '' : `${FORMATS[layout.format]} export, `;
  const parts = [`${format}scoring column ${header(choice.columns.score)}`];
  if (choice.columns.date !== undefined) parts.push(`dated by ${header(choice.columns.date)}`);
  if (withComments) {
    const comments = choice.columns.comments;
    parts.push(comments.length === 0 ? 'no comment column' : `comments in ${comments.map(header).join(' and ')}`);
  }
  const encoding = reader.kind === 'csv' ? ENCODING_NOTES[reader.encoding] : undefined;
  if (encoding !== undefined) parts.push(encoding);
  return `${placeOf(reader)}: ${parts.join(', ')}`;
}

/** The input as messages name it; for a workbook of several sheets, which one is read and that --sheet chooses. */
function placeOf(reader: RowReader): string {
  if (reader.kind === 'csv' || reader.sheets.length === 1) return reader.where;
  return `${reader.where} (sheet ${reader.sheet.number} of ${reader.sheets.length}; --sheet chooses)`;
}

/** Everything reading one input needs, decided when the run's columns are known. */
export interface InputPlan {
  opened: OpenedInput;
  index: number;
  project: (cells: string[]) => string[];
  join: Join | undefined;
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
}

/** Loads the files the filters and the join name (--since/--until, --exclude, --customers). */
export async function loadFilters(files: readonly string[], spec: ReadSpec, io: Io, listener: ReadListener): Promise<Loaded> {
  checkInputNames(files);
  if (spec.dedupe !== 'none') await refuseRereadingStreams(files, io);
  const range = dayRange(spec.since, spec.until, spec.dateFormat, spec.today);
  const customers = spec.customers && (await loadCustomers(spec.customers.file, parseJoinOn(spec.customers.joinOn).customers, io, listener));
  const excluded = spec.exclude === undefined ? undefined : await loadExcluded(spec.exclude, io, listener);
  return { range, excluded: excluded?.keys, customers, checks: addChecks(customers?.checks ?? NO_CHECKS, excluded?.checks ?? NO_CHECKS) };
}

/** Opens every input and says what it understood of each. */
export async function openRun(files: readonly string[], spec: ReadSpec, io: Io, listener: ReadListener, loaded: Loaded): Promise<OpenedRun> {
  const inputs: OpenedInput[] = [];
  for (const file of files) {
    const opened = await openInput(file, io, spec.columns, spec.sheet);
    listener.info(describeInput(opened, spec.needs.comments));
    inputs.push(opened);
  }
  const own = unionOfNames(inputs);
  const joinColumn = spec.customers && parseJoinOn(spec.customers.joinOn).survey;
  const customerNames = loaded.customers?.columns.map((column) => (own.includes(column) ? `customer ${column}` : column)) ?? [];
  const plans = inputs.map((opened, index) => ({
    opened,
    index,
    project: projection(opened.names, own),
    join:
      loaded.customers && joinColumn !== undefined
        ? new Join(loaded.customers, requireColumn(opened.reader.name, opened.names, joinColumn, '--join-on'))
        : undefined,
  }));
  for (const opened of inputs) checkFiltersCanApply(opened, spec, loaded);
  return { inputs, columns: [...own, ...customerNames], plans, loaded };
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

/** --dedupe reads every input twice: a pipe or a device (standard input, a FIFO, /dev/stdin) can be read once. */
async function refuseRereadingStreams(files: readonly string[], io: Io): Promise<void> {
  if (files.includes(STDIN_NAME)) {
    throw inputError('--dedupe reads the input twice, so it cannot read standard input: save it to a file first');
  }
  for (const file of files) {
    const found = await stat(resolve(io.cwd, file)).catch(() => undefined);
    if (found !== undefined && !found.isFile()) {
      throw inputError(`${file}: --dedupe reads its input twice, so it needs a regular file, not a pipe or a device; save it to a file first`);
    }
  }
}

function checkFiltersCanApply(opened: OpenedInput, spec: ReadSpec, loaded: Loaded): void {
  const name = opened.reader.where;
  const { columns } = opened.choice;
  if (loaded.range !== undefined && columns.date === undefined) {
    throw inputError(`${name}: --since and --until need a date column and none was found; name it with --date-column`);
  }
  if (spec.dedupe !== 'none' && columns.respondent === undefined) {
    throw inputError(`${name}: --dedupe needs a respondent column (an email or an id) and none was found; name it with --respondent-column`);
  }
  if (loaded.excluded !== undefined && columns.respondent === undefined) {
    throw inputError(`${name}: --exclude needs a respondent column (an email or an id) and none was found; name it with --respondent-column`);
  }
}
