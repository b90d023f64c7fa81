import { buildLevels, type AccountsView, type BookUnit, type LevelAccumulator, type LevelSettings } from '../../core/levels.js';
import { quote } from '../../core/clip.js';
import { coverageOf, responseRate, type ResponseRate } from '../../core/reach.js';
import type { LeftOut } from '../../core/weights.js';
import { inputError } from '../../errors.js';
import { accountColumnCandidate, customerValues, loadInvited } from '../../input/accounts.js';
import { parseJoinOn } from '../../input/join.js';
import type { ReadSpec, Responses } from '../../input/responses.js';
import type { Io } from '../../io.js';
import { formatAmount } from '../../output/render/accounts-table.js';
import { plural, visible } from '../../output/render/format.js';
import type { Messages } from '../../output/write/messages.js';
import type { SideFileChecks } from '../../input/side-files.js';
import type { Outcome } from './outcome.js';
import type { RawAccountOptions, RawRowOptions } from './options.js';

/**
 * Accounts, weights and revenue, as every command that offers them reads them: which
 * columns (named by the options, never guessed: a column that looks like the account
 * is proposed on stderr), what each response must carry, and, once read, the rows
 * left out of the weighted figures with their lines, the coverage of the customers'
 * value and the response rate of the contacts invited.
 */

export type AccountOptions = RawAccountOptions & Pick<RawRowOptions, 'customers' | 'joinOn'>;

/** Whether any of the options asks for accounts, weights, values or reach. */
export function wantsLevels(options: AccountOptions): boolean {
  return [options.accountColumn, options.weightColumn, options.valueColumn, options.invited].some((option) => option !== undefined);
}

/** What each response must carry for them: its date and respondent (the latest answers) and its line (rows left out are named by it). */
export function levelNeeds(options: AccountOptions, needs: ReadSpec['needs']): ReadSpec['needs'] {
  return wantsLevels(options) ? { ...needs, dates: true, respondents: true, lines: true } : needs;
}

/** The columns, as the run knows them, and what the book counts once. */
export interface LevelPlan {
  settings: LevelSettings;
  /** The columns' names as given, for the messages. */
  weightName: string | undefined;
  valueName: string | undefined;
  /** What an account is, in words: its column ("Company"), "respondent" or "response". */
  unitWords: string;
  unit: AccountsView['unit'];
  /** The value's column in the customers file, when the value comes from there: what the coverage sums. */
  customerValueColumn: number | undefined;
}

/**
 * The levels a run computes. The book's unit is --account-column, else the join key
 * of --customers, else, when `fallback`, the respondent (or each response): segment's
 * revenue at risk counts something once even without an account.
 */
export function planLevels(
  responses: Responses,
  options: AccountOptions,
  view: { breakdowns: ReadonlyArray<{ indexes: readonly number[] }>; byDay: boolean; fallback: boolean },
): LevelPlan | undefined {
  if (!wantsLevels(options)) return undefined;
  const account = options.accountColumn === undefined ? undefined : responses.column(options.accountColumn, '--account-column');
  const weight = options.weightColumn === undefined ? undefined : responses.column(options.weightColumn, '--weight-column');
  const value = options.valueColumn === undefined ? weight : responses.column(options.valueColumn, '--value-column');
  const joinName = options.joinOn === undefined || responses.customers === undefined ? undefined : parseJoinOn(options.joinOn).survey;
  const joinKey = joinName === undefined ? undefined : responses.column(joinName, '--join-on');
  const hasRespondents = responses.inputs.every((opened) => opened.choice.columns.respondent !== undefined);
  const unit: BookUnit | undefined =
    account !== undefined
      ? { kind: 'column', index: account }
      : joinKey !== undefined
        ? { kind: 'column', index: joinKey }
        : view.fallback
          ? { kind: hasRespondents ? 'respondent' : 'response' }
          : undefined;
  if (unit === undefined && options.valueColumn !== undefined) {
    throw inputError('--value-column counts each account\'s value once: name the accounts with --account-column COLUMN, or join the customers with --customers and --join-on');
  }
  const columns = responses.columns;
  const unitWords = unit === undefined ? '' : unit.kind === 'column' ? (columns[unit.index] ?? '') : unit.kind;
  const customers = responses.customers;
  const customerStart = columns.length - (customers?.columns.length ?? 0);
  if (options.invited !== undefined && !hasRespondents) {
    throw inputError('--invited matches contacts to respondents: the survey needs a respondent column (an email); name it with --respondent-column');
  }
  return {
    settings: {
      breakdowns: view.breakdowns,
      byDay: view.byDay,
      account,
      weight,
      book: unit === undefined || (account === undefined && value === undefined) ? undefined : { unit, value },
      joinKey: customers === undefined ? undefined : joinKey,
      respondents: options.invited !== undefined,
      joinedFrom: customers === undefined ? undefined : customerStart,
    },
    weightName: weight === undefined ? undefined : columns[weight],
    valueName: value === undefined ? undefined : columns[value],
    unitWords,
    unit: unit === undefined ? undefined : account !== undefined ? 'account' : unit.kind === 'column' ? 'customer' : unit.kind,
    customerValueColumn: customers !== undefined && value !== undefined && value >= customerStart ? value - customerStart : undefined,
  };
}

/** The column of the first input that looks like each response's account (named like one, its names repeating); undefined when none does. */
export function accountColumnProposed(responses: Responses): string | undefined {
  const [first] = responses.inputs;
  if (first === undefined) return undefined;
  const { columns } = first.choice;
  const taken = new Set([columns.score, columns.respondent, columns.date, ...columns.comments].filter((index) => index !== undefined));
  const index = accountColumnCandidate(first.names, first.firstRows, taken);
  return index === undefined ? undefined : first.names[index];
}

/** A column's name as a shell reads it back: quoted when it has spaces or quotes. */
export const shellWord = (word: string): string => (/^[\w.,:=@/+-]+$/u.test(word) ? word : `"${word.replace(/["\\$`]/g, '\\$&')}"`);

/** A column that looks like each response's account, proposed on stderr when no --account-column is given: never used unasked. */
export function proposeAccountColumn(responses: Responses, options: AccountOptions, messages: Messages): void {
  if (options.accountColumn !== undefined) return;
  const name = accountColumnProposed(responses);
  if (name === undefined) return;
  messages.info(`${JSON.stringify(name)} looks like each response's account: --account-column ${shellWord(name)} scores each account once, with an interval that allows for respondents of one account answering alike`);
}

const REASON_WORDS = { blank: 'is missing', negative: 'is negative', 'not an amount': 'is not an amount', 'too large': 'is past 10^15, larger than any amount' } as const;

/** Each row left out, with its file and line, then how many more. */
export function sayLeftOut(leftOut: LeftOut, column: string, what: string, responses: Responses, messages: Messages): void {
  for (const row of leftOut.first) {
    const reader = responses.inputs[row.input]?.reader;
    const place = reader === undefined ? '' : reader.kind === 'xlsx' ? `${reader.name}, sheet ${JSON.stringify(reader.sheet.name)}, row ${row.line}` : `${reader.name} line ${row.line}`;
    const cell = row.text.trim() === '' ? `${column} is blank` : `${column} ${quote(row.text.trim())} ${REASON_WORDS[row.reason]}`;
    messages.warn(`${place}: ${cell}: the row is left out of ${what}`);
  }
  const more = leftOut.count - leftOut.first.length - leftOut.blankJoined;
  if (more > 0) messages.warn(`... and ${plural(more, 'more row')} left out of ${what}`);
  if (leftOut.blankJoined > 0) messages.warn(`${plural(leftOut.blankJoined, 'response')} with no ${column} from the customers (none matched, or a blank cell) left out of ${what}`);
}

/** The figures once every response is read, and what is to be said of them. */
export async function finishLevels(
  acc: LevelAccumulator,
  plan: LevelPlan,
  context: { responses: Responses; options: AccountOptions & { by?: string[][] | undefined }; messages: Messages; io: Io; level: number; periods: ReadonlyArray<{ start: number; end: number }> | undefined },
): Promise<AccountsView> {
  const { responses, options, messages } = context;
  const levels = buildLevels(acc, context.level, context.periods);
  if (plan.weightName !== undefined) {
    sayLeftOut(levels.weightLeftOut, plan.weightName, 'the weighted figures', responses, messages);
    // Weights that are all 0, blank or unreadable would give no weighted figures, silently.
    if (levels.overall.weighted === undefined && (levels.weightLeftOut.count > 0 || acc.overall.weights.responses > 0)) {
      throw inputError(`--weight-column ${plan.weightName}: no scored response has a weight above zero; name the column that holds MRR, ARR or seats`);
    }
  }
  if (plan.valueName !== undefined) sayLeftOut(levels.valueLeftOut, plan.valueName, 'the revenue figures', responses, messages);
  if (levels.revenue !== undefined && levels.revenue.valuesDiffer > 0) {
    messages.info(`${plural(levels.revenue.valuesDiffer, 'account has', 'accounts have')} different ${plan.valueName ?? 'values'} on different rows: each counts the value of its latest answer`);
  }
  const customers = responses.customers;
  const valuesOf = customers === undefined || plan.customerValueColumn === undefined ? undefined : customerValues(customers, plan.customerValueColumn);
  const coverage = valuesOf === undefined ? undefined : coverageOf(valuesOf, acc.joined);
  const invited = options.invited === undefined ? undefined : await readInvited(options.invited, acc, plan, context, valuesOf);
  return {
    levels,
    coverage,
    responseRate: invited?.rate,
    weightName: plan.weightName,
    valueName: plan.valueName,
    unitWords: plan.unitWords,
    unit: plan.unit,
    invitedChecks: invited?.checks,
  };
}

async function readInvited(
  file: string,
  acc: LevelAccumulator,
  plan: LevelPlan,
  context: { responses: Responses; options: AccountOptions & { by?: string[][] | undefined }; messages: Messages; io: Io },
  values: ReadonlyMap<string, number | undefined> | undefined,
): Promise<{ rate: ResponseRate; checks: SideFileChecks }> {
  const account = plan.settings.account;
  const accountHeader = account === undefined ? undefined : context.responses.columns[account];
  const byColumns = (context.options.by ?? []).filter((columns) => columns.length === 1).flat();
  const invited = await loadInvited(file, context.io, accountHeader, byColumns, context.messages);
  if (invited.accountColumn !== undefined) context.messages.info(`${file}: contacts by ${JSON.stringify(invited.accountColumn)}`);
  const answered = acc.book === undefined || account === undefined ? undefined : new Set(acc.book.entries.keys());
  const rate = responseRate(invited.contacts, acc.respondents, {
    segmentColumns: invited.segmentColumns,
    answeredAccounts: answered,
    valueOf: (key) => values?.get(key) ?? acc.book?.entries.get(key)?.value?.amount,
    withAccounts: invited.accountColumn !== undefined,
  });
  return { rate, checks: invited.checks };
}

/** The run's outcome with what reading --invited found: --strict fails on its rejected rows as on the survey's. */
export function withInvitedChecks(outcome: Outcome, view: AccountsView | undefined): Outcome {
  const checks = view?.invitedChecks;
  return checks === undefined ? outcome : { ...outcome, rejected: outcome.rejected + checks.rejected, repairedQuotes: outcome.repairedQuotes + checks.repairedQuotes };
}

/** Revenue at risk in one line, for stderr: the same figures as `score --json` and the report. */
export function revenueWords(view: AccountsView): string {
  const revenue = view.levels.revenue;
  if (revenue === undefined) return '';
  const unit = view.unit === 'account' || view.unit === 'customer' ? `each ${view.unit} once, by ${JSON.stringify(visible(view.unitWords))}` : `each ${view.unit ?? 'response'} once`;
  return (
    `revenue at risk (${visible(view.valueName ?? '')}, ${unit}): ${formatAmount(revenue.detractors)} with detractors (${plural(revenue.accounts.detractors, view.unit === 'respondent' || view.unit === 'response' ? view.unit : 'account')}), ` +
    `${formatAmount(revenue.passives)} with passives (${revenue.accounts.passives}), of ${formatAmount(revenue.total)} that answered`
  );
}
