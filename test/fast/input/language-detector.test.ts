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
    // eld's scores as pairs, lowest language index first: the order the build writes them in.
    const pairsOf = (scores: Record<string, number>): number[] => Object.entries(scores).flatMap(([language, score]) => [Number(language), score]);
    for (const [ngram, scores] of ngrams) expect([...(table.scoresOf(ngram) ?? [])], ngram).toEqual(pairsOf(scores));
    for (const absent of ['', 'zzzzzz', 'constructor', '__proto__']) expect(table.scoresOf(absent)).toBeUndefined();
  });

  it('is read the same from bytes that do not start on four bytes, and refuses a table of another format', async () => {
    const bytes = await readFile(join(ROOT, 'dist', 'input', 'eld-small.bin'));
    const aligned = readLanguageTable(bytes);
    const shifted = readLanguageTable(Buffer.concat([Buffer.alloc(1), bytes]).subarray(1));
    for (const ngram of [' th', 'ing', 'ção', 'the ', 'zzz']) expect(shifted.scoresOf(ngram), ngram).toEqual(aligned.scoresOf(ngram));
    const head = Buffer.from(JSON.stringify({ type: 'small', languages: {}, count: 0 }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(head.length);
    expect(() => readLanguageTable(Buffer.concat([length, head, Buffer.alloc(8)]))).toThrow(/format/);
  });
});

describe('the language detector read from the build', () => {
  it('gives the language, reliability and scores eld/small gives', async () => {
    // The build's module: only it has the JSON table beside it.
    const built = pathToFileURL(join(ROOT, 'dist', 'input', 'language-detector.js')).href;
    const { DETECTED_LENGTH, loadLanguageDetector } = (await import(built)) as typeof import('../../../src/input/language-detector.js');
    const detect = await loadLanguageDetector();
    const files = (await readdir(fixture(''))).filter((name) => /^(themes|discover)-.*\.csv$/.test(name));
    const comments: string[] = [];
    for (const name of files) {
      const rows = parse(await readFile(fixture(name)), { columns: true, bom: true, relax_column_count: true }) as Array<Record<string, string>>;
      for (const row of rows) for (const [column, value] of Object.entries(row)) if (/comment|why|feedback|reason|text/i.test(column) && value.trim() !== '') comments.push(value);
    }
    expect(comments.length).toBeGreaterThan(250);
    comments.push(...madeTexts(4000));
    for (const comment of comments) {
      // A comment's language is told from its first DETECTED_LENGTH characters, by either detector.
      const own = eld.detect(comment.slice(0, DETECTED_LENGTH));
      const read = detect(comment);
      expect([read.language, read.reliable(), read.scores()], comment).toEqual([own.language, own.isReliable(), own.getScores()]);
      // One language's score, asked alone, for languages eld lists and for some it may not.
      const scores = own.getScores();
      for (const code of [...Object.keys(scores), 'en', 'fr', 'ja', 'xx']) expect(read.scoreOf(code), `${comment}: ${code}`).toBe(scores[code] ?? 0);
    }
  });
});

/**
 * Texts as varied as comments and stranger: words of several languages and scripts,
 * accents, apostrophes, digits, emails and links, emoji (surrogate pairs), a lone
 * surrogate, runs of spaces and punctuation, a word of 100 letters, and texts long
 * enough to be cut (past 350 bytes, past 1,000 characters). Seeded: the same texts each run.
 */
function madeTexts(count: number): string[] {
  const words = [
    'the', 'support', 'team', 'was', 'slow', "don't", 'great', 'Über', 'schnell', 'très', 'lent', 'prix', 'élevé', 'precio',
    'aplicación', 'niño', 'straße', 'ça', 'São', 'Paulo', 'привет', 'поддержка', 'медленно', 'こんにちは', 'サポート', '支持',
    '很慢', 'مرحبا', 'الدعم', 'שלום', 'γειά', 'σου', 'cześć', 'dziękuję', 'merhaba', 'teşekkürler', 'xin', 'chào', 'ok', 'a',
    'ab', 'abc', 'abcd', 'abcde', 'x'.repeat(100), 'v2.0', '2026', 'user@example.com', 'https://example.com/a?b=1', 'foo.com',
    '😀', '👍🏽', '\ud83d', '—', '…', '!!', '   ', '\t', '\n', 'l’équipe', 'it`s', 'A1B2', 'ÉCOLE', 'İstanbul', 'ǅ',
  ];
  let state = 7;
  const next = (below: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % below;
  };
  // A quarter of them ASCII alone: a byte a character, where the cuts fall at a character's place.
  const ascii = words.filter((word) => /^[\x20-\x7e]*$/.test(word));
  return Array.from({ length: count }, (_, at) => {
    const from = at % 4 === 0 ? ascii : words;
    const length = next(10) === 0 ? 150 + next(200) : 1 + next(25);
    return Array.from({ length }, () => from[next(from.length)] ?? '').join(next(5) === 0 ? '' : ' ');
  });
}
