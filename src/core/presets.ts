import { categoryOf, type Category } from './categories.js';
import { DERIVED_COLUMNS } from './followup.js';
import { isoDay } from './periods.js';
import { InputProblem } from './problems.js';
import { placeholderName } from './templates.js';

/**
 * The columns a list is written with. By default, every column of its rows (the
 * export's, the customers', the added ones and the message); `--columns A,B,C`
 * chooses some, in that order; a CRM preset writes the columns that CRM's CSV import
 * maps by itself: the contact (email, first and last name), the NPS score and
 * category as properties, and a follow-up task (subject, due date, owner, notes).
 */

export const PRESETS = {
  hubspot: "HubSpot's import of contacts with a task: Email, First Name, Last Name, NPS Score, NPS Category, Task Title, Due Date, Assigned To…",
  salesforce: "Salesforce's API names, as Data Loader maps them: Email, FirstName, LastName, NPS_Score__c, NPS_Category__c, Subject, ActivityDate, OwnerId…",
} as const satisfies Record<string, string>;
export type PresetName = keyof typeof PRESETS;

/** `--columns` or a preset naming what a list does not have. */
export class ListColumnsProblem extends InputProblem {}

/** What a preset's cells are made of: a list row, read by meaning rather than by position. */
interface RowView {
  category: Category;
  score: string;
  first: string;
  last: string;
  email: string;
  comment: string;
  /** The reply's deadline as a wall time on the team's clock, "2026-11-03 09:00", or today for a group with none. */
  due: string;
  owner: string;
  message: string;
}

interface OutputColumn {
  header: string;
  cell(row: RowView): string;
}

const SINGULAR = { promoters: 'Promoter', passives: 'Passive', detractors: 'Detractor' } as const satisfies Record<Category, string>;

function who(row: RowView): string {
  const name = [row.first, row.last].filter((part) => part !== '').join(' ');
  return name || row.email || 'the respondent';
}

/** A task's subject: what to do, with whom, and the score that asks for it. */
function subject(row: RowView): string {
  if (row.category === 'detractors') return `NPS ${row.score}: reply personally to ${who(row)}`;
  if (row.category === 'passives') return `NPS ${row.score}: ask ${who(row)} what would earn a 9 or 10`;
  return `NPS ${row.score}: ask ${who(row)} for a referral or a review`;
}

const LEVEL = { detractors: 0, passives: 1, promoters: 2 } as const satisfies Record<Category, number>;

const PRESET_COLUMNS: Record<PresetName, readonly OutputColumn[]> = {
  // HubSpot's import maps headers to property labels; NPS Score, NPS Category and NPS Comment are contact properties
  // to create once. Task Type and Priority take HubSpot's internal values.
  hubspot: [
    { header: 'Email', cell: (row) => row.email },
    { header: 'First Name', cell: (row) => row.first },
    { header: 'Last Name', cell: (row) => row.last },
    { header: 'NPS Score', cell: (row) => row.score },
    { header: 'NPS Category', cell: (row) => SINGULAR[row.category] },
    { header: 'NPS Comment', cell: (row) => row.comment },
    { header: 'Task Title', cell: subject },
    { header: 'Due Date', cell: (row) => row.due },
    { header: 'Task Type', cell: (row) => (row.category === 'detractors' ? 'CALL' : 'EMAIL') },
    { header: 'Priority', cell: (row) => ['HIGH', 'MEDIUM', 'LOW'][LEVEL[row.category]] ?? '' },
    { header: 'Assigned To', cell: (row) => row.owner },
    { header: 'Notes', cell: (row) => row.message },
  ],
  // Salesforce's Data Loader and `sf data import bulk` map API names; the NPS fields are custom fields (__c) to create
  // once; ActivityDate is a date, Priority and Status take the Task's standard values.
  salesforce: [
    { header: 'Email', cell: (row) => row.email },
    { header: 'FirstName', cell: (row) => row.first },
    { header: 'LastName', cell: (row) => row.last },
    { header: 'NPS_Score__c', cell: (row) => row.score },
    { header: 'NPS_Category__c', cell: (row) => SINGULAR[row.category] },
    { header: 'NPS_Comment__c', cell: (row) => row.comment },
    { header: 'Subject', cell: subject },
    { header: 'ActivityDate', cell: (row) => row.due.slice(0, 10) },
    { header: 'Priority', cell: (row) => ['High', 'Normal', 'Low'][LEVEL[row.category]] ?? '' },
    { header: 'Status', cell: () => 'Not Started' },
    { header: 'OwnerId', cell: (row) => row.owner },
    { header: 'Description', cell: (row) => row.message },
  ],
};

/** A list as written: its header, and each row's cells in it. */
export interface ListShape {
  header: string[];
  project(cells: readonly string[]): string[];
}

export interface ShapeChoice {
  preset?: PresetName | undefined;
  columns?: readonly string[] | undefined;
  /** Today on the team's clock, in days since 1970: the due date of a task with no deadline of its own. */
  today: number;
}

/** "2026-11-03 09:00 UTC-08:00" as the wall time a CRM takes, "2026-11-03 09:00"; anything else as it is. */
const wallTime = (moment: string): string => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.exec(moment)?.[0] ?? moment;

/**
 * How to read a row of `columns` (the list's, then DERIVED_COLUMNS) by meaning: the added columns
 * and the derived ones by position, the owner as the ledger's `owner` or else a column of owners
 * (`Account Owner`).
 */
function viewer(columns: readonly string[], today: number): (cells: readonly string[]) => RowView {
  const derivedAt = columns.length - DERIVED_COLUMNS.length;
  const own = columns.slice(0, derivedAt);
  const last = (name: string): number => own.findLastIndex((column) => column.trim().toLowerCase() === name);
  const [respondBy, message, owner] = [last('respond_by'), last('message'), last('owner')];
  const squeezed = own.map((column) => column.toLowerCase().replace(/[^a-z]/g, ''));
  const owners = squeezed.map((column, index) => (column.endsWith('owner') && index !== owner ? index : -1)).filter((index) => index !== -1);
  return (cells) => {
    const at = (index: number): string => (index < 0 ? '' : (cells[index] ?? ''));
    const derived = (name: (typeof DERIVED_COLUMNS)[number]): string => at(derivedAt + DERIVED_COLUMNS.indexOf(name));
    const score = derived('score');
    const deadline = at(respondBy);
    return {
      category: categoryOf(Number(score)),
      score,
      first: derived('first_name'),
      last: derived('last_name'),
      email: derived('email'),
      comment: derived('comment'),
      due: deadline === '' ? `${isoDay(today)} 09:00` : wallTime(deadline),
      owner: [owner, ...owners].map(at).find((value) => value.trim() !== '') ?? '',
      message: at(message),
    };
  };
}

/** The columns `--columns` names, each found in `available` without regard to case, spaces or underscores. */
function chosen<T extends { header: string }>(available: readonly T[], names: readonly string[]): T[] {
  return names.map((name) => {
    const exact = available.find((column) => column.header === name);
    const found = exact ?? available.find((column) => placeholderName(column.header) === placeholderName(name));
    if (found === undefined) {
      throw new ListColumnsProblem(`--columns: no column named ${JSON.stringify(name)}; the list's columns are: ${available.map((column) => column.header).join(', ')}`);
    }
    return found;
  });
}

/** The shape of a list whose rows have `columns` (the list's own, then DERIVED_COLUMNS). */
export function listShape(columns: readonly string[], choice: ShapeChoice): ListShape {
  const width = columns.length - DERIVED_COLUMNS.length;
  if (choice.preset === undefined) {
    const indexed = columns.map((header, index) => ({ header, index }));
    // Without --columns, the row as it is, less the derived columns; --columns may name those too.
    const picked = choice.columns === undefined ? indexed.slice(0, width) : chosen(indexed, choice.columns);
    const indexes = picked.map((column) => column.index);
    return {
      header: picked.map((column) => column.header),
      project: choice.columns === undefined ? (cells) => cells.slice(0, width) : (cells) => indexes.map((index) => cells[index] ?? ''),
    };
  }
  const preset = PRESET_COLUMNS[choice.preset];
  const picked = choice.columns === undefined ? preset : chosen(preset, choice.columns);
  const view = viewer(columns, choice.today);
  return {
    header: picked.map((column) => column.header),
    project: (cells) => {
      const row = view(cells);
      return picked.map((column) => column.cell(row));
    },
  };
}
