import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parquetMetadataAsync, parquetScan, parquetSchema, type AsyncBuffer, type Compressors, type FileMetaData, type ParquetScan, type SchemaElement } from 'hyparquet';
import { compressors as extraCodecs } from 'hyparquet-compressors';
import { inputError } from '../errors.js';
import { keptColumns, QueuedRows } from './queued-rows.js';
import type { Source } from './source.js';

/**
 * A Parquet file read as rows of strings, with the same surface as `CsvReader`: the
 * header is the table's column names, and each value reads as a CSV export of the
 * table would show it. The file is read one row group at a time (hyparquet decodes a
 * row group's columns, then its rows are handed on and let go), so memory stays flat
 * however many row groups there are. A row is named by its line in such an export:
 * the header is line 1, the first row line 2.
 */

/** Rows made text and handed on at a time: a tenth of DuckDB's row group, measured a third faster than whole groups. */
const STRETCH_ROWS = 8_192;

/** The magic bytes a Parquet file starts (and ends) with. */
export const PARQUET_MAGIC = Buffer.from('PAR1');

/**
 * The codecs past hyparquet's own: Gzip, Zstandard, Brotli and LZ4 (BigQuery, Spark and
 * pandas can write them). Snappy, the commonest, is left to hyparquet's own decoder,
 * measured faster here than the WebAssembly one.
 */
const CODECS: Compressors = { ...extraCodecs, SNAPPY: undefined };

/** Positioned reads of a regular file: what hyparquet asks for, from the footer back. */
function fileBuffer(path: string): { buffer: AsyncBuffer; close: () => void } {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    buffer: {
      byteLength: size,
      slice(start: number, end?: number): ArrayBuffer {
        const length = (end ?? size) - start;
        const bytes = new Uint8Array(length);
        let read = 0;
        while (read < length) {
          const got = readSync(fd, bytes, read, length - read, start + read);
          if (got === 0) break;
          read += got;
        }
        return bytes.buffer;
      },
    },
    close: () => closeSync(fd),
  };
}

/** A pipe cannot be read from its end: its bytes are held in memory first. */
async function memoryBuffer(source: Source): Promise<AsyncBuffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source.chunks) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  return { byteLength: bytes.length, slice: (start: number, end?: number) => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.length)) };
}

const TWO_DIGITS = (value: number): string => String(value).padStart(2, '0');

/** A moment as ISO 8601 in UTC, with a fraction only when it has one: "2025-01-23T14:45:15Z". */
function isoMoment(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** How a column's values become text: by its logical type where the value alone does not tell (a DATE is a Date too). */
type Cell = (value: unknown) => string;

/** Rows `from` to `to` of a decoded column as text; typed arrays (numbers, 64-bit integers) without a test per value. */
function columnText(values: ArrayLike<unknown>, from: number, to: number, cell: Cell): string[] {
  const texts = new Array<string>(to - from);
  if (ArrayBuffer.isView(values)) {
    for (let at = from; at < to; at += 1) texts[at - from] = String(values[at]);
  } else {
    for (let at = from; at < to; at += 1) texts[at - from] = cell(values[at]);
  }
  return texts;
}

function cellOf(element: SchemaElement | undefined): Cell {
  const isDate = element?.logical_type?.type === 'DATE' || element?.converted_type === 'DATE';
  const text = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
    if (value instanceof Date) {
      if (!isDate) return isoMoment(value);
      return `${value.getUTCFullYear()}-${TWO_DIGITS(value.getUTCMonth() + 1)}-${TWO_DIGITS(value.getUTCDate())}`;
    }
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    return JSON.stringify(value, (_, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner));
  };
  return text;
}

export class ParquetReader extends QueuedRows {
  readonly kind = 'parquet' as const;
  header: string[];
  /** Bytes of the row groups read so far, and in all: for progress. */
  bytesRead = 0;
  readonly size: number;
  private readonly cells: Cell[];
  private scan: ParquetScan | undefined;
  /** The row group being handed on, decoded, column by column; its rows, from the file's first. */
  private decoded: Array<ArrayLike<unknown> | undefined> | undefined;
  private nextGroup = 0;
  private groupStart = 0;
  private groupEnd = 0;
  private rowStart = 0;
  private line = 1;
  private handledLine = 0;
  private closed = false;
  /** The columns decoded (1, see `readOnly`); undefined for all of them. */
  private columnsRead: Uint8Array | undefined;

  private constructor(
    private readonly source: Source,
    private readonly file: AsyncBuffer,
    private readonly metadata: FileMetaData,
    private readonly release: () => void,
  ) {
    super();
    const columns = parquetSchema(metadata).children;
    this.header = columns.map((column) => column.element.name);
    this.cells = columns.map((column) => cellOf(column.element));
    this.size = metadata.row_groups.reduce((sum, group) => sum + Number(group.total_byte_size), 0);
  }

  /** Opens a Parquet file far enough to know its columns: its footer. */
  static async open(source: Source): Promise<ParquetReader> {
    let opened: { buffer: AsyncBuffer; close: () => void } | undefined;
    try {
      if (source.path !== undefined) {
        source.close();
        opened = fileBuffer(source.path);
      } else {
        opened = { buffer: await memoryBuffer(source), close: () => undefined };
      }
      const metadata = await parquetMetadataAsync(opened.buffer);
      return new ParquetReader(source, opened.buffer, metadata, opened.close);
    } catch (error) {
      opened?.close();
      throw inputError(`${source.name}: this Parquet file cannot be read (${(error as Error).message})`);
    }
  }

  /** A Parquet file's column names are its schema's: line 1, before every row. */
  protected headerPosition(): number {
    return 1;
  }

  get name(): string {
    return this.source.name;
  }

  get where(): string {
    return this.source.name;
  }

  /** The line a CSV export of the table would give the row being handled. */
  lineOfCurrentRow(): number {
    return this.handledLine;
  }

  protected handling(line: number | undefined): void {
    if (line !== undefined) this.handledLine = line;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
  }

  /**
   * Hands on the next stretch of rows (or keeps them while the header is still being
   * looked at). hyparquet decodes each column of a row group once; its values become
   * text a stretch of rows at a time, so that few live long enough to cost the garbage
   * collector a full collection.
   */
  protected async pump(): Promise<boolean> {
    if (this.closed) return false;
    if (this.decoded === undefined || this.rowStart >= this.groupEnd) {
      const read = await this.readGroup();
      if (!read) return false;
    }
    const decoded = this.decoded ?? [];
    const from = this.rowStart - this.groupStart;
    const to = Math.min(this.groupEnd, this.rowStart + STRETCH_ROWS) - this.groupStart;
    // A column not read gives no text: its cells are empty.
    const columns = decoded.map((values, at) => (values === undefined ? undefined : columnText(values, from, to, this.cells[at] ?? String)));
    this.rowStart = this.groupStart + to;
    this.deliver(columns, to - from);
    return true;
  }

  /**
   * From the next row group on, decodes only these columns, the others' cells left
   * empty: for a read that looks at a few columns of every row. Every row of a table
   * has its width, so no other cell is ever shown. Rows read already keep every cell.
   * A column not decoded is not checked either: damage in it (or a codec nps lacks)
   * is found only by a read that needs it, as with any reader of a columnar file.
   */
  readOnly(columns: readonly number[]): void {
    this.columnsRead = keptColumns(columns, this.header.length);
  }

  /** Decodes the columns read of the next row group; false when there is none left. */
  private async readGroup(): Promise<boolean> {
    const group = this.metadata.row_groups[this.nextGroup];
    this.decoded = undefined;
    if (group === undefined) {
      this.close();
      return false;
    }
    const rowStart = this.groupEnd;
    const rowEnd = rowStart + Number(group.num_rows);
    try {
      this.scan ??= await parquetScan({ file: this.file, metadata: this.metadata, compressors: CODECS, useOffsetIndex: false });
      const decoded: Array<ArrayLike<unknown> | undefined> = [];
      for (const [index, name] of this.header.entries()) {
        const read = this.columnsRead === undefined || this.columnsRead[index] === 1;
        decoded.push(read ? await this.scan.readColumn({ column: name, rowStart, rowEnd }) : undefined);
      }
      this.decoded = decoded;
    } catch (error) {
      this.close();
      throw inputError(`${this.name}: row group ${this.nextGroup + 1} of this Parquet file cannot be read (${(error as Error).message})`);
    }
    this.nextGroup += 1;
    this.groupStart = rowStart;
    this.groupEnd = rowEnd;
    this.rowStart = rowStart;
    this.bytesRead += Number(group.total_byte_size);
    return true;
  }

  private deliver(columns: ReadonlyArray<readonly string[] | undefined>, rows: number): void {
    const width = columns.length;
    for (let row = 0; row < rows; row += 1) {
      const cells = new Array<string>(width);
      for (let column = 0; column < width; column += 1) cells[column] = columns[column]?.[row] ?? '';
      this.line += 1;
      if (this.handler) {
        this.handledLine = this.line;
        this.handler(cells);
      } else {
        this.pending.push([cells, this.line]);
      }
    }
  }
}
