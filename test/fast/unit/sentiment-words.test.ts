import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { COMPLAINTS, readsAsPraise } from '../../../src/core/praise.js';
import { whyNotQuotable } from '../../../src/core/quotable.js';
import { english } from '../../../src/libraries/sentiment.js';

/** AFINN's English words as the package ships them, read from its file: what every analysis should still see. */
const shipped = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('sentiment/languages/en/labels.json'), 'utf8')) as Record<string, number>;

describe("AFINN's words", () => {
  // First in the file, so that in a fresh thread it runs before any other reading, as in a run of the command line;
  // after other test files in the same thread, the next test still fails if any reading changed AFINN's words.
  it('give a comment the same verdict whatever was read before it', () => {
    // Longer than the short comments whose verdicts are kept: read again each time.
    const comment = 'Setting it up was a pain at first, and now it works great for our whole team';
    const first = [readsAsPraise(comment), whyNotQuotable(comment)];
    whyNotQuotable('Zero pain, I was nervous before but no problems now: worth it for that alone');
    readsAsPraise('It crashes, slow and buggy');
    expect([readsAsPraise(comment), whyNotQuotable(comment)]).toEqual(first);
  });

  it('are the same after comments have been read for praise and for testimonials, each with words of its own', () => {
    const comments = ['Great product, no problem at all, worth it for that alone', 'It crashes and is slow', 'Love it, the support is excellent'];
    for (const comment of comments) {
      readsAsPraise(comment);
      whyNotQuotable(comment);
    }
    // The words those readings score otherwise: "alone" and "problem" (0 for testimonials), "crash" and "slow" (-2 for praise).
    for (const word of ['alone', 'problem', 'pain', 'lost', ...Object.keys(COMPLAINTS)]) {
      expect(english.labels[word], word).toBe(shipped[word]);
    }
  });
});
