import { describe, expect, it } from 'vitest';
import { ResponseSample, type SampledResponse } from '../../../src/core/discover-sample.js';
import { seededRandom } from '../../../src/core/random.js';

/** The sample as its definition says: every response sorted by priority, the longest run that fits both limits. */
function reference(entries: readonly SampledResponse[], maxResponses: number, maxCharacters: number): number[] {
  const sorted = [...entries].sort((a, b) => a.priority - b.priority || a.order - b.order);
  const kept: SampledResponse[] = [];
  let characters = 0;
  for (const entry of sorted) {
    const size = entry.answers.reduce((sum, answer) => sum + answer.text.length, 0);
    if (kept.length + 1 > maxResponses || characters + size > maxCharacters) break;
    kept.push(entry);
    characters += size;
  }
  return kept.map((entry) => entry.order).sort((a, b) => a - b);
}

describe('the responses discovery reads', () => {
  it('are the run of lowest priority that fits, however the input is split into parts and merged', () => {
    const random = seededRandom(42);
    for (let run = 0; run < 60; run += 1) {
      const count = 1 + Math.floor(random() * 3000);
      const maxResponses = 1 + Math.floor(random() * 400);
      const maxCharacters = 50 + Math.floor(random() * 20_000);
      const entries: SampledResponse[] = Array.from({ length: count }, (_, order) => ({
        priority: ResponseSample.priorityOf(order),
        order,
        category: 'promoters',
        side: undefined,
        answers: [{ text: 'x'.repeat(1 + Math.floor(random() * 60)), language: 'en', themes: [] }],
      }));
      const parts = 1 + Math.floor(random() * 4);
      const samples = Array.from({ length: parts }, () => new ResponseSample(maxResponses, maxCharacters));
      entries.forEach((entry, at) => samples[Math.floor((at * parts) / count)]?.offer(entry));
      const [whole, ...others] = samples;
      for (const other of others) whole?.mergeData(other.toData());
      const got = whole?.responses().responses.map((entry) => entry.order);
      expect(got, JSON.stringify({ count, maxResponses, maxCharacters, parts })).toEqual(reference(entries, maxResponses, maxCharacters));
    }
  });
});
