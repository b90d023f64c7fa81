import type { Category } from './categories.js';

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

/** A template that cannot be used as given: the command turns it into an input error. */
export class TemplateError extends Error {}

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
    if (placeholderName(name) === '' || (column === undefined && fallback === undefined)) {
      throw new TemplateError(
        `the ${category} message template uses {${name}}, and no column is called that; ` +
          `the columns are: ${columns.map((c) => `{${placeholderName(c)}}`).join(', ')}`,
      );
    }
    parts.push(template.slice(last, match.index), { column, fallback });
    last = (match.index ?? 0) + whole.length;
  }
  parts.push(template.slice(last));
  const stray = parts.find((part): part is string => typeof part === 'string' && /[{}]/.test(part));
  if (stray !== undefined) {
    throw new TemplateError(
      `the ${category} message template has a { or } that is not a placeholder such as {first_name} (in ${JSON.stringify(stray.trim())})`,
    );
  }
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
