import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type * as Zod from 'zod';
import { LEXICON_LANGUAGES } from '../core/languages.js';
import type { LanguageIndexData } from '../core/theme-matcher.js';
import type { Theme } from '../core/themes.js';
import { inputError } from '../errors.js';

const require = createRequire(import.meta.url);

/** The built-in lexicon: data/themes.json, a file users can read and copy. */
export const LEXICON_PATH = '../../data/themes.json';

/** The key of a theme's `terms` object whose words are for comments in every language. */
const ANY_LANGUAGE = 'any';

interface LexiconFile {
  mode?: 'replace' | 'extend' | undefined;
  themes: Theme[];
}

/**
 * A theme's `terms` is a list, for comments in every language (as lexicons were
 * written when nps read English only), or an object of lists by language code:
 * `{ "en": ["price"], "fr": ["prix"], "any": ["Acme Pay"] }`.
 */
function lexiconSchema(z: typeof Zod.z) {
  const term = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });
  const list = z.array(term, { error: 'must be a list of words or phrases' }).min(1, { error: 'must list at least one word' });
  const byLanguage = z
    .record(z.string(), list, { error: 'must be a list of words or phrases, or an object of lists by language code' })
    .superRefine((terms, context) => {
      for (const code of Object.keys(terms)) {
        if (code === ANY_LANGUAGE || LEXICON_LANGUAGES.includes(code)) continue;
        context.addIssue({ code: 'custom', path: [code], message: `is not a language code nps has keywords for (${LEXICON_LANGUAGES.join(', ')}, or "${ANY_LANGUAGE}")` });
      }
    });
  const theme = z.strictObject({
    name: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }),
    // Which shape is tried follows the value, so that an error speaks of the shape that was meant.
    terms: z.unknown().transform((value, context) => {
      const parsed = (Array.isArray(value) ? list : byLanguage).safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }),
  });
  return z.object({
    about: z.string().optional(),
    mode: z.enum(['replace', 'extend'], { error: 'must be "replace" or "extend"' }).optional(),
    themes: z.array(theme, { error: 'must be a list of themes' }),
  });
}

function toTheme(name: string, terms: string[] | Record<string, string[]>): Theme {
  if (Array.isArray(terms)) return { name, terms };
  const { [ANY_LANGUAGE]: any = [], ...languages } = terms;
  return { name, terms: any, languages };
}

/** A lexicon checked against the format: the file's themes, or an error that names the first thing wrong. */
export function validateLexicon(json: unknown, where: string): LexiconFile {
  const { z } = require('zod') as typeof Zod;
  const result = lexiconSchema(z).safeParse(json);
  if (result.success) return { mode: result.data.mode, themes: result.data.themes.map((theme) => toTheme(theme.name, theme.terms)) };
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'the file';
  throw inputError(`${where}: ${path}: ${issue?.message ?? 'is not valid'}`);
}

/** Where the build writes the built-in themes' index in each language (scripts/theme-index.mjs). */
export const INDEX_FOLDER = '../../dist/theme-index';

/**
 * The built-in themes' index in a language, as the build made it; undefined before a
 * build, or for a code that names no file. The matcher takes it only when it was made
 * from the very terms it has (see ThemeMatcher).
 */
export function builtInIndex(code: string): LanguageIndexData | undefined {
  if (!/^[a-z]{2,3}$/.test(code)) return undefined;
  try {
    return require(`${INDEX_FOLDER}/${code}.json`) as LanguageIndexData;
  } catch {
    return undefined;
  }
}

/** The built-in lexicon as it is written. */
export function builtInLexicon(): unknown {
  return require(LEXICON_PATH) as unknown;
}

/**
 * The built-in themes, read as they are written: the file ships with nps and its tests
 * hold it to the format (validateLexicon), so no run loads the validator for it (about
 * 0.1 s, a sixth of a run on a small file).
 */
export function builtInThemes(): Theme[] {
  const file = builtInLexicon() as { themes: Array<{ name: string; terms: string[] | Record<string, string[]> }> };
  return file.themes.map((theme) => toTheme(theme.name, theme.terms));
}

/**
 * The built-in themes; with --themes, replaced by the file's or extended with them
 * (the terms of a same-named theme are added, language by language).
 */
export async function loadThemes(file: string | undefined, cwd: string): Promise<Theme[]> {
  const builtIn = builtInThemes();
  if (file === undefined) return builtIn;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(cwd, file), 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(error as Error).message})`;
    throw inputError(`--themes ${file}: ${reason}`);
  }
  const given = validateLexicon(json, `--themes ${file}`);
  if (given.mode !== 'extend') return given.themes;
  const merged = builtIn.map((theme) => ({ ...theme, terms: [...theme.terms], languages: { ...theme.languages } }));
  for (const theme of given.themes) {
    const existing = merged.find((candidate) => candidate.name.toLowerCase() === theme.name.toLowerCase());
    if (existing === undefined) {
      merged.push({ ...theme, languages: { ...theme.languages } });
      continue;
    }
    existing.terms.push(...theme.terms);
    for (const [language, terms] of Object.entries(theme.languages ?? {})) {
      existing.languages[language] = [...(existing.languages[language] ?? []), ...terms];
    }
  }
  return merged;
}
