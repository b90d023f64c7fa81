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

/**
 * The known languages' names in English, as messages and reports print them: written
 * out rather than asked of Intl.DisplayNames, whose first use costs a command 20 ms
 * and whose names change with the ICU data Node is built with ("Bangla", "Bengali").
 */
export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English', fr: 'French', es: 'Spanish', de: 'German', pt: 'Portuguese', it: 'Italian', nl: 'Dutch', ru: 'Russian',
  ja: 'Japanese', zh: 'Chinese', ar: 'Arabic', bg: 'Bulgarian', bn: 'Bangla', ca: 'Catalan', cs: 'Czech', da: 'Danish',
  el: 'Greek', et: 'Estonian', eu: 'Basque', fa: 'Persian', fi: 'Finnish', gu: 'Gujarati', he: 'Hebrew', hi: 'Hindi',
  hr: 'Croatian', hu: 'Hungarian', hy: 'Armenian', ko: 'Korean', ku: 'Kurdish', lt: 'Lithuanian', lv: 'Latvian',
  mr: 'Marathi', ms: 'Malay', no: 'Norwegian', pl: 'Polish', ro: 'Romanian', sk: 'Slovak', sl: 'Slovenian', sv: 'Swedish',
  th: 'Thai', tl: 'Filipino', tr: 'Turkish', uk: 'Ukrainian', ur: 'Urdu', vi: 'Vietnamese', yo: 'Yoruba',
};

export const UNDETERMINED_LANGUAGE = 'und';

/** Whether --language or a lexicon may name this code. */
export function isKnownLanguage(code: string): boolean {
  return KNOWN_LANGUAGES.includes(code);
}
