import { CommentReader, ThemeMatcher } from '../core/themes.js';
import { loadLanguageDetector } from './language-detector.js';
import { builtInIndex, loadThemes } from './lexicon.js';

export interface CommentOptions {
  themes?: string | undefined;
  language?: string | undefined;
}

/** The lexicon, read first so that a mistake in it stops the command before any input is read. */
export async function loadMatcher(options: CommentOptions, cwd: string): Promise<ThemeMatcher> {
  // The built-in themes' terms were stemmed by the build, in every language.
  return new ThemeMatcher(await loadThemes(options.themes, cwd), options.themes === undefined ? builtInIndex : undefined);
}

/** When --language names a language the themes have no keyword in: otherwise every group says "no theme found", and nothing says why. */
export function languageWithoutThemes(matcher: ThemeMatcher, options: CommentOptions): string | undefined {
  if (options.language === undefined || matcher.hasTermsIn(options.language)) return undefined;
  return (
    `--language ${options.language}: the themes have no keywords in this language, so no comment can mention one; ` +
    'give yours with --themes FILE (terms under its code, or under "any")'
  );
}

/**
 * How comments are read: in the --language given, or each in its detected
 * language; the detector is loaded only when there are comments to detect.
 */
export async function commentReader(matcher: ThemeMatcher, options: CommentOptions, hasComments: boolean): Promise<CommentReader> {
  const detect = options.language === undefined && hasComments ? await loadLanguageDetector() : undefined;
  return new CommentReader(matcher, { detect, language: options.language });
}

/** What a thread needs to read comments as the command does: plain data. */
export interface CommentSettings extends CommentOptions {
  cwd: string;
  hasComments: boolean;
}

/** The comment reader of a run, built from its settings (in any thread). */
export async function commentReaderOf(settings: CommentSettings): Promise<CommentReader> {
  return commentReader(await loadMatcher(settings, settings.cwd), settings, settings.hasComments);
}
