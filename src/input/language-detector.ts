import type { DetectLanguage } from '../core/themes.js';

/** A comment's language shows in its first sentences; n-grams past them cost time and tell nothing more. */
const DETECTED_LENGTH = 400;

/**
 * The language detector: Nito-ELD (the `eld` package) with its small n-gram
 * database, bundled in the package, so nothing is fetched at run time. It is
 * loaded only when comments are to be read and no --language is given: its
 * database takes about a third of a second to load.
 */
export async function loadLanguageDetector(): Promise<DetectLanguage> {
  const { eld } = await import('eld/small');
  return (text) => {
    const result = eld.detect(text.length > DETECTED_LENGTH ? text.slice(0, DETECTED_LENGTH) : text);
    return { language: result.language, reliable: () => result.isReliable(), scores: () => result.getScores() };
  };
}
