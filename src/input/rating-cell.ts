import type { RatingCell } from '../core/rating-columns.js';
import { labelPoint } from './scale-labels.js';
import { isMissing, wholeNumberIn } from './score-cell.js';

/** 4, 4.5, -1, 4,5 (a decimal comma, at most two decimals: "1,000" is no rating). */
const NUMBER = /^[-+]?\d+(?:[.,]\d{1,2})?$/;

/**
 * Reads the cells of a rating column: a number ("4", "4.0", "3,5"), a number with its
 * label as exports write them ("4 - Satisfied", "Very satisfied (5)"), a satisfaction or
 * agreement label alone as its point on 1-5 ("Muito satisfeito" is 5), blank for "no
 * answer" (empty, NA, N/A…), or undefined for text that is no number ("Don't know").
 * The few distinct cells of a rating are read once each.
 */
export class RatingReader {
  private readonly seen = new Map<string, RatingCell>();

  read(raw: string): RatingCell {
    // Most rating cells are one digit: read without a lookup, since this runs for every cell of every driver.
    if (raw.length === 1) {
      const digit = raw.charCodeAt(0) - 48;
      if (digit >= 0 && digit <= 9) return digit;
    }
    const known = this.seen.get(raw);
    if (known !== undefined || this.seen.has(raw)) return known;
    const value = readRating(raw);
    // A free-text column chosen by mistake would grow this without end.
    if (this.seen.size < MAX_REMEMBERED) this.seen.set(raw, value);
    return value;
  }
}

const MAX_REMEMBERED = 10_000;

export function readRating(raw: string): RatingCell {
  const text = raw.trim();
  if (isMissing(text)) return null;
  if (NUMBER.test(text)) return Number(text.replace(',', '.'));
  return wholeNumberIn(text) ?? labelPoint(text);
}
