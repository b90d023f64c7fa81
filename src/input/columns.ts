import { inputError } from '../errors.js';

/** The columns `nps` uses, as indexes into a row; the rest are carried along untouched. */
export interface ColumnMap {
  score: number;
  respondent?: number;
  /** The comment columns, in the order their first non-blank cell is taken. */
  comments: number[];
  date?: number;
}
export type Role = 'score' | 'respondent' | 'comment' | 'date';

export interface ColumnChoice {
  columns: ColumnMap;
  /** Every header that looked like the score column, the chosen one included. */
  scoreCandidates: number[];
}

/** Lower case, single spaces, no BOM or surrounding quotes: how headers are compared. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/<[^>]*>/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

interface Rule {
  exact: readonly string[];
  /** Words that make a header a match when it contains them, weaker than an exact name. */
  contains: readonly RegExp[];
  /** Headers that contain a word but are something else, such as Qualtrics' NPS group column. */
  not?: RegExp;
}

/** Earlier names win among exact matches; any exact match beats a header that merely contains a word. */
const RULES: Record<Role, Rule> = {
  score: {
    exact: ['score', 'nps', 'nps score', 'nps_score', 'rating', 'likelihood to recommend', 'ltr', 'hs_value'],
    contains: [/recommend/, /\bnps\b/],
    not: /nps[ _]group/,
  },
  respondent: {
    exact: [
      'email', 'e-mail', 'email address', 'recipientemail', 'user_email', 'end_user.email', 'customer id',
      'respondent id', 'responseid', 'response id', 'id', 'end_user_id', 'name',
    ],
    contains: [],
  },
  comment: {
    exact: ['comment', 'comments', 'feedback', 'reason', 'why', 'text', 'verbatim', 'hs_content'],
    contains: [/comment/, /feedback/, /reason/, /\bwhy\b/, /open-ended/],
  },
  date: {
    exact: [
      'date', 'created_at', 'created at', 'created', 'timestamp', 'submitted at', 'submitted', 'response date',
      'recordeddate', 'enddate', 'end date', 'submit date (utc)', 'response timestamp', 'hs_submission_timestamp',
    ],
    contains: [/date/, /timestamp/],
  },
};

/**
 * Indexes of the columns matching a rule, best match first: exact names are looked
 * for in the headers, words also in the question texts.
 */
function candidates(headers: readonly string[], texts: readonly string[], rule: Rule): number[] {
  const ranked: Array<[rank: number, index: number]> = [];
  texts.map(normalizeHeader).forEach((text, index) => {
    if (rule.not?.test(text)) return;
    const exactRank = rule.exact.indexOf(normalizeHeader(headers[index] ?? ''));
    if (exactRank !== -1) ranked.push([exactRank, index]);
    else if (rule.contains.some((pattern) => pattern.test(text))) ranked.push([rule.exact.length, index]);
  });
  return ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, index]) => index);
}

export function listHeaders(headers: readonly string[]): string {
  return headers.map((header) => JSON.stringify(header)).join(', ');
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
    throw inputError(`${fileName}: ${option} ${name}: the file has ${headers.length} columns`);
  }
  const prefixed = normalized.flatMap((header, index) => (wanted !== '' && header.startsWith(wanted) ? [index] : []));
  const [only] = prefixed;
  if (prefixed.length === 1 && only !== undefined) return only;
  if (prefixed.length > 1) {
    const matches = prefixed.map((index) => headers[index] ?? '');
    throw inputError(`${fileName}: ${option} ${JSON.stringify(name)} starts several headers: ${listHeaders(matches)}; give more of it`);
  }
  throw inputError(`${fileName}: no column named ${JSON.stringify(name)} for ${option}; the headers are: ${listHeaders(headers)}`);
}

export interface ColumnOverrides {
  scoreColumn?: string | undefined;
  dateColumn?: string | undefined;
  /** One or more comment columns. */
  commentColumn?: readonly string[] | undefined;
  respondentColumn?: string | undefined;
}

const mentionsRecommend = (text: string): boolean => /recommend/.test(normalizeHeader(text));

/**
 * The score column: the only candidate, or among several the only one that asks
 * about recommending; otherwise `nps` stops and lists them rather than guess.
 */
function chooseScore(fileName: string, headers: readonly string[], texts: readonly string[]): { score: number; found: number[] } {
  const found = candidates(headers, texts, RULES.score);
  const [first] = found;
  if (first === undefined) {
    throw inputError(
      `${fileName}: no score column found; the headers are: ${listHeaders(headers)}. Name the column with --score-column NAME`,
    );
  }
  if (found.length === 1) return { score: first, found };
  const recommending = found.filter((index) => mentionsRecommend(texts[index] ?? ''));
  const [asked] = recommending;
  if (recommending.length === 1 && asked !== undefined) return { score: asked, found };
  const listed = found.map((index) => `${index + 1}: ${JSON.stringify(headers[index] ?? '')}`).join(', ');
  throw inputError(
    `${fileName}: several columns could hold the NPS answer (${listed}); choose one with --score-column NAME or NUMBER`,
  );
}

/**
 * Decides which column holds the score and which hold the optional respondent,
 * comment and date. `texts` are what columns are matched on (headers, with the
 * question text where an export has one); `headers` are what messages show.
 */
export function chooseColumns(
  fileName: string,
  headers: readonly string[],
  overrides: ColumnOverrides = {},
  texts: readonly string[] = headers,
): ColumnChoice {
  const { score, found } =
    overrides.scoreColumn === undefined
      ? chooseScore(fileName, headers, texts)
      : { score: requireColumn(fileName, headers, overrides.scoreColumn, '--score-column'), found: [] };
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
  const optional = (role: Exclude<Role, 'score'>): number | undefined => {
    const index = candidates(headers, texts, RULES[role]).find((candidate) => !taken.has(candidate));
    if (index !== undefined) taken.add(index);
    return index;
  };
  const columns: ColumnMap = { score, comments: [] };
  const foundRespondent = respondent ?? optional('respondent');
  const foundComment = comments.length > 0 ? undefined : optional('comment');
  const foundDate = date ?? optional('date');
  if (foundRespondent !== undefined) columns.respondent = foundRespondent;
  columns.comments = comments.length > 0 ? comments : foundComment === undefined ? [] : [foundComment];
  if (foundDate !== undefined) columns.date = foundDate;
  return { columns, scoreCandidates: found };
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
