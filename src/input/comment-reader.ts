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
export async function commentReader(matcher: ThemeMatcher, options: CommentOptions, hasComments: boolean, warn?: (message: string) => void): Promise<CommentReader> {
  if (options.language !== undefined && !matcher.hasTermsIn(options.language)) {
    // Otherwise every group says "no theme found", and nothing says why.
    warn?.(
      `--language ${options.language}: the themes have no keywords in this language, so no comment can mention one; ` +
        'give yours with --themes FILE (terms under its code, or under "any")',
    );
  }
  const detect = options.language === undefined && hasComments ? await loadLanguageDetector() : undefined;
  return new CommentReader(matcher, { detect, language: options.language });
}
