import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type * as Zod from 'zod';
import { DEFAULT_TEMPLATES, type Templates } from '../core/templates.js';
import { inputError } from '../errors.js';

function templatesSchema(z: typeof Zod.z) {
  const text = z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' });
  return z.strictObject({ promoters: text.optional(), passives: text.optional(), detractors: text.optional() });
}

/** Reads --templates: a JSON object of up to three strings; the defaults fill the rest. */
export async function loadTemplates(file: string | undefined, cwd: string): Promise<Templates> {
  if (file === undefined) return DEFAULT_TEMPLATES;
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw inputError(`--templates ${file}: file not found or not readable`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw inputError(`--templates ${file}: not valid JSON (${(error as Error).message})`);
  }
  const { z } = createRequire(import.meta.url)('zod') as typeof Zod;
  const result = templatesSchema(z).safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the file';
    const keys = issue?.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')}): only promoters, passives and detractors are allowed` : '';
    throw inputError(`--templates ${file}: ${where}: ${issue?.message ?? 'is not valid'}${keys}`);
  }
  return { ...DEFAULT_TEMPLATES, ...result.data };
}
