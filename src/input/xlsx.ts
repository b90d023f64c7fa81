import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { inputError, NpsError } from '../errors.js';
import { QueuedRows } from './queued-rows.js';
import { DAY_MS } from './dates.js';
import type { SheetInfo } from '../core/columns-report.js';
import type { Source } from './source.js';

/**
 * Reading an Excel workbook (.xlsx): a zip of XML parts. The zip is read from its
 * end (its central directory) with yauzl, which inflates one part at a time as a
 * stream; each part is parsed by saxes, a streaming XML parser. The small parts
 * (the workbook's sheet list, the relationships, the styles) are read whole; the
 * shared strings table is held in memory, as every reader of the format must,
 * since any cell may refer to any string; the sheet itself is streamed row by row,
 * so memory does not grow with its rows.
 *
 * Each row becomes an array of strings, as a CSV row would be, with cells at the
 * position of their column (A is the first), the missing ones empty: the read
 * pipeline cannot tell the two apart. Cells read as Excel's own "Save as CSV"
 * writes them, where it matters to `nps`: dates as ISO dates, numbers without the
 * float noise of their binary form, booleans as TRUE and FALSE, a formula as its
 * saved value.
 */

/** A sheet of the workbook, in the order of its tabs. */

/** How a number format shows a number: a calendar date, a date and time, a time of day, or a number. */
type NumberKind = 'date' | 'datetime' | 'time' | undefined;

/** Built-in formats that show dates and times (ECMA-376, 18.8.30); 46 ([h]:mm:ss) is a duration, a number. */
const BUILT_IN_FORMATS: Record<number, NumberKind> = {
  14: 'date',
  15: 'date',
  16: 'date',
  17: 'date',
  18: 'time',
  19: 'time',
  20: 'time',
  21: 'time',
  22: 'datetime',
  45: 'time',
  47: 'time',
};

/**
 * What a format code shows, from its first section (the one for positive numbers):
 * text in quotes, escaped characters, colours and locales say nothing; `m` beside
 * an hour or a second is minutes; `[h]` is a duration.
 */
export function formatKind(code: string): NumberKind {
  const bare = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/am\/pm|a\/p/gi, 'h')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  if (/\[[hms]+\]/i.test(bare)) return undefined;
  const hasTime = /[hs]/i.test(bare);
  const months = bare.replace(/h+[^a-z]*m+|m+[^a-z]*s+/gi, '');
  const hasDate = /[yd]/i.test(bare) || /m/i.test(months);
  if (hasDate) return hasTime ? 'datetime' : 'date';
  return hasTime ? 'time' : undefined;
}

/** Excel's serial day 25,569 is 1970-01-01 in the 1900 date system; the 1904 system counts 1,462 days fewer. */
const UNIX_EPOCH_SERIAL = 25_569;
const DAYS_1904 = 1_462;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * The text of a date cell, as the CSV twin of the sheet would have it: `2026-10-05`,
 * `2026-10-05 14:30:00` or `14:30:00`. The serial has no zone, like a wall time
 * in a CSV file, and is read as UTC (dates.ts). The 1900 system counts a 29
 * February 1900 that never was (Lotus 1-2-3 did): serials before it are one day
 * later than the count, and serial 60 is no date. Undefined when the serial is no date.
 */
export function serialText(serial: number, kind: Exclude<NumberKind, undefined>, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0) return undefined;
  let days = date1904 ? serial + DAYS_1904 : serial;
  if (!date1904 && serial < 61) {
    if (serial >= 60) return undefined;
    days += 1;
  }
  const ms = Math.round((days - UNIX_EPOCH_SERIAL) * DAY_MS);
  const day = Math.floor(ms / DAY_MS);
  const dayText = isoDayText(day);
  if (dayText === undefined) return undefined;
  if (kind === 'date') return dayText;
  const inDay = ms - day * DAY_MS;
  const seconds = Math.floor(inDay / 1000);
  const fraction = inDay % 1000 === 0 ? '' : `.${pad(inDay % 1000, 3)}`;
  const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${fraction}`;
  return kind === 'time' ? time : `${dayText} ${time}`;
}

/** The ISO text of a day since 1970: a sheet's dates are few next to its rows, so each is written once. */
const dayTexts = new Map<number, string>();
const DAY_TEXTS_KEPT = 100_000;

function isoDayText(day: number): string | undefined {
  let text = dayTexts.get(day);
  if (text === undefined) {
    const date = new Date(day * DAY_MS);
    if (Number.isNaN(date.getTime())) return undefined;
    text = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    if (dayTexts.size < DAY_TEXTS_KEPT) dayTexts.set(day, text);
  }
  return text;
}

/**
 * A number as Excel shows it in General format, where that matters: at most 15
 * significant digits (all Excel keeps), so that 0.1+0.2 saved as
 * 0.30000000000000004 reads 0.3 and a score saved as 8.9999999999999982 reads 9.
 */
export function numberText(raw: string): string {
  if (isShortWhole(raw)) return raw;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) return raw;
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** A whole number of at most 15 digits with no leading zero, as Excel writes most scores: already as Excel shows it. */
function isShortWhole(raw: string): boolean {
  const length = raw.length;
  if (length === 0 || length > 15 || (raw.charCodeAt(0) === 48 && length > 1)) return false;
  for (let at = 0; at < length; at += 1) {
    const code = raw.charCodeAt(at);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Characters XML 1.0 cannot hold are written `_xHHHH_` (ECMA-376, 22.9.2.19): a carriage return is `_x000D_`. */
function unescapeText(text: string): string {
  const decoded = text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
  // Line breaks inside a cell read as LF, as they do inside a quoted CSV field.
  return decoded.includes('\r') ? decoded.replace(/\r\n?/g, '\n') : decoded;
}

/** Column letters to a position from 0: A is 0, Z 25, AA 26. Undefined when the reference has no letters. */
export function columnIndex(reference: string): number | undefined {
  let index = 0;
  let at = 0;
  for (; at < reference.length; at += 1) {
    const code = reference.charCodeAt(at) & ~0x20;
    if (code < 65 || code > 90) break;
    index = index * 26 + code - 64;
  }
  return at === 0 ? undefined : index - 1;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A name without its namespace prefix: writers other than Excel may write `x:row` for `row`. */
const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/** An attribute by its local name, whatever its prefix (`r:id`). */
function attribute(attributes: Record<string, string>, name: string): string | undefined {
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(attributes)) if (local(key) === name) return value;
  return undefined;
}

interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * A streaming XML parser calling `handlers` with names stripped of the root
 * element's prefix: the elements `nps` reads are all in the root's namespace, and
 * Excel writes none, so most files cost no stripping at all.
 */
function xmlParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ position: false });
  const { open, close, text } = handlers;
  let prefix: string | undefined;
  const nameOf = (name: string): string => {
    prefix ??= name.slice(0, name.indexOf(':') + 1);
    return prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  };
  if (open) parser.on('opentag', (tag) => open(nameOf(tag.name), tag.attributes as Record<string, string>));
  if (close) parser.on('closetag', (tag) => close(nameOf(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  return parser;
}

/** What yauzl, zlib and saxes say of a file they cannot read, as the one line `nps` prints. */
function damaged(name: string, error: unknown): NpsError {
  if (error instanceof NpsError) return error;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  // yauzl's words for a zip with no end: the usual case, a download cut short.
  const detail = /end of central directory/i.test(message) ? 'the zip archive it is stored in has no end: was it cut short?' : message.replace(/\.$/, '');
  return inputError(`${name}: this Excel workbook cannot be read, it is damaged or incomplete (${detail}); open it in Excel and save it again, or save it as "CSV UTF-8"`);
}

/** An error of a part's XML, named by its part. */
function partError(part: string, error: unknown): Error {
  if (error instanceof NpsError) return error;
  return new Error(`${part}: ${error instanceof Error ? error.message.replace(/\.$/, '') : String(error)}`);
}

const INFLATE_CHUNK_BYTES = 1 << 16;

/** Excel's last column is XFD, the 16,384th. */
const MAX_COLUMNS = 16_384;

/** The shared strings table, held whole: past this many bytes of XML it would not fit in memory anyway. */
const MAX_SHARED_STRINGS_BYTES = 2 ** 30;

/** The workbook parts `nps` reads, by the relationship types that name them (transitional or strict OOXML). */
const relationType = (type: string): string => type.slice(type.lastIndexOf('/') + 1);

/** Shared strings packed by this many into one string each. */
const STRINGS_PER_BLOCK = 4096;

/**
 * The shared strings table, packed: each block of 4,096 strings joined into one
 * string, with where each starts. A string the XML parser hands over may be a
 * slice of a whole chunk of the XML, which it then keeps in memory; and each
 * string of its own costs V8 a header. Packed, the table of a 1M-row sheet with
 * 2M distinct texts (an id and an email per row) takes 40 MB, and reading the
 * sheet peaks at 135 MB instead of 260.
 */
export class SharedStrings {
  private readonly blocks: string[] = [];
  private readonly starts: Uint32Array[] = [];
  private pending: string[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(text: string): void {
    this.pending.push(text);
    this.count += 1;
    if (this.pending.length === STRINGS_PER_BLOCK) this.seal();
  }

  /** Packs the strings pushed since the last block; done once more when the table is read. */
  seal(): void {
    const pending = this.pending;
    if (pending.length === 0) return;
    const starts = new Uint32Array(pending.length + 1);
    let at = 0;
    for (let index = 0; index < pending.length; index += 1) {
      starts[index] = at;
      at += pending[index]?.length ?? 0;
    }
    starts[pending.length] = at;
    this.blocks.push(pending.join(''));
    this.starts.push(starts);
    this.pending = [];
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const block = Math.floor(index / STRINGS_PER_BLOCK);
    const text = this.blocks[block];
    const starts = this.starts[block];
    if (text === undefined || starts === undefined) return this.pending[index - block * STRINGS_PER_BLOCK];
    const at = index - block * STRINGS_PER_BLOCK;
    return text.slice(starts[at], starts[at + 1]);
  }
}

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

  private constructor(
    readonly name: string,
    private readonly zip: ZipFile,
  ) {}

  static async open(source: Source): Promise<Workbook> {
    const zip = await openZip(source).catch((error: unknown) => {
      throw damaged(source.name, error);
    });
    const workbook = new Workbook(source.name, zip);
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
   * zlib inflates them here, in 64 KiB chunks rather than zlib's default 16 KiB:
   * a quarter of the chunks to parse and wait for (measured 0.3 s less on a
   * 1M-row sheet). The chunks end with an error when their length is not the one
   * the zip's directory gives, as yauzl's own check would.
   */
  async openPart(path: string): Promise<{ chunks: AsyncGenerator<Buffer>; size: number; close: () => void }> {
    const entry = this.entry(path);
    if (entry === undefined) throw new Error(`${path} is missing`);
    if (entry.isEncrypted()) throw inputError(`${this.name}: this workbook is protected by a password: save it again without one, or save it as "CSV UTF-8"`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`${path} is compressed by method ${entry.compressionMethod}, which Excel does not use`);
    const raw = await new Promise<Readable>((resolve, reject) => {
      this.zip.openReadStream(entry, { decodeFileData: false }, (error, stream) => (error ? reject(error) : resolve(stream)));
    });
    const stream = entry.compressionMethod === 0 ? raw : raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }));
    if (stream !== raw) raw.once('error', (error) => stream.destroy(error));
    const size = entry.uncompressedSize;
    async function* chunks(): AsyncGenerator<Buffer> {
      let read = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        read += chunk.length;
        yield chunk;
      }
      if (read !== size) throw new Error(`${path} holds ${read} bytes where the zip says ${size}`);
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
  private async parsePart(path: string | undefined, handlers: XmlHandlers, optional = false): Promise<void> {
    if (path === undefined || this.entry(path) === undefined) {
      if (optional) return;
      throw new Error(`${path ?? 'a required part'} is missing`);
    }
    const { chunks, close } = await this.openPart(path);
    const parser = xmlParser(handlers);
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of chunks) parser.write(decoder.write(chunk));
      parser.write(decoder.end());
      parser.close();
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

  /**
   * The shared strings, in memory: one string per entry, its runs of rich text
   * joined, its phonetic guide (`rPh`, the furigana of Japanese workbooks) left out.
   */
  private async readSharedStrings(path: string): Promise<void> {
    const entry = this.entry(path);
    if (entry === undefined) return;
    if (entry.uncompressedSize > MAX_SHARED_STRINGS_BYTES) {
      throw inputError(`${this.name}: the workbook's table of texts is over ${MAX_SHARED_STRINGS_BYTES / 2 ** 30} GiB, too large to hold in memory: save the sheet as "CSV UTF-8"`);
    }
    const strings = this.sharedStrings;
    let text = '';
    let capture = false;
    let phonetic = false;
    await this.parsePart(path, {
      open: (name) => {
        if (name === 't') capture = !phonetic;
        else if (name === 'si') text = '';
        else if (name === 'rPh') phonetic = true;
      },
      close: (name) => {
        if (name === 't') capture = false;
        else if (name === 'rPh') phonetic = false;
        else if (name === 'si') strings.push(unescapeText(text));
      },
      text: (chunk) => {
        if (capture) text += chunk;
      },
    });
    strings.seal();
  }

  /**
   * The sheet `--sheet` names (a name, any case, or a number from 1), or the first
   * visible worksheet; a clear error naming the sheets when there is no such sheet.
   */
  chooseSheet(wanted: string | undefined): SheetInfo {
    const list = (): string => this.sheets.map((sheet) => `${sheet.number} ${JSON.stringify(sheet.name)}`).join(', ');
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
      throw inputError(`${this.name}: no sheet ${/^\d+$/.test(trimmed) ? trimmed : `named ${JSON.stringify(wanted)}`}; the sheets are: ${list()}. Choose one with --sheet NAME or NUMBER`);
    }
    if (sheet.kind !== 'worksheet') {
      throw inputError(`${this.name}: sheet ${JSON.stringify(sheet.name)} is a ${sheet.kind === 'chart' ? 'chart' : 'sheet of another kind'}, not cells; the sheets are: ${list()}`);
    }
    return sheet;
  }

  partOf(sheet: SheetInfo): string {
    const part = this.sheetParts.get(sheet.number);
    if (part === undefined) throw damaged(this.name, new Error(`sheet ${JSON.stringify(sheet.name)} has no part`));
    return part;
  }
}

/** Reads the zip from the file itself, by position; a pipe's bytes are gathered first, since a zip is read from its end. */
async function openZip(source: Source): Promise<ZipFile> {
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true };
  if (source.path !== undefined) {
    const path = source.path;
    source.close();
    return new Promise((resolve, reject) => yauzl.open(path, options, (error, zip) => (error ? reject(error) : resolve(zip))));
  }
  const chunks: Buffer[] = [];
  for await (const chunk of source.chunks) chunks.push(chunk);
  const buffer = Buffer.concat(chunks);
  return new Promise((resolve, reject) => yauzl.fromBuffer(buffer, options, (error, zip) => (error ? reject(error) : resolve(zip))));
}

/** One cell being read: its column, type and style, and the texts of its value. */
interface CellState {
  column: number;
  type: string;
  style: number;
  value: string;
  hasValue: boolean;
  formula: boolean;
}

/**
 * One sheet of a workbook read as rows of strings, with the same surface as
 * `CsvReader`: `header` is the first row that is not empty, `peekRows` and
 * `skipRows` serve headers over several rows, `forEachRow` streams the rest, and
 * `lineOfCurrentRow` gives the sheet's row number for messages.
 */
export class XlsxReader extends QueuedRows {
  readonly kind = 'xlsx' as const;
  header: string[] = [];
  /** Bytes of the sheet's XML read so far, and in all: for progress. */
  bytesRead = 0;
  readonly size: number;
  /** Formula cells with no saved value (the program that wrote the file did not calculate them): read as empty. */
  formulasWithoutValue = 0;
  /** Cells left of the table's first column, which the sheet's own dimension says hold nothing: not read. */
  cellsOutside = 0;
  private readonly parser: SaxesParser;
  private readonly decoder = new StringDecoder('utf8');
  private hasHeader = false;
  private done = false;
  /** The row being read, and the row being handled (a pending row's number, while its handler runs). */
  private row: string[] = [];
  private rowNumber = 0;
  private rowFilled = false;
  private handledRow = 0;
  private cell: CellState = { column: -1, type: 'n', style: 0, value: '', hasValue: false, formula: false };
  /** Which text is being gathered: a cell's value, or a text run of an inline string. */
  private capture: 'v' | 't' | undefined;
  private inInline = false;
  private phonetic = false;
  private text = '';
  /** The sheet's used range, as its `dimension` says: the columns Excel's own CSV of the sheet would have. */
  private dimension: { first: number; last: number } | undefined;
  /** The table's first column: its header's first, or the used range's when that starts further left. */
  private origin = 0;
  /** An error thrown by the row handler, passed on as it is rather than taken for a damaged file. */
  private handlerError: unknown;

  private constructor(
    private readonly workbook: Workbook,
    readonly sheet: SheetInfo,
    private readonly part: string,
    private readonly chunks: AsyncGenerator<Buffer>,
    /** Stops inflating the sheet: its rows are read, or reading stopped early. */
    private readonly closePart: () => void,
    size: number,
  ) {
    super();
    this.size = size;
    this.parser = xmlParser({ open: (name, attributes) => this.onOpen(name, attributes), close: (name) => this.onClose(name), text: (text) => this.onText(text) });
  }

  /** Opens the workbook in `source` and its sheet `wanted` (or the first), far enough to know the header. */
  static async open(source: Source, wanted: string | undefined): Promise<XlsxReader> {
    const workbook = await Workbook.open(source);
    let reader: XlsxReader | undefined;
    try {
      const sheet = workbook.chooseSheet(wanted);
      const part = workbook.partOf(sheet);
      const { chunks, size, close } = await workbook.openPart(part);
      reader = new XlsxReader(workbook, sheet, part, chunks, close, size);
      while (!reader.hasHeader && (await reader.pump()));
      if (!reader.hasHeader) {
        const others = workbook.sheets.length > 1 ? ` (the workbook has ${workbook.sheets.length} sheets: --sheet chooses another)` : '';
        throw inputError(`${reader.where}: the sheet is empty (no header row)${others}`);
      }
      return reader;
    } catch (error) {
      if (reader === undefined) workbook.close();
      else reader.close();
      throw damaged(source.name, error);
    }
  }

  get name(): string {
    return this.workbook.name;
  }

  /** The file and the sheet, as messages name them. */
  get where(): string {
    return `${this.name}, sheet ${JSON.stringify(this.sheet.name)}`;
  }

  get sheets(): readonly SheetInfo[] {
    return this.workbook.sheets;
  }

  /** The sheet's letters for a column of the table (which may start right of column A). */
  columnName(index: number): string {
    return columnLetters(index + this.origin);
  }

  /** A waiting row's number while its handler runs; past them, each row sets its own as it is read. */
  protected handling(row: number | undefined): void {
    if (row !== undefined) this.handledRow = row;
  }

  /** The sheet row number of the row being handled. */
  lineOfCurrentRow(): number {
    return this.handledRow;
  }

  close(): void {
    this.done = true;
    this.closePart();
    this.workbook.close();
  }

  /** What is worth saying about the sheet once read. */
  warnings(): string[] {
    const warnings: string[] = [];
    const count = this.formulasWithoutValue;
    if (count > 0) {
      warnings.push(
        `${this.where}: ${count.toLocaleString('en-US')} formula ${count === 1 ? 'cell has' : 'cells have'} no saved value ` +
          '(the program that wrote the file did not calculate them) and read as empty; open the file in Excel and save it again',
      );
    }
    if (this.cellsOutside > 0) {
      warnings.push(
        `${this.where}: ${this.cellsOutside.toLocaleString('en-US')} ${this.cellsOutside === 1 ? 'cell' : 'cells'} left of column ` +
          `${columnLetters(this.origin)}, where the header and the sheet's used range start, ${this.cellsOutside === 1 ? 'was' : 'were'} not read`,
      );
    }
    return warnings;
  }

  /** Parses one more chunk of the sheet's XML; false once the sheet's rows are all read. */
  protected async pump(): Promise<boolean> {
    if (this.done) return false;
    let next: IteratorResult<Buffer>;
    try {
      next = await this.chunks.next();
      if (next.done) {
        this.parser.write(this.decoder.end());
        this.parser.close();
        this.finish();
        return false;
      }
      this.bytesRead += next.value.length;
      this.parser.write(this.decoder.write(next.value));
    } catch (error) {
      this.close();
      if (error === this.handlerError) throw error;
      throw damaged(this.name, partError(this.part, error));
    }
    return !this.done;
  }

  /** The sheet's rows are read: what follows them (merged cells, print settings) is not needed. */
  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.closePart();
    this.workbook.close();
  }

  private onOpen(name: string, attributes: Record<string, string>): void {
    switch (name) {
      case 'c': {
        const reference = attributes['r'];
        const column = reference === undefined ? undefined : columnIndex(reference);
        const cell = this.cell;
        cell.column = column ?? cell.column + 1;
        if (cell.column >= MAX_COLUMNS) throw new Error(`a cell is beyond Excel's last column, XFD (${reference ?? cell.column})`);
        cell.type = attributes['t'] ?? 'n';
        const style = attributes['s'];
        cell.style = style === undefined ? 0 : Number(style);
        cell.value = '';
        cell.hasValue = false;
        cell.formula = false;
        break;
      }
      case 'v':
        this.capture = 'v';
        this.text = '';
        break;
      case 'row': {
        const number = Number(attributes['r']);
        this.rowNumber = Number.isInteger(number) && number > 0 ? number : this.rowNumber + 1;
        this.row = [];
        this.rowFilled = false;
        this.cell.column = -1;
        break;
      }
      case 'is':
        this.inInline = true;
        this.text = '';
        break;
      case 't':
        if (this.inInline && !this.phonetic) this.capture = 't';
        break;
      case 'rPh':
        this.phonetic = true;
        break;
      case 'f':
        this.cell.formula = true;
        break;
      case 'dimension': {
        const [first = '', last = first] = (attributes['ref'] ?? '').split(':');
        const from = columnIndex(first);
        const to = columnIndex(last);
        if (from !== undefined && to !== undefined && from <= to && to < MAX_COLUMNS) this.dimension = { first: from, last: to };
        break;
      }
      default:
    }
  }

  private onClose(name: string): void {
    switch (name) {
      case 'v':
        this.cell.value = this.text;
        this.cell.hasValue = true;
        this.capture = undefined;
        break;
      case 't':
        if (this.capture === 't') this.capture = undefined;
        break;
      case 'is':
        this.inInline = false;
        this.cell.value = this.text;
        this.cell.hasValue = true;
        break;
      case 'rPh':
        this.phonetic = false;
        break;
      case 'c':
        this.endCell();
        break;
      case 'row':
        this.endRow();
        break;
      case 'sheetData':
        this.finish();
        break;
      default:
    }
  }

  private onText(text: string): void {
    if (this.capture !== undefined) this.text += text;
  }

  /** A cell's text, by its type: a shared or inline string, a number (a date in a date format), a boolean, an error. */
  private endCell(): void {
    const { cell } = this;
    if (!cell.hasValue) {
      if (cell.formula) this.formulasWithoutValue += 1;
      return;
    }
    const text = this.cellText(cell);
    if (text === '') return;
    this.row[cell.column] = text;
    this.rowFilled = true;
  }

  private cellText(cell: CellState): string {
    switch (cell.type) {
      case 's':
        return this.workbook.sharedStrings.get(Number(cell.value)) ?? '';
      case 'inlineStr':
      case 'str':
        return unescapeText(cell.value);
      case 'b':
        return cell.value.trim() === '1' || cell.value.trim().toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
      case 'e':
      case 'd':
        return cell.value.trim();
      default: {
        const kind = this.workbook.numberKinds[cell.style];
        if (kind !== undefined) {
          const text = serialText(Number(cell.value), kind, this.workbook.date1904);
          if (text !== undefined) return text;
        }
        return numberText(cell.value);
      }
    }
  }

  /** A row with no value is skipped, as a blank line of a CSV file is; the others keep their columns' positions. */
  private endRow(): void {
    if (!this.rowFilled) return;
    const cells = this.row;
    if (!this.hasHeader) {
      this.hasHeader = true;
      // Excel's CSV of a sheet is its used range: a table that starts in column B has no column A.
      this.origin = Math.min(cells.findIndex((cell) => cell !== undefined), this.dimension?.first ?? 0);
      const width = Math.max(cells.length, (this.dimension?.last ?? -1) + 1) - this.origin;
      this.header = Array.from({ length: width }, (_, index) => cells[index + this.origin] ?? '');
      return;
    }
    const origin = this.origin;
    for (let index = 0; index < origin; index += 1) if (cells[index] !== undefined) this.cellsOutside += 1;
    const width = Math.max(cells.length - origin, this.header.length);
    const row = new Array<string>(width);
    for (let index = 0; index < width; index += 1) row[index] = cells[index + origin] ?? '';
    if (this.handler) {
      this.handledRow = this.rowNumber;
      try {
        this.handler(row);
      } catch (error) {
        this.handlerError = error;
        throw error;
      }
    } else {
      this.pending.push([row, this.rowNumber]);
    }
  }
}
