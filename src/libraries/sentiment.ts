import type SentimentClass from 'sentiment';
import type englishModule from 'sentiment/languages/en/index.js';
import { required } from './required.js';

/** sentiment, AFINN-165's English words and their scores (required: see required.ts). */
export const Sentiment = required('sentiment') as typeof SentimentClass;

/** sentiment's English module alone: the words and their scores, -5 to 5, and how "not" turns a word's score. */
export const english = required('sentiment/languages/en/index.js') as typeof englishModule;

/**
 * An analysis of English with some words scored otherwise (`extras`), registered
 * under a language code of its own with its own copy of the words, the first time it
 * is used (the copy is of some 3,000 words and emojis). sentiment's
 * `extras` option is not used: it writes the words into the one table of English
 * every analysis in the process reads, so that one analysis's changes would hold
 * for every later one, and a run's verdicts would depend on the order comments
 * came in (a thread reading the second half of a file would differ from one
 * reading it all).
 */
export function englishWith(code: string, extras: Readonly<Record<string, number>>): (text: string) => SentimentClass.AnalysisResult {
  let analyzer: SentimentClass | undefined;
  return (text) => {
    if (analyzer === undefined) {
      analyzer = new Sentiment();
      analyzer.registerLanguage(code, { labels: { ...english.labels, ...extras }, scoringStrategy: english.scoringStrategy });
    }
    return analyzer.analyze(text, { language: code });
  };
}
