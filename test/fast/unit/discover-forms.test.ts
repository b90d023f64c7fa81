import { describe, expect, it } from 'vitest';
import { examplesOf, writtenForms } from '../../../src/core/discover.js';
import type { AnswerDocument } from '../../../src/core/discover-documents.js';
import { Vocabulary } from '../../../src/core/discover-documents.js';
import type { Phrase, PhraseDocument } from '../../../src/core/phrases.js';
import { seededRandom } from '../../../src/core/random.js';

/** The forms as a reader counts them by hand: each document's places written out, each form once a document. */
function formsByHand(phrase: Phrase, documents: readonly PhraseDocument[], ids: readonly number[], vocabulary: Vocabulary): string[] {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const document = documents[id];
    if (document === undefined) continue;
    const seen = new Set<string>();
    for (let at = 0; at + phrase.stems.length <= document.stems.length; at += 1) {
      const here = phrase.stems.every((stem, k) => document.stems[at + k] === stem);
      if (here) seen.add([...document.words.subarray(at, at + phrase.stems.length)].map((word) => vocabulary.wordList[word]).join(' '));
    }
    for (const form of seen) counts.set(form, (counts.get(form) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form);
}

/** Documents of runs over a few stems, each stem written in a few ways, with run ends (-1) between. */
function randomCase(seed: number, vocabularySize: number): { documents: PhraseDocument[]; vocabulary: Vocabulary; phrase: Phrase; ids: number[] } {
  const random = seededRandom(seed);
  const vocabulary = new Vocabulary();
  for (let word = 0; word < vocabularySize; word += 1) vocabulary.wordId(`w${word}`);
  const stems = 4;
  // Each stem is written as one of three words, the last words of the vocabulary: large ids, one apart.
  const writings = Array.from({ length: stems }, (_, stem) => [0, 1, 2].map((k) => vocabularySize - 1 - (stem * 3 + k)));
  const documents = Array.from({ length: 60 }, (): PhraseDocument => {
    const length = 1 + Math.floor(random() * 12);
    const stemRow: number[] = [];
    const wordRow: number[] = [];
    for (let at = 0; at < length; at += 1) {
      if (random() < 0.15) {
        stemRow.push(-1);
        wordRow.push(-1);
        continue;
      }
      const stem = Math.floor(random() * stems);
      stemRow.push(stem);
      wordRow.push(writings[stem]?.[Math.floor(random() * 3)] ?? 0);
    }
    return { stems: Int32Array.from(stemRow), words: Int32Array.from(wordRow), category: 'passives' };
  });
  const n = 1 + Math.floor(random() * 3);
  const phrase: Phrase = { stems: Array.from({ length: n }, () => Math.floor(random() * stems)), documents: [], byCategory: { promoters: 0, passives: 0, detractors: 0 }, df: 0 };
  // Some ids twice, and one past the documents: as the hand count takes them.
  const ids = [...documents.keys()].filter(() => random() < 0.8);
  ids.push(ids[0] ?? 0, documents.length + 5);
  return { documents, vocabulary, phrase, ids };
}

describe('a phrase written forms', () => {
  it('counts each form once a document, the most common first, as a hand count does: 300 seeded cases', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const { documents, vocabulary, phrase, ids } = randomCase(seed, 50);
      expect(writtenForms(phrase, documents, ids, vocabulary), `seed ${seed}`).toEqual(formsByHand(phrase, documents, ids, vocabulary));
    }
  });

  it('keeps forms of three words apart when their ids no longer fit one number (a vocabulary of 300,000 words)', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const { documents, vocabulary, phrase, ids } = randomCase(seed, 300_000);
      const three: Phrase = { ...phrase, stems: [0, 1, 2] };
      expect(writtenForms(three, documents, ids, vocabulary), `seed ${seed}`).toEqual(formsByHand(three, documents, ids, vocabulary));
      expect(writtenForms(phrase, documents, ids, vocabulary), `seed ${seed}`).toEqual(formsByHand(phrase, documents, ids, vocabulary));
    }
  });
});

describe("a discovered theme's examples", () => {
  /**
   * The three shortest texts of three words or more, ties by collation, as a stable sort of
   * them all gives them: texts that collation holds equal (a soft hyphen, which it
   * ignores, in one place or another) keep the order they came in.
   */
  it('are the first three of a stable sort by length and collation', () => {
    const random = seededRandom(5);
    const pieces = ['ok', 'price', 'é', 'e\u0301', 'Support', 'support', 'slow', 'a', 'ß', 'ss', 'Ünits', 'ab\u00ad', 'a\u00adb'];
    for (let trial = 0; trial < 300; trial += 1) {
      // Every other trial, texts of three words of which two are equal to collation: ties at every length.
      const from = trial % 2 === 0 ? pieces : ['ab\u00ad', 'a\u00adb', 'ok'];
      const documents = Array.from({ length: 1 + Math.floor(random() * 60) }, () => {
        const words = Array.from({ length: trial % 2 === 0 ? 1 + Math.floor(random() * 4) : 3 }, () => from[Math.floor(random() * from.length)] ?? '');
        return { text: words.join(' '), length: words.length } as unknown as AnswerDocument;
      });
      const ids = documents.map((_, at) => at).filter(() => random() < 0.8);
      const texts = [...new Set(ids.map((id) => documents[id]).filter((document) => document !== undefined && document.length >= 3).map((document) => document?.text ?? ''))];
      const bySort = [...texts].sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, 3);
      expect(examplesOf(documents, ids), `trial ${trial}`).toEqual(bySort);
    }
  });
});
