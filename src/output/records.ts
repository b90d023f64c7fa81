import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** The formats rows can be written in; `--format` offers exactly these. */
export const RECORD_FORMATS = {
  csv: 'comma-separated values with a header row',
  json: 'one JSON array of objects',
  ndjson: 'one JSON object per line',
} as const satisfies Record<string, string>;
export type RecordFormat = keyof typeof RECORD_FORMATS;

export function isRecordFormat(value: string): value is RecordFormat {
  return Object.hasOwn(RECORD_FORMATS, value);
}

/** Rows written one at a time; `write` returning false asks the caller to await `drain`. */
export interface RecordSink {
  write(cells: readonly string[]): boolean;
  drain(): Promise<void>;
  end(): Promise<void>;
}

interface SinkOptions {
  /** False for stdout, which outlives the sink. */
  endDestination: boolean;
}

/** JSON keys must be unique: a second "Comment" column becomes "Comment_2". */
export function uniqueNames(columns: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((column) => {
    const count = (seen.get(column) ?? 0) + 1;
    seen.set(column, count);
    return count === 1 ? column : `${column}_${count}`;
  });
}

function waitForDrain(stream: Writable): Promise<void> {
  return stream.writableNeedDrain ? once(stream, 'drain').then(() => undefined) : Promise.resolve();
}

async function csvSink(columns: readonly string[], destination: Writable, options: SinkOptions): Promise<RecordSink> {
  const { stringify } = await import('csv-stringify');
  const stringifier = stringify();
  stringifier.pipe(destination, { end: options.endDestination });
  stringifier.write([...columns]);
  return {
    write: (cells) => stringifier.write(cells),
    drain: () => waitForDrain(stringifier),
    end: async () => {
      stringifier.end();
      await finished(stringifier);
      if (options.endDestination) await finished(destination);
    },
  };
}

function jsonSink(columns: readonly string[], destination: Writable, options: SinkOptions, lines: boolean): RecordSink {
  const keys = uniqueNames(columns);
  let written = 0;
  const toObject = (cells: readonly string[]): Record<string, string> =>
    Object.fromEntries(keys.map((key, index) => [key, cells[index] ?? '']));
  return {
    write: (cells) => {
      const json = JSON.stringify(toObject(cells));
      const prefix = lines ? '' : written === 0 ? '[\n' : ',\n';
      written += 1;
      return destination.write(`${prefix}${json}${lines ? '\n' : ''}`);
    },
    drain: () => waitForDrain(destination),
    end: async () => {
      if (!lines) destination.write(written === 0 ? '[]\n' : '\n]\n');
      if (options.endDestination) {
        destination.end();
        await finished(destination);
      }
    },
  };
}

export async function createRecordSink(
  format: RecordFormat,
  columns: readonly string[],
  destination: Writable,
  options: SinkOptions,
): Promise<RecordSink> {
  if (format === 'csv') return csvSink(columns, destination, options);
  return jsonSink(columns, destination, options, format === 'ndjson');
}
