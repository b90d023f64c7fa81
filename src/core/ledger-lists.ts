import { CATEGORIES, type Category } from './categories.js';
import {
  ADDED_COLUMNS,
  compareKeys,
  derivedCells,
  detractorKey,
  dueStatusOf,
  followUpFor,
  type DueStatus,
  type FollowUpResponse,
  type FollowUpSettings,
  type SortKey,
} from './followup.js';
import { isOpen, type LedgerCase, type MergedLedger } from './ledger.js';
import type { CompiledTemplate } from './templates.js';

/**
 * The lists of a run with a ledger: what needs action now. A case is listed while it
 * is open (new or contacted) and either this run added it or its reply is due (today,
 * or overdue); each list in the order of work of the lists without a ledger. A row of
 * such a list is the ledger's row, as the team left it, then what to do.
 */

/** The columns a ledger's list adds after the ledger's own: `due` says where the reply stands. */
export const LEDGER_LIST_COLUMNS = ['due', 'follow_up', 'testimonial_candidate', 'themes', 'message'] as const;

/** The columns added before the message, as a template sees them. */
export const LEDGER_LIST_ADDED: readonly string[] = LEDGER_LIST_COLUMNS.slice(0, -1);

export interface ToWorkSettings {
  today: number;
  clock: FollowUpSettings['clock'];
  /** Only the cases this run added (`--new-only`): what an alert posts. */
  newOnly: boolean;
  /** Each case's revenue, when --value-column names a column of the ledger. */
  valueOf?: ((row: number) => number | undefined) | undefined;
}

/** The cases of each list, in its order of work. */
export function casesToWork(merged: MergedLedger, settings: ToWorkSettings): Record<Category, LedgerCase[]> {
  const lists: Record<Category, Array<{ found: LedgerCase; key: SortKey }>> = { promoters: [], passives: [], detractors: [] };
  for (const found of merged.cases) {
    const category = found.category;
    if (category === undefined || !isOpen(found.status)) continue;
    const added = found.row >= merged.firstAdded;
    const status = dueStatusOf(found.respondBy, settings);
    const due = status !== undefined && status.kind !== 'new';
    if (!(settings.newOnly ? added : added || due)) continue;
    const ranked = { score: found.score ?? 0, value: settings.valueOf?.(found.row), time: found.time, order: found.row };
    const key =
      category === 'detractors' ? detractorKey(status, ranked) : category === 'promoters' ? [found.time === undefined ? Infinity : -found.time, found.row] : [found.row];
    lists[category].push({ found, key });
  }
  const ordered = (category: Category): LedgerCase[] => lists[category].sort((a, b) => compareKeys(a.key, b.key)).map((entry) => entry.found);
  return { promoters: ordered('promoters'), passives: ordered('passives'), detractors: ordered('detractors') };
}

/** "overdue by 3 days", "due today", "due in 2 days", or '' with no deadline: the `due` column. */
export function describeDue(status: DueStatus | undefined, deadlineDay: number | undefined, today: number): string {
  if (status === undefined || deadlineDay === undefined) return '';
  if (status.kind === 'overdue') return `overdue by ${status.days} ${status.days === 1 ? 'day' : 'days'}`;
  if (status.kind === 'due today') return 'due today';
  const days = deadlineDay - today;
  return `due in ${days} ${days === 1 ? 'day' : 'days'}`;
}

const addedCell = (name: string, response: FollowUpResponse, category: Category, settings: FollowUpSettings): string =>
  ADDED_COLUMNS.find((column) => column.name === name)?.cell(response, category, settings) ?? '';

/**
 * A row of a ledger's list: the ledger's row as it is, then LEDGER_LIST_COLUMNS, then the derived columns
 * (see DERIVED_COLUMNS). `response` is what the case's comment and name tell.
 */
export function ledgerListRow(
  cells: readonly string[],
  found: LedgerCase & { category: Category },
  response: FollowUpResponse,
  due: string,
  settings: FollowUpSettings,
  messages: Record<Category, CompiledTemplate>,
): string[] {
  const category = found.category;
  const added = [
    due,
    followUpFor(category, settings.slaMs),
    addedCell('testimonial_candidate', response, category, settings),
    addedCell('themes', response, category, settings),
  ];
  const derived = derivedCells(response);
  const message = messages[category].fill([...cells, ...added, ...derived]);
  return [...cells, ...added, message, ...derived];
}

/** How many cases each list holds. */
export function countLists(lists: Record<Category, readonly LedgerCase[]>): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((category) => [category, lists[category].length])) as Record<Category, number>;
}
