import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { finished } from 'node:stream';
import { BIDI_CONTROLS, escapeControl, hasBidiControl } from '../../core/bidi.js';

/** The formats rows can be written in; `--format` offers exactly these. */
export const RECORD_FORMATS = {
  csv: 'comma-separated values with a header row',
  json: 'one JSON array of objects',
  ndjson: 'one JSON object per line',
} as const satisfies Record<string, string>;
export type RecordFormat = keyof typeof RECORD_FORMATS;

/**
 * Rows written one at a time. A row can also be serialized first and written
 * later: the detractors sort holds only these short strings, not the parsed rows.
 * `write` returning false asks the caller to await `drain`.
 */
export interface RecordSink {
  serialize(cells: readonly string[]): string;
  writeSerialized(record: string): boolean;
  write(cells: readonly string[]): boolean;
  drain(): Promise<void>;
  end(): Promise<void>;
}

export interface SinkOptions {
  /** False for stdout, which outlives the sink. */
  endDestination: boolean;
  /** Neutralise cells a spreadsheet would run as formulas (CSV only); off with --raw. */
  neutralize: boolean;
  /** CSV for Excel on Windows (--excel): a UTF-8 byte order mark, so accents show right, and CRLF line ends. */
  excel?: boolean | undefined;
}

/** The OWASP rule for CSV injection: cells starting with these are formulas to Excel and Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a single quote to a cell a spreadsheet would run as a formula, and writes
 * the controls of bidirectional text as visible escapes (`\u202e`), so that a name
 * cannot read as another; other cells are untouched.
 */
export function neutralizeCell(cell: string): string {
  const shown = hasBidiControl(cell) ? cell.replace(BIDI_CONTROLS, escapeControl) : cell;
  return FORMULA_START.test(shown) ? `'${shown}` : shown;
}


/**
 * Names as given, but never twice: an input column called like an added one
 * ("message") keeps its name and the later one gets `_2`, so JSON keys stay unique.
 */
function distinctNames(columns: readonly string[]): string[] {
  const used = new Set<string>();
  return columns.map((column) => {
    let name = column;
    for (let suffix = 2; used.has(name); suffix += 1) name = `${column}_${suffix}`;
    used.add(name);
    return name;
  });
}

/** Writes in blocks of about 64 KiB: one system call per block, not per row. */
const BLOCK_CHARS = 1 << 16;

class BlockWriter {
  private parts: string[] = [];
  private size = 0;
  /** The destination's first error (a full disk, a closed pipe): raised at the next await. */
  private failure: Error | undefined;

  constructor(
    private readonly destination: Writable,
    private readonly options: SinkOptions,
  ) {
    destination.on('error', (error: Error) => {
      this.failure ??= error;
    });
  }

  push(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    return this.size < BLOCK_CHARS || this.flush();
  }

  flush(): boolean {
    if (this.parts.length === 0) return !this.destination.writableNeedDrain;
    const ok = this.destination.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    return ok;
  }

  async drain(): Promise<void> {
    this.flush();
    if (this.failure) throw this.failure;
    if (this.destination.writableNeedDrain) await once(this.destination, 'drain');
  }

  async end(): Promise<void> {
    this.flush();
    if (this.options.endDestination) {
      this.destination.end();
      // node:stream's own `finished`, made a promise here: node:stream/promises costs every run 2 ms to load.
      await new Promise<void>((resolve, reject) => finished(this.destination, (error) => (error ? reject(error) : resolve())));
    }
    if (this.failure) throw this.failure;
  }
}

/** A field needs quotes when it holds the delimiter, a quote or a line break (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: string): string {
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * One CSV record, RFC 4180 quoting. Written here rather than through csv-stringify:
 * its per-call set-up was an eighth of `segment`'s time on a million rows, for what
 * is one test and one replace per field.
 */
export function csvRecord(cells: readonly string[], neutralize: boolean, lineEnd: string): string {
  const fields = new Array<string>(cells.length);
  for (let at = 0; at < cells.length; at += 1) {
    const cell = cells[at] ?? '';
    fields[at] = csvField(neutralize ? neutralizeCell(cell) : cell);
  }
  return fields.join(',') + lineEnd;
}

/** How one row of `columns` is written in `format`, alone: what a list holds until its order is known. */
export function serializerFor(format: RecordFormat, columns: readonly string[], options: Pick<SinkOptions, 'neutralize' | 'excel'>): (cells: readonly string[]) => string {
  if (format === 'csv') {
    const lineEnd = options.excel === true ? '\r\n' : '\n';
    return (cells) => csvRecord(cells, options.neutralize, lineEnd);
  }
  const keys = distinctNames(columns).map((column) => `${JSON.stringify(column)}:`);
  return (cells) => {
    const pairs = new Array<string>(keys.length);
    for (let at = 0; at < keys.length; at += 1) pairs[at] = `${keys[at] ?? ''}${JSON.stringify(cells[at] ?? '')}`;
    return `{${pairs.join(',')}}`;
  };
}

function csvSink(columns: readonly string[], out: BlockWriter, neutralize: boolean, excel: boolean): RecordSink {
  const serialize = serializerFor('csv', columns, { neutralize, excel });
  if (excel) out.push('\uFEFF');
  out.push(serialize(columns));
  const writeSerialized = (record: string): boolean => out.push(record);
  return {
    serialize,
    writeSerialized,
    write: (cells) => writeSerialized(serialize(cells)),
    drain: () => out.drain(),
    end: () => out.end(),
  };
}

function jsonSink(columns: readonly string[], out: BlockWriter, lines: boolean): RecordSink {
  let written = 0;
  const serialize = serializerFor('json', columns, { neutralize: false });
  const writeSerialized = (record: string): boolean => {
    const prefix = lines ? '' : written === 0 ? '[\n' : ',\n';
    written += 1;
    return out.push(`${prefix}${record}${lines ? '\n' : ''}`);
  };
  return {
    serialize,
    writeSerialized,
    write: (cells) => writeSerialized(serialize(cells)),
    drain: () => out.drain(),
    end: async () => {
      if (!lines) out.push(written === 0 ? '[]\n' : '\n]\n');
      await out.end();
    },
  };
}

export function createRecordSink(format: RecordFormat, columns: readonly string[], destination: Writable, options: SinkOptions): RecordSink {
  const out = new BlockWriter(destination, options);
  const names = distinctNames(columns);
  if (format === 'csv') return csvSink(names, out, options.neutralize, options.excel === true);
  return jsonSink(names, out, format === 'ndjson');
}
