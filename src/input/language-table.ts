/**
 * eld's n-gram table as `npm run build` writes it (scripts/language-table.mjs), read
 * without being built: a four-byte length and a JSON head (the table's type, its
 * languages, how many n-grams), then where each n-gram's text and scores start
 * (32-bit), then the n-grams, sorted, one after another, then their scores
 * ("11:52,59:3": language index and score), both UTF-16. An n-gram is found by binary
 * search and its scores read the first time it is asked for: a file of a few comments
 * asks for a few hundred of the table's 81,206.
 */
export interface LanguageTable {
  type: string;
  languages: Record<string, string>;
  /** An n-gram's scores as pairs, language index then score (language-detector.ts adds them up); undefined when absent. */
  scoresOf(ngram: string): Int32Array | undefined;
}

/** How many looked-up n-grams the table does not have are remembered as such. */
const MISSES_KEPT = 200_000;

export function readLanguageTable(buffer: Buffer): LanguageTable {
  const headLength = buffer.readUInt32LE(0);
  const head = JSON.parse(buffer.toString('utf8', 4, 4 + headLength)) as { type: string; languages: Record<string, string>; count: number };
  const count = head.count;
  const startsAt = 4 + headLength;
  const textAt = startsAt + 8 * (count + 1);
  // Copied out: a view would need its offset to fall on four bytes.
  const starts = new Uint32Array(buffer.buffer.slice(buffer.byteOffset + startsAt, buffer.byteOffset + textAt));
  const keysEnd = textAt + 2 * (starts[count] ?? 0);
  const keys = buffer.toString('utf16le', textAt, keysEnd);
  // The scores' texts are decoded one at a time, when an n-gram is found: decoding them all took 5 ms of every run.
  const valueOf = (at: number): string => buffer.toString('utf16le', keysEnd + 2 * (starts[count + 1 + at] ?? 0), keysEnd + 2 * (starts[count + 2 + at] ?? 0));
  const keyOf = (at: number): string => keys.slice(starts[at], starts[at + 1]);
  // The table's n-grams once made, and n-grams it does not have, up to a bound: varied text has many of those.
  const found = new Map<string, Int32Array | null>();
  const scoresOf = (ngram: string): Int32Array | undefined => {
    const known = found.get(ngram);
    if (known !== undefined) return known ?? undefined;
    const at = search(ngram, count, keyOf);
    const scores = at === -1 ? null : pairsOf(valueOf(at));
    if (scores !== null || found.size < MISSES_KEPT) found.set(ngram, scores);
    return scores ?? undefined;
  };
  return { type: head.type, languages: head.languages, scoresOf };
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

/** "11:52,59:3" as the pairs 11, 52, 59, 3. */
function pairsOf(text: string): Int32Array {
  const pairs = text.split(',');
  const scores = new Int32Array(pairs.length * 2);
  pairs.forEach((pair, at) => {
    const colon = pair.indexOf(':');
    scores[2 * at] = Number(pair.slice(0, colon));
    scores[2 * at + 1] = Number(pair.slice(colon + 1));
  });
  return scores;
}
