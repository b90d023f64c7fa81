import { describe, expect, it } from 'vitest';
import { profileOf } from '../../../src/core/languages.js';
import { sentencePolarities } from '../../../src/core/sentiment.js';
import { splitWords, tokensIn, wordsFor } from '../../../src/core/words.js';

/** The polarity of a one-sentence comment in its language. */
function polarityOf(text: string, language: string): string | undefined {
  const profile = profileOf(language);
  const tokens = tokensIn(wordsFor(splitWords(text, profile.locale), text, profile), profile);
  return sentencePolarities(tokens, language)[0];
}

describe('the sentiment of a sentence', () => {
  it.each([
    ['The docs could be better', 'en'],
    ['The app should be more reliable', 'en'],
    ['La documentation pourrait être plus claire', 'fr'],
    ['Die Doku könnte besser sein', 'de'],
    ['La app podría ser más rápida', 'es'],
    ['O suporte poderia ser melhor', 'pt'],
  ])('%j wishes for praise it cannot give yet: negative (%s)', (text, language) => {
    expect(polarityOf(text, language)).toBe('negative');
  });

  it.each([
    ["It couldn't be better", 'en'],
    ['Support could not be more helpful', 'en'],
    ['Die Beratung könnte nicht besser sein', 'de'],
    ['O atendimento não poderia ser melhor', 'pt'],
    ['Great docs and friendly support', 'en'],
    ['Die Doku ist super', 'de'],
  ])('%j is positive (%s)', (text, language) => {
    expect(polarityOf(text, language)).toBe('positive');
  });
});

describe('a service not done', () => {
  it.each([
    ['Support never answers', 'en'],
    ["The agent didn't reply for a week", 'en'],
    ['Le service client ne répond jamais', 'fr'],
    ['Der Support antwortet nie', 'de'],
    ['El soporte nunca responde', 'es'],
    ['O suporte nunca responde', 'pt'],
  ])('%j is a complaint (%s)', (text, language) => {
    expect(polarityOf(text, language)).toBe('negative');
  });

  it.each([
    ['Support answers within the hour', 'en'],
    ['I never had a problem', 'en'],
  ])('%j is none (%s)', (text, language) => {
    expect(polarityOf(text, language)).not.toBe('negative');
  });
});
