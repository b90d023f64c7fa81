import { RowDates, UNSETTLED } from './dates.js';
import { isMissing, ScoreReader } from './score-cell.js';

/**
 * What a column holds, told from its first rows rather than from its header: how
 * many of its cells are 0-10 answers and how they spread, NPS group labels, dates
 * (written, as Excel serial days, as year-months), free text, ids that count up or
 * never repeat, emails. Column roles are decided from these, with the header as
 * evidence (see columns.ts).
 */
export interface ColumnProfile {
  index: number;
  /** Rows looked at. */
  rows: number;
  /** Cells that say something (not empty, NA, N/A…). */
  answered: number;
  /** Cells read as a 0-10 score, and how many of each score. */
  scores: number;
  histogram: number[];
  /** Numbers, with decimals or not; whole numbers of any size, and the least and greatest of these. */
  numbers: number;
  wholeNumbers: number;
  min: number | undefined;
  max: number | undefined;
  /** NPS group labels: Promoter, Passive, Detractor (and their spellings in the languages nps reads). */
  groupLabels: number;
  /** Dates as people write them (2026-03-04, 4.3.2026, 3/4/2026 14:05…). */
  dates: number;
  /** Whole numbers that are Excel serial days of 1990 to 2100, and yyyymm year-months. */
  serialDays: number;
  yearMonths: number;
  emails: number;
  /** Distinct answers, compared trimmed and in lower case. */
  distinct: number;
  /** Mean words and characters of an answer. */
  words: number;
  length: number;
  /** Every answer different, and (for numbers) each greater than the one before: an id or a row number. */
  unique: boolean;
  ascending: boolean;
}

/** Excel's serial days of 1 January 1990 and 31 December 2100. */
const SERIAL_FIRST = 32_874;
const SERIAL_LAST = 73_415;
const YEAR_MONTH = /^(19[5-9]\d|20\d\d)(0[1-9]|1[0-2])$/;
const WHOLE = /^[-+]?\d+$/;
const NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UNIX_TIME = /^(\d{9,10}|\d{12,13})$/;
const UNIX_2000 = 946_684_800_000;
const UNIX_2100 = 4_102_444_800_000;

/** "Promoter", "Passive", "Detractor" in the languages nps reads, as exports write the NPS group of an answer. */
const GROUP_LABEL =
  /^(promot(er|ers|or|ores|eur|eurs|ore|ori)|passi(ve|ves|vo|vos|va|f|fs|vi)|neutr(al|als|o|os|e|es|i)|detract(or|ors|ores|eur|eurs|ore|ori)|critics?|kritiker|criticos?|criticus|passief)$/;

/** The words of a cell, for telling free text from labels. */
const wordsIn = (text: string): number => text.match(WORD)?.length ?? 0;
const WORD = /\S+/g;
/** "detractores", "detracteurs": no group label is longer. */
const GROUP_LABEL_CHARS = 11;

const ZERO = 48;
const NINE = 57;
/** Numbers, dates and Unix times begin with a digit (or a sign); a cell that does not is none of them. */
const startsLikeNumber = (cell: string): boolean => {
  const first = cell.charCodeAt(0);
  return (first >= ZERO && first <= NINE) || first === 43 /* + */ || first === 45 /* - */;
};

export function profileColumns(rows: ReadonlyArray<readonly string[]>, width: number): ColumnProfile[] {
  const scores = new ScoreReader();
  return Array.from({ length: width }, (_, index) => profileOf(index, rows.map((row) => row[index] ?? ''), scores));
}

/** The profile of a column with no cell read: what a header alone is judged by. */
export function emptyProfile(index: number): ColumnProfile {
  return profileOf(index, [], new ScoreReader());
}

function profileOf(index: number, cells: readonly string[], scores: ScoreReader): ColumnProfile {
  const answered = cells.map((cell) => cell.trim()).filter((cell) => !isMissing(cell));
  const profile: ColumnProfile = {
    index,
    rows: cells.length,
    answered: answered.length,
    scores: 0,
    histogram: new Array<number>(11).fill(0),
    numbers: 0,
    wholeNumbers: 0,
    min: undefined,
    max: undefined,
    groupLabels: 0,
    dates: 0,
    serialDays: 0,
    yearMonths: 0,
    emails: 0,
    distinct: new Set(answered.map((cell) => cell.toLowerCase())).size,
    words: answered.length === 0 ? 0 : answered.reduce((sum, cell) => sum + wordsIn(cell), 0) / answered.length,
    length: answered.length === 0 ? 0 : answered.reduce((sum, cell) => sum + cell.length, 0) / answered.length,
    unique: false,
    ascending: false,
  };
  profile.unique = answered.length >= 2 && profile.distinct === answered.length;
  countKinds(profile, answered, scores);
  return profile;
}

function countKinds(profile: ColumnProfile, answered: readonly string[], scores: ScoreReader): void {
  const dates = new RowDates(undefined);
  let previous: number | undefined;
  let ascending = true;
  for (const cell of answered) {
    const score = scores.scoreIn(cell);
    if (score !== undefined) {
      profile.scores += 1;
      profile.histogram[score] = (profile.histogram[score] ?? 0) + 1;
    }
    if (cell.length <= GROUP_LABEL_CHARS && GROUP_LABEL.test(cell.toLowerCase())) profile.groupLabels += 1;
    if (cell.includes('@') && EMAIL.test(cell)) profile.emails += 1;
    // The checks below are for numbers and dates: most cells of a text column are not looked at further.
    if (!startsLikeNumber(cell)) continue;
    if (NUMBER.test(cell)) profile.numbers += 1;
    const whole = WHOLE.test(cell);
    if (whole) {
      const value = Number(cell);
      profile.wholeNumbers += 1;
      profile.min = Math.min(profile.min ?? value, value);
      profile.max = Math.max(profile.max ?? value, value);
      if (value >= SERIAL_FIRST && value <= SERIAL_LAST) profile.serialDays += 1;
      if (YEAR_MONTH.test(cell)) profile.yearMonths += 1;
      if (previous !== undefined && value <= previous) ascending = false;
      previous = value;
    }
    // A whole number is a date only as Unix time of this century (9-10 or 12-13 digits); a short one is a score, a
    // count, an id.
    const date = readDate(dates, cell);
    if (date !== undefined && (date === UNSETTLED || !whole || (UNIX_TIME.test(cell) && date.time >= UNIX_2000 && date.time < UNIX_2100))) profile.dates += 1;
  }
  profile.ascending = ascending && profile.wholeNumbers === answered.length && answered.length >= 3;
}

/** A cell read as a date; a day-first date after month-first ones is still a date here (the reading says so later). */
export function readDate(dates: RowDates, cell: string): ReturnType<RowDates['read']> {
  try {
    return dates.read(cell);
  } catch {
    return UNSETTLED;
  }
}

/** The share of a column's answers that are of a kind: 0 when it has none. */
export const share = (count: number, profile: ColumnProfile): number => (profile.answered === 0 ? 0 : count / profile.answered);

/** Scores 0 to 10 that take at least `least` different values. */
export function spreadOf(profile: ColumnProfile): number {
  return profile.histogram.filter((count) => count > 0).length;
}

/**
 * Whether a column's answers look like the answers to "how likely are you to
 * recommend": nearly all 0-10 scores, several different ones, reaching above 6 (a
 * 1-5 rating does not), and not an id or a count that runs past 10.
 */
export function holdsScores(profile: ColumnProfile): boolean {
  if (profile.answered === 0) return false;
  if (share(profile.scores, profile) < 0.8) return false;
  if (profile.ascending && profile.answered >= 5) return false;
  // Only 0 and 1 is a flag (finished, opted in), not an answer on a 0-10 scale.
  return spreadOf(profile) > 2 || profile.histogram.some((count, score) => count > 0 && score > 1);
}

/** Looks like recommend answers even without a header to say so: several values, some high, on the 0-10 range. */
export function looksLikeRecommendAnswers(profile: ColumnProfile): boolean {
  if (!holdsScores(profile)) return false;
  const high = (profile.histogram[9] ?? 0) + (profile.histogram[10] ?? 0);
  return spreadOf(profile) >= 4 && high > 0 && (profile.max ?? 10) <= 10 && (profile.max ?? 0) >= 7;
}

/** Free text: answers of several words, or varied and long enough not to be a label. */
export function holdsText(profile: ColumnProfile): boolean {
  if (profile.answered === 0) return false;
  if (share(profile.numbers, profile) >= 0.5 || share(profile.dates, profile) >= 0.5 || share(profile.emails, profile) >= 0.5) return false;
  const variety = profile.distinct / profile.answered;
  // A few cells cannot show repetition; many that repeat a few labels are choices.
  if (profile.answered >= 10 && variety < 0.3) return false;
  // One long word a row (R_2aBcDeFgHi, a token, a code) is an id, not text.
  return profile.words >= 2.5 || (variety >= 0.6 && profile.length >= 12 && profile.words >= 1.5);
}

/** Dates written as dates, or whole numbers that can only be Excel serial days or year-months. */
export function dateKindOf(profile: ColumnProfile): 'text' | 'serial' | 'year-month' | undefined {
  if (profile.answered === 0) return undefined;
  if (share(profile.dates, profile) >= 0.8) return 'text';
  if (share(profile.serialDays, profile) >= 0.95) return 'serial';
  if (share(profile.yearMonths, profile) >= 0.95) return 'year-month';
  return undefined;
}
