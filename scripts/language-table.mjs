// Writes the language detector's n-gram table (eld's "small" database) beside the build, as
// dist/input/eld-small.bin, in a form read without building it: the n-grams sorted, their texts
// one after another, their scores as bytes, and where each starts (see src/input/language-table.ts). Evaluating eld's own
// module of the table takes about 0.67 s and 190 MB; reading this takes about 30 ms. Run by `npm run build`.
import { Buffer } from 'node:buffer';
import { writeFile } from 'node:fs/promises';

const source = new URL('../ngrams/small.js', import.meta.resolve('eld/small'));
const { ngramsData } = await import(source.href);
if (typeof ngramsData?.type !== 'string' || typeof ngramsData.ngrams !== 'object') throw new Error(`${source.pathname}: not an eld n-gram table`);

const keys = Object.keys(ngramsData.ngrams).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
// eld's n-grams are UTF-8 bytes written as characters, and its scores are small whole numbers: a byte each.
const byte = (value, what) => {
  if (!Number.isInteger(value) || value < 0 || value > 255) throw new Error(`${source.pathname}: ${what} ${value} does not fit a byte`);
  return value;
};
const pairs = keys.map((key) => Object.entries(ngramsData.ngrams[key]).map(([language, score]) => [byte(Number(language), 'language'), byte(score, 'score')]));
for (const key of keys) for (let at = 0; at < key.length; at += 1) byte(key.charCodeAt(at), 'character code');
const starts = new Uint32Array(2 * (keys.length + 1));
let key = 0;
let pair = 0;
keys.forEach((text, at) => {
  starts[at] = key;
  starts[keys.length + 1 + at] = pair;
  key += text.length;
  pair += pairs[at].length;
});
starts[keys.length] = key;
starts[2 * keys.length + 1] = pair;
// The head is padded to a multiple of four bytes, so that the offsets after it are read in place as 32-bit numbers.
let head = JSON.stringify({ type: ngramsData.type, languages: ngramsData.languages, count: keys.length, format: 2 });
while ((4 + Buffer.byteLength(head, 'utf8')) % 4 !== 0) head += ' ';
const length = Buffer.alloc(4);
length.writeUInt32LE(Buffer.byteLength(head, 'utf8'));
const parts = [length, Buffer.from(head, 'utf8'), Buffer.from(starts.buffer), Buffer.from(keys.join(''), 'latin1'), Buffer.from(pairs.flat(2))];
await writeFile(new URL('../dist/input/eld-small.bin', import.meta.url), Buffer.concat(parts));
