import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UTC, wallToTime, type Clock } from '../core/clock.js';
import { categoryIn, checkLedger, scoreIn, type CheckedLedger, type LedgerCase, type LedgerTable } from '../core/ledger.js';
import { respondentKey } from '../core/respondent.js';
import { inputError, NpsError } from '../errors.js';
import type { Io } from '../io.js';
import { RowDates, UNSETTLED, type DateFormat } from './dates.js';
import { clockNamed } from './responses/open.js';
import { openRows, type RowReader } from './rows.js';

/**
 * Reading a follow-up ledger the team has edited and saved from a spreadsheet. It is
 * opened as every file is (rows.ts: UTF-8 or Windows-1252, a byte order mark or not,
 * commas, semicolons or tabs, CRLF or LF, a workbook), its dates are read by the one
 * date policy (dates.ts: day-first dates told from the others), and its columns found
 * by name wherever the team moved them. Every cell is kept as text, as read.
 */

/** What a file was when it was read: a ledger is replaced only if it is still the same. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export interface LedgerFile {
  path: string;
  table: LedgerTable;
  checked: CheckedLedger;
  cases: LedgerCase[];
  kind: RowReader['kind'];
  stamp: FileStamp;
  /** The clock the ledger's own times name ("2026-11-03 09:00 UTC-08:00"): most of them; undefined when none does. */
  clock: Clock | undefined;
  /** Dates the team wrote that could not be read, for a warning: the first few, and how many. */
  unreadable: { count: number; first: Array<{ line: number; column: string; text: string }> };
}

export interface LedgerReading {
  dateFormat?: DateFormat | undefined;
  /** Also read the days the team writes (contacted_on, resolved_on): the report needs them, the lists do not. */
  teamDates: boolean;
  /** The clock of a time written with no zone: the run's. */
  clock: Clock;
  /** The ledger is to be written back, as CSV: a workbook or a Parquet file is refused. */
  writable?: boolean;
}

/** "2026-11-03 09:00 UTC-08:00", "… America/Los_Angeles", "… UTC": a wall time, and the clock it names. */
const CLOCK_LABEL = /\s+(UTC(?:[+-]\d{2}:\d{2})?|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/;

function labelledClock(label: string): Clock | undefined {
  try {
    return clockNamed(label === 'UTC' ? 'UTC' : label.replace(/^UTC/, ''));
  } catch {
    return undefined;
  }
}

/** Opens a ledger, or undefined when there is none yet (the run creates it). */
export async function readLedger(file: string, io: Io, reading: LedgerReading): Promise<LedgerFile | undefined> {
  const path = resolve(io.cwd, file);
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) return undefined;
  if (found.isDirectory()) throw inputError(`${file} is a folder; --ledger takes a CSV file (created when missing)`);
  const reader = await openRows(file, io);
  if (reading.writable === true && reader.kind !== 'csv') {
    reader.close();
    throw inputError(`${file}: the ledger is written back as CSV, and this is ${reader.kind === 'xlsx' ? 'an Excel workbook' : 'a Parquet file'}: save it as CSV`);
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  await reader.forEachRow((cells) => {
    rows.push(cells);
    lines.push(reader.lineOfCurrentRow());
  });
  const table: LedgerTable = { name: file, header: reader.header, headerLine: reader.kind === 'csv' ? reader.headerLine : 1, rows, lines };
  const checked = checkLedger(table);
  const { cases, clock, unreadable } = readCases(table, checked, reading);
  return { path, table, checked, cases, kind: reader.kind, stamp: { size: found.size, mtimeMs: found.mtimeMs, ino: found.ino }, clock, unreadable };
}

/** Every case of the ledger, its dates read on the one date policy. */
function readCases(table: LedgerTable, checked: CheckedLedger, reading: LedgerReading): Pick<LedgerFile, 'cases' | 'clock' | 'unreadable'> {
  const columns = checked.columns;
  const dates = new RowDates(reading.dateFormat, UTC);
  const cell = (cells: readonly string[], index: number | undefined): string => (index === undefined ? '' : (cells[index] ?? '').trim());
  const dateColumns = (['date', 'respond_by', ...(reading.teamDates ? (['contacted_on', 'resolved_on'] as const) : [])] as const).filter((name) => columns[name] !== undefined);
  // A first reading of every date lets a day-first date anywhere in the ledger settle the order of all of them.
  for (const row of checked.statuses.keys()) for (const name of dateColumns) dates.read(cell(table.rows[row] ?? [], columns[name]).replace(CLOCK_LABEL, ''));
  const labels = new Map<string, number>();
  const unreadable: LedgerFile['unreadable'] = { count: 0, first: [] };
  const day = (text: string, line: number, column: string): number | undefined => {
    if (text === '') return undefined;
    const read = dates.read(text);
    if (read === UNSETTLED) throw new NpsError(`${table.name}: ${dates.unsettledError().message}`);
    if (read === undefined) {
      unreadable.count += 1;
      if (unreadable.first.length < 3) unreadable.first.push({ line, column, text });
    }
    return read?.day;
  };
  const moment = (text: string): number | undefined => {
    const label = CLOCK_LABEL.exec(text)?.[1];
    if (label !== undefined) labels.set(label, (labels.get(label) ?? 0) + 1);
    const read = dates.read(label === undefined ? text : text.slice(0, -label.length).trim());
    if (read === UNSETTLED) throw new NpsError(`${table.name}: ${dates.unsettledError().message}`);
    return read === undefined ? undefined : wallToTime((label === undefined ? undefined : labelledClock(label)) ?? reading.clock, read.time);
  };
  const cases: LedgerCase[] = [];
  for (const [row, status] of checked.statuses) {
    const cells = table.rows[row] ?? [];
    const line = table.lines[row] ?? 0;
    const score = scoreIn(cell(cells, columns.score));
    cases.push({
      row,
      line,
      caseId: cell(cells, columns.case_id),
      status,
      category: categoryIn(cell(cells, columns.category), score),
      score,
      respondent: respondentKey(cell(cells, columns.respondent)),
      time: moment(cell(cells, columns.date)),
      respondBy: moment(cell(cells, columns.respond_by)),
      ...(reading.teamDates
        ? { contactedOn: day(cell(cells, columns.contacted_on), line, 'contacted_on'), resolvedOn: day(cell(cells, columns.resolved_on), line, 'resolved_on') }
        : {}),
      owner: cell(cells, columns.owner),
    });
  }
  const [common] = [...labels].sort((a, b) => b[1] - a[1]);
  return { cases, clock: common === undefined ? undefined : labelledClock(common[0]), unreadable };
}
