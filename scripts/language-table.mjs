// Writes the language detector's n-gram table (eld's "small" database) beside the build, as
// dist/input/eld-small.bin, in a form read without building it: the n-grams sorted, their texts
// one after another, and where each starts (see src/input/language-table.ts). Evaluating eld's own
// module of the table takes about 0.67 s and 190 MB; reading this takes about 30 ms. Run by `npm run build`.
import { Buffer } from 'node:buffer';
import { writeFile } from 'node:fs/promises';

const source = new URL('../ngrams/small.js', import.meta.resolve('eld/small'));
const { ngramsData } = await import(source.href);
if (typeof ngramsData?.type !== 'string' || typeof ngramsData.ngrams !== 'object') throw new Error(`${source.pathname}: not an eld n-gram table`);

const keys = Object.keys(ngramsData.ngrams).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const values = keys.map((key) => Object.entries(ngramsData.ngrams[key]).map(([language, score]) => `${language}:${score}`).join(','));
const starts = new Uint32Array(2 * (keys.length + 1));
let key = 0;
let value = 0;
keys.forEach((text, at) => {
  starts[at] = key;
  starts[keys.length + 1 + at] = value;
  key += text.length;
  value += values[at].length;
});
starts[keys.length] = key;
starts[2 * keys.length + 1] = value;
const head = Buffer.from(JSON.stringify({ type: ngramsData.type, languages: ngramsData.languages, count: keys.length }), 'utf8');
const length = Buffer.alloc(4);
length.writeUInt32LE(head.length);
const parts = [length, head, Buffer.from(starts.buffer), Buffer.from(keys.join(''), 'utf16le'), Buffer.from(values.join(''), 'utf16le')];
await writeFile(new URL('../dist/input/eld-small.bin', import.meta.url), Buffer.concat(parts));
