import { parse } from 'csv-parse/sync';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eld } from 'eld/small';
import { readLanguageTable } from '../../../src/input/language-table.js';
import { fixture, ROOT } from '../../helpers.js';

/**
 * The detector nps builds from the table `npm run build` writes (dist/input/eld-small.bin)
 * answers as eld's own module of the table does, on every comment of the language fixtures.
 */
describe('the language table the build writes', () => {
  it("holds every n-gram of eld's small table with its scores, and no other", async () => {
    const source = new URL('../ngrams/small.js', import.meta.resolve('eld/small'));
    const { ngramsData } = (await import(source.href)) as { ngramsData: { type: string; ngrams: Record<string, Record<string, number>> } };
    const table = readLanguageTable(await readFile(join(ROOT, 'dist', 'input', 'eld-small.bin')));
    expect(table.type).toBe(ngramsData.type);
    const ngrams = Object.entries(ngramsData.ngrams);
    expect(ngrams.length).toBeGreaterThan(80_000);
    for (const [ngram, scores] of ngrams) expect(table.ngrams[ngram], ngram).toEqual(scores);
    for (const absent of ['', 'zzzzzz', 'constructor', '__proto__']) expect(table.ngrams[absent]).toBeUndefined();
  });
});

describe('the language detector read from the build', () => {
  it('gives the language, reliability and scores eld/small gives', async () => {
    // The build's module: only it has the JSON table beside it.
    const built = pathToFileURL(join(ROOT, 'dist', 'input', 'language-detector.js')).href;
    const { loadLanguageDetector } = (await import(built)) as typeof import('../../../src/input/language-detector.js');
    const detect = await loadLanguageDetector();
    const files = (await readdir(fixture(''))).filter((name) => /^(themes|discover)-.*\.csv$/.test(name));
    const comments: string[] = [];
    for (const name of files) {
      const rows = parse(await readFile(fixture(name)), { columns: true, bom: true, relax_column_count: true }) as Array<Record<string, string>>;
      for (const row of rows) for (const [column, value] of Object.entries(row)) if (/comment|why|feedback|reason|text/i.test(column) && value.trim() !== '') comments.push(value);
    }
    expect(comments.length).toBeGreaterThan(250);
    for (const comment of comments) {
      const own = eld.detect(comment);
      const read = detect(comment);
      expect([read.language, read.reliable(), read.scores()], comment).toEqual([own.language, own.isReliable(), own.getScores()]);
    }
  });
});
