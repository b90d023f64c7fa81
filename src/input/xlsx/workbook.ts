import { close, closeSync, fstatSync, openSync, read } from 'node:fs';
import { posix } from 'node:path';
import { Readable, type TransformOptions } from 'node:stream';
import { setImmediate as immediate } from 'node:timers/promises';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import { yauzl, type Entry, type ZipFile } from '../../libraries/yauzl.js';
import type { SheetInfo } from '../../core/columns-report.js';
import { inputError, NpsError } from '../../errors.js';
import type { Source } from '../source.js';
import { checkDeclared, oversized, type UnzipLimits } from './limits.js';
import { BUILT_IN_FORMATS, formatKind, type NumberKind } from './values.js';
import { attribute, xmlParser, XmlBytes, type Shortcut, type XmlHandlers } from './xml.js';
import { SharedStrings, SharedStringsReader, sharedStringsEvents } from './shared-strings.js';
import { clipList, quote } from '../../core/clip.js';

/** A workbook's zip and its small parts: the sheets, their relationships, the styles and the shared strings. */

/** What yauzl, zlib and the XML reader say of a file they cannot read, as the one line `nps` prints. */
export function damaged(name: string, error: unknown): NpsError {
  if (error instanceof NpsError) return error;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  // yauzl's words for a zip with no end: the usual case, a download cut short.
  const detail = /end of central directory/i.test(message) ? 'the zip archive it is stored in has no end: was it cut short?' : message.replace(/\.$/, '');
  return inputError(`${name}: this Excel workbook cannot be read, it is damaged or incomplete (${detail}); open it in Excel and save it again, or save it as "CSV UTF-8"`);
}

/** An error of a part's XML, named by its part. */
export function partError(part: string, error: unknown): Error {
  if (error instanceof NpsError) return error;
  return new Error(`${part}: ${error instanceof Error ? error.message.replace(/\.$/, '') : String(error)}`);
}

/**
 * A part inflates in chunks of 256 KiB: each chunk inflated on zlib's thread waits for
 * this one to take it, so fewer chunks wait less (paired on a 1M-row sheet: 0.93 of the
 * time of 64 KiB at 120 KiB, and 0.95 of 120 KiB's at 256 KiB). Its text is decoded in
 * smaller pieces (XmlBytes): a text of 128 KB or more is one of V8's large objects, each
 * allocated and freed by the system (chunks of 256 KiB decoded whole took 1.6 times as long).
 */
export const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * A part inflates on another thread while its XML is read, up to this far ahead: with one
 * chunk ahead (the stream's default) the reading waited on the inflating for a tenth of
 * its time. (Node's zlib streams take a stream's options; its types do not say so.)
 */
const INFLATE_OPTIONS: ZlibOptions & Pick<TransformOptions, 'readableHighWaterMark'> = { chunkSize: INFLATE_CHUNK_BYTES, readableHighWaterMark: 1 << 20 };

/** The shared strings table, held whole: past this many bytes of XML it would not fit in memory anyway. */
const MAX_SHARED_STRINGS_BYTES = 2 ** 30;

/** The workbook parts `nps` reads, by the relationship types that name them (transitional or strict OOXML). */
const relationType = (type: string): string => type.slice(type.lastIndexOf('/') + 1);

/** An opened workbook: its list of sheets, its styles' date formats, its shared strings. */
export class Workbook {
  sheets: SheetInfo[] = [];
  date1904 = false;
  /** For each cell style (a cell's `s`), how its number format shows numbers. */
  numberKinds: NumberKind[] = [];
  readonly sharedStrings = new SharedStrings();
  private readonly entries = new Map<string, Entry>();
  /** Each sheet's part in the zip, by its number. */
  private readonly sheetParts = new Map<number, string>();
  /** The declared sizes of the parts opened so far: what the workbook has unzipped, or may, against the ceiling. */
  private unzipped = 0;

  private constructor(
    readonly name: string,
    private readonly zip: ZipFile,
    private readonly limits: UnzipLimits,
  ) {}

  static async open(source: Source, limits: UnzipLimits): Promise<Workbook> {
    const zip = await openZip(source).catch((error: unknown) => {
      throw damaged(source.name, error);
    });
    const workbook = new Workbook(source.name, zip, limits);
    try {
      await workbook.readEntries();
      await workbook.readStructure();
    } catch (error) {
      workbook.close();
      throw damaged(source.name, error);
    }
    return workbook;
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }

  private readEntries(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.zip.on('entry', (entry: Entry) => {
        // Part names are case-insensitive (ECMA-376 part 2, 9.1.1.1).
        this.entries.set(entry.fileName.toLowerCase(), entry);
        this.zip.readEntry();
      });
      this.zip.once('end', () => resolve());
      this.zip.once('error', reject);
      this.zip.readEntry();
    });
  }

  private entry(path: string): Entry | undefined {
    return this.entries.get(path.replace(/^\//, '').toLowerCase());
  }

  /**
   * A part's bytes, inflated, as chunks. yauzl hands over the deflated bytes and
   * zlib inflates them here, in chunks of INFLATE_CHUNK_BYTES rather than zlib's
   * default 16 KiB (64 KiB measured 0.3 s less on a 1M-row sheet, 120 KiB and 256 KiB
   * less again). Before a byte is inflated, the part's declared size is held to
   * the limits (limits.ts); as it inflates, its bytes are held to that declared size,
   * so a zip that lies about it stops at once, not at its end.
   */
  async openPart(path: string): Promise<{ chunks: AsyncGenerator<Buffer>; size: number; close: () => void }> {
    const entry = this.entry(path);
    if (entry === undefined) throw new Error(`${path} is missing`);
    if (entry.isEncrypted()) throw inputError(`${this.name}: this workbook is protected by a password: save it again without one, or save it as "CSV UTF-8"`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`${path} is compressed by method ${entry.compressionMethod}, which Excel does not use`);
    const size = entry.uncompressedSize;
    checkDeclared(this.name, { path, zipped: entry.compressedSize, size }, this.unzipped, this.limits);
    this.unzipped += size;
    const raw = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, { decodeFileData: false }, (error, stream) => (error ? reject(error) : resolve(stream)));
    });
    const stream = entry.compressionMethod === 0 ? raw : raw.pipe(createInflateRaw(INFLATE_OPTIONS));
    if (stream !== raw) raw.once('error', (error) => stream.destroy(error));
    async function* chunks(): AsyncGenerator<Buffer> {
      let read = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.length;
        if (read > size) throw oversized(size);
        // One turn of the event loop first: zlib asks its thread for the next chunk from a callback on this one, and
        // chunks already buffered would be read one after another with none, the inflating stopped meanwhile.
        await immediate();
        yield chunk;
      }
      if (read !== size) throw new Error(`it holds ${read} bytes where the zip says ${size}`);
    }
    return {
      chunks: chunks(),
      size,
      close: () => {
        raw.destroy();
        stream.destroy();
      },
    };
  }

  /** Parses a whole part with `handlers`; a part that is absent is nothing to parse when `optional`. */
  private async parsePart(path: string | undefined, handlers: XmlHandlers, optional = false, shortcut?: Shortcut): Promise<void> {
    if (path === undefined || this.entry(path) === undefined) {
      if (optional) return;
      throw new Error(`${path ?? 'a required part'} is missing`);
    }
    await this.readPart(path, new XmlBytes(xmlParser(handlers, undefined, shortcut)));
  }

  /** Hands a part's bytes to `reader`, chunk by chunk, then ends it. */
  private async readPart(path: string, reader: { write(chunk: Buffer): void; end(): void }): Promise<void> {
    const { chunks, close } = await this.openPart(path);
    try {
      for await (const chunk of chunks) reader.write(chunk);
      reader.end();
    } catch (error) {
      throw partError(path, error);
    } finally {
      // A part that fails half-way still holds the zip's file open through its streams.
      close();
    }
  }

  /** The relationships of a part: id to target part and type. */
  private async relationships(part: string): Promise<Map<string, { target: string; type: string }>> {
    const folder = posix.dirname(part);
    const rels = posix.join(folder, '_rels', `${posix.basename(part)}.rels`);
    const found = new Map<string, { target: string; type: string }>();
    await this.parsePart(
      rels,
      {
        open: (name, attributes) => {
          if (name !== 'Relationship' || attributes['TargetMode'] === 'External') return;
          const target = attributes['Target'] ?? '';
          const path = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(folder, target));
          found.set(attributes['Id'] ?? '', { target: path, type: relationType(attributes['Type'] ?? '') });
        },
      },
      true,
    );
    return found;
  }

  private async readStructure(): Promise<void> {
    if (this.entry('mimetype') !== undefined && this.entry('content.xml') !== undefined) {
      throw inputError(`${this.name}: this is an OpenDocument spreadsheet (.ods), not an Excel workbook: save it as .xlsx or as "CSV UTF-8"`);
    }
    const root = await this.relationships('');
    const workbookPart = [...root.values()].find((rel) => rel.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
    if (workbookPart.toLowerCase().endsWith('.bin')) {
      throw inputError(`${this.name}: this is an Excel binary workbook (.xlsb), not .xlsx: open it in Excel and save it as .xlsx or as "CSV UTF-8"`);
    }
    if (this.entry(workbookPart) === undefined) {
      throw inputError(`${this.name}: this is a zip archive, not an Excel workbook (it has no ${workbookPart}): save the table as .xlsx or as "CSV UTF-8"`);
    }
    const parts = await this.relationships(workbookPart);
    const declared: Array<{ name: string; hidden: boolean; id: string }> = [];
    await this.parsePart(workbookPart, {
      open: (name, attributes) => {
        if (name === 'workbookPr') this.date1904 = ['1', 'true'].includes(attributes['date1904'] ?? '');
        if (name === 'sheet') {
          declared.push({ name: attributes['name'] ?? '', hidden: (attributes['state'] ?? 'visible') !== 'visible', id: attribute(attributes, 'id') ?? '' });
        }
      },
    });
    this.sheets = declared.map((sheet, index) => {
      const part = parts.get(sheet.id);
      const kind = part?.type === 'worksheet' ? 'worksheet' : part?.type === 'chartsheet' ? 'chart' : 'other';
      if (part !== undefined) this.sheetParts.set(index + 1, part.target);
      return { number: index + 1, name: sheet.name, hidden: sheet.hidden, kind };
    });
    const partOf = (type: string, fallback: string): string => [...parts.values()].find((rel) => rel.type === type)?.target ?? fallback;
    await this.readStyles(partOf('styles', posix.join(posix.dirname(workbookPart), 'styles.xml')));
    await this.readSharedStrings(partOf('sharedStrings', posix.join(posix.dirname(workbookPart), 'sharedStrings.xml')));
  }

  /** Which cell styles show numbers as dates or times: custom formats by their code, built-in ones by their number. */
  private async readStyles(path: string): Promise<void> {
    const custom = new Map<number, string>();
    const formats: number[] = [];
    let inCellXfs = false;
    await this.parsePart(
      path,
      {
        open: (name, attributes) => {
          if (name === 'numFmt') custom.set(Number(attributes['numFmtId']), attributes['formatCode'] ?? '');
          else if (name === 'cellXfs') inCellXfs = true;
          else if (name === 'xf' && inCellXfs) formats.push(Number(attributes['numFmtId'] ?? 0));
        },
        close: (name) => {
          if (name === 'cellXfs') inCellXfs = false;
        },
      },
      true,
    );
    this.numberKinds = formats.map((id) => {
      const code = custom.get(id);
      return code === undefined ? BUILT_IN_FORMATS[id] : formatKind(code);
    });
  }

  /** The shared strings, in memory (shared-strings.ts). */
  private async readSharedStrings(path: string): Promise<void> {
    const entry = this.entry(path);
    if (entry === undefined) return;
    if (entry.uncompressedSize > MAX_SHARED_STRINGS_BYTES) {
      throw inputError(`${this.name}: the workbook's table of texts is over ${MAX_SHARED_STRINGS_BYTES / 2 ** 30} GiB, too large to hold in memory: save the sheet as "CSV UTF-8"`);
    }
    const strings = this.sharedStrings;
    await this.readPart(path, new SharedStringsReader(strings, sharedStringsEvents(strings)));
    strings.seal();
  }

  /**
   * The sheet `--sheet` names (a name, any case, or a number from 1), or the first
   * visible worksheet; a clear error naming the sheets when there is no such sheet.
   */
  chooseSheet(wanted: string | undefined): SheetInfo {
    const list = (): string => clipList(this.sheets.map((sheet) => `${sheet.number} ${quote(sheet.name)}`));
    if (wanted === undefined) {
      const first = this.sheets.find((sheet) => sheet.kind === 'worksheet' && !sheet.hidden) ?? this.sheets.find((sheet) => sheet.kind === 'worksheet');
      if (first === undefined) throw inputError(`${this.name}: the workbook has no sheet of cells${this.sheets.length > 0 ? ` (its sheets: ${list()})` : ''}`);
      return first;
    }
    const trimmed = wanted.trim();
    const sheet =
      this.sheets.find((candidate) => candidate.name === wanted) ??
      this.sheets.find((candidate) => candidate.name.trim().toLowerCase() === trimmed.toLowerCase()) ??
      (/^\d+$/.test(trimmed) ? this.sheets[Number(trimmed) - 1] : undefined);
    if (sheet === undefined) {
      throw inputError(`${this.name}: no sheet ${/^\d+$/.test(trimmed) ? trimmed : `named ${quote(wanted)}`}; the sheets are: ${list()}. Choose one with --sheet NAME or NUMBER`);
    }
    if (sheet.kind !== 'worksheet') {
      throw inputError(`${this.name}: sheet ${quote(sheet.name)} is a ${sheet.kind === 'chart' ? 'chart' : 'sheet of another kind'}, not cells; the sheets are: ${list()}`);
    }
    return sheet;
  }

  partOf(sheet: SheetInfo): string {
    const part = this.sheetParts.get(sheet.number);
    if (part === undefined) throw damaged(this.name, new Error(`sheet ${quote(sheet.name)} has no part`));
    return part;
  }
}

/** How much of a part's deflated bytes is read at a time. */
const READ_BYTES = 256 * 1024;

/**
 * A workbook file as yauzl reads it, by position. yauzl's own reader streams a part's
 * deflated bytes 16 KiB at a time, and each read is asked for by this thread, busy
 * parsing the XML inflated before it: in reads of 256 KiB, a plain `score` of the
 * 1M-row workbook took 0.94 of the time (paired, 11 runs). Its descriptor is closed
 * once, when the zip is (yauzl calls `close` when the last stream and the zip let go).
 */
class WorkbookFile extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new FileRange(this.fd, start, end);
  }

  /** A small read (the zip's directory, a part's header) in one call, not a stream. */
  // yauzl's callback also takes the bytes read, to tell a zip cut short (its type leaves them out).
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null, bytesRead?: number) => void): void {
    read(this.fd, buffer, offset, length, position, (error, bytesRead) => callback(error, bytesRead));
  }

  override close(callback: (error: Error | null) => void): void {
    close(this.fd, callback);
  }
}

/**
 * Bytes `start` to `end` of a file, read by position: not a stream of node:fs, which
 * closes the descriptor it reads when destroyed, and this one is the zip's, for all its parts.
 */
class FileRange extends Readable {
  private position: number;

  constructor(
    private readonly fd: number,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: READ_BYTES });
    this.position = start;
  }

  override _read(size: number): void {
    const length = Math.min(size, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = Buffer.allocUnsafe(length);
    read(this.fd, buffer, 0, length, this.position, (error, bytesRead) => {
      if (error) this.destroy(error);
      else if (bytesRead === 0) this.push(null);
      else {
        this.position += bytesRead;
        this.push(bytesRead < length ? buffer.subarray(0, bytesRead) : buffer);
      }
    });
  }
}

/** Reads the zip from the file itself, by position; a pipe's bytes are gathered first, since a zip is read from its end. */
export async function openZip(source: Source): Promise<ZipFile> {
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true };
  if (source.path !== undefined) {
    const path = source.path;
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } finally {
      source.close();
    }
    let size: number;
    try {
      size = fstatSync(fd).size;
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new Promise((resolve, reject) =>
      yauzl.fromRandomAccessReader(new WorkbookFile(fd), size, options, (error, zip) => {
        if (error) {
          // A file that is no zip is let go here: yauzl closes only a zip it has opened.
          closeSync(fd);
          reject(error);
        } else resolve(zip);
      }),
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of source.chunks) chunks.push(chunk);
  const buffer = Buffer.concat(chunks);
  return new Promise((resolve, reject) => yauzl.fromBuffer(buffer, options, (error, zip) => (error ? reject(error) : resolve(zip))));
}
