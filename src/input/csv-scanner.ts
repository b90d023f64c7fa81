import { papa, type ParseError } from '../libraries/papaparse.js';
import { asBytes, characters } from './encoding.js';

/**
 * A record found by `scanRecords`: its cells, where it starts and ends in the text
 * (the end is past its line break), and what was wrong with its quotes, in
 * papaparse's words (`InvalidQuotes`, `MissingQuotes`); none for a well-formed record.
 */
export type RecordHandler = (cells: string[], start: number, end: number, errors: readonly ParseError[]) => void;

const NO_ERRORS: readonly ParseError[] = Object.freeze([]);
const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Reads the records of CSV text whose line breaks are all LF, and returns where the
 * first record it could not finish starts: the text's end when it read them all.
 * Unless `last`, a record that reaches the end of the text is left for when more text
 * has come, since the text may stop in the middle of it. With `keep`, only the kept
 * columns' cells are cut out of the text (see ColumnsKept).
 *
 * Well-formed records are read here, field by field with `indexOf`, and only the
 * fields are cut out of the text: about 1.5 times as fast as papaparse (0.30 s
 * against 0.45 s for the bench's 1M-row text), whose step wrapper and general
 * options cost it on every record. A record whose quotes are not well formed (a
 * closing quote followed by other text than spaces and a delimiter or a line
 * break, a quote that never closes) is read by papaparse itself, from the
 * record's start, so that every record has the cells, the extent and the errors
 * papaparse gives it, which the lenient reading of csv.ts relies on. A test holds
 * the two to each other on random text fed in random pieces.
 *
 * With `bytes`, the text is UTF-8 taken a byte per character (see ByteText): records
 * and fields are found in it as in characters, and what depends on the characters
 * themselves (the white space allowed after a closing quote, papaparse's reading of a
 * record) is decided on the record's characters, its cells handed on as bytes.
 */
export function scanRecords(text: string, last: boolean, delimiter: string, onRecord: RecordHandler, keep?: ColumnsKept, bytes = false): number {
  const scanner = new RecordScanner(text, last, delimiter, onRecord, keep, bytes);
  let start = 0;
  while (start < text.length) {
    const end = scanner.record(start);
    if (end === -1) return start;
    start = end;
  }
  return start;
}

/**
 * The columns a reader cuts out of the text (1) and those it leaves empty (0), by
 * index: what a row's reading never looks at need not be made a string. A record
 * whose number of fields is not the mask's length keeps all of them, as written:
 * the message about its width shows what it holds.
 */
export type ColumnsKept = Uint8Array;

/** Whether the cell at `index` is cut out of the text: with no mask, every cell is, and any beyond the mask. */
function isKept(keep: ColumnsKept | undefined, index: number): boolean {
  return keep === undefined || keep[index] !== 0;
}

/** One text's records, read in turn; the next quote, delimiter and line break are each found once, when needed. */
class RecordScanner {
  private nextQuote: number;
  private nextBreak: number;
  private nextDelimiter: number;
  private readonly delimiterCode: number;

  constructor(
    private readonly text: string,
    private readonly last: boolean,
    private readonly delimiter: string,
    private readonly onRecord: RecordHandler,
    private readonly keep: ColumnsKept | undefined,
    private readonly bytes: boolean,
  ) {
    this.nextQuote = text.indexOf('"');
    this.nextBreak = text.indexOf('\n');
    this.nextDelimiter = text.indexOf(delimiter);
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Reads the record that starts at `start`; where it ends, or -1 when it may go on past the text. */
  record(start: number): number {
    if (this.nextBreak !== -1 && this.nextBreak < start) this.nextBreak = this.text.indexOf('\n', start);
    if (this.nextQuote !== -1 && this.nextQuote < start) this.nextQuote = this.text.indexOf('"', start);
    if (this.nextBreak === -1 && !this.last) return -1;
    const lineEnd = this.nextBreak === -1 ? this.text.length : this.nextBreak;
    if (this.nextQuote !== -1 && this.nextQuote <= lineEnd) return this.quotedRecord(start, this.keep);
    // No quote on the line, the usual record: its fields are what lies between delimiters.
    let cells = this.keep === undefined ? this.plainLine(start, lineEnd) : this.plainLineKept(start, lineEnd, this.keep);
    if (cells === undefined) {
      // Not the header's width: read again whole.
      this.searchAgainFrom(start);
      cells = this.plainLine(start, lineEnd);
    }
    const end = lineEnd === this.text.length ? lineEnd : lineEnd + 1;
    this.onRecord(cells, start, end, NO_ERRORS);
    return end;
  }

  /** The fields of a line with no quote: what lies between delimiters. */
  private plainLine(start: number, lineEnd: number): string[] {
    const cells: string[] = [];
    const at = this.fieldsBefore(start, lineEnd, cells, undefined);
    cells.push(this.text.slice(at, lineEnd));
    return cells;
  }

  /**
   * Reads into `cells` the fields from `start` that end before `end`, where every
   * delimiter ends a field (no quote comes before `end` on its line): where the field
   * that goes on to `end` or past it starts.
   */
  private fieldsBefore(start: number, end: number, cells: string[], keep: ColumnsKept | undefined): number {
    const { text, delimiter } = this;
    let at = start;
    let next = this.firstDelimiterFrom(at);
    while (next !== -1 && next < end) {
      cells.push(isKept(keep, cells.length) ? text.slice(at, next) : '');
      at = next + 1;
      next = text.indexOf(delimiter, at);
    }
    this.nextDelimiter = next;
    return at;
  }

  /**
   * The fields of a line with no quote, only the kept ones cut out of the text, the
   * others left empty; undefined when the line is not the mask's width. The row starts
   * as a copy of an empty one: no array grows field by field.
   */
  private plainLineKept(start: number, lineEnd: number, keep: ColumnsKept): string[] | undefined {
    const { text, delimiter } = this;
    const last = keep.length - 1;
    const cells = (this.emptyRow ??= new Array<string>(keep.length).fill('')).slice();
    let column = 0;
    let at = start;
    let next = this.firstDelimiterFrom(at);
    while (next !== -1 && next < lineEnd) {
      if (keep[column] === 1) cells[column] = text.slice(at, next);
      column += 1;
      at = next + 1;
      next = text.indexOf(delimiter, at);
    }
    this.nextDelimiter = next;
    if (column !== last) return undefined;
    if (keep[column] === 1) cells[column] = text.slice(at, lineEnd);
    return cells;
  }

  /** A row of the mask's width with every cell empty, copied for each row read with the mask. */
  private emptyRow: string[] | undefined;

  /** The first delimiter at or after `at`: the one found last, unless it is behind. */
  private firstDelimiterFrom(at: number): number {
    return this.nextDelimiter !== -1 && this.nextDelimiter < at ? this.text.indexOf(this.delimiter, at) : this.nextDelimiter;
  }

  /** A record with a quote somewhere: field by field, a field that starts with a quote read to its closing quote. */
  private quotedRecord(start: number, keep: ColumnsKept | undefined): number {
    const { text } = this;
    const cells: string[] = [];
    // The fields before the record's first quote, on its first line, end at their delimiters.
    let at = this.fieldsBefore(start, this.nextQuote, cells, keep);
    for (;;) {
      if (text.charCodeAt(at) === QUOTE) {
        const close = closingQuote(text, at);
        if (close === -1 && !this.last) return -1;
        const fieldEnd = close === -1 ? -1 : this.endOfQuoted(close);
        if (fieldEnd === -1) return readByPapaparse(text, start, this.last, this.delimiter, this.onRecord, keep, this.bytes);
        if (fieldEnd === text.length && !this.last) return -1;
        cells.push(isKept(keep, cells.length) ? unquoted(text, at + 1, close) : '');
        at = fieldEnd + 1;
        if (text.charCodeAt(fieldEnd) === this.delimiterCode) continue;
        return this.quotedRecordRead(start, Math.min(at, text.length), cells, keep);
      }
      this.searchFrom(at);
      const { nextDelimiter, nextBreak } = this;
      if (this.delimiterFirst()) {
        cells.push(isKept(keep, cells.length) ? text.slice(at, nextDelimiter) : '');
        at = nextDelimiter + 1;
        continue;
      }
      if (nextBreak === -1 && !this.last) return -1;
      const fieldEnd = nextBreak === -1 ? text.length : nextBreak;
      cells.push(isKept(keep, cells.length) ? text.slice(at, fieldEnd) : '');
      return this.quotedRecordRead(start, nextBreak === -1 ? fieldEnd : fieldEnd + 1, cells, keep);
    }
  }

  /**
   * Where the quoted field whose closing quote is at `close` ends: at the delimiter or
   * line break that follows it, or at the text's end; -1 when other text follows (the
   * record is papaparse's to read). Spaces between the quote and the delimiter or line
   * break are allowed, as papaparse allows them, by its rule: up to whichever of the
   * next delimiter and line break comes first (the line break only when no delimiter
   * follows at all), else up to the line break.
   */
  private endOfQuoted(close: number): number {
    const { text } = this;
    const next = close + 1;
    if (next === text.length) return next;
    const after = text.charCodeAt(next);
    if (after === this.delimiterCode || after === LF) return next;
    this.searchFrom(next);
    const { nextDelimiter, nextBreak } = this;
    if (this.delimiterFirst() && onlySpaces(text, next, nextDelimiter, this.bytes)) return nextDelimiter;
    if (nextBreak !== -1 && onlySpaces(text, next, nextBreak, this.bytes)) return nextBreak;
    return -1;
  }

  /** Moves the next delimiter and the next line break on to the first at or after `at`, when they are before it. */
  private searchFrom(at: number): void {
    if (this.nextDelimiter !== -1 && this.nextDelimiter < at) this.nextDelimiter = this.text.indexOf(this.delimiter, at);
    if (this.nextBreak !== -1 && this.nextBreak < at) this.nextBreak = this.text.indexOf('\n', at);
  }

  /** Whether a delimiter comes before the next line break (or with none left, at all). */
  private delimiterFirst(): boolean {
    return this.nextDelimiter !== -1 && (this.nextDelimiter < this.nextBreak || this.nextBreak === -1);
  }

  /** A record with quotes read to its end: handed on, or read again whole when its width is not the header's. */
  private quotedRecordRead(start: number, end: number, cells: string[], keep: ColumnsKept | undefined): number {
    if (keep === undefined || cells.length === keep.length) {
      this.onRecord(cells, start, end, NO_ERRORS);
      return end;
    }
    this.searchAgainFrom(start);
    return this.quotedRecord(start, undefined);
  }

  /** For a record read again whole: the searches went on past its start, and start again from it. */
  private searchAgainFrom(start: number): void {
    this.nextDelimiter = this.text.indexOf(this.delimiter, start);
    this.nextBreak = this.text.indexOf('\n', start);
  }
}

/** The quote that closes the field opened at `open`, passing doubled quotes; -1 when none does in the text. */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1 || text.charCodeAt(at + 1) !== QUOTE) return at;
    at += 1;
  }
}

/** Whether the text from `from` to `to` is white space alone (as `trim` sees it, as papaparse tests it): in characters. */
function onlySpaces(text: string, from: number, to: number, bytes: boolean): boolean {
  const between = text.slice(from, to);
  return (bytes ? characters(between) : between).trim() === '';
}

/** A quoted field's text, its doubled quotes made single. */
function unquoted(text: string, from: number, to: number): string {
  const value = text.slice(from, to);
  return value.includes('""') ? value.replaceAll('""', '"') : value;
}

/** A record as papaparse reads it: its cells, its quote errors, and where it ends in the text read. */
interface PapaparseRecord {
  cells: string[];
  errors: ParseError[];
  cursor: number;
}

/** The first record of `text` as papaparse reads it; undefined when it may go on past the text (unless `last`). */
function papaparseRecord(text: string, last: boolean, delimiter: string): PapaparseRecord | undefined {
  const Parser = papa().Parser;
  const parser = new Parser({ delimiter, newline: '\n', quoteChar: '"', escapeChar: '"', preview: 1, fastMode: false });
  const result = parser.parse(text, 0, !last) as { data: string[][]; errors: ParseError[]; meta: { cursor: number } };
  const cells = result.data[0];
  return cells === undefined ? undefined : { cells, errors: result.errors, cursor: result.meta.cursor };
}

/**
 * A record read by papaparse from text taken as bytes: in characters (papaparse's white
 * space is `trim`'s), its cells made bytes again and its extent counted in bytes. A
 * record that ends on its first line is read from that line alone, so that the rest of
 * the text is not made characters for each such record.
 */
function papaparseRecordOfBytes(text: string, start: number, last: boolean, delimiter: string): PapaparseRecord | undefined {
  const lineEnd = text.indexOf('\n', start);
  if (lineEnd !== -1 && lineEnd + 1 < text.length) {
    const line = characters(text.slice(start, lineEnd + 1));
    const record = papaparseRecord(line, false, delimiter);
    if (record !== undefined) return inBytes(record, line);
  }
  const rest = characters(text.slice(start));
  const record = papaparseRecord(rest, last, delimiter);
  return record === undefined ? undefined : inBytes(record, rest);
}

/** A record papaparse read from `read` (characters), its cells and extent as bytes. */
function inBytes(record: PapaparseRecord, read: string): PapaparseRecord {
  return { cells: record.cells.map(asBytes), errors: record.errors, cursor: Buffer.byteLength(read.slice(0, record.cursor)) };
}

/** Reads one record with papaparse; its end, or -1 when it may go on past the text. */
function readByPapaparse(text: string, start: number, last: boolean, delimiter: string, onRecord: RecordHandler, keep: ColumnsKept | undefined, bytes: boolean): number {
  const record = bytes ? papaparseRecordOfBytes(text, start, last, delimiter) : papaparseRecord(text.slice(start), last, delimiter);
  if (record === undefined) return -1;
  const { cells } = record;
  const end = start + record.cursor;
  const kept = keep === undefined || cells.length !== keep.length ? cells : cells.map((cell, index) => (isKept(keep, index) ? cell : ''));
  onRecord(kept, start, end, record.errors);
  return end;
}
