import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type * as Zod from 'zod';
import type { Category } from '../core/categories.js';
import { inputError } from '../errors.js';

export type Templates = Record<Category, string>;

/**
 * Short and humane, one per group. `{first_name|there}` is the column first_name,
 * or "there" when the file has no such column or the cell is empty.
 */
export const DEFAULT_TEMPLATES: Templates = {
  promoters:
    'Hi {first_name|there}, thank you for the {score}! Would you share your experience in a short review, or introduce us to a colleague who could use it?',
  passives:
    'Hi {first_name|there}, thank you for your feedback. What would we need to do to earn a 9 or 10 from you next time?',
  detractors:
    "Hi {first_name|there}, I'm sorry we let you down. I'd like to understand what went wrong and put it right: could we talk this week?",
};

const PLACEHOLDER = /\{([^{}|]+)(?:\|([^{}]*))?\}/g;

/** Columns are named in templates without regard to case, spaces or underscores: {First Name} is {first_name}. */
export function placeholderName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

export interface CompiledTemplate {
  fill(cells: readonly string[]): string;
}

/**
 * Checks every placeholder against the columns once, so a misspelt one stops the
 * run with its name before any list is written.
 */
export function compileTemplate(category: Category, template: string, columns: readonly string[]): CompiledTemplate {
  const index = new Map(columns.map((column, position) => [placeholderName(column), position] as const).reverse());
  const parts: Array<string | { column: number | undefined; fallback: string | undefined }> = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const [whole, name = '', fallback] = match;
    const column = index.get(placeholderName(name));
    if (column === undefined && fallback === undefined) {
      throw inputError(
        `the ${category} message template uses {${name}}, and no column is called that; ` +
          `the columns are: ${columns.map((c) => `{${placeholderName(c)}}`).join(', ')}`,
      );
    }
    parts.push(template.slice(last, match.index), { column, fallback });
    last = (match.index ?? 0) + whole.length;
  }
  parts.push(template.slice(last));
  return {
    fill: (cells) =>
      parts
        .map((part) => {
          if (typeof part === 'string') return part;
          const value = part.column === undefined ? '' : (cells[part.column] ?? '').trim();
          return value === '' ? (part.fallback ?? '') : value;
        })
        .join(''),
  };
}

function templatesSchema(z: typeof Zod.z) {
  const text = z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' });
  return z.strictObject({ promoters: text.optional(), passives: text.optional(), detractors: text.optional() });
}

/** Reads --templates: a JSON object of up to three strings; the defaults fill the rest. */
export async function loadTemplates(file: string, cwd: string): Promise<Templates> {
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
  return { ...DEFAULT_TEMPLATES, ...Object.fromEntries(Object.entries(result.data).filter(([, value]) => value !== undefined)) };
}
