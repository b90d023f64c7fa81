import type { ReadListener } from '../../core/reading.js';
import { inputError } from '../../errors.js';
import type { Customers, Join } from '../join.js';
import type { RowReader } from '../rows.js';
import type { DedupeWithin, InputFacts, OpenedInput, ReadTotals } from './types.js';
import { quote } from '../../core/clip.js';
import { groupDigits } from '../../core/digits.js';

/** " in each file", " in each month": the scope of --dedupe, in words. */
function withinWords(within: DedupeWithin | undefined): string {
  if (within === undefined || within.kind === 'all') return '';
  if (within.kind === 'input') return ' in each file';
  if (within.kind === 'column') return ` in each value of ${quote(within.name)}`;
  if (within.kind === 'period') return ` in each ${within.period}`;
  return ` (and one in each ${within.period} of the trend)`;
}

/**
 * What a read says once it is done, and of each input once read: the encoding
 * troubles and quotes read leniently, the 1..11 check, partial and repeated
 * responses, the filters and the join. Said the same whether the input was read in
 * one pass or in parts.
 */

export function readerFacts(reader: RowReader, join: Join | undefined): InputFacts {
  const unmatched = join?.unmatched ?? 0;
  if (reader.kind === 'xlsx') {
    return { name: reader.name, encoding: 'utf-8', replacedCharacters: 0, undefinedBytes: 0, quoteNotes: [], unmatched, sheetWarnings: reader.warnings() };
  }
  if (reader.kind === 'parquet') return { name: reader.name, encoding: 'utf-8', replacedCharacters: 0, undefinedBytes: 0, quoteNotes: [], unmatched, sheetWarnings: [] };
  return {
    name: reader.name,
    encoding: reader.encoding,
    replacedCharacters: reader.replacedCharacters,
    undefinedBytes: reader.undefinedBytes,
    quoteNotes: reader.quoteNotes,
    unmatched,
    sheetWarnings: [],
  };
}

/** The facts of the parts of one input, as one read of it would have found them. */
export function mergeFacts(parts: readonly InputFacts[]): InputFacts {
  const [first] = parts;
  if (first === undefined) throw new Error('no part to merge');
  return {
    name: first.name,
    encoding: first.encoding,
    replacedCharacters: parts.reduce((sum, part) => sum + part.replacedCharacters, 0),
    undefinedBytes: parts.reduce((sum, part) => sum + part.undefinedBytes, 0),
    quoteNotes: parts.flatMap((part) => part.quoteNotes),
    unmatched: parts.reduce((sum, part) => sum + part.unmatched, 0),
    sheetWarnings: parts.flatMap((part) => part.sheetWarnings),
  };
}

/** Warnings about an input as a whole: characters its encoding could not read, quotes read leniently, very long records. */
export function inputWarnings(facts: InputFacts): string[] {
  const warnings: string[] = [...facts.sheetWarnings];
  const { name } = facts;
  if (facts.undefinedBytes > 0) {
    warnings.push(
      `${name}: ${plural(facts.undefinedBytes, 'byte is', 'bytes are')} not defined in Windows-1252 (such as 0x90) and ` +
        `${facts.undefinedBytes === 1 ? 'shows' : 'show'} as \uFFFD; the file mixes encodings: save it again as "CSV UTF-8"`,
    );
  }
  if (facts.replacedCharacters > 0) {
    const encoding = facts.encoding === 'utf-8' ? 'UTF-8' : facts.encoding;
    const [count, verb] = facts.replacedCharacters === 1 ? ['1 character is', 'shows'] : [`${facts.replacedCharacters} characters are`, 'show'];
    warnings.push(`${name}: ${count} not valid ${encoding} and ${verb} as \uFFFD; the file mixes encodings: save it again as "CSV UTF-8"`);
  }
  const notes = [...facts.quoteNotes].sort((a, b) => a.line - b.line);
  const kept = notes.filter((note) => note.kind === 'kept-as-written');
  if (kept.length > 0) {
    warnings.push(
      `${name}: ${plural(kept.length, 'field starts', 'fields start')} with a quoted word followed by more text ` +
        `(${listLines(kept.map((note) => note.line))}); read as written, quotes kept`,
    );
  }
  for (const note of notes.filter((candidate) => candidate.kind === 'opening-read-as-text').slice(0, LISTED_NOTES)) {
    const closed =
      note.closedAtLine === undefined
        ? 'is never closed'
        : `does not close properly before line ${note.closedAtLine} (${plural(note.closedAtLine - note.line + 1, 'line')})`;
    warnings.push(`${name} line ${note.line}: a quote opens a field and ${closed}; it was read as a plain character, and the lines after it as the rows they are`);
  }
  for (const note of notes.filter((candidate) => candidate.kind === 'long-record').slice(0, LISTED_NOTES)) {
    warnings.push(`${name} line ${note.line}: one quoted field runs over ${note.lines ?? 0} lines; if it is not one long comment, a stray quote has joined rows`);
  }
  return warnings;
}

/** Places listed one by one in a warning about quotes. */
const LISTED_NOTES = 10;

function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, LISTED_NOTES).join(', ');
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${lines.length > LISTED_NOTES ? `, and ${lines.length - LISTED_NOTES} more` : ''}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${groupDigits(count)} ${count === 1 ? one : many}`;
}

/** What every command hears once all is read: the 1..11 check, partial and repeated responses, filters, the join. */
export function sayClosing(
  totals: ReadTotals,
  run: {
    inputs: readonly OpenedInput[];
    unmatched: ReadonlyArray<{ name: string; unmatched: number }>;
    customers: Customers | undefined;
    scoreOffset: number | undefined;
    dedupeWithin?: DedupeWithin | undefined;
  },
  listener: ReadListener,
): void {
  refuseRecodedScale(totals, run.scoreOffset);
  refuseAllRejected(totals, run.inputs);
  const { tally, excludedBy } = totals;
  if (tally.partial > 0) {
    listener.warn(`${plural(tally.partial, 'partial response')} (unfinished) left out of the score; --include-partial counts them`);
  }
  if (tally.duplicates > 0) {
    listener.info(`${plural(tally.duplicates, 'repeated response')} left out: --dedupe counts one per respondent${withinWords(run.dedupeWithin)}`);
  }
  if (excludedBy.respondent > 0) listener.info(`${plural(excludedBy.respondent, 'response')} left out by --exclude`);
  if (excludedBy.where > 0) listener.info(`${plural(excludedBy.where, 'row')} left out by --where`);
  if (excludedBy.dateRange > 0) {
    listener.info(`${plural(excludedBy.dateRange, 'response')} left out by --since/--until (outside the range, or with no readable date)`);
  }
  sayJoin(run, listener);
}

function sayJoin(
  run: { inputs: readonly OpenedInput[]; unmatched: ReadonlyArray<{ name: string; unmatched: number }>; customers: Customers | undefined },
  listener: ReadListener,
): void {
  const { customers } = run;
  if (customers === undefined) return;
  for (const { name, unmatched } of run.unmatched) {
    if (unmatched === 0) continue;
    const where = run.inputs.length > 1 ? ` in ${name}` : '';
    listener.warn(`${plural(unmatched, 'response')}${where} matched no customer in ${customers.file}; their customer columns are empty`);
  }
  if (customers.repeatedKeys > 0) {
    const repeated = customers.repeatedKeys;
    listener.warn(
      `${plural(repeated, 'customer row')} in ${customers.file} ${repeated === 1 ? 'repeats' : 'repeat'} ` +
        `a value of ${quote(customers.keyColumn)} seen before; the first row with each value was used`,
    );
  }
}

/**
 * A 0-10 question built by hand in Qualtrics is often coded 1..11. Scored as it is,
 * its 11s would be rejected and every other answer read one point high. The answers
 * say which scale it is, whatever else was rejected: 11s (as `11`, `11.0` or a label)
 * at least 1 in 100 of them, and no 0 at all, look like 1..11; then `nps` asks
 * rather than guess. Any --score-offset, 0 included, is the user's answer.
 */
export function refuseRecodedScale(totals: ReadTotals, scoreOffset: number | undefined): void {
  const { elevens, validScores, zeros } = totals;
  if (scoreOffset !== undefined || elevens === 0 || zeros > 0 || elevens * 100 < validScores + elevens) return;
  throw inputError(
    `the scores run from 1 to 11 (${elevens} ${elevens === 1 ? 'answer is' : 'answers are'} 11, none is 0): ` +
      'this looks like a 0-10 question coded 1-11, as Qualtrics does for a scale built by hand. ' +
      'If so, run again with --score-offset -1 to read 1 as 0 and 11 as 10; if the 11s are mistakes, --score-offset 0 reads the scores as they are',
  );
}

/**
 * A score column whose every answer was rejected (labels, text, another scale) scored
 * nothing: that is no result to print with exit 0. The error names the column, and the
 * one that holds 0-10 answers when there is one.
 */
export function refuseAllRejected(totals: ReadTotals, inputs: readonly OpenedInput[]): void {
  const { tally } = totals;
  const scored = tally.distribution.reduce((sum, count) => sum + count, 0);
  if (scored > 0 || tally.rejected === 0) return;
  const [first] = inputs;
  if (first === undefined) return;
  const { reader, choice } = first;
  const scoreHeader = quote(reader.header[choice.columns.score] ?? '');
  const better = choice.candidates.find((candidate) => candidate.holdsScores && candidate.index !== choice.columns.score);
  const hint =
    better === undefined
      ? 'name the column of the 0-10 answers with --score-column NAME or NUMBER (nps columns FILE shows each column)'
      : `column ${better.index + 1}, ${quote(reader.header[better.index] ?? '')}, holds 0-10 answers: --score-column ${better.index + 1}`;
  throw inputError(
    `${reader.where}: every answer in the score column ${scoreHeader} was rejected (${plural(tally.rejected, 'row')}): it holds no 0-10 score; ${hint}`,
  );
}
