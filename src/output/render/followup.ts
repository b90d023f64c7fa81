import { CATEGORIES } from '../../core/categories.js';
import { momentOn } from '../../core/clock.js';
import { STATUSES } from '../../core/ledger.js';
import type { FollowupReport } from '../../core/ledger-report.js';
import { isoDay } from '../../core/periods.js';
import { plainTable } from './plain-table.js';

/**
 * `nps followup`: where the follow-up stands, as JSON for a script (field names are a
 * contract, see docs/json.md) or as text for a person, within 80 columns.
 */

/** Overdue cases the text lists one by one; the JSON lists them all. */
const OVERDUE_SHOWN = 10;

export function renderFollowupJson(report: FollowupReport): string {
  const json = {
    ledger: report.ledger,
    today: isoDay(report.today),
    clock: report.clock.label,
    cases: report.cases,
    byStatus: report.byStatus,
    byCategory: report.byCategory,
    overdue: {
      count: report.overdue.length,
      cases: report.overdue.map((found) => ({
        caseId: found.caseId,
        category: found.category ?? null,
        status: found.status,
        owner: found.owner,
        respondBy: momentOn(report.clock, found.respondBy),
        daysOverdue: found.daysOverdue,
        line: found.line,
      })),
    },
    resolvedSince: { since: isoDay(report.resolvedSince.since), count: report.resolvedSince.count },
    contactedWithinSla: report.contactedWithinSla,
    medianDaysToContact: report.medianDaysToContact,
    unreadableDates: { count: report.unreadableDates.count, first: report.unreadableDates.first },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const days = (count: number): string => `${count} ${count === 1 ? 'day' : 'days'}`;
const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

function statusTable(report: FollowupReport): string {
  const table = plainTable(['', ...STATUSES, 'total'], [false, ...STATUSES.map(() => true), true]);
  for (const category of CATEGORIES) {
    const counts = report.byCategory[category];
    table.push([category, ...STATUSES.map((status) => counts[status]), counts.total]);
  }
  table.push(['all', ...STATUSES.map((status) => report.byStatus[status]), report.cases]);
  return table.toString();
}

function overdueLines(report: FollowupReport): string[] {
  const overdue = report.overdue;
  if (overdue.length === 0) return ['Overdue: none of the open cases is past its respond_by'];
  const lines = [`Overdue: ${plural(overdue.length, 'open case')} past ${overdue.length === 1 ? 'its' : 'their'} respond_by, the longest first`];
  // An empty first column indents the table by its gap, counted in the 80 columns it fits.
  const table = plainTable(['', 'case', 'group', 'status', 'owner', 'overdue by'], [false, false, false, false, false, true], { fit: [1, 4] });
  for (const found of overdue.slice(0, OVERDUE_SHOWN)) {
    table.push(['', found.caseId, found.category?.slice(0, -1) ?? '', found.status, found.owner, days(found.daysOverdue)]);
  }
  lines.push(...table.toString().split('\n').map((line) => line.trimEnd()));
  if (overdue.length > OVERDUE_SHOWN) lines.push(`  … and ${overdue.length - OVERDUE_SHOWN} more (--json lists them all)`);
  return lines;
}

function contactLines(report: FollowupReport): string[] {
  const sla = report.contactedWithinSla;
  const share = sla.share === null ? 'no detractor was owed a reply yet' : `${Math.round(sla.share * 100)}% (${sla.within} of ${sla.of})`;
  const lines = [`Detractors contacted within the SLA: ${share}`];
  if (sla.noDate > 0) lines.push(`  (${plural(sla.noDate, 'detractor')} marked contacted or resolved with no contacted_on left out)`);
  const median = report.medianDaysToContact;
  lines.push(`Median time to first contact (detractors): ${median === null ? 'no contacted_on yet' : days(median)}`);
  return lines;
}

export function renderFollowup(report: FollowupReport): string {
  const lines = [
    `${report.ledger}: ${plural(report.cases, 'case')}; today is ${isoDay(report.today)} (${report.clock.label})`,
    '',
    statusTable(report),
    '',
    ...overdueLines(report),
    '',
    `Resolved since ${isoDay(report.resolvedSince.since)}: ${report.resolvedSince.count}`,
    ...contactLines(report),
  ];
  return `${lines.join('\n')}\n`;
}
