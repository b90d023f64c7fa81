import { CATEGORIES, type Category } from './categories.js';
import { supersedes, type Stamp } from './latest.js';
import type { Counts } from './stats.js';

/**
 * What is known of each account: its responses' mix, each respondent's latest answer,
 * and its value (MRR, ARR) once. An account is in the group of its respondents'
 * latest answers at their worst: with at least one detractor it is an account with a
 * detractor, whatever its promoters say (the common reading of "accounts at risk");
 * else with a passive, a passive account; else a promoter account. Its value is the
 * one on the row of its latest answer that has a value, and counts once, so revenue
 * at risk never adds an account's value once per respondent. Books of parts merge.
 */

interface LatestAnswer extends Stamp {
  category: Category;
}

export interface BookEntry {
  /** The account as first written in the input. */
  label: string;
  /** Where that first spelling was read, to keep the first one across parts. */
  labelOrder: number;
  counts: Counts;
  /** Each respondent's latest answer (a response with no respondent is one of its own). */
  latest: Map<string, LatestAnswer>;
  /** The value on the row of the latest answer that has one. */
  value: (Stamp & { amount: number }) | undefined;
  /** The smallest and largest values seen: different values on different rows are said. */
  lowest: number | undefined;
  highest: number | undefined;
}

/** One response, as the book takes it in. */
export interface BookResponse {
  /** The account's key ('' for none: not in the book). */
  key: string;
  label: string;
  category: Category;
  /** The respondent's key; '' when the response names none. */
  respondent: string;
  stamp: Stamp;
  /** The row's value, when it has a usable one. */
  amount: number | undefined;
}

export type BookData = Array<[string, Omit<BookEntry, 'latest'> & { latest: Array<[string, LatestAnswer]> }]>;

const emptyCounts = (): Counts => ({ promoters: 0, passives: 0, detractors: 0 });

export class AccountBook {
  readonly entries = new Map<string, BookEntry>();

  add(response: BookResponse): void {
    if (response.key === '') return;
    const entry = this.entryFor(response.key, response.label, response.stamp.ordinal);
    entry.counts[response.category] += 1;
    // A response with no respondent is a respondent of its own.
    const respondent = response.respondent === '' ? `\u0000${response.stamp.ordinal}` : response.respondent;
    offerLatest(entry, respondent, { ...response.stamp, category: response.category });
    if (response.amount !== undefined) offerValue(entry, { ...response.stamp, amount: response.amount });
  }

  private entryFor(key: string, label: string, order: number): BookEntry {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { label, labelOrder: order, counts: emptyCounts(), latest: new Map(), value: undefined, lowest: undefined, highest: undefined };
      this.entries.set(key, entry);
    } else if (order < entry.labelOrder) {
      entry.label = label;
      entry.labelOrder = order;
    }
    return entry;
  }

  toData(): BookData {
    return [...this.entries].map(([key, entry]) => [key, { ...entry, latest: [...entry.latest] }]);
  }

  mergeData(data: BookData): this {
    for (const [key, other] of data) {
      const entry = this.entryFor(key, other.label, other.labelOrder);
      for (const category of CATEGORIES) entry.counts[category] += other.counts[category];
      for (const [respondent, answer] of other.latest) offerLatest(entry, respondent, answer);
      if (other.value !== undefined) offerValue(entry, other.value);
      for (const amount of [other.lowest, other.highest]) if (amount !== undefined) seeValue(entry, amount);
    }
    return this;
  }
}

function offerLatest(entry: BookEntry, respondent: string, answer: LatestAnswer): void {
  const best = entry.latest.get(respondent);
  if (best === undefined || supersedes(answer, best, 'latest')) entry.latest.set(respondent, answer);
}

function offerValue(entry: BookEntry, value: Stamp & { amount: number }): void {
  seeValue(entry, value.amount);
  if (entry.value === undefined || supersedes(value, entry.value, 'latest')) entry.value = value;
}

function seeValue(entry: BookEntry, amount: number): void {
  entry.lowest = Math.min(entry.lowest ?? amount, amount);
  entry.highest = Math.max(entry.highest ?? amount, amount);
}

/** One account, as lists and reports show it. */
export interface AccountRow {
  account: string;
  responses: number;
  respondents: number;
  /** The mix of its responses. */
  counts: Counts;
  /** Its own NPS: the mean of its responses' +100/0/−100. */
  nps: number;
  /** The mix of its respondents' latest answers. */
  latest: Counts;
  /** The group of its respondents' latest answers at their worst. */
  category: Category;
  value: number | undefined;
  /** Its rows give different values: the latest answer's is used. */
  valuesDiffer: boolean;
  /** Two or more respondents whose latest answer is a detractor's: an account to escalate. */
  escalate: boolean;
}

const SEVERITY: Readonly<Record<Category, number>> = { detractors: 0, passives: 1, promoters: 2 };

/** Every account of the book: those with a detractor first, then the passive ones, then the rest; the largest value first within each. */
export function accountRows(book: AccountBook): AccountRow[] {
  const rows = [...book.entries.values()].map((entry): AccountRow => {
    const latest = emptyCounts();
    for (const answer of entry.latest.values()) latest[answer.category] += 1;
    const responses = entry.counts.promoters + entry.counts.passives + entry.counts.detractors;
    return {
      account: entry.label,
      responses,
      respondents: entry.latest.size,
      counts: { ...entry.counts },
      nps: ((entry.counts.promoters - entry.counts.detractors) * 100) / responses,
      latest,
      category: latest.detractors > 0 ? 'detractors' : latest.passives > 0 ? 'passives' : 'promoters',
      value: entry.value?.amount,
      valuesDiffer: entry.lowest !== entry.highest,
      escalate: latest.detractors >= 2,
    };
  });
  return rows.sort(
    (a, b) =>
      SEVERITY[a.category] - SEVERITY[b.category] ||
      (b.value ?? -Infinity) - (a.value ?? -Infinity) ||
      a.nps - b.nps ||
      (a.account < b.account ? -1 : a.account > b.account ? 1 : 0),
  );
}

/** The value of the accounts in each group, each account's once. */
export interface RevenueAtRisk {
  detractors: number;
  passives: number;
  promoters: number;
  /** The value of every account that answered. */
  total: number;
  /** Accounts in each group. */
  accounts: Record<Category, number>;
  /** Accounts with no usable value on any row: in no sum. */
  withoutValue: number;
  /** Accounts whose rows give different values. */
  valuesDiffer: number;
}

export function revenueAtRisk(rows: readonly AccountRow[]): RevenueAtRisk {
  const revenue: RevenueAtRisk = { detractors: 0, passives: 0, promoters: 0, total: 0, accounts: emptyCounts(), withoutValue: 0, valuesDiffer: 0 };
  for (const row of rows) {
    revenue.accounts[row.category] += 1;
    if (row.valuesDiffer) revenue.valuesDiffer += 1;
    if (row.value === undefined) {
      revenue.withoutValue += 1;
      continue;
    }
    revenue[row.category] += row.value;
    revenue.total += row.value;
  }
  return revenue;
}
