import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Category } from '../../core/categories.js';
import { compareKeys, type HeldRows, type SortKey } from '../../core/followup.js';
import { createScratchFile, removeScratchFile } from './files.js';

/**
 * Held rows that keep memory flat however long the input: rows wait in memory
 * until they pass a budget; then each group's rows are sorted and written to a
 * scratch file as one sorted run, and memory starts again. At the end, a group
 * with no run is sorted in memory; one with runs is merged from them, a row at a
 * time (an external merge sort). Scratch files are removed when read, and on every
 * exit path (see files.ts).
 */

interface Entry {
  key: SortKey;
  payload: string;
}

/** A run on disk: one entry is `k1,k2,…\tBYTES\n` then BYTES of UTF-8 payload. */
function serialize(entry: Entry): string {
  return `${entry.key.join(',')}\t${Buffer.byteLength(entry.payload)}\n${entry.payload}`;
}

const READ_BYTES = 1 << 16;
const WRITE_CHARS = 1 << 20;

/** Reads a run back, entry by entry, through a 1 MiB buffer. */
class RunReader {
  private buffer = Buffer.alloc(0);
  private at = 0;
  private ended = false;

  constructor(
    private readonly fd: number,
    readonly path: string,
  ) {}

  /** Ensures `bytes` unread bytes are in the buffer, or as many as the file has left. */
  private fill(bytes: number): void {
    while (this.buffer.length - this.at < bytes && !this.ended) {
      const chunk = Buffer.allocUnsafe(Math.max(READ_BYTES, bytes));
      const read = readSync(this.fd, chunk, 0, chunk.length, null);
      if (read === 0) this.ended = true;
      this.buffer = Buffer.concat([this.buffer.subarray(this.at), chunk.subarray(0, read)]);
      this.at = 0;
    }
  }

  next(): Entry | undefined {
    let newline = this.buffer.indexOf(0x0a, this.at);
    while (newline === -1 && !this.ended) {
      this.fill(this.buffer.length - this.at + READ_BYTES);
      newline = this.buffer.indexOf(0x0a, this.at);
    }
    if (newline === -1) return undefined;
    const header = this.buffer.toString('latin1', this.at, newline);
    const tab = header.indexOf('\t');
    const key = header.slice(0, tab).split(',').map(Number);
    const bytes = Number(header.slice(tab + 1));
    this.at = newline + 1;
    this.fill(bytes);
    const payload = this.buffer.toString('utf8', this.at, this.at + bytes);
    this.at += bytes;
    return { key, payload };
  }

  close(): void {
    closeSync(this.fd);
    removeScratchFile(this.path);
  }
}

/** A binary heap of run heads, smallest key on top: the merge of k runs costs log k per row. */
class Heads {
  private readonly items: Array<{ entry: Entry; run: RunReader }> = [];

  get size(): number {
    return this.items.length;
  }

  push(item: { entry: Entry; run: RunReader }): void {
    this.items.push(item);
    let at = this.items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  pop(): { entry: Entry; run: RunReader } | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined || this.items.length === 0) return top;
    this.items[0] = last;
    let at = 0;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let smallest = at;
      if (left < this.items.length && this.less(left, smallest)) smallest = left;
      if (right < this.items.length && this.less(right, smallest)) smallest = right;
      if (smallest === at) break;
      this.swap(at, smallest);
      at = smallest;
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    return x !== undefined && y !== undefined && compareKeys(x.entry.key, y.entry.key) < 0;
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (x === undefined || y === undefined) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}

const CATEGORY_LIST = ['promoters', 'passives', 'detractors'] as const;

/** Per held row, beyond its payload: the entry, its key and the array slot (an estimate, in bytes). */
const ENTRY_OVERHEAD = 120;

export class HeldOnDisk implements HeldRows<string> {
  private readonly memory: Record<Category, Entry[]> = { promoters: [], passives: [], detractors: [] };
  private runs: Record<Category, string[]> = { promoters: [], passives: [], detractors: [] };
  private held = 0;
  /** Sorted runs written, for the closing note on performance. */
  spilled = 0;

  constructor(
    private readonly directory: string,
    /** Bytes of held rows kept in memory before a run is written. */
    private readonly budget: number,
  ) {}

  hold(category: Category, key: SortKey, payload: string): void {
    // A copy that shares no memory with the text it was built from: a line made of
    // fields parsed from a 64 KiB chunk keeps the chunk alive, and held lines would
    // pin most of the file (measured: 291 MB of heap against 48 MB with copies).
    this.memory[category].push({ key, payload: Buffer.from(payload, 'utf8').toString('utf8') });
    this.held += payload.length + ENTRY_OVERHEAD;
    if (this.held > this.budget) this.spill();
  }

  private spill(): void {
    for (const category of CATEGORY_LIST) {
      const entries = this.memory[category];
      if (entries.length === 0) continue;
      entries.sort((a, b) => compareKeys(a.key, b.key));
      const { path, fd } = createScratchFile(this.directory);
      try {
        writeEntries(fd, entries);
      } finally {
        closeSync(fd);
      }
      this.runs[category].push(path);
      this.memory[category] = [];
      this.spilled += 1;
    }
    this.held = 0;
  }

  *ordered(category: Category): Generator<string> {
    const runs = this.runs[category];
    const entries = this.memory[category].sort((a, b) => compareKeys(a.key, b.key));
    this.memory[category] = [];
    if (runs.length === 0) {
      for (const entry of entries) yield entry.payload;
      return;
    }
    yield* this.merge(runs, entries);
    this.runs[category] = [];
  }

  private *merge(paths: readonly string[], inMemory: readonly Entry[]): Generator<string> {
    const readers = paths.map((path) => new RunReader(openSync(path, 'r'), path));
    const heads = new Heads();
    try {
      for (const run of readers) {
        const entry = run.next();
        if (entry !== undefined) heads.push({ entry, run });
      }
      let memoryAt = 0;
      while (heads.size > 0 || memoryAt < inMemory.length) {
        const fromMemory = inMemory[memoryAt];
        const top = heads.pop();
        if (fromMemory !== undefined && (top === undefined || compareKeys(fromMemory.key, top.entry.key) <= 0)) {
          if (top !== undefined) heads.push(top);
          memoryAt += 1;
          yield fromMemory.payload;
          continue;
        }
        if (top === undefined) break;
        yield top.entry.payload;
        const next = top.run.next();
        if (next !== undefined) heads.push({ entry: next, run: top.run });
      }
    } finally {
      for (const run of readers) run.close();
    }
  }

  /** Writes every row still in memory to runs, and hands over every run: what another thread merges. */
  spillAll(): Record<Category, string[]> {
    if (this.held > 0) this.spill();
    const runs = { promoters: [...this.runs.promoters], passives: [...this.runs.passives], detractors: [...this.runs.detractors] };
    this.runs = { promoters: [], passives: [], detractors: [] };
    return runs;
  }

  /** Takes in the runs of another part of the input, to merge with these. */
  adoptRuns(runs: Record<Category, readonly string[]>): void {
    for (const category of CATEGORY_LIST) this.runs[category].push(...runs[category]);
  }

  /** Removes any run not read (a run that stopped early). */
  discard(): void {
    for (const category of CATEGORY_LIST) {
      for (const path of this.runs[category]) removeScratchFile(path);
      this.runs[category] = [];
    }
  }
}

function writeEntries(fd: number, entries: readonly Entry[]): void {
  let block: string[] = [];
  let size = 0;
  for (const entry of entries) {
    const text = serialize(entry);
    block.push(text);
    size += text.length;
    if (size >= WRITE_CHARS) {
      writeSync(fd, block.join(''));
      block = [];
      size = 0;
    }
  }
  if (block.length > 0) writeSync(fd, block.join(''));
}
