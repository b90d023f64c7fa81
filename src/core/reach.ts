/**
 * How much of the customer base a survey heard from: coverage (the share of the
 * customers' total value whose account answered, CustomerGauge's "revenue coverage")
 * and the response rate of the contacts invited, overall, per account and per
 * segment, with the invited accounts that did not answer at all: silent key accounts
 * are a churn risk a score cannot show.
 */

export interface Coverage {
  /** The value of the customers who answered. */
  answered: number;
  /** The value of every customer with a usable value. */
  total: number;
  /** answered / total; null when the total is 0. */
  share: number | null;
  customers: number;
  answeredCustomers: number;
  /** Customers whose value is not an amount: in neither sum. */
  withoutValue: number;
}

/** `values`: each customer's value by key (undefined when unusable); `answered`: the keys some scored response matched. */
export function coverageOf(values: ReadonlyMap<string, number | undefined>, answered: ReadonlySet<string>): Coverage {
  const coverage: Coverage = { answered: 0, total: 0, share: null, customers: values.size, answeredCustomers: 0, withoutValue: 0 };
  for (const [key, value] of values) {
    const heard = answered.has(key);
    if (heard) coverage.answeredCustomers += 1;
    if (value === undefined) {
      coverage.withoutValue += 1;
      continue;
    }
    coverage.total += value;
    if (heard) coverage.answered += value;
  }
  coverage.share = coverage.total > 0 ? coverage.answered / coverage.total : null;
  return coverage;
}

/** A contact the survey was sent to. */
export interface InvitedContact {
  /** The contact's key, as respondents are matched (emails in lower case). */
  key: string;
  /** The account's key and its name as written; '' when the invited file names none. */
  account: string;
  accountLabel: string;
  /** The contact's value in each segment column the invited file has. */
  segments: readonly string[];
}

export interface RateRow {
  /** The account or the segment's value. */
  name: string;
  invited: number;
  responded: number;
  rate: number;
}

export interface SilentAccount {
  account: string;
  invited: number;
  /** The account's value, when the customers give it. */
  value: number | undefined;
}

export interface ResponseRate {
  /** Distinct contacts invited. */
  invited: number;
  /** Those of them with a scored response. */
  responded: number;
  rate: number | null;
  /** Respondents with a scored response who were not invited (a forwarded survey). */
  notInvited: number;
  byAccount: RateRow[] | undefined;
  bySegment: Array<{ column: string; groups: RateRow[] }>;
  /** Invited accounts none of whose contacts answered, and from which no response came: the largest first. */
  silentAccounts: SilentAccount[] | undefined;
}

export interface RateSettings {
  /** The segment columns the invited file has, in the order of --by. */
  segmentColumns: readonly string[];
  /** Accounts some scored response named (by --account-column), when accounts are read. */
  answeredAccounts: ReadonlySet<string> | undefined;
  /** An account's value from the customers, when they give one. */
  valueOf: (account: string) => number | undefined;
  /** Whether the invited file names each contact's account. */
  withAccounts: boolean;
}

interface Tally {
  name: string;
  invited: number;
  responded: number;
}

function tallyRows(tallies: ReadonlyMap<string, Tally>): RateRow[] {
  return [...tallies.values()]
    .map((tally) => ({ ...tally, rate: tally.responded / tally.invited }))
    .sort((a, b) => a.rate - b.rate || b.invited - a.invited || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function count(tallies: Map<string, Tally>, key: string, name: string, responded: boolean): void {
  let tally = tallies.get(key);
  if (tally === undefined) {
    tally = { name, invited: 0, responded: 0 };
    tallies.set(key, tally);
  }
  tally.invited += 1;
  if (responded) tally.responded += 1;
}

export function responseRate(contacts: readonly InvitedContact[], respondents: ReadonlySet<string>, settings: RateSettings): ResponseRate {
  const seen = new Set<string>();
  const accounts = new Map<string, Tally>();
  const segments = settings.segmentColumns.map(() => new Map<string, Tally>());
  let responded = 0;
  for (const contact of contacts) {
    if (contact.key === '' || seen.has(contact.key)) continue;
    seen.add(contact.key);
    const answered = respondents.has(contact.key);
    if (answered) responded += 1;
    if (contact.account !== '') count(accounts, contact.account, contact.accountLabel, answered);
    contact.segments.forEach((value, at) => {
      const tallies = segments[at];
      if (tallies !== undefined) count(tallies, value, value, answered);
    });
  }
  let notInvited = 0;
  for (const respondent of respondents) if (!seen.has(respondent)) notInvited += 1;
  const silent = [...accounts]
    .filter(([key, tally]) => tally.responded === 0 && settings.answeredAccounts?.has(key) !== true)
    .map(([key, tally]): SilentAccount => ({ account: tally.name, invited: tally.invited, value: settings.valueOf(key) }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || b.invited - a.invited || (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
  return {
    invited: seen.size,
    responded,
    rate: seen.size === 0 ? null : responded / seen.size,
    notInvited,
    byAccount: settings.withAccounts ? tallyRows(accounts) : undefined,
    bySegment: settings.segmentColumns.map((column, at) => ({ column, groups: tallyRows(segments[at] ?? new Map()) })),
    silentAccounts: settings.withAccounts ? silent : undefined,
  };
}
