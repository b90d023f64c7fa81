// Writes the built-in themes' index in each language they have terms in, as
// dist/theme-index/<code>.json: every term split into words and stemmed as the language
// stems. A comment the language detector is unsure of is looked up in every language, and
// stemming each language's terms was most of what a file of a few comments cost (about 20 ms
// of 0.35 s). Each file lists the terms it was made from: a run whose themes differ (an edited
// data/themes.json before a build) stems its own. Run by `npm run build`, after tsc.
import { mkdir, writeFile } from 'node:fs/promises';

const { LEXICON_LANGUAGES } = await import('../dist/core/languages.js');
const { ThemeMatcher } = await import('../dist/core/theme-matcher.js');
const { builtInThemes, INDEX_FOLDER } = await import('../dist/input/lexicon.js');

const folder = new URL(`${INDEX_FOLDER.replace('../../dist/', '../dist/')}/`, import.meta.url);
await mkdir(folder, { recursive: true });
const matcher = new ThemeMatcher(builtInThemes());
await Promise.all(LEXICON_LANGUAGES.map((code) => writeFile(new URL(`${code}.json`, folder), JSON.stringify(matcher.indexData(code)))));
