import { describe, expect, it } from 'vitest';
import { ResponseSample, type SampledResponse } from '../../../src/core/discover-sample.js';
import { seededRandom } from '../../../src/core/random.js';

/** The sample as its definition says: every response sorted by priority, the longest run that fits both limits. */
function reference(entries: readonly SampledResponse[], maxResponses: number, maxCharacters: number): SampledResponse[] {
  const sorted = [...entries].sort((a, b) => a.priority - b.priority || a.order - b.order);
  const kept: SampledResponse[] = [];
  let characters = 0;
  for (const entry of sorted) {
    const size = entry.answers.reduce((sum, answer) => sum + answer.text.length, 0);
    if (kept.length + 1 > maxResponses || characters + size > maxCharacters) break;
    kept.push(entry);
    characters += size;
  }
  return kept.sort((a, b) => a.order - b.order);
}

describe('the responses discovery reads', () => {
  it('are the run of lowest priority that fits, however the input is split into parts and merged', () => {
    const random = seededRandom(42);
    for (let run = 0; run < 60; run += 1) {
      const count = 1 + Math.floor(random() * 3000);
      const maxResponses = 1 + Math.floor(random() * 2000);
      const maxCharacters = 50 + Math.floor(random() * 300_000);
      // Texts of any characters and length (past the store's batches of 128 Ki characters), one to three answers,
      // sides and none: every field is held in columns and must come back as it was offered.
      const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const text = (): string => pick(['x', 'é', '”', '日本', '👍', '\n', ' ']).repeat(Math.floor(random() * 120));
      const entries: SampledResponse[] = Array.from({ length: count }, (_, order) => ({
        priority: ResponseSample.priorityOf(order),
        order,
        category: pick(['promoters', 'passives', 'detractors'] as const),
        side: pick([undefined, '2025-01', '2025-02']),
        answers: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
          text: text(),
          language: pick(['en', 'fr', 'und']),
          themes: Array.from({ length: Math.floor(random() * 3) }, () => pick(['price', 'support', 'speed'])),
        })),
      }));
      const parts = 1 + Math.floor(random() * 4);
      const samples = Array.from({ length: parts }, () => new ResponseSample(maxResponses, maxCharacters));
      entries.forEach((entry, at) => samples[Math.floor((at * parts) / count)]?.offer(entry));
      const [whole, ...others] = samples;
      for (const other of others) whole?.mergeData(other.toData());
      const got = whole?.responses().responses;
      expect(got, JSON.stringify({ count, maxResponses, maxCharacters, parts })).toEqual(reference(entries, maxResponses, maxCharacters));
    }
  });
});

describe('the responses discovery reads, as they travel between threads', () => {
  it('arrive as they were sent: every field, texts of any characters, several answers, sides and none', () => {
    const random = seededRandom(7);
    const alphabet = ['a', 'é', '\n', '"', ',', '\u{1F600}', ' ', '中', '\r', '\u0000'];
    const entries: SampledResponse[] = Array.from({ length: 500 }, (_, at) => ({
      priority: random(),
      order: at * 4294967296 + Math.floor(random() * 1e6),
      category: (['promoters', 'passives', 'detractors'] as const)[at % 3] ?? 'promoters',
      side: at % 4 === 0 ? undefined : `2026-0${1 + (at % 3)}`,
      answers: Array.from({ length: 1 + (at % 3) }, () => ({
        text: Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)] ?? '').join(''),
        language: ['en', 'fr', 'und'][Math.floor(random() * 3)] ?? 'en',
        themes: Array.from({ length: Math.floor(random() * 3) }, () => ['price', 'support', 'Billing'][Math.floor(random() * 3)] ?? ''),
      })),
    }));
    const sample = new ResponseSample(1000, 1_000_000);
    for (const entry of entries) sample.offer(entry);
    const data = structuredClone(sample.toData());
    expect(data.responses.count).toBe(500);
    const merged = new ResponseSample(1000, 1_000_000);
    merged.mergeData(data);
    expect(merged.responses().responses).toEqual([...entries].sort((a, b) => a.order - b.order));
  });
});
