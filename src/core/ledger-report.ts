import type { Category } from './categories.js';
import { dayOn, type Clock } from './clock.js';
import { isOpen, type LedgerCase, type Status } from './ledger.js';

/**
 * Where the follow-up stands, from the ledger: the cases by group and status, the open
 * ones whose reply is overdue and by how long, what was resolved lately, and how fast
 * detractors were contacted: the share within the SLA, the median days to first
 * contact. Days are counted on the team's clock.
 */

export interface OverdueCase {
  caseId: string;
  category: Category | undefined;
  status: Status;
  owner: string;
  /** The reply's deadline, in ms since 1970. */
  respondBy: number;
  daysOverdue: number;
  line: number;
}

export type StatusCounts = Record<Status, number> & { total: number };

export interface FollowupReport {
  ledger: string;
  /** Today, in days since 1970 on the clock. */
  today: number;
  clock: Clock;
  cases: number;
  byStatus: Record<Status, number>;
  byCategory: Record<Category, StatusCounts>;
  /** Open cases (new or contacted) whose respond_by fell before today, the longest overdue first. */
  overdue: OverdueCase[];
  resolvedSince: { since: number; count: number };
  /**
   * Detractors whose reply was owed by today (its respond_by has passed, or it was contacted), less those
   * closed without a contact: how many were contacted on or before their respond_by day. `noDate` counts
   * those marked contacted or resolved with no contacted_on to tell when.
   */
  contactedWithinSla: { within: number; of: number; share: number | null; noDate: number };
  /** Days from a detractor's answer to its contacted_on, the median; null when none has both. */
  medianDaysToContact: number | null;
  /** Days the team wrote that could not be read, counted as not written: how many, and the first few. */
  unreadableDates: { count: number; first: ReadonlyArray<{ line: number; column: string; text: string }> };
}

export interface ReportSettings {
  today: number;
  clock: Clock;
  /** The first day counted in resolvedSince, in days since 1970. */
  since: number;
  /** The days the reading could not read, passed on as the report's own. */
  unreadableDates: FollowupReport['unreadableDates'];
}

const noStatuses = (): Record<Status, number> => ({ new: 0, contacted: 0, resolved: 0, closed: 0 });
const noCounts = (): StatusCounts => ({ ...noStatuses(), total: 0 });

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function overdueCases(cases: readonly LedgerCase[], settings: ReportSettings): OverdueCase[] {
  const overdue: OverdueCase[] = [];
  for (const found of cases) {
    if (!isOpen(found.status) || found.respondBy === undefined) continue;
    const days = settings.today - dayOn(settings.clock, found.respondBy);
    if (days <= 0) continue;
    const { caseId, category, status, owner, respondBy, line } = found;
    overdue.push({ caseId, category, status, owner, respondBy, daysOverdue: days, line });
  }
  return overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.line - b.line);
}

function contactTimes(cases: readonly LedgerCase[], settings: ReportSettings): Pick<FollowupReport, 'contactedWithinSla' | 'medianDaysToContact'> {
  const sla = { within: 0, of: 0, noDate: 0 };
  const days: number[] = [];
  for (const found of cases) {
    if (found.category !== 'detractors') continue;
    const contacted = found.contactedOn;
    if (contacted !== undefined && found.time !== undefined) days.push(contacted - dayOn(settings.clock, found.time));
    if (found.respondBy === undefined) continue;
    if (contacted === undefined && (found.status === 'contacted' || found.status === 'resolved')) {
      sla.noDate += 1;
      continue;
    }
    const deadline = dayOn(settings.clock, found.respondBy);
    const owed = contacted !== undefined || (deadline < settings.today && found.status !== 'closed');
    if (!owed) continue;
    sla.of += 1;
    if (contacted !== undefined && contacted <= deadline) sla.within += 1;
  }
  return { contactedWithinSla: { ...sla, share: sla.of === 0 ? null : sla.within / sla.of }, medianDaysToContact: median(days) };
}

export function followupReport(ledger: string, cases: readonly LedgerCase[], settings: ReportSettings): FollowupReport {
  const byStatus = noStatuses();
  const byCategory = { promoters: noCounts(), passives: noCounts(), detractors: noCounts() };
  let resolved = 0;
  for (const found of cases) {
    byStatus[found.status] += 1;
    if (found.category !== undefined) {
      byCategory[found.category][found.status] += 1;
      byCategory[found.category].total += 1;
    }
    if (found.resolvedOn !== undefined && found.resolvedOn >= settings.since) resolved += 1;
  }
  return {
    ledger,
    today: settings.today,
    clock: settings.clock,
    cases: cases.length,
    byStatus,
    byCategory,
    overdue: overdueCases(cases, settings),
    resolvedSince: { since: settings.since, count: resolved },
    ...contactTimes(cases, settings),
    unreadableDates: settings.unreadableDates,
  };
}
