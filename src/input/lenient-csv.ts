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

/** The end of an unquoted field starting at `from`: the next delimiter or line break. */
function plainEnd(text: string, from: number, delimiter: string): number {
  const delimiterAt = text.indexOf(delimiter, from);
  const lineAt = text.indexOf('\n', from);
  const ends = [delimiterAt, lineAt, text.length].filter((at) => at !== -1);
  return Math.min(...ends);
}

function readField(text: string, start: number, delimiter: string, literal: ReadonlySet<number>): Field {
  if (text[start] !== '"' || literal.has(start)) {
    const end = plainEnd(text, start, delimiter);
    return { text: text.slice(start, end), end, multiLineQuote: false, keptAsWritten: false, runaway: undefined };
  }
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) {
      const spansLines = text.indexOf('\n', start) !== -1;
      if (spansLines) return { text: '', end: text.length, multiLineQuote: true, keptAsWritten: false, runaway: { closedAt: undefined } };
      const end = plainEnd(text, start, delimiter);
      return { text: text.slice(start, end), end, multiLineQuote: false, keptAsWritten: true, runaway: undefined };
    }
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
    const end = plainEnd(text, quote + 1, delimiter);
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
export function readLeniently(text: string, delimiter: string, width: number): { records: LenientRecord[]; repairs: QuoteRepair[] } {
  const literal = new Set<number>();
  const repairs: QuoteRepair[] = [];
  const records: LenientRecord[] = [];
  const lineOf = lineFinder(text);
  let at = 0;
  while (at < text.length) {
    const recordStart = at;
    const cells: string[] = [];
    const kept: number[] = [];
    let firstMultiLineQuote: number | undefined;
    let retry: { quote: number; closedAt: number | undefined } | undefined;
    for (;;) {
      const fieldStart = at;
      const field = readField(text, fieldStart, delimiter, literal);
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
    records.push({ cells, firstLine, lastLine: lineOf(at) });
    // Past the line break that ends the record; a blank line is no record.
    at += 1;
    while (text[at] === '\n') at += 1;
  }
  repairs.sort((a, b) => a.line - b.line);
  return { records, repairs };
}
