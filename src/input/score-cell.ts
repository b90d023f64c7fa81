import { MAX_SCORE, MIN_SCORE } from '../core/categories.js';
import { quote } from '../core/clip.js';

export type ScoreCell =
  | { kind: 'score'; value: number }
  | { kind: 'blank' }
  /** `written` is the whole number the cell holds, when it holds one: 11 is evidence of a 1..11 scale. */
  | { kind: 'invalid'; reason: string; written?: number };

/** How R, pandas and spreadsheets write "no answer": read as blank, like an empty cell. */
export const MISSING_VALUES = ['', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a'] as const;
const MISSING = new Set<string>(MISSING_VALUES);

/** The longest way of writing "no answer" ("null", "none", "#n/a"). */
const MISSING_CHARS = Math.max(...MISSING_VALUES.map((value) => value.length));

/**
 * Whether a cell says "no answer" (empty, NA, N/A, null, -…): for scores and comments
 * alike. A longer text is none of them, and is not lower-cased whole to find it out:
 * every comment of a file passes here.
 */
export function isMissing(cell: string): boolean {
  const text = cell.trim();
  return text.length <= MISSING_CHARS && MISSING.has(text.toLowerCase());
}

const DASH = '[-–—:=]';
/**
 * The shapes a score is read in; anything else is rejected with a reason, never
 * guessed ("1,000", "Q3", "v2.0" are not scores). The README lists them.
 */
const SHAPES: readonly RegExp[] = [
  // 9, 09, 009, 9.0, 9,00: a whole number however it is padded with zeros
  /^0*(\d{1,2})(?:[.,]0{1,2})?$/u,
  // 10 - Extremely likely, 0: Not at all likely, 10 = Extremely likely
  new RegExp(`^0*(\\d{1,2})(?:[.,]0{1,2})?\\s*${DASH}\\s*\\p{L}[^\\d]*$`, 'u'),
  // 9 (Very likely)
  /^0*(\d{1,2})\s*\(\s*\p{L}[^\d)]*\)$/u,
  // Not at all likely - 0
  new RegExp(`^\\p{L}[^\\d]*${DASH}\\s*0*(\\d{1,2})$`, 'u'),
  // Extremely likely (10)
  /^\p{L}[^\d]*\(\s*0*(\d{1,2})\s*\)$/u,
];

const HAS_DIGIT = /\d/;
const DECIMAL = /^([-+]?)(\d+)(?:[.,](\d+))?$/;

/** Why a cell that is a number but not a score shape is not a score. */
function numberReason(text: string): string | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (sign === '-' && /[1-9]/.test(whole + fraction)) return 'is below 0';
  if (/[1-9]/.test(fraction)) return 'is not a whole number';
  if (fraction.length > 2) return 'is not a score from 0 to 10 (a thousands separator?)';
  return Number(whole) > MAX_SCORE ? 'is above 10' : undefined;
}

/** The whole number a cell holds in one of the shapes above ("9", "10 - Extremely likely", "Likely (4)"). */
export function wholeNumberIn(text: string): number | undefined {
  for (const shape of SHAPES) {
    const match = shape.exec(text);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * Reads score cells, shifted by `offset` (for 1..11 scales): plain cells through a
 * table, anything else by the shapes above. A blank is never a score: an empty cell
 * read as 0 would be a silent detractor.
 */
export class ScoreReader {
  private readonly plain = new Map<string, ScoreCell>();

  constructor(private readonly offset = 0) {
    for (let written = 0; written <= MAX_SCORE + 1; written += 1) {
      this.plain.set(String(written), this.checked(written, String(written)));
    }
  }

  read(raw: string): ScoreCell {
    const plain = this.plain.get(raw);
    if (plain !== undefined) return plain;
    const text = raw.trim();
    if (MISSING.has(text.toLowerCase())) return { kind: 'blank' };
    const written = wholeNumberIn(text);
    if (written !== undefined) return this.checked(written, raw);
    const reason = numberReason(text) ?? 'is not a number from 0 to 10';
    return { kind: 'invalid', reason: `score ${quote(raw)} ${reason}` };
  }

  /**
   * The score a cell holds, or undefined: what `read` gives as a score, without
   * wording the reason of every other cell, for looking over the first rows of every
   * column. A score is written with a digit; a cell with none is not read further.
   */
  scoreIn(raw: string): number | undefined {
    const plain = this.plain.get(raw);
    if (plain !== undefined) return plain.kind === 'score' ? plain.value : undefined;
    if (!HAS_DIGIT.test(raw)) return undefined;
    const written = wholeNumberIn(raw.trim());
    if (written === undefined) return undefined;
    const value = written + this.offset;
    return value >= MIN_SCORE && value <= MAX_SCORE ? value : undefined;
  }

  private checked(written: number, raw: string): ScoreCell {
    const value = written + this.offset;
    if (value >= MIN_SCORE && value <= MAX_SCORE) return { kind: 'score', value };
    const shifted = this.offset === 0 ? '' : ` after --score-offset ${this.offset}`;
    const reason = value < MIN_SCORE ? 'is below 0' : 'is above 10';
    return { kind: 'invalid', reason: `score ${quote(raw)} ${reason}${shifted}`, written };
  }
}

const unshifted = new ScoreReader();

export function readScoreCell(raw: string): ScoreCell {
  return unshifted.read(raw);
}
