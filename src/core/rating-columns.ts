/**
 * Which columns of a survey hold ratings: the other questions of the survey
 * ("how satisfied are you with support, 1-5"), the candidates for `nps drivers`.
 * Judged by content, not by header, since headers are questions in any language:
 * whole numbers on a small scale (within 0..10, so 1-5, 1-7, 0-10), answered in
 * at least half the rows, with at least three different answers (a 0/1 column is
 * a flag, not a rating).
 */

/** A cell as read for a rating: its number, null when blank, undefined when it holds text that is no number. */
export type RatingCell = number | null | undefined;

export interface Scale {
  min: number;
  max: number;
}

/** Answered in at least this share of the rows looked at. */
const FILLED = 0.5;
/** Of the answers, at least this share are whole numbers on the scale: a stray "n/a, don't know" is allowed. */
const NUMERIC = 0.95;
const DISTINCT = 3;
/** Rows needed before a column's content is judged at all. */
const MIN_ROWS = 5;

/**
 * Headers of columns that hold small whole numbers that are not ratings: a quarter
 * (1-4), a month (1-12, 1-10 in the first rows), a count of seats or tickets. Such a
 * column can still be chosen with --columns.
 */
const NOT_A_RATING = /(?:^|[^\p{L}])(?:id|index|year|quarter|month|week|day|hour|count|number|num|qty|quantity|seats?|age|tenure|wave|version|nps[ _]?group)(?:$|[^\p{L}])/iu;
/** Answers that count up one by one down the rows, this often, are a row number (a pandas index), not a rating. */
const SEQUENTIAL = 0.95;

/** Whether a column's cells, from the first rows of a file, look like answers to a rating question. */
export function looksLikeRating(cells: readonly RatingCell[]): boolean {
  if (cells.length < MIN_ROWS) return false;
  const answered = cells.filter((cell) => cell !== null);
  if (answered.length < FILLED * cells.length) return false;
  const onScale = answered.filter((cell): cell is number => cell !== undefined && Number.isInteger(cell) && cell >= 0 && cell <= 10);
  if (onScale.length < NUMERIC * answered.length) return false;
  let steps = 0;
  for (let at = 1; at < onScale.length; at += 1) if (onScale[at] === (onScale[at - 1] ?? Number.NaN) + 1) steps += 1;
  if (steps >= SEQUENTIAL * (onScale.length - 1)) return false;
  return new Set(onScale).size >= DISTINCT;
}

/**
 * The rating columns among `headers`, judged on `rows` (cells already read as
 * ratings), leaving out the columns in `exclude` (the score, the date, the
 * respondent, the comments).
 */
export function detectRatingColumns(headers: readonly string[], rows: ReadonlyArray<readonly RatingCell[]>, exclude: ReadonlySet<number>): number[] {
  const found: number[] = [];
  headers.forEach((header, index) => {
    if (exclude.has(index) || NOT_A_RATING.test(header)) return;
    if (looksLikeRating(rows.map((row) => (index < row.length ? row[index] : null)))) found.push(index);
  });
  return found;
}

/**
 * The scale a rating is answered on, from the smallest and largest answers seen
 * in the whole file: 1-5 or 0-5, 1-7 or 0-7, and 0-10 (a 1-10 question, rarer, is
 * read as 0-10 too). Numbers off those scales are taken on their own range.
 */
export function scaleOf(min: number, max: number, wholeNumbers: boolean): Scale {
  if (!wholeNumbers || min < 0 || max > 10 || min > max) return { min, max };
  const bottom = min === 0 ? 0 : 1;
  if (max <= 5) return { min: bottom, max: 5 };
  if (max <= 7) return { min: bottom, max: 7 };
  return { min: 0, max: 10 };
}

/** Ratings at or below the bottom third of the scale are "low": 1-2 of 1-5, 1-3 of 1-7, 0-3 of 0-10. */
export function lowThreshold(scale: Scale): number {
  return scale.min + (scale.max - scale.min) / 3;
}
