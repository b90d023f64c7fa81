import { inputError } from '../errors.js';
import { requireColumn } from './columns.js';
import type { Io } from '../io.js';
import { respondentKey } from './respondent.js';
import { openRows } from './rows.js';
import { readSideFile, type SideFileChecks } from './side-files.js';
import type { ReadListener } from '../core/reading.js';
import { quote } from '../core/clip.js';

/** `--join-on email` (the same name in both files) or `--join-on "Email Address=contact_email"`. */
export function parseJoinOn(value: string): { survey: string; customers: string } {
  const [survey = '', customers = survey] = value.split('=').map((part) => part.trim());
  if (survey === '' || customers === '') {
    throw inputError(`--join-on takes a column, or survey_column=customer_column, not ${JSON.stringify(value)}`);
  }
  return { survey, customers };
}

/** A customer export held in memory, one row per key: what `--customers` adds to each response. */
export interface Customers {
  file: string;
  /** The customer columns added to each response, the join column left out (the response has it). */
  columns: string[];
  keyColumn: string;
  rows: Map<string, string[]>;
  /** Keys found on more than one customer row: the first row is used. */
  repeatedKeys: number;
  /** What reading the file found that --strict fails on. */
  checks: SideFileChecks;
}

export async function loadCustomers(file: string, keyColumn: string, io: Io, listener: ReadListener): Promise<Customers> {
  const reader = await openRows(file, io);
  const keyIndex = requireColumn(file, reader.header, keyColumn, '--join-on');
  const keep = reader.header.map((_, index) => index).filter((index) => index !== keyIndex);
  const rows = new Map<string, string[]>();
  let repeatedKeys = 0;
  const checks = await readSideFile(reader, listener, (cells) => {
    const key = respondentKey(cells[keyIndex] ?? '');
    if (key === '') return;
    if (rows.has(key)) {
      repeatedKeys += 1;
      return;
    }
    rows.set(key, keep.map((index) => cells[index] ?? ''));
  });
  if (rows.size === 0) throw inputError(`${file}: no customer has a value in ${quote(reader.header[keyIndex] ?? keyColumn)}`);
  return { file, columns: keep.map((index) => reader.header[index] ?? ''), keyColumn: reader.header[keyIndex] ?? keyColumn, rows, repeatedKeys, checks };
}

/** Joins customers to the rows of one survey file, counting responses that match no customer. */
export class Join {
  unmatched = 0;
  matched = 0;
  private readonly blank: string[];

  constructor(
    readonly customers: Customers,
    /** The join column in the survey file's own cells. */
    private readonly keyIndex: number,
  ) {
    this.blank = customers.columns.map(() => '');
  }

  /** `own` followed by the customer's columns, found by the key in the file's `cells`. */
  extend(own: readonly string[], cells: readonly string[]): string[] {
    const found = this.customers.rows.get(respondentKey(cells[this.keyIndex] ?? ''));
    if (found === undefined) this.unmatched += 1;
    else this.matched += 1;
    return [...own, ...(found ?? this.blank)];
  }
}
