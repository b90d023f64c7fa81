/**
 * A person's first and last name, for a message ("Hi Lisa") and for a CRM's contact
 * columns, from what an export has: columns of first and last names, one column of
 * full names ("Lisa Taylor", "Taylor, Lisa", "Lisa"), or only an email. A name is
 * never guessed from an email that does not spell one (`jsmith@`, `support@`): a
 * message without a name reads better than one with a login in it.
 */

export interface PersonName {
  first: string;
  last: string;
}

/** Where a row's name is: each an index in the row's cells, undefined when no column says so. */
export interface NameColumns {
  first?: number | undefined;
  last?: number | undefined;
  full?: number | undefined;
  email?: number | undefined;
}

/** "First Name", "first_name", "RecipientFirstName" → "firstname": headers compared without case, spaces or punctuation. */
const squeeze = (header: string): string => header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

const FIRST_HEADERS = ['firstname', 'first', 'givenname', 'forename', 'recipientfirstname', 'contactfirstname', 'customerfirstname'];
const LAST_HEADERS = ['lastname', 'last', 'surname', 'familyname', 'recipientlastname', 'contactlastname', 'customerlastname'];
const FULL_HEADERS = ['name', 'fullname', 'yourname', 'respondentname', 'customername', 'contactname', 'recipientname', 'clientname'];
const EMAIL_HEADERS = ['email', 'emailaddress', 'mail', 'recipientemail', 'respondentemail', 'contactemail', 'customeremail', 'workemail', 'useremail'];

function findHeader(squeezed: readonly string[], names: readonly string[]): number | undefined {
  for (const name of names) {
    const at = squeezed.indexOf(name);
    if (at !== -1) return at;
  }
  return undefined;
}

/** The columns of a row's name, by their headers; the email also from any header that names one ("end_user.email"). */
export function nameColumnsOf(columns: readonly string[]): NameColumns {
  const squeezed = columns.map(squeeze);
  const email = findHeader(squeezed, EMAIL_HEADERS) ?? squeezed.findIndex((header) => header.endsWith('email'));
  return {
    first: findHeader(squeezed, FIRST_HEADERS),
    last: findHeader(squeezed, LAST_HEADERS),
    full: findHeader(squeezed, FULL_HEADERS),
    email: email === -1 ? undefined : email,
  };
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'madam', 'mme', 'mlle', 'herr', 'frau', 'sr', 'sra']);
/** Words of an email's local part that name a role or a mailbox, never a person. */
const ROLES = new Set([
  'info', 'support', 'help', 'admin', 'sales', 'contact', 'hello', 'team', 'billing', 'office', 'noreply', 'no', 'reply',
  'accounts', 'finance', 'hr', 'it', 'marketing', 'service', 'customer', 'customers', 'mail', 'test', 'user',
]);

/** Whether a name is written all in small letters or all in capitals: only then is it given capitals of its own. */
const uncased = (text: string): boolean => text === text.toLowerCase() || text === text.toUpperCase();

/** "LISA" and "lisa" as "Lisa", "mary-jane" as "Mary-Jane". */
function capitalized(word: string): string {
  return word
    .toLowerCase()
    .split(/(?<=[-'’])/)
    .map((part) => part.charAt(0).toLocaleUpperCase() + part.slice(1))
    .join('');
}

const isWord = (word: string): boolean => /^\p{L}[\p{L}'’.-]*$/u.test(word);
const dropTitle = (words: readonly string[]): string[] => (words.length > 1 && TITLES.has((words[0] ?? '').toLowerCase().replace(/\.$/, '')) ? words.slice(1) : [...words]);

/** A name as people write it in one cell: "Lisa Taylor", "Taylor, Lisa", "Dr. Lisa Taylor", "Lisa"; an email in it is read as one. */
export function splitFullName(text: string): PersonName {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.includes('@')) return nameFromEmail(trimmed);
  // "lisa taylor" and "LISA TAYLOR" get capitals; "Juan de la Cruz" and "Ronan McDonald" are kept as written.
  const cased = uncased(trimmed) ? capitalized : (word: string): string => word;
  const comma = trimmed.indexOf(',');
  if (comma !== -1) {
    // "Taylor, Lisa M." is last name first.
    const last = trimmed.slice(0, comma).trim();
    const [first = ''] = dropTitle(trimmed.slice(comma + 1).trim().split(' '));
    return isWord(first) ? { first: cased(first), last: last.split(' ').map(cased).join(' ') } : { first: '', last: '' };
  }
  const hadTitle = dropTitle(trimmed.split(' ')).length < trimmed.split(' ').length;
  const words = dropTitle(trimmed.split(' ')).filter((word) => word !== '');
  const [first = '', ...rest] = words;
  if (!isWord(first)) return { first: '', last: '' };
  // "Dr. Taylor" names no first name.
  if (hadTitle && rest.length === 0) return { first: '', last: cased(first) };
  return { first: cased(first), last: rest.map(cased).join(' ') };
}

/**
 * A name spelt in an email: "lisa.taylor@", "lisa_taylor@" or "lisa-taylor@" give Lisa Taylor; where dots or
 * underscores part the names, a hyphen joins a double one ("jean-luc.picard@" gives Jean-Luc Picard). A local part of
 * one word ("lisa@", "jsmith@"), one with digits, or one naming a role ("support@") gives none.
 */
export function nameFromEmail(email: string): PersonName {
  const local = (email.trim().split('@')[0] ?? '').split('+')[0] ?? '';
  const parts = local.split(/[._]/.test(local) ? /[._]/ : /-/).filter((part) => part !== '');
  const word = (part: string): boolean => part.split('-').every((piece) => /^\p{L}{2,}$/u.test(piece) && !ROLES.has(piece.toLowerCase()));
  const named = parts.length >= 2 && parts.every(word);
  if (!named) return { first: '', last: '' };
  const [first = '', ...rest] = parts;
  return { first: capitalized(first), last: rest.map(capitalized).join(' ') };
}

/** A row's name: its first- and last-name columns, else its column of full names, else its email. */
export function personName(cells: readonly string[], columns: NameColumns): PersonName {
  const cell = (index: number | undefined): string => (index === undefined ? '' : (cells[index] ?? '').trim());
  const first = cell(columns.first);
  const last = cell(columns.last);
  if (first !== '') return { first: uncased(first) ? first.split(' ').map(capitalized).join(' ') : first, last };
  const full = cell(columns.full);
  if (full !== '') {
    const split = splitFullName(full);
    if (split.first !== '' || split.last !== '') return { first: split.first, last: last || split.last };
  }
  const fromEmail = nameFromEmail(cell(columns.email));
  return { first: fromEmail.first, last: last || fromEmail.last };
}

/** A row's email: its email column, or undefined when it has none. */
export function emailOf(cells: readonly string[], columns: NameColumns): string {
  const value = columns.email === undefined ? '' : (cells[columns.email] ?? '').trim();
  return value.includes('@') ? value : '';
}
