import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ownCopy } from '../../../src/core/strings.js';
import { CommentReader, ThemeMatcher, ThemeTally } from '../../../src/core/themes.js';
import { builtInThemes } from '../../../src/input/lexicon.js';

/** The collector, as `--expose-gc` would give it: the test weighs what stays alive. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Bytes of this thread's heap still in use after `keep` has run, its result held. */
function heldBy(keep: () => unknown[]): number {
  const gc = collector();
  gc();
  const before = getHeapStatistics().used_heap_size;
  const held = keep();
  gc();
  const after = getHeapStatistics().used_heap_size;
  expect(held.length).toBeGreaterThan(0);
  return after - before;
}

describe('ownCopy', () => {
  it('gives the same text, whatever it holds', () => {
    for (const text of ['', 'a', 'thirteen char', 'é'.repeat(40), 'Great 👍 support', 'lone \ud800 surrogate', '日本語のコメント'.repeat(5), 'x'.repeat(100_000)]) {
      expect(ownCopy(text)).toBe(text);
    }
  });

  it('keeps none of the long text a comment was cut from, which a plain slice keeps', () => {
    // 60 pieces of 256 KB each, as if the comments came from 60 chunks of a file: a slice
    // views its chunk, and 60 slices hold 15 MB; their copies hold a few kilobytes.
    const piece = (index: number): string => `${index},`.padEnd(256 * 1024, 'comment text ');
    const cut = (copy: (text: string) => string) => (): string[] => Array.from({ length: 60 }, (_, index) => copy(piece(index).slice(100, 180)));
    expect(heldBy(cut((text) => text))).toBeGreaterThan(10_000_000);
    expect(heldBy(cut(ownCopy))).toBeLessThan(1_000_000);
  });

  it('lets a tally of comments keep none of the pieces of the file they were cut from', () => {
    // Each comment from a piece of its own, with a word of 13 letters and more (a slice of one views its piece): the
    // tally keeps examples, words and their spellings, stems, and the sample discovery reads.
    const reader = new CommentReader(new ThemeMatcher(builtInThemes()), { language: 'en' });
    const letter = (code: number): string => String.fromCharCode(97 + (code % 26));
    const held = heldBy(() => {
      const tally = new ThemeTally(reader);
      for (let index = 0; index < 60; index += 1) {
        const text = `the support was slow and q${letter(index)}${letter(Math.floor(index / 26))}ationalizing for everyone who asked about invoices`;
        const piece = `${index},`.padEnd(5_000, ' ') + text + ' '.repeat(256 * 1024);
        tally.add(2, piece.slice(5_000, 5_000 + text.length));
      }
      return [tally];
    });
    expect(held).toBeLessThan(5_000_000);
  });

  it('lets the cache of readings of short comments keep none of the pieces of the file they were cut from', () => {
    // A short comment's reading is kept for the next comment that says the same; its words are cut from the comment.
    const reader = new CommentReader(new ThemeMatcher(builtInThemes()), { language: 'en' });
    const letter = (code: number): string => String.fromCharCode(97 + (code % 26));
    const held = heldBy(() => {
      const readings: unknown[] = [];
      for (let index = 0; index < 60; index += 1) {
        const text = `support q${letter(index)}${letter(Math.floor(index / 26))}ationalizing, slow`;
        const piece = `${index},`.padEnd(5_000, ' ') + text + ' '.repeat(256 * 1024);
        readings.push(reader.read(piece.slice(5_000, 5_000 + text.length)));
      }
      return [reader];
    });
    expect(held).toBeLessThan(5_000_000);
  });
});

