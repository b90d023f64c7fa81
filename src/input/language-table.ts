/**
 * eld's n-gram table as `npm run build` writes it (scripts/language-table.mjs), read
 * without being built: a four-byte length and a JSON head (the table's type, its
 * languages, how many n-grams, the format), padded to four bytes; then where each
 * n-gram's text and its scores start (32-bit, read in place); then the n-grams, sorted,
 * one after another, a byte a character (eld's n-grams are UTF-8 bytes); then their
 * scores, two bytes a pair (language index, score). An n-gram is found by binary search
 * and its scores read the first time it is asked for: a file of a few comments asks for
 * a few hundred of the table's 81,206. Every run that reads comments reads the file, so
 * it is kept small: 1.3 MB, where scores written as text made it 2.9 MB and 10 ms to read.
 */
export interface LanguageTable {
  type: string;
  languages: Record<string, string>;
  /** An n-gram's scores as pairs, language index then score (language-detector.ts adds them up); undefined when absent. */
  scoresOf(ngram: string): Int32Array | undefined;
}

/** How many looked-up n-grams the table does not have are remembered as such. */
const MISSES_KEPT = 200_000;

/** The version of the layout above; a table of another is not read. */
const FORMAT = 2;

export function readLanguageTable(buffer: Buffer): LanguageTable {
  const headLength = buffer.readUInt32LE(0);
  const head = JSON.parse(buffer.toString('utf8', 4, 4 + headLength)) as { type: string; languages: Record<string, string>; count: number; format?: number };
  if (head.format !== FORMAT) throw new Error(`language table: format ${String(head.format)}, not ${FORMAT}`);
  const count = head.count;
  const startsAt = 4 + headLength;
  const textAt = startsAt + 8 * (count + 1);
  const starts = offsetsAt(buffer, startsAt, 2 * (count + 1));
  const pairsAt = textAt + (starts[count] ?? 0);
  const keys = buffer.toString('latin1', textAt, pairsAt);
  const keyOf = (at: number): string => keys.slice(starts[at], starts[at + 1]);
  const scoresAt = (at: number): Int32Array => Int32Array.from(buffer.subarray(pairsAt + 2 * (starts[count + 1 + at] ?? 0), pairsAt + 2 * (starts[count + 2 + at] ?? 0)));
  // The table's n-grams once made, and n-grams it does not have, up to a bound: varied text has many of those.
  const found = new Map<string, Int32Array | null>();
  const scoresOf = (ngram: string): Int32Array | undefined => {
    const known = found.get(ngram);
    if (known !== undefined) return known ?? undefined;
    const at = search(ngram, count, keyOf);
    const scores = at === -1 ? null : scoresAt(at);
    if (scores !== null || found.size < MISSES_KEPT) found.set(ngram, scores);
    return scores ?? undefined;
  };
  return { type: head.type, languages: head.languages, scoresOf };
}

/** 32-bit offsets read in place where they fall on four bytes (the build pads the head so that they do), else copied. */
function offsetsAt(buffer: Buffer, at: number, length: number): Uint32Array {
  const offset = buffer.byteOffset + at;
  if (offset % 4 === 0) return new Uint32Array(buffer.buffer, offset, length);
  return new Uint32Array(buffer.buffer.slice(offset, offset + 4 * length));
}

function search(ngram: string, count: number, keyOf: (at: number) => string): number {
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const probe = keyOf(middle);
    if (probe === ngram) return middle;
    if (probe < ngram) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
