import { inputError } from '../errors.js';
import type { Io } from '../io.js';
import { CsvReader } from './csv.js';
import type { ParquetReader } from './parquet.js';
import { openSource, type Source } from './source.js';
import type { XlsxReader } from './xlsx.js';
import { unzipLimits } from './xlsx/limits.js';

/**
 * Every file `nps` reads rows from, surveys, customers and exclusion lists alike, is
 * opened here, and told apart by its first bytes, not its name: a CSV file, an Excel
 * workbook (one sheet of it), or a Parquet file, whatever it is called.
 */
export type RowReader = CsvReader | XlsxReader | ParquetReader;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** A Parquet file starts (and ends) with these four bytes. */
const PARQUET_MAGIC = Buffer.from('PAR1', 'latin1');
/** An OLE compound file: an old binary workbook (.xls), or an .xlsx encrypted with a password, which Excel wraps in one. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Enough bytes to tell the signatures. */
export const MAGIC_BYTES = OLE_MAGIC.length;

/** Whether a file's first bytes are a workbook's or a Parquet file's: read in one pass, never in parts. */
export function startsAsBinary(head: Buffer): boolean {
  return [ZIP_MAGIC, PARQUET_MAGIC, OLE_MAGIC].some((magic) => head.subarray(0, magic.length).equals(magic));
}

export interface RowOptions {
  /** The sheet of a workbook to read (`--sheet`): a name or a number from 1; the first when undefined. */
  sheet?: string | undefined;
}

/**
 * The first bytes of a source, and the source as it was, those bytes included: a
 * pipe cannot be read twice, so what was looked at is handed on.
 */
async function peekHead(source: Source): Promise<Buffer> {
  const iterator = source.chunks[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let length = 0;
  let ended = false;
  try {
    while (length < MAGIC_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      seen.push(next.value);
      length += next.value.length;
    }
  } catch (error) {
    source.close();
    throw inputError(`${source.name}: cannot be read (${(error as Error).message})`);
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* seen;
    if (ended) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  }
  source.chunks = replay();
  return Buffer.concat(seen);
}

function refuseOle(name: string): never {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) {
    throw inputError(`${name}: this workbook is protected by a password (encrypted): open it in Excel and save it again without one, or save it as "CSV UTF-8"`);
  }
  throw inputError(
    `${name}: this is an old Excel workbook (.xls), or one protected by a password: open it in Excel and save it as .xlsx (without a password) or as "CSV UTF-8"`,
  );
}

/** Opens a file (or `-`) as rows: far enough to know its header row. */
export async function openRows(file: string, io: Io, options: RowOptions = {}): Promise<RowReader> {
  const source = openSource(file, io.cwd, () => io.stdin);
  const head = await peekHead(source);
  // Workbooks and Parquet files load their readers (a zip and XML parser, a Parquet decoder) only when met.
  if (head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) return (await import('./xlsx.js')).XlsxReader.open(source, options.sheet, unzipLimits(io.env));
  if (head.subarray(0, PARQUET_MAGIC.length).equals(PARQUET_MAGIC) && options.sheet === undefined) return (await import('./parquet.js')).ParquetReader.open(source);
  if (head.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) {
    source.close();
    refuseOle(source.name);
  }
  if (options.sheet !== undefined) {
    source.close();
    const kind = head.subarray(0, PARQUET_MAGIC.length).equals(PARQUET_MAGIC) ? 'a Parquet file' : 'a CSV file';
    throw inputError(`${source.name}: --sheet chooses a sheet of an Excel workbook, and this is ${kind}`);
  }
  return CsvReader.open(source);
}
