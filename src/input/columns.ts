import { inputError, NpsError } from '../errors.js';
import { quote } from '../core/clip.js';
import { DAY_MS, RowDates, UNSETTLED, type DateReading } from './dates.js';
import { isVendorColumn } from './vendor-topics.js';
import { COMMENT_NAMES, dateEvidence, namesComment, normalizeHeader, RESPONDENT_NAMES } from './header-words.js';
import { dateKindOf, holdsText, profileColumns, readDate, share, type ColumnProfile } from './profiles.js';
import { findLongLayout, type LongLayout } from './long-layout.js';
import { decideScore, scoreCandidates, type ScoreCandidate } from './score-column.js';

export { normalizeHeader };

/** How the dates of the date column are written: as dates, as Excel serial days, or as year-months (202311). */
export type DateKind = 'text' | 'serial' | 'year-month';

/** The columns `nps` uses, as indexes into a row; the rest are carried along untouched. */
export interface ColumnMap {
  score: number;
  respondent?: number;
  /** The comment columns, in the order their first non-blank cell is taken: one comment a response. */
  comments: number[];
  /** Other open questions, each read as a question of its own ("what could we improve?" beside "what do you like?"). */
  questions?: number[];
  date?: number;
  dateKind?: DateKind;
}
export type Role = 'score' | 'respondent' | 'comment' | 'date';

export interface ColumnChoice {
  columns: ColumnMap;
  /** Every column that could have been the score, best first, with why. */
  candidates: ScoreCandidate[];
  /** Why the score column was chosen, when the choice was not obvious; said on stderr. */
  why: string | undefined;
  /** What each column holds, from the first rows. */
  profiles: ColumnProfile[];
}

/** Headers listed in a message before the rest are only counted. */
const HEADERS_LISTED = 10;

/** `1 "email", 2 "score", …`: at most ten, numbered as --score-column counts them. */
export function listHeaders(headers: readonly string[], numbers: readonly number[] = headers.map((_, index) => index + 1)): string {
  const listed = headers.slice(0, HEADERS_LISTED).map((header, at) => `${numbers[at] ?? at + 1} ${quote(header)}`);
  const more = headers.length > HEADERS_LISTED ? `, … (${headers.length} columns: nps columns FILE lists them all)` : '';
  return `${listed.join(', ')}${more}`;
}

/**
 * The column a user named in an option: its header (any case), its number counted
 * from 1, or the start of exactly one header. A clear error lists the headers otherwise.
 */
export function requireColumn(fileName: string, headers: readonly string[], name: string, option: string): number {
  const wanted = normalizeHeader(name);
  const normalized = headers.map(normalizeHeader);
  const exact = normalized.indexOf(wanted);
  if (exact !== -1) return exact;
  if (/^\d+$/.test(name.trim())) {
    const number = Number(name);
    if (number >= 1 && number <= headers.length) return number - 1;
    throw inputError(`${fileName}: ${option} ${name}: the file has ${headers.length} columns (nps columns FILE lists them, numbered)`);
  }
  const prefixed = normalized.flatMap((header, index) => (wanted !== '' && header.startsWith(wanted) ? [index] : []));
  const [only] = prefixed;
  if (prefixed.length === 1 && only !== undefined) return only;
  if (prefixed.length > 1) {
    const matches = prefixed.map((index) => headers[index] ?? '');
    throw inputError(
      `${fileName}: ${option} ${quote(name)} starts several headers: ${listHeaders(matches, prefixed.map((index) => index + 1))}; give more of it, or its number`,
    );
  }
  throw inputError(`${fileName}: no column named ${quote(name)} for ${option}; the headers are: ${listHeaders(headers)}`);
}

export interface ColumnOverrides {
  scoreColumn?: string | undefined;
  dateColumn?: string | undefined;
  /** One or more comment columns. */
  commentColumn?: readonly string[] | undefined;
  respondentColumn?: string | undefined;
}

/** No score column, or several: `nps columns` shows the file instead of stopping. */
export class ColumnChoiceError extends NpsError {
  constructor(
    message: string,
    readonly candidates: ScoreCandidate[],
    /** The problem in a few words, for `nps columns`. */
    readonly problem: string,
    readonly profiles: ColumnProfile[],
  ) {
    super(message);
  }
}

/** A column named by the most likely candidate, as a hint: `--score-column 7 ("answer")`. */
function hintFor(candidates: readonly ScoreCandidate[], headers: readonly string[]): string {
  const [best] = candidates;
  if (best === undefined) return 'Name the column with --score-column NAME or NUMBER (nps columns FILE shows them all)';
  return `The likeliest by its content is column ${best.index + 1}, ${quote(headers[best.index] ?? '')}: --score-column ${best.index + 1} (nps columns FILE shows every column)`;
}

/** A file of one row per answer: said, with the options that score it. */
function longLayoutError(fileName: string, headers: readonly string[], layout: LongLayout, candidates: ScoreCandidate[], profiles: ColumnProfile[]): ColumnChoiceError {
  const [question, answer] = [headers[layout.question] ?? '', headers[layout.answer] ?? ''];
  const where = `--where ${shellWord(`${question}=${layout.value}`)} --score-column ${shellWord(answer)}`;
  const problem =
    `one row per answer: column ${layout.question + 1}, ${quote(question)}, names the question, and column ${layout.answer + 1}, ` +
    `${quote(answer)}, holds every answer; the answers to ${quote(layout.value)} are 0-10 scores: ${where}`;
  return new ColumnChoiceError(`${fileName}: no score column: the file has ${problem}`, candidates, problem, profiles);
}

/** A word as a shell reads it back: quoted when it has spaces or quotes. */
const shellWord = (word: string): string => (/^[\w.,:=@/+-]+$/u.test(word) ? word : `"${word.replace(/["\\$`]/g, '\\$&')}"`);

/** The score column, by what each column holds and what its header says; otherwise `nps` stops and lists the candidates. */
function chooseScore(
  fileName: string,
  headers: readonly string[],
  texts: readonly string[],
  profiles: ColumnProfile[],
  firstRows: ReadonlyArray<readonly string[]>,
): { score: number; candidates: ScoreCandidate[]; why: string | undefined } {
  const decision = decideScore(profiles, headers, texts);
  // A column taken by its name alone, its answers not scores, may be the answers to every question of a long file.
  const long = decision.kind === 'chosen' && decision.byNameOnly !== true ? undefined : findLongLayout(firstRows, headers.length);
  if (long !== undefined) throw longLayoutError(fileName, headers, long, decision.candidates, profiles);
  if (decision.kind === 'chosen') return { score: decision.index, candidates: decision.candidates, why: decision.why };
  if (decision.kind === 'none') {
    const holding = decision.candidates.filter((candidate) => candidate.holdsScores);
    const problem =
      holding.length === 0
        ? 'no column holds 0-10 answers in its first rows'
        : 'no column is named as the NPS question, and none holds 0-10 answers spread as recommend answers are';
    throw new ColumnChoiceError(
      `${fileName}: no score column found: ${problem}; the headers are: ${listHeaders(headers)}. ${hintFor(holding, headers)}`,
      decision.candidates,
      problem,
      profiles,
    );
  }
  const listed = decision.candidates.slice(0, 5);
  throw new ColumnChoiceError(
    `${fileName}: ${decision.why}: ${listHeaders(listed.map((candidate) => headers[candidate.index] ?? ''), listed.map((candidate) => candidate.index + 1))}; ` +
      'choose one with --score-column NAME or NUMBER',
    decision.candidates,
    `${decision.why}: ${listed.map((candidate) => candidate.index + 1).join(', ')}`,
    profiles,
  );
}

/** Two comment questions asked of different respondents ("If you would, why?", "If you wouldn't, why?") rarely overlap. */
const COMPLEMENTARY_OVERLAP = 0.1;

/** Rows in which a column has an answer. */
function answeredRows(rows: ReadonlyArray<readonly string[]>, index: number): Set<number> {
  const answered = new Set<number>();
  rows.forEach((row, at) => {
    const cell = (row[index] ?? '').trim().toLowerCase();
    if (cell !== '' && !['na', 'n/a', 'null', 'none', '-', 'nan', '#n/a'].includes(cell)) answered.add(at);
  });
  return answered;
}

/**
 * The comment columns: the open questions, told by their answers (free text: several
 * words, varied) with the header as evidence in any language; a header that is exactly
 * "comment" is trusted unless it holds numbers. Named ones come first, then the other
 * questions whose answers are free text, in file order.
 */
function chooseComments(headers: readonly string[], texts: readonly string[], profiles: readonly ColumnProfile[], taken: ReadonlySet<number>): number[] {
  const exact = (index: number): boolean => COMMENT_NAMES.includes(normalizeHeader(headers[index] ?? ''));
  const open = profiles.filter((profile) => !taken.has(profile.index));
  // Named like a comment: taken unless its answers are numbers, dates or emails, or (for a name that only contains
  // such a word) a few choices repeated; short answers ("Great", "Meh") are comments too.
  const named = open.filter((profile) => namesComment(texts[profile.index] ?? '') && notAnswersOfAnotherKind(profile, exact(profile.index)));
  const questions = open.filter((profile) => !named.includes(profile) && holdsText(profile) && isQuestion(texts[profile.index] ?? '', profile));
  return [...named, ...questions].map((profile) => profile.index);
}

function notAnswersOfAnotherKind(profile: ColumnProfile, exactName: boolean): boolean {
  if (profile.answered === 0) return true;
  if (share(profile.numbers, profile) >= 0.5 || share(profile.dates, profile) >= 0.5 || share(profile.emails, profile) >= 0.5) return false;
  const choices = profile.answered >= 10 && profile.distinct < 0.3 * profile.answered;
  return exactName || !choices;
}

/** An open question by its header (a question, or long words) and its answers (free text, most of them varied). */
function isQuestion(text: string, profile: ColumnProfile): boolean {
  const header = text.trim();
  return header.endsWith('?') || header.split(/\s+/).length >= 4 || (profile.words >= 4 && profile.distinct >= 0.8 * profile.answered);
}

/**
 * Comment columns that are asked of different respondents (one for detractors, one for promoters) are read as one
 * comment; other open questions are read as questions of their own.
 */
export function complementaryComments(rows: ReadonlyArray<readonly string[]>, comments: readonly number[]): number[] {
  const [first, ...others] = comments;
  if (first === undefined) return [];
  const chosen = [first];
  const answered = answeredRows(rows, first);
  for (const other of others) {
    const theirs = answeredRows(rows, other);
    const overlap = [...theirs].filter((row) => answered.has(row)).length;
    if (theirs.size > 0 && overlap <= COMPLEMENTARY_OVERLAP * Math.min(theirs.size, answered.size || theirs.size)) {
      chosen.push(other);
      for (const row of theirs) answered.add(row);
    }
  }
  return chosen;
}

/**
 * The date of the answer: a column of dates (written, Excel serial days or year-months), preferring by name the
 * moment of the answer over other dates (an account's creation, a birthday), and by evidence the date that is never
 * before the row's other dates.
 */
function chooseDate(rows: ReadonlyArray<readonly string[]>, headers: readonly string[], profiles: readonly ColumnProfile[], taken: ReadonlySet<number>): { index: number; kind: DateKind } | undefined {
  const headerOnly = profiles.every((profile) => profile.answered === 0);
  const dated = profiles
    .filter((profile) => !taken.has(profile.index))
    .map((profile) => ({ profile, kind: dateKindOf(profile), evidence: dateEvidence(headers[profile.index] ?? '') }))
    // Whole numbers are dates only where the header says so; written dates, wherever they are; in a file with no row
    // yet, a column whose header names a date.
    .map((entry) => (headerOnly && (entry.evidence === 'answer' || entry.evidence === 'date') ? { ...entry, kind: 'text' as const } : entry))
    .filter((entry) => entry.evidence !== 'birth' && (entry.kind === 'text' || (entry.kind !== undefined && entry.evidence !== 'none')));
  if (dated.length === 0) return undefined;
  // By name first: the moment of the answer (or a plain "date") over an account's creation or a birthday; then, among
  // dates the names do not tell apart, the one never before the others in its row.
  const rank = (entry: (typeof dated)[number]): number =>
    normalizeHeader(headers[entry.profile.index] ?? '') === 'date' ? 0 : { answer: 0, date: 1, none: 1, 'other-date': 2, birth: 3 }[entry.evidence];
  const top = Math.min(...dated.map(rank));
  const tied = dated.filter((entry) => rank(entry) === top);
  const latest = latestInRows(rows, tied.filter((entry) => entry.kind === 'text').map((entry) => entry.profile.index));
  const sorted = [...tied].sort((a, b) => Number(b.profile.index === latest) - Number(a.profile.index === latest) || a.profile.index - b.profile.index);
  const [best] = sorted;
  return best?.kind === undefined ? undefined : { index: best.profile.index, kind: best.kind };
}

/** Of several columns of dates, the one on or after each other in nearly every row where both are read: the answer's date. */
function latestInRows(rows: ReadonlyArray<readonly string[]>, indexes: readonly number[]): number | undefined {
  if (indexes.length < 2) return undefined;
  const readers = new Map(indexes.map((index) => [index, new RowDates(undefined)] as const));
  const stamps = new Map(indexes.map((index) => [index, rows.map((row) => { const reader = readers.get(index); return reader === undefined ? undefined : momentOf(readDate(reader, row[index] ?? '')); })] as const));
  const wins = indexes.map((index) =>
    indexes.every((other) => {
      if (other === index) return true;
      let compared = 0;
      let onOrAfter = 0;
      for (let at = 0; at < rows.length; at += 1) {
        const [mine, theirs] = [stamps.get(index)?.[at], stamps.get(other)?.[at]];
        if (mine === undefined || theirs === undefined) continue;
        compared += 1;
        if (mine >= theirs) onOrAfter += 1;
      }
      return compared >= 3 && onOrAfter >= 0.95 * compared;
    }),
  );
  const winners = indexes.filter((_, at) => wins[at]);
  return winners.length === 1 ? winners[0] : undefined;
}

/** A reading's moment; the day's end for a day with no time, so that a timestamp of the same day is not "after" it. */
function momentOf(reading: DateReading | undefined | typeof UNSETTLED): number | undefined {
  if (reading === undefined || reading === UNSETTLED) return undefined;
  return reading.hasTime ? reading.time : reading.time + DAY_MS - 1;
}

/** The respondent: an email or id header, or else a column of emails. */
function chooseRespondent(headers: readonly string[], profiles: readonly ColumnProfile[], taken: ReadonlySet<number>): number | undefined {
  const normalized = headers.map(normalizeHeader);
  for (const name of RESPONDENT_NAMES) {
    const index = normalized.findIndex((header, at) => header === name && !taken.has(at));
    if (index !== -1) return index;
  }
  return profiles.find((profile) => !taken.has(profile.index) && share(profile.emails, profile) >= 0.8)?.index;
}

/**
 * Decides which column holds the score and which hold the optional respondent,
 * comments and date. `texts` are what columns are matched on (headers, with the
 * question text where an export has one); `headers` are what messages show;
 * `firstRows`, the first data rows, are the evidence of what a column holds.
 */
export function chooseColumns(
  fileName: string,
  headers: readonly string[],
  overrides: ColumnOverrides = {},
  texts: readonly string[] = headers,
  firstRows: ReadonlyArray<readonly string[]> = [],
): ColumnChoice {
  const profiles = profileColumns(firstRows, headers.length);
  const { score, candidates, why } =
    overrides.scoreColumn === undefined
      ? chooseScore(fileName, headers, texts, profiles, firstRows)
      : { score: requireColumn(fileName, headers, overrides.scoreColumn, '--score-column'), candidates: scoreCandidates(profiles, headers, texts), why: undefined };
  const taken = new Set([score]);
  const named = (value: string | undefined, option: string): number | undefined => {
    if (value === undefined) return undefined;
    const index = requireColumn(fileName, headers, value, option);
    taken.add(index);
    return index;
  };
  const date = named(overrides.dateColumn, '--date-column');
  const respondent = named(overrides.respondentColumn, '--respondent-column');
  const comments = (overrides.commentColumn ?? []).map((column) => named(column, '--comment-column') ?? -1);
  const columns: ColumnMap = { score, comments: [] };
  const foundRespondent = respondent ?? chooseRespondent(headers, profiles, taken);
  if (foundRespondent !== undefined) {
    columns.respondent = foundRespondent;
    taken.add(foundRespondent);
  }
  const foundDate = date === undefined ? chooseDate(firstRows, headers, profiles, taken) : namedDate(fileName, headers, profiles, date);
  if (foundDate !== undefined) {
    columns.date = foundDate.index;
    columns.dateKind = foundDate.kind;
    taken.add(foundDate.index);
  }
  if (comments.length > 0) columns.comments = comments;
  else {
    // A platform's topics and sentiment of the comments (Qualtrics' "Q2 - Topics") hold words, but are no open question.
    headers.forEach((header, at) => {
      if (isVendorColumn(header)) taken.add(at);
    });
    const open = chooseComments(headers, texts, profiles, taken);
    columns.comments = complementaryComments(firstRows, open);
    const questions = open.filter((index) => !columns.comments.includes(index)).sort((a, b) => a - b);
    if (questions.length > 0) columns.questions = questions;
  }
  return { columns, candidates, why, profiles };
}

/** The date column an option names: it must hold dates, unless its first rows are empty. */
function namedDate(fileName: string, headers: readonly string[], profiles: readonly ColumnProfile[], index: number): { index: number; kind: DateKind } {
  const profile = profiles[index];
  const kind = profile === undefined ? undefined : dateKindOf(profile);
  if (kind !== undefined || profile === undefined || profile.answered === 0) return { index, kind: kind ?? 'text' };
  throw inputError(
    `${fileName}: --date-column ${quote(headers[index] ?? '')} holds no date nps can read in its first rows ` +
      '(such as 2026-03-04, 4/3/2026, 4.3.2026, or Excel serial days); name the column of the answers\' dates',
  );
}

/**
 * One distinct name per column, for output and for options that name columns:
 * a header repeated in a file (exactly, or but for case and surrounding spaces)
 * gets `_2`, `_3`; an empty one is called `column_N` after its position. A name
 * made up this way never equals another header of the file. Linear in the columns.
 */
export function uniqueNames(headers: readonly string[]): string[] {
  const keyOf = (name: string): string => name.trim().toLowerCase();
  const written = new Set(headers.filter((header) => header.trim() !== '').map(keyOf));
  const used = new Set<string>();
  return headers.map((header, index) => {
    const base = header.trim() === '' ? `column_${index + 1}` : header;
    const isOwnHeader = header.trim() !== '';
    if (!used.has(keyOf(base)) && (isOwnHeader || !written.has(keyOf(base)))) {
      used.add(keyOf(base));
      return base;
    }
    let suffix = 2;
    while (used.has(keyOf(`${base}_${suffix}`)) || written.has(keyOf(`${base}_${suffix}`))) suffix += 1;
    const name = `${base.trim()}_${suffix}`;
    used.add(keyOf(name));
    return name;
  });
}
