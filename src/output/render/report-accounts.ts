import type { AccountRow } from '../../core/account-book.js';
import type { ReportData } from '../../core/report.js';
import { accountSentences, formatAmount } from './accounts-table.js';
import { formatNps, visible } from './format.js';
import { cell, headRow } from './html-table.js';
import { inputHtml } from './svg.js';

/**
 * The report's accounts section: the score per account (each counted once), the
 * weighted score, revenue at risk, coverage and the response rate, in the words of
 * `nps score`; then the accounts to look at first and the invited accounts that did
 * not answer.
 */

/** Accounts listed in each table of the section; `nps accounts` lists them all. */
const LISTED = 20;

function accountTable(rows: readonly AccountRow[], valueName: string | undefined, command: string): string {
  const body = rows.slice(0, LISTED).map(
    (row) =>
      `<tr>${cell(row.account)}${cell(row.respondents, true)}${cell(row.latest.promoters, true)}${cell(row.latest.passives, true)}${cell(row.latest.detractors, true)}` +
      `${cell(formatNps(row.nps), true)}${valueCell(valueName, row.value)}</tr>`,
  );
  const head = headRow(['Account'], ['Respondents', true], ['Promoters', true], ['Passives', true], ['Detractors', true], ['NPS', true], ...valueHeader(valueName));
  return `<table>${head}${body.join('')}</table>${more(rows.length, command)}`;
}

/** Past the rows shown, how many more, and where they all are. */
const more = (count: number, command: string): string => (count > LISTED ? `<p class="muted">${inputHtml(`… and ${count - LISTED} more: ${command} lists them all.`)}</p>` : '');

/** The column of values, when there is one: a header and a cell per row. */
const valueHeader = (valueName: string | undefined): Array<[string, boolean]> => (valueName === undefined ? [] : [[valueName, true]]);
const valueCell = (valueName: string | undefined, value: number | undefined): string => (valueName === undefined ? '' : cell(value === undefined ? '' : formatAmount(value), true));

export function accountsSection(data: ReportData): string {
  const view = data.accounts;
  if (view === undefined) return '';
  const sentences = accountSentences(view, data.score.overall).map(({ label, text }) => `<p>${label === '' ? '' : `<strong>${inputHtml(label)}</strong> `}${inputHtml(text.endsWith('…') ? text : `${text}.`)}</p>`);
  const rows = view.levels.accounts ?? [];
  const valueName = view.valueName === undefined ? undefined : visible(view.valueName);
  const escalate = rows.filter((row) => row.escalate);
  const tables = view.levels.byAccount
    ? `<h3>Accounts with two or more detractors (${escalate.length})</h3>${escalate.length === 0 ? '<p class="muted">None.</p>' : accountTable(escalate, valueName, 'nps accounts --escalate')}` +
      `<h3>Every account, those with a detractor first</h3><p class="muted">Respondents and their groups by each one's latest answer; NPS of all the account's responses.</p>${accountTable(rows, valueName, 'nps accounts')}`
    : '';
  const silent = view.responseRate?.silentAccounts ?? [];
  const silentTable =
    view.responseRate?.silentAccounts === undefined || silent.length === 0
      ? ''
      : `<h3>Invited accounts that did not answer (${silent.length})</h3><table>${headRow(['Account'], ['Contacts invited', true], ...valueHeader(valueName))}` +
        `${silent.slice(0, LISTED).map((account) => `<tr>${cell(account.account)}${cell(account.invited, true)}${valueCell(valueName, account.value)}</tr>`).join('')}</table>${more(silent.length, 'nps accounts --silent')}`;
  return `\n<section id="accounts"><h2>Accounts</h2>
${sentences.join('\n')}
${tables}${silentTable}</section>`;
}
