import { InputProblem } from './problems.js';
import type { Category } from './categories.js';
import { quote } from './clip.js';

export type Templates = Record<Category, string>;

/**
 * Short and humane, one per group, and natural with a name and without:
 * `[[, {first_name}]]` is ", Ann" when the row has a first name, and nothing otherwise.
 */
export const DEFAULT_TEMPLATES: Templates = {
  promoters:
    'Thank you for the {score}[[, {first_name}]]! Would you share your experience in a short review, or introduce us to a colleague who could use it?',
  passives: 'Thank you for your feedback[[, {first_name}]]. What would we need to do to earn a 9 or 10 from you next time?',
  detractors: "I'm sorry we let you down[[, {first_name}]]. I'd like to understand what went wrong and put it right: could we talk this week?",
};

const PLACEHOLDER = /\{([^{}|]+)(?:\|([^{}]*))?\}/g;
const GROUP = /\[\[([\s\S]*?)\]\]/g;

/** Columns are named in templates without regard to case, spaces or underscores: {First Name} is {first_name}. */
export function placeholderName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

/** Other names exports give a column: RecipientFirstName (Qualtrics), firstname, given_name for {first_name}. */
function namesFor(name: string): string[] {
  const joined = name.replaceAll('_', '');
  const names = [name, joined, `recipient_${name}`, `recipient${joined}`];
  if (name === 'first_name') names.push('first', 'given_name', 'givenname', 'forename');
  return names;
}

export interface CompiledTemplate {
  fill(cells: readonly string[]): string;
}

/** A template that cannot be used as given: the command turns it into an input error. */
export class TemplateError extends InputProblem {}

interface Placeholder {
  column: number | undefined;
  fallback: string | undefined;
}
type Piece = string | Placeholder;
/** An optional group: shown only when every placeholder in it has a value of its own. */
interface Group {
  pieces: Piece[];
}

function parsePieces(text: string, lookup: (name: string) => number | undefined, inGroup: boolean, fail: (message: string) => never): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const [whole, name = '', fallback] = match;
    const column = lookup(placeholderName(name));
    if (placeholderName(name) === '' || (column === undefined && fallback === undefined && !inGroup)) {
      fail(`uses {${name}}, and no column is called that`);
    }
    pieces.push(text.slice(last, match.index), { column, fallback });
    last = match.index + whole.length;
  }
  pieces.push(text.slice(last));
  const stray = pieces.find((piece): piece is string => typeof piece === 'string' && /[{}]/.test(piece));
  if (stray !== undefined) fail(`has a { or } that is not a placeholder such as {first_name} (in ${quote(stray.trim())})`);
  return pieces;
}

const valueOf = (placeholder: Placeholder, cells: readonly string[]): string =>
  placeholder.column === undefined ? '' : (cells[placeholder.column] ?? '').trim();

function fillPieces(pieces: readonly Piece[], cells: readonly string[]): string {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : valueOf(piece, cells) || (piece.fallback ?? ''))).join('');
}

/**
 * Checks every placeholder against the columns once, so a misspelt one stops the
 * run with its name before any list is written. `{column}` is the row's value,
 * `{column|text}` gives `text` when it is empty; `[[ … ]]` is shown only when
 * every placeholder in it has a value, so a message reads well without one.
 */
export function compileTemplate(category: Category, template: string, columns: readonly string[]): CompiledTemplate {
  const index = new Map(columns.map((column, position) => [placeholderName(column), position] as const).reverse());
  const lookup = (name: string): number | undefined => namesFor(name).map((candidate) => index.get(candidate)).find((found) => found !== undefined);
  const fail = (problem: string): never => {
    throw new TemplateError(
      `the ${category} message template ${problem}; the columns are: ${columns.map((c) => `{${placeholderName(c)}}`).join(', ')}`,
    );
  };
  const parts: Array<Piece[] | Group> = [];
  let last = 0;
  for (const match of template.matchAll(GROUP)) {
    parts.push(parsePieces(template.slice(last, match.index), lookup, false, fail), { pieces: parsePieces(match[1] ?? '', lookup, true, fail) });
    last = match.index + match[0].length;
  }
  parts.push(parsePieces(template.slice(last), lookup, false, fail));
  return {
    fill: (cells) =>
      parts
        .map((part) => {
          if (Array.isArray(part)) return fillPieces(part, cells);
          const complete = part.pieces.every((piece) => typeof piece === 'string' || valueOf(piece, cells) !== '');
          return complete ? fillPieces(part.pieces, cells) : '';
        })
        .join(''),
  };
}
