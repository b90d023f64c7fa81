import { pause, PAUSE_EVERY_MS } from '../io.js';

/** Called once per data row with its fields; the reader's `lineOfCurrentRow()` gives where the row starts. */
export type RowHandler = (cells: string[]) => void;

/**
 * The columns of a table `width` wide that a read looks at (1) and those it does not (0),
 * for a reader's `readOnly`; undefined when none of `columns` is in the table. A read
 * that keeps no column is not masked: every cell is made text then, since a row whose
 * every cell were left empty would look blank (a plain score always keeps its score).
 */
export function keptColumns(columns: readonly number[], width: number): Uint8Array | undefined {
  const kept = new Uint8Array(width);
  for (const column of columns) if (column >= 0 && column < width) kept[column] = 1;
  return kept.includes(1) ? kept : undefined;
}

/**
 * What every reader of rows shares, CSV and workbook alike: rows read along with the
 * header wait here, each with its position (a line, a sheet row), until the caller has
 * looked at them (`peekRows`, for headers over several rows), dropped those that were
 * more header (`skipRows`), and asked for the rest (`forEachRow`).
 */
export abstract class QueuedRows {
  protected handler: RowHandler | undefined;
  protected pending: Array<[string[], number]> = [];

  /** Reads one more piece of the input; false once it is exhausted. */
  protected abstract pump(): Promise<boolean>;

  /** The position of the waiting row now handled; undefined once all have been handed on. */
  protected abstract handling(position: number | undefined): void;

  /** The next `count` rows after the header, not consumed: for headers that span several rows. */
  async peekRows(count: number): Promise<string[][]> {
    while (this.pending.length < count && (await this.pump()));
    return this.pending.slice(0, count).map(([cells]) => cells);
  }

  /** Drops rows that `peekRows` showed to be more header, not data. */
  skipRows(count: number): void {
    this.pending.splice(0, count);
  }

  /** The row read as the header, and where it is. */
  abstract header: string[];
  protected abstract headerPosition(): number;

  /** The first row turned out to be data (a file with no header): it goes back before the others, under names `column_N`. */
  headerIsData(): void {
    this.pending.unshift([this.header, this.headerPosition()]);
    this.header = this.header.map((_, index) => `column_${index + 1}`);
  }

  /** Rows above the table (a title, a note): the waiting row at `index` is the header, and the rows before it are dropped. */
  headerAt(index: number): void {
    const [row] = this.pending.splice(0, index + 1).slice(-1);
    if (row !== undefined) this.header = row[0];
  }

  /** Streams every data row to `handler`; `afterChunk` lets the caller wait for its outputs to drain. */
  async forEachRow(handler: RowHandler, afterChunk?: () => Promise<void> | undefined): Promise<void> {
    this.handler = handler;
    // Reading a file never waits on anything (the reads are synchronous, an awaited promise lets no event in): it
    // pauses, between the rows read with the header (up to 200, each as long as a row may be) and between chunks.
    let paused = Date.now();
    const pauseNow = async (): Promise<void> => {
      if (Date.now() - paused < PAUSE_EVERY_MS) return;
      await pause();
      paused = Date.now();
    };
    for (const [cells, position] of this.pending) {
      this.handling(position);
      handler(cells);
      await pauseNow();
    }
    this.handling(undefined);
    this.pending = [];
    while (await this.pump()) {
      await afterChunk?.();
      await pauseNow();
    }
  }
}
