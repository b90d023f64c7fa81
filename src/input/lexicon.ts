import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type * as Zod from 'zod';
import type { Theme } from '../core/themes.js';
import { inputError } from '../errors.js';

const require = createRequire(import.meta.url);

/** The built-in lexicon: data/themes.json, a file users can read and copy. */
export const LEXICON_PATH = '../../data/themes.json';

interface LexiconFile {
  mode?: 'replace' | 'extend' | undefined;
  themes: Theme[];
}

function lexiconSchema(z: typeof Zod.z) {
  const theme = z.strictObject({
    name: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }),
    terms: z.array(z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }), { error: 'must be a list of words or phrases' }).min(1, { error: 'must list at least one word' }),
  });
  return z.object({
    about: z.string().optional(),
    mode: z.enum(['replace', 'extend'], { error: 'must be "replace" or "extend"' }).optional(),
    themes: z.array(theme, { error: 'must be a list of themes' }),
  });
}

function validate(json: unknown, where: string): LexiconFile {
  const { z } = require('zod') as typeof Zod;
  const result = lexiconSchema(z).safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : 'the file';
  throw inputError(`${where}: ${path}: ${issue?.message ?? 'is not valid'}`);
}

export function builtInThemes(): Theme[] {
  return validate(require(LEXICON_PATH) as unknown, 'data/themes.json').themes;
}

/** The built-in themes; with --themes, replaced by the file's or extended with them (terms of a same-named theme are added). */
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
  const given = validate(json, `--themes ${file}`);
  if (given.mode !== 'extend') return given.themes;
  const merged = builtIn.map((theme) => ({ ...theme, terms: [...theme.terms] }));
  for (const theme of given.themes) {
    const existing = merged.find((candidate) => candidate.name.toLowerCase() === theme.name.toLowerCase());
    if (existing) existing.terms.push(...theme.terms);
    else merged.push(theme);
  }
  return merged;
}
