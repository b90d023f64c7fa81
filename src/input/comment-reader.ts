import { CommentReader, ThemeMatcher } from '../core/themes.js';
import { loadLanguageDetector } from './language-detector.js';
import { loadThemes } from './lexicon.js';

export interface CommentOptions {
  themes?: string;
  language?: string;
}

/** The lexicon, read first so that a mistake in it stops the command before any input is read. */
export async function loadMatcher(options: CommentOptions, cwd: string): Promise<ThemeMatcher> {
  return new ThemeMatcher(await loadThemes(options.themes, cwd));
}

/**
 * How comments are read: in the --language given, or each in its detected
 * language; the detector is loaded only when there are comments to detect.
 */
export async function commentReader(matcher: ThemeMatcher, options: CommentOptions, hasComments: boolean): Promise<CommentReader> {
  const detect = options.language === undefined && hasComments ? await loadLanguageDetector() : undefined;
  return new CommentReader(matcher, { detect, language: options.language });
}
