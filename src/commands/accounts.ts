import { Option } from '../libraries/commander.js';
import type { AccountRow } from '../core/account-book.js';
import { accountKey, type AccountsView } from '../core/levels.js';
import type { RateRow, SilentAccount } from '../core/reach.js';
import { inputError } from '../errors.js';
import { readWith } from '../input/parallel.js';
import { writeAll, type Io } from '../io.js';
import { accountRowJson } from '../output/render/accounts-json.js';
import { formatNps, plural, visible } from '../output/render/format.js';
import type { Messages } from '../output/write/messages.js';
import { createRecordSink, neutralizeCell } from '../output/write/records.js';
import { scoreJob } from './jobs/score.js';
import { accountColumnProposed, finishLevels, planLevels, revenueWords, shellWord, withInvitedChecks } from './shared/accounts.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  accountColumnOption,
  FILES_ARGUMENT,
  formatOption,
  GROUPS,
  invitedOption,
  jsonOption,
  type RawAccountOptions,
  rawOption,
  type RawReadingOptions,
  readingOptions,
  type RecordFormat,
  valueColumnOption,
} from './shared/options.js';
import { openResponses, readOutcome } from './shared/read.js';

export interface AccountsOptions extends RawReadingOptions, Omit<RawAccountOptions, 'weightColumn'> {
  format: RecordFormat;
  json?: boolean;
  raw?: boolean;
  escalate?: boolean;
  silent?: boolean;
}

/** The columns of the list, in order: every value a string in CSV, typed in JSON. */
const COLUMNS = ['account', 'responses', 'respondents', 'promoters', 'passives', 'detractors', 'nps', 'latest_promoters', 'latest_passives', 'latest_detractors', 'category', 'value', 'escalate'];
const INVITED_COLUMNS = ['invited', 'responded', 'response_rate'];

/** One account as a record: its JSON object, and its cells for CSV. */
interface Listed {
  json: Record<string, unknown>;
  cells: string[];
}

const cell = (value: number | undefined): string => (value === undefined ? '' : String(value));

/** An NPS in the CSV to one decimal, as the tables round it, without their "+" ("-90.9", "40.0"); the JSON keeps it whole. */
function oneDecimal(nps: number | null): string {
  return nps === null ? '' : formatNps(nps).replace(/^\+/, '');
}

function listedOf(row: AccountRow, rate: RateRow | undefined, invited: boolean): Listed {
  const json = accountRowJson(row);
  const cells = [
    row.account,
    String(row.responses),
    String(row.respondents),
    String(row.counts.promoters),
    String(row.counts.passives),
    String(row.counts.detractors),
    oneDecimal(row.nps),
    String(row.latest.promoters),
    String(row.latest.passives),
    String(row.latest.detractors),
    row.category,
    cell(row.value),
    row.escalate ? 'yes' : 'no',
  ];
  if (!invited) return { json, cells };
  return { json: { ...json, invited: rate?.invited ?? 0, responded: rate?.responded ?? 0, responseRate: rate?.rate ?? null, silent: false }, cells: [...cells, cell(rate?.invited ?? 0), cell(rate?.responded ?? 0), cell(rate?.rate)] };
}

/** An invited account that did not answer: no score, its value when the customers give it. */
function silentOf(account: SilentAccount): Listed {
  const json = {
    account: account.account,
    responses: 0,
    respondents: 0,
    promoters: 0,
    passives: 0,
    detractors: 0,
    nps: null,
    latest: { promoters: 0, passives: 0, detractors: 0 },
    category: null,
    value: account.value ?? null,
    valuesDiffer: false,
    escalate: false,
    invited: account.invited,
    responded: 0,
    responseRate: 0,
    silent: true,
  };
  const cells = [account.account, '0', '0', '0', '0', '0', '', '0', '0', '0', 'silent', cell(account.value), 'no', String(account.invited), '0', '0'];
  return { json, cells };
}

/** The accounts to list, in the order of work: those with a detractor first, the largest first; then the silent ones. */
function listOf(view: AccountsView, options: AccountsOptions): Listed[] {
  const rate = view.responseRate;
  const invited = rate !== undefined;
  const rates = new Map((rate?.byAccount ?? []).map((row) => [accountKey(row.name), row] as const));
  const answered = (view.levels.accounts ?? []).filter((row) => options.escalate !== true || row.escalate).map((row) => listedOf(row, rates.get(accountKey(row.account)), invited));
  const silent = (rate?.silentAccounts ?? []).map(silentOf);
  if (options.silent === true) return silent;
  return options.escalate === true ? answered : [...answered, ...silent];
}

async function writeList(listed: readonly Listed[], header: readonly string[], format: RecordFormat, options: AccountsOptions, io: Io): Promise<void> {
  if (format === 'csv') {
    // Only the account's name comes from the input: the figures are numbers, never formulas.
    const sink = createRecordSink('csv', header, io.stdout, { endDestination: false, neutralize: false });
    for (const one of listed) {
      const [name = '', ...figures] = one.cells;
      if (!sink.write([options.raw === true ? name : neutralizeCell(name), ...figures])) await sink.drain();
    }
    await sink.end();
    return;
  }
  const objects = listed.map((one) => JSON.stringify(one.json));
  await writeAll(io.stdout, format === 'ndjson' ? objects.map((line) => `${line}\n`).join('') : objects.length === 0 ? '[]\n' : `[\n${objects.join(',\n')}\n]\n`);
}

function describe(view: AccountsView, written: number, silent: boolean, messages: Messages): void {
  const rows = view.levels.accounts ?? [];
  const escalate = rows.filter((row) => row.escalate).length;
  const by = JSON.stringify(visible(view.unitWords));
  if (silent) messages.info(`listed ${plural(written, 'silent account')} by ${by}: invited, and no one answered`);
  else messages.info(`listed ${plural(written, 'account')} by ${by}: ${escalate} of ${rows.length} that answered have two or more detractors`);
  if (view.levels.revenue !== undefined) messages.info(revenueWords(view));
}

export async function runAccounts(files: string[], options: AccountsOptions, io: Io): Promise<Ran<never>> {
  const format = options.json === true ? 'json' : options.format;
  if (options.json === true && options.format !== 'csv') throw inputError('--json is --format json: give one of them');
  if (options.silent === true && options.invited === undefined) throw inputError('--silent lists the invited accounts that did not answer: give the contacts with --invited FILE');
  if (options.silent === true && options.escalate === true) throw inputError('use either --escalate or --silent, not both');
  const { messages, responses, spec } = await openResponses(files, options, { dates: true, comments: false, respondents: true, lines: true }, io, undefined, { job: scoreJob });
  if (options.accountColumn === undefined) {
    const candidate = accountColumnProposed(responses);
    const hint = candidate === undefined ? '' : ` (${JSON.stringify(candidate)} looks like one: --account-column ${shellWord(candidate)})`;
    throw inputError(`nps accounts lists each account: name the column of accounts with --account-column COLUMN${hint}`);
  }
  const plan = planLevels(responses, options, { breakdowns: [], byDay: false, fallback: false });
  if (plan === undefined) throw inputError('nps accounts needs --account-column');
  const { totals, acc } = await readWith(files, responses, spec, io, messages, scoreJob, { breakdowns: [], byDay: false, levels: plan.settings });
  const outcome = readOutcome(messages, totals, options);
  if (acc.levels === undefined) return { outcome };
  const view = await finishLevels(acc.levels, plan, { responses, options, messages, io, level: 0.95, periods: undefined });
  const listed = listOf(view, options);
  await writeList(listed, view.responseRate === undefined ? COLUMNS : [...COLUMNS, ...INVITED_COLUMNS], format, options, io);
  describe(view, listed.length, options.silent === true, messages);
  return { outcome: withInvitedChecks(outcome, view) };
}

export const accountsCommand = defineCommand<AccountsOptions>({
  name: 'accounts',
  description:
    'list the customer accounts that answered, each with its respondents\' mix, its NPS, its value and whether to escalate it (two or more detractors); ' +
    'with --invited, the invited accounts that did not answer',
  argument: FILES_ARGUMENT,
  options: [
    formatOption('format of the list'),
    jsonOption('print the list as a JSON array (the same as --format json)'),
    new Option('--escalate', 'list only the accounts with two or more detractors').helpGroup(GROUPS.output),
    new Option('--silent', 'list only the invited accounts that did not answer (needs --invited)').helpGroup(GROUPS.output),
    rawOption(),
    accountColumnOption(),
    valueColumnOption('the value of each account (ARR, MRR): its column in the list, and the revenue at risk, each account once'),
    invitedOption(),
    ...readingOptions(),
  ],
  examples: [
    ['nps accounts fixtures/accounts-survey.csv --account-column Company --value-column MRR', 'every account, those with a detractor first, the largest first'],
    ['nps accounts fixtures/accounts-survey.csv --account-column Company --escalate -f json', 'the accounts with two or more detractors, as JSON'],
    [
      'nps accounts fixtures/accounts-survey.csv --account-column Company --customers fixtures/accounts-crm.csv --join-on "Company=Company name" --value-column ARR --invited fixtures/accounts-invited.csv --silent',
      'the invited accounts that did not answer, the largest first',
    ],
  ],
  run: runAccounts,
});
