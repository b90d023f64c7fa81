/**
 * A careful second reading of the few records the fast parser could not read:
 * a quote that does not end its field (`"Native" interactive graphics`), or a
 * quoted field that runs over line breaks and then fails. Real exports have both,
 * and a strict reader swallows every line up to the next quote into one record.
 *
 * The rules, as the common CSV readers apply them (Python's csv, R's read.csv):
 * - a field that starts with a quote is quoted; `""` inside it is one quote;
 * - when its closing quote is followed by more text, the field runs on to the
 *   next delimiter, and its text is kept as written, quotes included;
 * - a quoted field that spans line breaks and then closes badly, or never closes,
 *   or that leaves its record with the wrong number of fields, was not a quoted
 *   field: its opening quote is read as a plain character, and the lines after it
 *   are read as the rows they are.
 * `text` holds whole lines, with LF line breaks.
 */

export interface LenientRecord {
  cells: string[];
  /** Lines from the start of `text` to the record's first line, and to its last. */
  firstLine: number;
  lastLine: number;
}

export interface QuoteRepair {
  kind: 'kept-as-written' | 'opening-read-as-text';
  /** Lines from the start of `text`. */
  line: number;
  /** For a quote read as text: the line where the field would have ended, or undefined when it never closed. */
  closedAtLine: number | undefined;
}

interface Field {
  text: string;
  end: number;
  /** The field was quoted and spans lines, and its quote opened at `quoteAt`. */
  multiLineQuote: boolean;
  keptAsWritten: boolean;
  /** A quoted field spanning lines that closed badly or never closed: where its closing quote was, if any. */
  runaway: { closedAt: number | undefined } | undefined;
}

/**
 * The next place of one character at or after a position, each stretch of the text
 * searched once: a plain `indexOf` per field would search a one-column file of 16 MB
 * to its end for a delimiter it never has, once per line.
 */
function finderOf(text: string, char: string): (from: number) => number {
  // `found` is the first place of `char` at or after `searchedFrom` (-1: none).
  let searchedFrom = text.length + 1;
  let found = -1;
  return (from) => {
    if (from >= searchedFrom) {
      if (found === -1 || found >= from) return found;
      found = text.indexOf(char, from);
    } else {
      // Back to an earlier place (a record read again): only the stretch before the one searched is new.
      const before = text.slice(from, searchedFrom).indexOf(char);
      if (before !== -1) found = from + before;
    }
    searchedFrom = from;
    return found;
  };
}

/** Where unquoted fields end: the next delimiter or line break. */
interface Ends {
  delimiter: string;
  nextDelimiter: (from: number) => number;
  nextLine: (from: number) => number;
}

/** The end of an unquoted field starting at `from`: the next delimiter or line break. */
function plainEnd(text: string, from: number, ends: Ends): number {
  const delimiterAt = ends.nextDelimiter(from);
  const lineAt = ends.nextLine(from);
  return Math.min(delimiterAt === -1 ? text.length : delimiterAt, lineAt === -1 ? text.length : lineAt);
}

function readField(text: string, start: number, ends: Ends, literal: ReadonlySet<number>): Field {
  const { delimiter } = ends;
  if (text[start] !== '"' || literal.has(start)) {
    const end = plainEnd(text, start, ends);
    return { text: text.slice(start, end), end, multiLineQuote: false, keptAsWritten: false, runaway: undefined };
  }
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    // No quote closes it before the text ends, on this line or any after (the last line of a file with no line
    // break after it, a pipe cut short): it never closes, and is read as a plain character.
    if (quote === -1) return { text: '', end: text.length, multiLineQuote: text.includes('\n', start), keptAsWritten: false, runaway: { closedAt: undefined } };
    if (text[quote + 1] === '"') {
      at = quote + 2;
      continue;
    }
    const after = text[quote + 1];
    const multiLineQuote = text.slice(start, quote).includes('\n');
    if (after === undefined || after === delimiter || after === '\n') {
      return { text: text.slice(start + 1, quote).replaceAll('""', '"'), end: quote + 1, multiLineQuote, keptAsWritten: false, runaway: undefined };
    }
    if (multiLineQuote) return { text: '', end: quote, multiLineQuote, keptAsWritten: false, runaway: { closedAt: quote } };
    const end = plainEnd(text, quote + 1, ends);
    return { text: text.slice(start, end), end, multiLineQuote: false, keptAsWritten: true, runaway: undefined };
  }
}

/** Line numbers of offsets in `text`, from the offsets of its line breaks, found once. */
function lineFinder(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks.push(at);
  return (offset) => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((breaks[middle] ?? Infinity) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/**
 * Reads `text` (whole lines, LF line breaks) leniently into records of, ideally,
 * `width` fields. A quote that must be read as text sends the reading back to the
 * start of its record only, so a file with many of them is still read in one pass.
 */
export function readLeniently(
  text: string,
  delimiter: string,
  width: number,
  /** Each record as soon as it is read (none is read again after): 16 MB of lines need not be held as records. */
  onRecord?: (record: LenientRecord) => void,
): { records: LenientRecord[]; repairs: QuoteRepair[] } {
  const literal = new Set<number>();
  const repairs: QuoteRepair[] = [];
  const records: LenientRecord[] = [];
  const take = onRecord ?? ((record: LenientRecord): void => void records.push(record));
  const lineOf = lineFinder(text);
  const ends: Ends = { delimiter, nextDelimiter: finderOf(text, delimiter), nextLine: finderOf(text, '\n') };
  let at = 0;
  while (at < text.length) {
    const recordStart = at;
    const cells: string[] = [];
    const kept: number[] = [];
    let firstMultiLineQuote: number | undefined;
    let retry: { quote: number; closedAt: number | undefined } | undefined;
    for (;;) {
      const fieldStart = at;
      const field = readField(text, fieldStart, ends, literal);
      if (field.runaway) {
        retry = { quote: fieldStart, closedAt: field.runaway.closedAt };
        break;
      }
      if (field.multiLineQuote) firstMultiLineQuote ??= fieldStart;
      if (field.keptAsWritten) kept.push(fieldStart);
      cells.push(field.text);
      at = field.end;
      if (text[at] !== delimiter) break;
      at += 1;
    }
    if (retry === undefined && cells.length !== width && firstMultiLineQuote !== undefined) retry = { quote: firstMultiLineQuote, closedAt: at - 1 };
    if (retry !== undefined) {
      literal.add(retry.quote);
      repairs.push({ kind: 'opening-read-as-text', line: lineOf(retry.quote), closedAtLine: retry.closedAt === undefined ? undefined : lineOf(retry.closedAt) });
      at = recordStart;
      continue;
    }
    for (const quote of kept) repairs.push({ kind: 'kept-as-written', line: lineOf(quote), closedAtLine: undefined });
    const firstLine = lineOf(recordStart);
    take({ cells, firstLine, lastLine: lineOf(at) });
    // Past the line break that ends the record; a blank line is no record.
    at += 1;
    while (text[at] === '\n') at += 1;
  }
  repairs.sort((a, b) => a.line - b.line);
  return { records, repairs };
}
