/**
 * The languages nps reads comments in, as codes only: what options and lexicon files
 * are checked against, without loading the stemmers and stop-word lists of
 * languages.ts (which a command that reads no comment never needs).
 */
export const LEXICON_LANGUAGES: readonly string[] = ['en', 'fr', 'es', 'de', 'pt', 'it', 'nl', 'ru', 'ja', 'zh'];

/** The other languages the detector names that have a stop-word list. */
const OTHER_LANGUAGES: readonly string[] = [
  'ar', 'bg', 'bn', 'ca', 'cs', 'da', 'el', 'et', 'eu', 'fa', 'fi', 'gu', 'he', 'hi', 'hr', 'hu', 'hy', 'ko', 'ku', 'lt', 'lv', 'mr', 'ms', 'no',
  'pl', 'ro', 'sk', 'sl', 'sv', 'th', 'tl', 'tr', 'uk', 'ur', 'vi', 'yo',
];

export const KNOWN_LANGUAGES: readonly string[] = [...LEXICON_LANGUAGES, ...OTHER_LANGUAGES];

export const UNDETERMINED_LANGUAGE = 'und';

/** Whether --language or a lexicon may name this code. */
export function isKnownLanguage(code: string): boolean {
  return KNOWN_LANGUAGES.includes(code);
}
