import { accountKey } from '../core/levels.js';
import type { ReadListener } from '../core/reading.js';
import { readAmount } from '../core/money.js';
import type { InvitedContact } from '../core/reach.js';
import { inputError } from '../errors.js';
import type { Io } from '../io.js';
import { listHeaders, normalizeHeader } from './columns.js';
import { wordsOf } from './header-words.js';
import type { Customers } from './join.js';
import { respondentKey } from './respondent.js';
import { openRows } from './rows.js';
import { readSideFile, type SideFileChecks } from './side-files.js';

/**
 * What accounts need from files beside the survey: a column that looks like each
 * response's account (proposed, never used unless named), the customers' values for
 * the coverage, and the contacts the survey was sent to (--invited).
 */

/** Words of a header naming the customer account a response belongs to, in the languages nps reads. */
const ACCOUNT_WORDS = new Set([
  'account', 'accounts', 'company', 'organisation', 'organization', 'org', 'customer', 'client', 'firm', 'business', 'tenant', 'workspace',
  'empresa', 'entreprise', 'société', 'societe', 'unternehmen', 'firma', 'azienda', 'bedrijf', 'cliente', 'kunde', 'organisatie',
]);
/** Words of a header about an account that is not the account itself: its owner, size, plan, value, an email. */
const ACCOUNT_OTHER_WORDS = new Set([
  'owner', 'manager', 'executive', 'rep', 'csm', 'size', 'type', 'industry', 'sector', 'since', 'email', 'mail', 'segment', 'tier', 'plan',
  'status', 'stage', 'country', 'region', 'revenue', 'arr', 'mrr', 'value', 'health', 'success', 'phone', 'address', 'city', 'age', 'tenure',
]);

/** Whether a header names an account. */
export function namesAccount(header: string): boolean {
  const words = wordsOf(header);
  return words.some((word) => ACCOUNT_WORDS.has(word)) && !words.some((word) => ACCOUNT_OTHER_WORDS.has(word));
}

/**
 * The column that looks like each response's account: named like one, and holding
 * names that repeat (several respondents per account) in the first rows. Undefined
 * when none does; `taken` are the columns already used for something else.
 */
export function accountColumnCandidate(headers: readonly string[], firstRows: ReadonlyArray<readonly string[]>, taken: ReadonlySet<number>): number | undefined {
  for (const [index, header] of headers.entries()) {
    if (taken.has(index) || !namesAccount(header)) continue;
    const values = firstRows.map((row) => (row[index] ?? '').trim()).filter((value) => value !== '');
    const distinct = new Set(values).size;
    if (distinct >= 2 && distinct < values.length) return index;
  }
  return undefined;
}

/** Each customer's value from a column of the customers file, by the join key; undefined where it is not an amount. */
export function customerValues(customers: Customers, column: number): Map<string, number | undefined> {
  const values = new Map<string, number | undefined>();
  for (const [key, cells] of customers.rows) {
    const amount = readAmount(cells[column] ?? '');
    values.set(key, amount.kind === 'amount' ? amount.value : undefined);
  }
  return values;
}

const EMAIL_NAMES = ['email', 'e-mail', 'email address', 'emailaddress', 'email_address', 'contact email', 'recipient', 'recipientemail'];

export interface InvitedFile {
  contacts: InvitedContact[];
  /** The header of the column read as each contact's account, when there is one. */
  accountColumn: string | undefined;
  /** The --by columns the file has, in their order. */
  segmentColumns: string[];
  /** What reading the file found that --strict fails on. */
  checks: SideFileChecks;
}

/**
 * The contacts the survey was sent to: the email column (named so, or the first
 * whose cells hold @), the account (a column of the same name as --account-column,
 * else one named like an account) and the --by columns the file has, by name.
 */
export async function loadInvited(file: string, io: Io, accountHeader: string | undefined, byColumns: readonly string[], listener: ReadListener): Promise<InvitedFile> {
  const reader = await openRows(file, io);
  const header = reader.header;
  const normalized = header.map(normalizeHeader);
  const firstRows = await reader.peekRows(50);
  const named = EMAIL_NAMES.map((name) => normalized.indexOf(name)).find((index) => index !== -1);
  const email = named ?? header.findIndex((_, index) => firstRows.some((row) => (row[index] ?? '').includes('@')));
  if (email === -1) throw inputError(`${file}: --invited needs a column of emails, and none is named email or holds addresses; the headers are: ${listHeaders(header)}`);
  const sameName = accountHeader === undefined ? -1 : normalized.indexOf(normalizeHeader(accountHeader));
  const account = sameName !== -1 ? sameName : header.findIndex((text, index) => index !== email && namesAccount(text));
  const segments = byColumns.map((column) => ({ column, index: normalized.indexOf(normalizeHeader(column)) })).filter((segment) => segment.index !== -1);
  const contacts: InvitedContact[] = [];
  // Read as the survey's other side files are: a row of the wrong width is rejected and named by its line.
  const checks = await readSideFile(reader, listener, (cells) => {
    const label = account === -1 ? '' : (cells[account] ?? '').trim();
    contacts.push({
      key: respondentKey(cells[email] ?? ''),
      account: accountKey(label),
      accountLabel: label,
      segments: segments.map((segment) => cells[segment.index] ?? ''),
    });
  });
  if (contacts.every((contact) => contact.key === '')) throw inputError(`${file}: --invited lists no contact: column ${JSON.stringify(header[email] ?? '')} is empty`);
  return { contacts, accountColumn: account === -1 ? undefined : header[account], segmentColumns: segments.map((segment) => segment.column), checks };
}
