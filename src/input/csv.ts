import type { ParseError } from '../libraries/papaparse.js';
import { inputError } from '../errors.js';
import { scanRecords, type ColumnsKept } from './csv-scanner.js';
import { asBytes, ByteText, characters, createDecoder, detectEncoding, type Decoder, type Encoding } from './encoding.js';
import { readLeniently } from './lenient-csv.js';
import { keptColumns, QueuedRows } from './queued-rows.js';
import type { Source } from './source.js';

export type { RowHandler } from './queued-rows.js';

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const REPLACEMENT = '\uFFFD';
/** U+FFFD as UTF-8: present when the file itself holds the character, not a decoding failure. */
const REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');
/** Enough of the start of a file to see its first line; a longer header is still parsed in full. */
const SNIFF_BYTES = 64 * 1024;
/**
 * A single row longer than this is a quote that never closes, not data: stop
 * before the rest of the file piles up in memory as one field.
 */
const MAX_ROW_CHARS = 16 * 1024 * 1024;

/** The delimiter used most often in the header line, outside quotes; comma when none is. */
export function detectDelimiter(firstLine: string): Delimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const candidate of DELIMITERS) {
    if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  }
  return best;
}

/** A binary file is refused rather than parsed as text (workbooks are told apart before: see rows.ts). */
function refuseBinary(name: string, head: Buffer, encoding: Encoding): void {
  // UTF-16 text is half zero bytes; any other text has none.
  if (!encoding.startsWith('utf-16') && head.includes(0)) {
    throw inputError(`${name}: this is a binary file, not CSV text: export it from its program as "CSV UTF-8"`);
  }
}

function countOf(text: string, char: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf(char, from); at !== -1 && at < to; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

const isQuoteError = (error: ParseError): boolean => error.code === 'InvalidQuotes' || error.code === 'MissingQuotes';

/** A quoted field over more lines than this is worth a word: a stray quote may have swallowed rows. */
const LONG_RECORD_LINES = 20;
/** Records shorter than this cannot span that many lines worth counting. */
const LONG_RECORD_CHARS = 200;

/** A place where the reader had to read quotes leniently, or a record that spans many lines; in lines of the file. */
export interface QuoteNote {
  kind: 'kept-as-written' | 'opening-read-as-text' | 'long-record';
  line: number;
  /** For a quote read as text: the line where the field would have closed; undefined when it never closes. */
  closedAtLine?: number | undefined;
  /** For a long record: how many lines it spans. */
  lines?: number;
}

/** Characters a Windows-1252 decoder gives for the five bytes that encoding leaves undefined. */
const UNDEFINED_IN_1252 = /[\u0081\u008d\u008f\u0090\u009d]/;
const UNDEFINED_IN_1252_ALL = /[\u0081\u008d\u008f\u0090\u009d]/g;

/**
 * A CSV file read as a stream: `open` reads just far enough to know the header,
 * `forEachRow` streams the rest. Rows are arrays of strings, never objects: the
 * column mapping is decided once from the header.
 *
 * Parsing is one chunk at a time (csv-scanner.ts, papaparse's reading of records):
 * each chunk is parsed up to its last complete row and the remainder carried into
 * the next, which keeps memory to about one chunk whatever the file size. Line
 * breaks are CRLF, LF or CR wherever they occur (mixed in one file, split across
 * chunks): each becomes LF before parsing. The few records that reading cannot
 * read (a stray quote, a quoted field that runs on and fails) are read again
 * leniently, and what was done is noted in `quoteNotes`.
 */
export class CsvReader extends QueuedRows {
  readonly kind = 'csv' as const;
  header: string[] = [];
  headerLine = 0;
  delimiter: Delimiter = ',';
  encoding: Encoding = 'utf-8';
  /** Bytes taken from the source so far, for progress. */
  bytesRead = 0;
  /** Characters that were not valid in the file's encoding, decoded as U+FFFD. */
  replacedCharacters = 0;
  /** Bytes undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D), read as \uFFFD. */
  undefinedBytes = 0;
  /** Where quotes were read leniently, and records that span many lines. */
  readonly quoteNotes: QuoteNote[] = [];

  private readonly chunks: AsyncIterator<Buffer>;
  private decoder: Decoder = createDecoder('utf-8');
  /**
   * Set while `text` holds the file's bytes, a byte per character (see ByteText), not
   * its characters: a read that keeps a few cells of each row (`readOnly`) of a UTF-8
   * file makes only those cells characters, and no decoding of the rest is paid for.
   */
  private bytes: ByteText | undefined;
  /** Whether the text may be taken as bytes once the decoder holds no part of a character. */
  private wantsBytes = false;
  /** Whether the last chunk decoded ended with a character that may go on in the next. */
  private decoderMayHold = false;
  private sourceDone = false;
  /** A CR at the end of a chunk: it may be the first half of a CRLF split across two chunks. */
  private carriedCr = false;
  private hasHeader = false;

  /** The text not yet consumed by the parser, and where it starts in the whole file. */
  private text = '';
  private textStart = 0;
  /** Line breaks before `textStart`, and up to `countedTo` within `text`: counted lazily, never twice. */
  private linesBeforeText = 0;
  private countedTo = 0;
  private linesCounted = 0;
  /**
   * Where the row being delivered starts and ends, counted as the text is (in characters, or in bytes while it is
   * taken as bytes) from the start of the file: only their distance from each other and from `textStart` is used.
   */
  private rowStart = 0;
  private rowEnd = 0;
  /** The line of a record delivered after a lenient reading, while its handler runs. */
  private repairedLine: number | undefined;

  private constructor(readonly source: Source) {
    super();
    this.chunks = source.chunks[Symbol.asyncIterator]();
  }

  static async open(source: Source, options: { endIsRecordBoundary?: boolean } = {}): Promise<CsvReader> {
    const reader = new CsvReader(source);
    reader.endIsRecordBoundary = options.endIsRecordBoundary === true;
    await reader.readHeader();
    return reader;
  }

  /**
   * A reader for a part of a file whose header another reader has read: the part's
   * rows start at `firstLine` of the file. When the part is not the file's last,
   * its end must fall between records; `boundaryBroken` says when it did not.
   */
  static openPart(source: Source, like: Pick<CsvReader, 'header' | 'delimiter' | 'encoding'>, firstLine: number, isLast: boolean): CsvReader {
    const reader = new CsvReader(source);
    reader.header = like.header;
    reader.delimiter = like.delimiter;
    reader.encoding = like.encoding;
    reader.decoder = createDecoder(like.encoding);
    reader.hasHeader = true;
    reader.linesBeforeText = firstLine - 1;
    reader.endIsRecordBoundary = !isLast;
    return reader;
  }

  /** The columns cut out of the text; undefined for all of them. */
  private columnsKept: ColumnsKept | undefined;
  /** The same columns, listed. */
  private keptIndexes: number[] = [];

  /**
   * From now on, cuts out of the text only these columns' cells, the others left
   * empty, unless a row's width is not the header's (see csv-scanner.ts): for a
   * read that looks at a few columns of every row. Rows read already keep every cell.
   */
  readOnly(columns: readonly number[]): void {
    this.columnsKept = keptColumns(columns, this.header.length);
    this.keptIndexes = this.columnsKept === undefined ? [] : [...this.columnsKept.keys()].filter((index) => this.columnsKept?.[index] === 1);
    this.wantsBytes = this.encoding === 'utf-8' && this.columnsKept !== undefined;
  }

  /** Set when a part of a file ended inside a quoted field: it was not cut between records. */
  boundaryBroken = false;
  private endIsRecordBoundary = false;

  /** From now on, reads only up to this byte of the file, which must fall between records (a first part). */
  limitTo(end: number): void {
    if (this.source.limit === undefined) throw new Error('only a regular file can be read in parts');
    this.source.limit(end);
    this.endIsRecordBoundary = true;
  }

  get name(): string {
    return this.source.name;
  }

  /** The input, as messages about its columns name it. */
  get where(): string {
    return this.source.name;
  }

  /** Bytes to read in all, for progress; unknown for standard input. */
  get size(): number | undefined {
    return this.source.size;
  }

  close(): void {
    this.source.close();
  }

  /** The line (1-based) on which the row being parsed starts. */
  private currentLine(): number {
    const start = this.rowStart - this.textStart;
    this.linesCounted += countOf(this.text, '\n', this.countedTo, start);
    this.countedTo = Math.max(this.countedTo, start);
    return this.linesBeforeText + this.linesCounted + 1;
  }

  /** Rows parsed along with the header are delivered later; their lines are remembered here. */
  private pendingLine: number | undefined;

  protected handling(line: number | undefined): void {
    this.pendingLine = line;
  }

  /** Parses one more chunk of the source; false once the source is exhausted and its last row parsed. */
  protected async pump(): Promise<boolean> {
    if (this.sourceDone) return false;
    const chunk = await this.nextChunk();
    if (chunk === undefined) {
      this.sourceDone = true;
      // A character cut short by the end of the file: decoded as the decoder ends it.
      const cut = this.bytes === undefined ? '' : this.textOf(this.leaveBytes());
      this.feed(cut + this.decoder.end(), true);
      return false;
    }
    this.feed(this.textOf(chunk), false);
    return true;
  }

  /**
   * A chunk's text: its bytes, while the text is taken as bytes (see `bytes`), else its
   * characters, decoded, counting those the decoder had to replace: a file whose start
   * is valid UTF-8 can still hold a Windows-1252 byte further on.
   */
  private textOf(chunk: Buffer): string {
    if (this.wantsBytes && this.bytes === undefined && !this.decoderMayHold) this.takeBytes();
    if (this.bytes !== undefined) {
      const bytes = this.bytes.write(chunk);
      if (bytes !== undefined) return bytes;
      // Not valid UTF-8: from here on, decoded, so that what cannot be read is counted as it always is.
      return this.textOf(this.leaveBytes());
    }
    this.decoderMayHold = chunk.length > 0 && (chunk.at(-1) ?? 0) > 0x7f;
    const text = this.decoder.write(chunk);
    if (text.includes(REPLACEMENT) && !chunk.includes(REPLACEMENT_BYTES)) {
      for (let at = text.indexOf(REPLACEMENT); at !== -1; at = text.indexOf(REPLACEMENT, at + 1)) this.replacedCharacters += 1;
    }
    if (this.encoding !== 'windows-1252' || !UNDEFINED_IN_1252.test(text)) return text;
    // The five bytes Windows-1252 leaves undefined are no character: shown as \uFFFD, as invalid UTF-8 is, and counted.
    this.undefinedBytes += text.match(UNDEFINED_IN_1252_ALL)?.length ?? 0;
    return text.replace(UNDEFINED_IN_1252_ALL, REPLACEMENT);
  }

  /**
   * From the next chunk on, the text is bytes: what is left of it is made bytes too.
   * Between parses, as here, no line of the text left has been counted (`consume` set
   * `countedTo` back to 0), so no count is measured in the other unit.
   */
  private takeBytes(): void {
    this.bytes = new ByteText();
    this.text = asBytes(this.text);
    this.parsedInVain = 0;
  }

  /** Back to characters for good (between parses, as `takeBytes`): the text left is decoded; the bytes not yet taken are handed back to decode. */
  private leaveBytes(): Buffer {
    const held = this.bytes?.release() ?? Buffer.alloc(0);
    this.bytes = undefined;
    this.wantsBytes = false;
    this.text = characters(this.text);
    this.parsedInVain = 0;
    return held;
  }

  /**
   * A row's cells as characters, when read as bytes: those kept, unless the row is not the header's width or was read
   * again leniently (`every`): every cell is then as written.
   */
  private asCharacters(cells: string[], every: boolean): void {
    if (!every && cells.length === this.columnsKept?.length) {
      for (const index of this.keptIndexes) cells[index] = characters(cells[index] ?? '');
      return;
    }
    for (let index = 0; index < cells.length; index += 1) cells[index] = characters(cells[index] ?? '');
  }

  /** Every line break as LF, a CR at the end held back until the next chunk tells whether an LF follows. */
  private normalizeLineBreaks(text: string, last: boolean): string {
    let normalized = this.carriedCr ? `\r${text}` : text;
    this.carriedCr = !last && normalized.endsWith('\r');
    if (this.carriedCr) normalized = normalized.slice(0, -1);
    return normalized.includes('\r') ? normalized.replace(/\r\n?/g, '\n') : normalized;
  }

  private async readHeader(): Promise<void> {
    const head: Buffer[] = [];
    let headBytes = 0;
    for (let chunk = await this.nextChunk(); chunk !== undefined; chunk = await this.nextChunk()) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES || chunk.includes(0x0a) || chunk.includes(0x0d)) break;
    }
    const start = Buffer.concat(head);
    const { encoding, bomLength } = detectEncoding(start);
    refuseBinary(this.name, start, encoding);
    this.encoding = encoding;
    this.decoder = createDecoder(encoding);
    const text = this.textOf(start.subarray(bomLength));
    const firstLine = text.split(/\r|\n/, 1)[0] ?? '';
    this.delimiter = detectDelimiter(firstLine);
    this.feed(text, false);
    while (!this.hasHeader && (await this.pump()));
    if (!this.hasHeader) throw inputError(`${this.name}: the file is empty (no header row)`);
  }

  /** Parses `more` after what was carried over; at the end, the carried row too. */
  private feed(more: string, last: boolean): void {
    this.text += this.normalizeLineBreaks(more, last);
    // A record this long is measured in characters, as it always was: its text is no longer taken as bytes.
    if (this.bytes !== undefined && this.text.length > MAX_ROW_CHARS) {
      const held = this.leaveBytes();
      this.text += this.textOf(held);
    }
    // A record that runs on (a quote not yet closed) is parsed again from its start with every chunk: parsed again
    // only once the text has doubled, the parses of a 16 MB record cost 32 MB of parsing, not 2 GB.
    if (!last && this.text.length < this.parsedInVain * 2 && this.text.length <= MAX_ROW_CHARS) return;
    const consumed = scanRecords(this.text, last, this.delimiter, this.onRecord, this.columnsKept, this.bytes !== undefined);
    this.parsedInVain = consumed === 0 ? this.text.length : 0;
    this.consume(consumed);
    if (!last && this.text.length > MAX_ROW_CHARS) this.readStuckRecord();
  }

  /** The length of the text the last parse consumed nothing of: a record still open. */
  private parsedInVain = 0;

  /** Drops the first `count` characters of the text (bytes, while it is taken as bytes), counting their lines. */
  private consume(count: number): void {
    this.linesBeforeText += this.linesCounted + countOf(this.text, '\n', this.countedTo, count);
    this.text = this.text.slice(count);
    this.textStart += count;
    this.countedTo = 0;
    this.linesCounted = 0;
  }

  /**
   * A record has grown past MAX_ROW_CHARS without ending: a quote that never
   * closes. Its whole lines so far are read leniently (the quote as a plain
   * character), so the rows it swallowed are read after all, and memory stays bounded.
   */
  private readStuckRecord(): void {
    const end = this.text.lastIndexOf('\n') + 1;
    if (end === 0) throw inputError(`${this.name}: line ${this.linesBeforeText + 1}: one line is longer than ${MAX_ROW_CHARS} characters`);
    this.rowStart = this.textStart;
    this.readAgain(this.text.slice(0, end), this.currentLine());
    this.consume(end);
  }

  /** Reads one failed record's text again leniently and delivers the records found in it. */
  private readAgain(raw: string, firstLine: number): void {
    const { repairs } = readLeniently(raw, this.delimiter, this.header.length, (record) => {
      if (record.cells.length === 1 && record.cells[0] === '') return;
      this.deliver(record.cells, firstLine + record.firstLine, true);
    });
    for (const repair of repairs) {
      this.quoteNotes.push({
        kind: repair.kind,
        line: firstLine + repair.line,
        closedAtLine: repair.closedAtLine === undefined ? undefined : firstLine + repair.closedAtLine,
      });
    }
  }

  private deliver(cells: string[], line: number | undefined, every = false): void {
    if (this.bytes !== undefined) this.asCharacters(cells, every);
    if (this.handler) {
      this.repairedLine = line;
      this.handler(cells);
      this.repairedLine = undefined;
    } else {
      this.pending.push([cells, line ?? this.currentLine()]);
    }
  }

  private readonly onRecord = (cells: string[], start: number, end: number, errors: readonly ParseError[]): void => {
    this.rowStart = this.textStart + start;
    this.rowEnd = this.textStart + end;
    // A blank line parses as one empty field: it is not a row.
    if (cells.length === 1 && cells[0] === '' && errors.length === 0) return;
    if (!this.hasHeader) {
      this.hasHeader = true;
      this.header = cells;
      this.headerLine = this.currentLine();
      return;
    }
    const raw = (): string => this.text.slice(this.rowStart - this.textStart, this.rowEnd - this.textStart);
    if (this.endIsRecordBoundary && errors.some((error) => error.code === 'MissingQuotes')) {
      // A part of a file that ends inside a quoted field was cut in the wrong place: its reader stops here.
      this.boundaryBroken = true;
      return;
    }
    const quoteTrouble = errors.some(isQuoteError);
    // How long a record is, in characters: text taken as bytes is made characters for it (only a long one).
    const written = (): string => (this.bytes === undefined ? raw() : characters(raw()));
    const long = this.rowEnd - this.rowStart > LONG_RECORD_CHARS && written().length > LONG_RECORD_CHARS;
    if (quoteTrouble || (long && cells.length !== this.header.length && written().trimEnd().includes('\n'))) {
      this.readAgain(raw(), this.currentLine());
      return;
    }
    if (long) this.noteLongRecord(written());
    this.deliver(cells, undefined);
  };

  private noteLongRecord(raw: string): void {
    const lines = countOf(raw.trimEnd(), '\n', 0, raw.length) + 1;
    if (lines > LONG_RECORD_LINES) this.quoteNotes.push({ kind: 'long-record', line: this.currentLine(), lines });
  }

  /** The line of the row being handled, including rows parsed before `forEachRow` began. */
  protected headerPosition(): number {
    return this.headerLine;
  }

  lineOfCurrentRow(): number {
    return this.repairedLine ?? this.pendingLine ?? this.currentLine();
  }

  private async nextChunk(): Promise<Buffer | undefined> {
    try {
      const next = await this.chunks.next();
      if (next.done) return undefined;
      this.bytesRead += next.value.length;
      return next.value;
    } catch (error) {
      throw inputError(`${this.name}: cannot be read (${(error as Error).message})`);
    }
  }
}
