import { quote } from './clip.js';

/**
 * `--where COLUMN=VALUE` and `--where COLUMN!=VALUE`: keep the rows whose cell is (or
 * is not) exactly this text. A cell with nothing in it is the empty text. Parsed here
 * once, for every command that filters rows this way.
 */
export interface WhereCondition {
  column: string;
  /** True for `!=`: keep the rows whose cell is not the value. */
  negated: boolean;
  value: string;
}

/** The condition written in one `--where`, or a sentence saying why it is not one. */
export function parseWhere(written: string): WhereCondition | string {
  const at = written.indexOf('=');
  if (at === -1) return `--where takes COLUMN=VALUE or COLUMN!=VALUE, such as plan=Pro, not ${quote(written)}`;
  const negated = at > 0 && written[at - 1] === '!';
  const column = written.slice(0, negated ? at - 1 : at).trim();
  if (column === '') return `--where needs a column name before ${negated ? '!=' : '='}, not ${quote(written)}`;
  return { column, negated, value: written.slice(at + 1) };
}

/** Whether a row's cell passes the condition. */
export function passes(condition: WhereCondition, cell: string): boolean {
  return (cell === condition.value) !== condition.negated;
}
