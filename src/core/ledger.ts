import { CATEGORIES, categoryOf, type Category } from './categories.js';
import { dayOn, momentOn, type Clock } from './clock.js';
import { isoDay } from './periods.js';
import { InputProblem } from './problems.js';
import { respondentKey } from './respondent.js';

/**
 * The follow-up ledger: one case per scored response, kept from run to run in a CSV
 * file the team edits in a spreadsheet. nps writes the case's own columns; the team's
 * columns (and any column the team adds) are theirs, and a later run never changes a
 * cell of a row already there: it only adds the responses not yet in the ledger, as
 * new cases, and columns it needs that the ledger lacks, at the end.
 */

/** What nps writes of each case. */
export const CASE_COLUMNS = ['case_id', 'category', 'score', 'date', 'respondent', 'comment', 'respond_by', 'previous_case'] as const;
/** What the team writes: nps fills `status` with `new` and leaves the others empty. */
export const TEAM_COLUMNS = ['status', 'owner', 'note', 'contacted_on', 'resolved_on'] as const;
export const LEDGER_COLUMNS = [...CASE_COLUMNS, ...TEAM_COLUMNS] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** Where a case stands, written in any case in the ledger. */
export const STATUSES = ['new', 'contacted', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
/** Cases still to be worked. */
export const isOpen = (status: Status): boolean => status === 'new' || status === 'contacted';

/** A ledger that cannot be used as it is: the run stops before anything is written. */
export class LedgerProblem extends InputProblem {}

/** A ledger as read: its header and rows as text, and the line each starts on. */
export interface LedgerTable {
  /** The file as messages name it. */
  name: string;
  header: string[];
  headerLine: number;
  rows: string[][];
  lines: number[];
}

/** One case of the ledger, read: what the lists and the report need of it. */
export interface LedgerCase {
  /** Its row in the ledger. */
  row: number;
  line: number;
  caseId: string;
  status: Status;
  category: Category | undefined;
  score: number | undefined;
  /** The respondent's key (an email in small letters), '' when none. */
  respondent: string;
  /** The moment of the answer, and the reply's deadline, in ms since 1970; undefined when not readable. */
  time: number | undefined;
  respondBy: number | undefined;
  /** The days the team wrote, in days since 1970, when asked for and readable. */
  contactedOn?: number | undefined;
  resolvedOn?: number | undefined;
  owner: string;
}

/** The ledger's own columns in a header, found without regard to case or surrounding spaces; the first of each. */
export function ledgerColumnsOf(header: readonly string[]): Partial<Record<LedgerColumn, number>> {
  const found: Partial<Record<LedgerColumn, number>> = {};
  const names = header.map((name) => name.trim().toLowerCase());
  for (const column of LEDGER_COLUMNS) {
    const at = names.indexOf(column);
    if (at !== -1) found[column] = at;
  }
  return found;
}

const quoted = (text: string): string => JSON.stringify(text);

/** A status as the team wrote it: any case, surrounding spaces. */
export function statusOf(text: string): Status | undefined {
  const status = text.trim().toLowerCase();
  return (STATUSES as readonly string[]).includes(status) ? (status as Status) : undefined;
}

/** A category as written ("detractors", "Detractor"), or else the one of the score; undefined when neither tells. */
export function categoryIn(written: string, score: number | undefined): Category | undefined {
  const text = written.trim().toLowerCase();
  const named = CATEGORIES.find((category) => category === text || category.slice(0, -1) === text);
  return named ?? (score === undefined ? undefined : categoryOf(score));
}

/** "7", " 7 ": a score of 0 to 10, or undefined. */
export function scoreIn(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,2}$/.test(trimmed)) return undefined;
  const score = Number(trimmed);
  return score <= 10 ? score : undefined;
}

export interface CheckedLedger {
  columns: Partial<Record<LedgerColumn, number>> & { case_id: number; status: number };
  /** For each row that is a case (its case_id is not blank), its status. */
  statuses: Map<number, Status>;
}

/**
 * The ledger's rules, each broken one named by its line: a `case_id` and a `status` column; a status of
 * new, contacted, resolved or closed for every case; no case_id twice; no cell beyond the header. A row
 * with a blank case_id is no case, and is kept as it is.
 */
export function checkLedger(table: LedgerTable): CheckedLedger {
  const columns = ledgerColumnsOf(table.header);
  const where = `${table.name} line ${table.headerLine}`;
  for (const needed of ['case_id', 'status'] as const) {
    if (columns[needed] === undefined) {
      throw new LedgerProblem(`${where}: the ledger has no ${needed} column (its header is ${table.header.map(quoted).join(', ')}); nothing was changed`);
    }
  }
  const caseAt = columns.case_id ?? 0;
  const statusAt = columns.status ?? 0;
  const seen = new Map<string, number>();
  const statuses = new Map<number, Status>();
  table.rows.forEach((cells, row) => {
    const line = table.lines[row] ?? 0;
    const extra = cells.slice(table.header.length);
    if (extra.some((cell) => cell.trim() !== '')) {
      throw new LedgerProblem(`${table.name} line ${line}: ${cells.length} cells, but the header has ${table.header.length}: give the extra cell a column; nothing was changed`);
    }
    const caseId = (cells[caseAt] ?? '').trim();
    if (caseId === '') return;
    const first = seen.get(caseId);
    if (first !== undefined) throw new LedgerProblem(`${table.name} line ${line}: case_id ${quoted(caseId)} is already on line ${first}; each case must be on one line; nothing was changed`);
    seen.set(caseId, line);
    const written = cells[statusAt] ?? '';
    const status = statusOf(written);
    if (status === undefined) {
      throw new LedgerProblem(
        `${table.name} line ${line}: status ${quoted(written)} of case ${quoted(caseId)} is not one of ${STATUSES.join(', ')} (in any case); nothing was changed`,
      );
    }
    statuses.set(row, status);
  });
  return { columns: { ...columns, case_id: caseAt, status: statusAt }, statuses };
}

/** One scored response of the export, as a candidate case. */
export interface Candidate {
  caseId: string;
  score: number;
  time: number | undefined;
  respondent: string;
  comment: string;
  /** Its cells in the export's columns. */
  cells: readonly string[];
  /** Its place in the export. */
  order: number;
  /** Neither a response id, a respondent nor a date tells it from another response with the same score and comment. */
  anonymous?: boolean;
}

/**
 * Responses that nothing tells apart (no id, no respondent, no date, the same score and comment) are each a case:
 * the second gets `-2`, the third `-3`, in the export's order. Any other response met twice (two exports that
 * overlap) is the same response, and one case.
 */
export function numberRepeats(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Map<string, number>();
  return [...candidates]
    .sort((a, b) => a.order - b.order)
    .map((candidate) => {
      if (candidate.anonymous !== true) return candidate;
      const count = (seen.get(candidate.caseId) ?? 0) + 1;
      seen.set(candidate.caseId, count);
      return count === 1 ? candidate : { ...candidate, caseId: `${candidate.caseId}-${count}` };
    });
}

export interface MergeSettings {
  clock: Clock;
  slaMs: number;
  /** Today on the clock, in days since 1970. */
  today: number;
  /** When the ledger is created: answers before this day become closed cases, not new ones. */
  window: { start: number; days: number } | undefined;
}

/** The ledger after a run: every row, every case, and what the run did. */
export interface MergedLedger {
  header: string[];
  rows: string[][];
  cases: LedgerCase[];
  /** Rows this run added, from this index on. */
  firstAdded: number;
  /** New cases created closed: answers older than the window when the ledger began. */
  closedAtStart: number;
  /** Columns added at the end of the header. */
  addedColumns: string[];
  /** Responses already in the ledger (or twice in the export): not added again. */
  known: number;
}

/** The export's columns as the ledger names them: one called like a ledger column (`Score`, `Comment`) gets " (export)". */
export function exportNames(columns: readonly string[]): string[] {
  const own = new Set<string>(LEDGER_COLUMNS);
  return columns.map((column) => (own.has(column.trim().toLowerCase()) ? `${column} (export)` : column));
}

/** The header of a ledger: its own, then what a run needs that it lacks (the case's columns, new export columns). */
function headerWith(existing: readonly string[] | undefined, exported: readonly string[]): string[] {
  if (existing === undefined) return [...LEDGER_COLUMNS, ...exported];
  const have = new Set(existing.map((name) => name.trim().toLowerCase()));
  const exact = new Set(existing);
  const missing = [...CASE_COLUMNS.filter((name) => !have.has(name)), ...exported.filter((name) => !exact.has(name))];
  return [...existing, ...missing];
}

const SINGULAR: Record<Category, string> = { promoters: 'promoter', passives: 'passive', detractors: 'detractor' };

/** "R1: 3 → 9 (detractor → promoter)", "R7: 5 → 2 (still a detractor)": the previous case, and how the person moved. */
export function describeMove(previous: { caseId: string; score: number | undefined }, score: number): string {
  if (previous.score === undefined) return previous.caseId;
  const [from, to] = [categoryOf(previous.score), categoryOf(score)];
  const moved = from === to ? `still a ${SINGULAR[to]}` : `${SINGULAR[from]} → ${SINGULAR[to]}`;
  return `${previous.caseId}: ${previous.score} → ${score} (${moved})`;
}

/** The latest case of each respondent answered at or before a moment: whom a new case names as the previous one. */
class Previous {
  private readonly byRespondent = new Map<string, LedgerCase[]>();

  add(found: LedgerCase): void {
    if (found.respondent === '') return;
    const list = this.byRespondent.get(found.respondent) ?? [];
    list.push(found);
    this.byRespondent.set(found.respondent, list);
  }

  before(respondent: string, time: number | undefined): LedgerCase | undefined {
    const earlier = (this.byRespondent.get(respondent) ?? []).filter((one) => time === undefined || one.time === undefined || one.time <= time);
    return earlier.reduce<LedgerCase | undefined>((latest, one) => (latest === undefined || (one.time ?? -Infinity) >= (latest.time ?? -Infinity) ? one : latest), undefined);
  }
}

/** Candidates in the order they join the ledger: by answer, oldest first, undated last; else as they came. */
const byAnswer = (a: Candidate, b: Candidate): number => (a.time ?? Infinity) - (b.time ?? Infinity) || a.order - b.order;

/**
 * The ledger after a run: every row already there kept cell for cell (padded with empty cells
 * for the columns added), then a new case for each response not yet in it, oldest first. The
 * first run creates the ledger; its answers older than the window are created closed, so that
 * the ledger starts with the work of the last weeks, not with a year of overdue cases.
 */
export function mergeLedger(
  existing: { table: LedgerTable; cases: readonly LedgerCase[] } | undefined,
  candidates: readonly Candidate[],
  exportColumns: readonly string[],
  settings: MergeSettings,
): MergedLedger {
  const exported = exportNames(exportColumns);
  const header = headerWith(existing?.table.header, exported);
  const width = header.length;
  const rows = (existing?.table.rows ?? []).map((cells) => (cells.length >= width ? cells.slice(0, width) : [...cells, ...new Array<string>(width - cells.length).fill('')]));
  const cases = [...(existing?.cases ?? [])];
  const known = new Set(cases.map((one) => one.caseId));
  const previous = new Previous();
  for (const one of cases) previous.add(one);
  const firstAdded = rows.length;
  const place = placer(header, exported);
  let closedAtStart = 0;
  let repeats = 0;
  for (const candidate of [...candidates].sort(byAnswer)) {
    if (known.has(candidate.caseId)) {
      repeats += 1;
      continue;
    }
    known.add(candidate.caseId);
    const before = previous.before(candidate.respondent, candidate.time);
    const closed = existing === undefined && settings.window !== undefined && candidate.time !== undefined && dayOn(settings.clock, candidate.time) < settings.window.start;
    if (closed) closedAtStart += 1;
    const added = caseOf(candidate, rows.length, closed, settings);
    rows.push(place(caseCells(candidate, added, before, closed ? settings.window : undefined, settings), candidate.cells));
    cases.push(added);
    previous.add(added);
  }
  const addedColumns = header.slice(existing?.table.header.length ?? header.length);
  return { header, rows, cases, firstAdded, closedAtStart, addedColumns, known: repeats };
}

function caseOf(candidate: Candidate, row: number, closed: boolean, settings: MergeSettings): LedgerCase {
  const category = categoryOf(candidate.score);
  return {
    row,
    line: 0,
    caseId: candidate.caseId,
    status: closed ? 'closed' : 'new',
    category,
    score: candidate.score,
    respondent: respondentKey(candidate.respondent),
    time: candidate.time,
    respondBy: category === 'detractors' && candidate.time !== undefined ? candidate.time + settings.slaMs : undefined,
    owner: '',
  };
}

/** The ledger's own cells of a new case. */
function caseCells(
  candidate: Candidate,
  added: LedgerCase,
  before: LedgerCase | undefined,
  window: MergeSettings['window'],
  settings: MergeSettings,
): Record<LedgerColumn, string> {
  const moment = (time: number | undefined): string => (time === undefined ? '' : momentOn(settings.clock, time));
  return {
    case_id: candidate.caseId,
    category: added.category ?? '',
    score: String(candidate.score),
    date: moment(candidate.time),
    respondent: added.respondent,
    comment: candidate.comment,
    respond_by: moment(added.respondBy),
    previous_case: before === undefined ? '' : describeMove(before, candidate.score),
    status: added.status,
    owner: '',
    note: window === undefined ? '' : `answered before ${isoDay(window.start)}, more than ${window.days} days before the ledger began`,
    contacted_on: '',
    resolved_on: '',
  };
}

/** Lays a new case out in the ledger's header: the ledger's columns by name (any case), the export's by their exact name. */
function placer(header: readonly string[], exported: readonly string[]): (own: Record<LedgerColumn, string>, cells: readonly string[]) => string[] {
  const exportAt = new Map(exported.map((name, index) => [name, index] as const));
  const ledgerColumn = (name: string): LedgerColumn | undefined => LEDGER_COLUMNS.find((column) => column === name.trim().toLowerCase());
  const sources = header.map((name) => ({ exportIndex: exportAt.get(name), own: ledgerColumn(name) }));
  return (own, cells) => sources.map((source) => (source.exportIndex !== undefined ? (cells[source.exportIndex] ?? '') : source.own === undefined ? '' : own[source.own]));
}

/** Response ids by the headers exports give them: the case_id of a response, when the export has one. */
const RESPONSE_ID_HEADERS = ['responseid', 'responseuuid', 'submissionid', 'recordid', 'ticketid', 'surveyresponseid', '#'];

/** The export's column of response ids, by its header; undefined when it has none. */
export function responseIdColumn(columns: readonly string[]): number | undefined {
  const squeezed = columns.map((column) => (column.trim() === '#' ? '#' : column.toLowerCase().replace(/[^a-z]/g, '')));
  for (const name of RESPONSE_ID_HEADERS) {
    const at = squeezed.indexOf(name);
    if (at !== -1) return at;
  }
  return undefined;
}
