import { CsvError, Parser } from 'csv-parse';
import { finished } from 'node:stream/promises';
import { inputError } from '../errors.js';
import type { Source } from './source.js';

/** Called once per data row: its fields, and the line of the file it starts on (1-based). */
export type RowHandler = (cells: string[], line: number) => void;

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** Enough of the start of a file to see its first line; a header longer than this is still parsed in full. */
const SNIFF_BYTES = 64 * 1024;

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

function firstLineOf(head: Buffer): string {
  const text = head.subarray(head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0).toString('utf8');
  const end = text.search(/\r|\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** Spreadsheets saved under a .csv name are common; say what to do instead of parsing bytes. */
function refuseBinary(name: string, head: Buffer): void {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw inputError(`${name}: this is an Excel workbook (.xlsx), not CSV: open it and save it as "CSV UTF-8"`);
  }
  if (head.subarray(0, 4).equals(OLE_MAGIC)) {
    throw inputError(`${name}: this is an old Excel workbook (.xls), not CSV: open it and save it as "CSV UTF-8"`);
  }
  if (head.includes(0)) {
    throw inputError(`${name}: this is a binary file, not CSV text: export it from its program as "CSV UTF-8"`);
  }
}

function describeCsvError(name: string, error: CsvError, line: number): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${name}: line ${line}: a quoted field is never closed (a " with no closing ")`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `${name}: line ${error.lines}: a closing quote is followed by other text instead of a delimiter`;
    default:
      return `${name}: line ${error.lines}: malformed CSV (${error.message})`;
  }
}

/**
 * A CSV file read as a stream: `open` reads just far enough to know the header,
 * `forEachRow` streams the rest. Rows are arrays of strings, never objects: the
 * column mapping is decided once from the header.
 */
export class CsvReader {
  header: string[] = [];
  headerLine = 0;
  delimiter: Delimiter = ',';

  private readonly chunks: AsyncIterator<Buffer>;
  private parser: Parser | undefined;
  private handler: RowHandler | undefined;
  private pending: Array<[string[], number]> = [];
  private hasHeader = false;
  private lastEndLine = 0;
  private lastEmptyLines = 0;
  private failure: unknown;

  private constructor(readonly source: Source) {
    this.chunks = source.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }

  static async open(source: Source): Promise<CsvReader> {
    const reader = new CsvReader(source);
    await reader.readHeader();
    return reader;
  }

  get name(): string {
    return this.source.name;
  }

  /** Streams every data row to `handler`; `afterChunk` lets the caller wait for its outputs to drain. */
  async forEachRow(handler: RowHandler, afterChunk?: () => Promise<void> | undefined): Promise<void> {
    this.handler = handler;
    for (const [cells, line] of this.pending) handler(cells, line);
    this.pending = [];
    const parser = this.requireParser();
    for (let chunk = await this.nextChunk(); chunk !== undefined; chunk = await this.nextChunk()) {
      this.throwIfFailed();
      parser.write(chunk);
      await afterChunk?.();
    }
    this.throwIfFailed();
    parser.end();
    await this.settle(finished(parser));
  }

  private async readHeader(): Promise<void> {
    const head: Buffer[] = [];
    let headBytes = 0;
    let chunk = await this.nextChunk();
    while (chunk !== undefined) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES || chunk.includes(0x0a) || chunk.includes(0x0d)) break;
      chunk = await this.nextChunk();
    }
    const start = Buffer.concat(head);
    refuseBinary(this.name, start);
    this.delimiter = detectDelimiter(firstLineOf(start));
    const parser = this.createParser();
    for (const piece of head) parser.write(piece);
    while (!this.hasHeader) {
      this.throwIfFailed();
      const next = await this.nextChunk();
      if (next === undefined) break;
      parser.write(next);
    }
    if (!this.hasHeader) {
      parser.end();
      await this.settle(finished(parser));
    }
    if (!this.hasHeader) throw inputError(`${this.name}: the file is empty (no header row)`);
  }

  private createParser(): Parser {
    this.parser = new Parser({
      delimiter: this.delimiter,
      bom: true,
      skip_empty_lines: true,
      // Real exports hold stray quotes inside unquoted text; keep them as written.
      relax_quotes: true,
      // A row of the wrong length is rejected per row with its line, not fatal for the file.
      relax_column_count: true,
      on_record: (record: string[], context) => {
        const line = this.lastEndLine + 1 + (context.empty_lines - this.lastEmptyLines);
        this.lastEndLine = context.lines;
        this.lastEmptyLines = context.empty_lines;
        this.accept(record, line);
        return null;
      },
    });
    this.parser.on('error', (error) => {
      this.failure ??= error;
    });
    this.parser.resume();
    return this.parser;
  }

  private accept(record: string[], line: number): void {
    if (!this.hasHeader) {
      this.hasHeader = true;
      this.header = record;
      this.headerLine = line;
    } else if (this.handler) {
      this.handler(record, line);
    } else {
      this.pending.push([record, line]);
    }
  }

  private requireParser(): Parser {
    if (!this.parser) throw new Error('CsvReader used before open()');
    return this.parser;
  }

  private async nextChunk(): Promise<Buffer | undefined> {
    try {
      const next = await this.chunks.next();
      return next.done ? undefined : next.value;
    } catch (error) {
      throw inputError(`${this.name}: cannot be read (${(error as Error).message})`);
    }
  }

  private async settle(done: Promise<void>): Promise<void> {
    try {
      await done;
    } catch (error) {
      this.failure ??= error;
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    const error = this.failure;
    if (error === undefined) return;
    if (error instanceof CsvError) throw inputError(describeCsvError(this.name, error, this.lastEndLine + 1));
    throw error;
  }
}
