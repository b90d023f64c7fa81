import type { Styles } from './styles.js';
import type { GroupRow, Scored } from '../../core/breakdown.js';
import { GROUP_KEY_SEPARATOR } from '../../core/breakdown.js';
import type { AccountsView, LevelFigures } from '../../core/levels.js';
import type { PeriodRow } from '../../core/periods.js';
import type { Coverage, ResponseRate } from '../../core/reach.js';
import type { NormalInterval } from '../../core/weights.js';
import { formatNps, plural, visible, wrap } from './format.js';
import { plainTable } from './plain-table.js';
import { groupDigits } from '../../core/digits.js';

/**
 * What accounts, weights and reach add to `nps score`'s table: the account view and
 * the weighted score under the headline, revenue at risk, coverage and the response
 * rate, and for --by and --period a table of the same figures per group and period.
 */

const INDENT = 10;

export function formatRange(interval: NormalInterval | undefined): string {
  return interval === undefined ? 'n/a' : `${formatNps(interval.low)} to ${formatNps(interval.high)}`;
}

const percent = (share: number | null): string => (share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`);

/** Money as people read it: 1,234,567, or 1,234.50 with cents. */
export function formatAmount(value: number): string {
  const cents = Math.round(value * 100);
  const whole = cents % 100 === 0;
  return (cents === 0 ? 0 : cents / 100).toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 });
}

/** "Accounts  …": a label in bold, then text wrapped under it. */
function labelled(paint: Styles, label: string, text: string): string {
  return wrap(`${paint.bold(label.padEnd(INDENT - 2))}  ${text}`, INDENT);
}

/** One labelled sentence of the account view: the terminal and the report say the same. */
export interface AccountSentence {
  label: string;
  text: string;
}

/** The account view as labelled sentences: under the score's headline, and in the report. */
export function accountSentences(view: AccountsView, overall: Scored): AccountSentence[] {
  const { levels } = view;
  const sentences: AccountSentence[] = [];
  const accounts = levels.overall.accounts;
  const level = `${Math.round(((accounts?.interval ?? levels.overall.clustered?.interval)?.level ?? 0.95) * 100)}%`;
  if (levels.byAccount && accounts !== undefined) {
    const interval = accounts.interval === undefined ? '' : ` (${level} interval ${formatRange(accounts.interval)})`;
    const escalate = plural(levels.twoOrMoreDetractors ?? 0, 'account');
    sentences.push({ label: 'Accounts', text: `${plural(accounts.count, 'account')} (${visible(view.unitWords)}), each counted once: NPS ${formatNps(accounts.nps)}${interval}; ${escalate} with two or more detractors` });
  }
  const clustered = levels.overall.clustered;
  if (levels.byAccount && clustered !== undefined) {
    const effect = clustered.designEffect;
    const worthOf = Math.round(overall.responses / (effect ?? 1));
    const worth = effect === undefined || effect <= 0 ? '' : `: the ${groupDigits(overall.responses)} responses weigh like ${groupDigits(worthOf)} independent ${worthOf === 1 ? 'one' : 'ones'}`;
    sentences.push({
      label: '',
      text: `The responses' NPS with accounts as clusters: ${level} interval ${formatRange(clustered.interval)}${effect === undefined ? '' : ` (design effect ${effect.toFixed(2)}${worth})`}`,
    });
  }
  const weighted = levels.overall.weighted;
  if (levels.weightedBy && weighted !== undefined) {
    const leftOut = levels.weightLeftOut.count > 0 ? `; ${plural(levels.weightLeftOut.count, 'row')} with no usable ${visible(view.weightName ?? 'weight')} left out` : '';
    sentences.push({
      label: 'Weighted',
      text:
        `by ${visible(view.weightName ?? '')}: NPS ${formatNps(weighted.nps)} (${level} interval ${formatRange(weighted.interval)}), ` +
        `effective n ${groupDigits(Math.round(weighted.effectiveN))} of ${groupDigits(weighted.responses)}${leftOut}`,
    });
  }
  const revenue = levels.revenue;
  if (revenue !== undefined) {
    sentences.push({
      label: 'At risk',
      text:
        `${visible(view.valueName ?? 'value')}, each ${view.unit ?? 'account'} once: ${formatAmount(revenue.detractors)} with detractors ` +
        `(${plural(revenue.accounts.detractors, 'account')}), ${formatAmount(revenue.passives)} with passives (${revenue.accounts.passives}), ` +
        `of ${formatAmount(revenue.total)} that answered`,
    });
  }
  if (view.coverage !== undefined) sentences.push({ label: 'Coverage', text: coverageText(view.coverage, view) });
  if (view.responseRate !== undefined) sentences.push({ label: 'Invited', text: invitedText(view.responseRate) });
  return sentences;
}

function coverageText(coverage: Coverage, view: AccountsView): string {
  return (
    `${percent(coverage.share)} of the customers' ${visible(view.valueName ?? 'value')} answered ` +
    `(${formatAmount(coverage.answered)} of ${formatAmount(coverage.total)}; ${coverage.answeredCustomers} of ${plural(coverage.customers, 'customer')})`
  );
}

/** Silent accounts named in the table: the largest few; --json and nps accounts list them all. */
const SILENT_NAMED = 3;

function invitedText(rate: ResponseRate): string {
  const base = `${rate.responded} of ${plural(rate.invited, 'contact')} answered (${percent(rate.rate)})`;
  const silent = rate.silentAccounts ?? [];
  const named = silent
    .slice(0, SILENT_NAMED)
    .map((account) => `${visible(account.account)}${account.value === undefined ? '' : ` (${formatAmount(account.value)})`}`)
    .join(', ');
  const more = silent.length > SILENT_NAMED ? ', …' : '';
  const words = rate.silentAccounts === undefined ? '' : silent.length === 0 ? '; every invited account answered' : `; ${plural(silent.length, 'invited account')} did not answer: ${named}${more}`;
  return `${base}${words}`;
}

/** The lines under the headline: accounts, clusters, weights, revenue, coverage, response rate. */
export function accountsSection(view: AccountsView, overall: Scored, paint: Styles): string | undefined {
  const sentences = accountSentences(view, overall);
  if (sentences.length === 0) return undefined;
  return sentences.map((sentence) => labelled(paint, sentence.label, sentence.text)).join('\n');
}

/** The figures' columns: accounts, their NPS and interval; the weighted NPS, interval and effective n. */
function figureCells(figures: LevelFigures | undefined, view: AccountsView): string[] {
  const cells: string[] = [];
  if (view.levels.byAccount) {
    const accounts = figures?.accounts;
    cells.push(String(accounts?.count ?? 0), formatNps(accounts?.nps ?? null), formatRange(accounts?.interval));
  }
  if (view.levels.weightedBy) {
    const weighted = figures?.weighted;
    cells.push(formatNps(weighted?.nps ?? null), formatRange(weighted?.interval), weighted === undefined ? '' : String(Math.round(weighted.effectiveN)));
  }
  return cells;
}

function figureHead(view: AccountsView, level: string): string[] {
  const head: string[] = [];
  if (view.levels.byAccount) head.push('Accts', 'Acct NPS', `${level} interval`);
  if (view.levels.weightedBy) head.push('Weighted', `${level} interval`, 'Eff. n');
  return head;
}

/** The account-level and weighted figures of each group of a --by, in the order of the groups' table. */
export function levelGroupsTable(columns: readonly string[], groups: readonly GroupRow[], figures: ReadonlyMap<string, LevelFigures>, view: AccountsView, paint: Styles): string {
  const level = `${Math.round((groups[0]?.interval?.level ?? 0.95) * 100)}%`;
  const head = [...columns.map(visible), ...figureHead(view, level)];
  const table = plainTable(
    head.map((text) => paint.bold(text)),
    head.map((_, index) => index >= columns.length),
    { fit: columns.map((_, index) => index) },
  );
  for (const group of groups) {
    const id = columns.map((column) => group.key[column] ?? '').join(GROUP_KEY_SEPARATOR);
    table.push([...columns.map((column) => visible(group.key[column] || '(blank)')), ...figureCells(figures.get(id), view)]);
  }
  return `${paint.bold(titleOf(view))}\n${table.toString()}`;
}

function titleOf(view: AccountsView): string {
  const parts = [view.levels.byAccount ? `each ${visible(view.unitWords)} once` : '', view.levels.weightedBy ? `weighted by ${visible(view.weightName ?? '')}` : ''].filter((part) => part !== '');
  return `The same, ${parts.join('; and ')}`;
}

/** The account-level and weighted figures of each period of the trend. */
export function levelPeriodsTable(periods: readonly PeriodRow[], view: AccountsView, paint: Styles): string {
  const level = `${Math.round((periods[0]?.interval?.level ?? 0.95) * 100)}%`;
  const head = ['Period', ...figureHead(view, level)];
  const table = plainTable(head.map((text) => paint.bold(text)), head.map((_, index) => index > 0));
  periods.forEach((row, at) => table.push([row.period, ...figureCells(view.levels.periods?.[at], view)]));
  return `${paint.bold(titleOf(view))}\n${table.toString()}`;
}
