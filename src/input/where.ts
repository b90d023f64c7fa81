import { inputError } from '../errors.js';
import { requireColumn } from './columns.js';
import { quote } from '../core/clip.js';

/** One --where: a column, and the value its cell must (or must not) hold. */
export interface WhereCondition {
  column: string;
  /** `=` keeps the rows whose cell is the value; `!=` leaves them out. */
  equals: boolean;
  value: string;
}

/** "question=NPS", "plan!=free": the column named before the first `=` (or `!=`), the value after it, as written. */
export function parseWhere(text: string): WhereCondition {
  const at = text.indexOf('=');
  if (at <= 0) throw inputError(`--where takes COLUMN=VALUE or COLUMN!=VALUE, such as question=NPS or plan!=free, not ${quote(text)}`);
  const negated = text[at - 1] === '!';
  const column = text.slice(0, negated ? at - 1 : at).trim();
  if (column === '') throw inputError(`--where takes COLUMN=VALUE or COLUMN!=VALUE, such as question=NPS or plan!=free, not ${quote(text)}`);
  return { column, equals: !negated, value: text.slice(at + 1) };
}

/** The conditions of a run on one input's columns: a row is kept when every one holds. */
export type RowTest = (cells: readonly string[]) => boolean;

/**
 * A row's test, its columns found among the input's (by name, a unique start, or a
 * number). Values are compared as written, as --by groups them: "NPS" is not "nps".
 */
export function whereTest(fileName: string, names: readonly string[], conditions: readonly WhereCondition[]): RowTest | undefined {
  if (conditions.length === 0) return undefined;
  const resolved = conditions.map((condition) => ({ ...condition, index: requireColumn(fileName, names, condition.column, '--where') }));
  return (cells) => resolved.every((condition) => ((cells[condition.index] ?? '') === condition.value) === condition.equals);
}
