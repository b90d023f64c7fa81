import { inputError, NpsError } from '../errors.js';
import { isMissing, ScoreReader } from './score-cell.js';
import { quote } from '../core/clip.js';

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

/** A word at the start of a word: "reason" in "reason_for_score" but not in "InformationReasonableTime". */
const word = (stem: string): RegExp => new RegExp(`(?:^|[^\\p{L}])${stem}`, 'u');

/**
 * "Recommend" in the languages surveys are written in: recommend, recomendar/recomendaría (es, pt),
 * recommander (fr), empfehlen/weiterempfehlen (de), raccomandare/consiglieresti (it), aanbevelen/aanraden (nl), indicar (pt).
 */
const RECOMMEND = [/recommend/, /recomend/, /recomi[eé]nd/, /recommand/, /empfehl/, /raccomand/, /consiglier/, /aanbev/, /aanra[ad]/, /\bindicaria/];

/** Earlier names win among exact matches; any exact match beats a header that merely contains a word. */
const RULES: Record<Role, Rule> = {
  score: {
    exact: ['score', 'nps', 'nps score', 'nps_score', 'rating', 'likelihood to recommend', 'ltr', 'hs_value'],
    contains: [...RECOMMEND, /\bnps\b/],
    not: /nps[ _]group/,
  },
  respondent: {
    exact: [
      'email', 'e-mail', 'email address', 'emailaddress', 'email_address', 'recipientemail', 'user_email', 'end_user.email',
      'customer id', 'customer_id', 'customerid', 'respondent id', 'respondent_id', 'respondentid', 'user id', 'user_id', 'userid',
      'contact id', 'contact_id', 'sample_id', 'sample id', 'responseid', 'response id', 'response_id', 'id', 'end_user_id', 'name',
    ],
    contains: [],
  },
  comment: {
    exact: ['comment', 'comments', 'feedback', 'reason', 'why', 'text', 'verbatim', 'hs_content'],
    contains: [
      word('comment'), word('feedback'), word('reason'), word('why'), /open-ended/, word('tell us'), word('suggest'), word('improve'),
      word('explain'), word('pourquoi'), word('raison'), word('commentaire'), word('por qu'), word('raz[oó]n'), word('comentario'),
      word('porque'), word('motivo'), word('warum'), word('grund'), word('kommentar'), word('perch[eé]'), word('commento'),
      word('waarom'), word('reden'), word('opmerking'), word('toelichting'),
    ],
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
      `${fileName}: ${option} ${JSON.stringify(name)} starts several headers: ${listHeaders(matches, prefixed.map((index) => index + 1))}; give more of it, or its number`,
    );
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

const mentionsRecommend = (text: string): boolean => RECOMMEND.some((pattern) => pattern.test(normalizeHeader(text)));

/**
 * The score column: the only candidate, or among several the only one that asks
 * about recommending; otherwise `nps` stops and lists them rather than guess.
 */
function chooseScore(fileName: string, headers: readonly string[], texts: readonly string[], sample: FirstRows): { score: number; found: number[] } {
  const found = candidates(headers, texts, RULES.score);
  const [first] = found;
  if (first === undefined) {
    throw new ColumnChoiceError(
      `${fileName}: no score column found; the headers are: ${listHeaders(headers)}. ` +
        'Name the column with --score-column NAME or NUMBER (nps columns FILE shows them all)',
      [],
      'no column looks like the 0-10 answer (a header mentioning "recommend", "NPS" or "score")',
    );
  }
  if (found.length === 1) return { score: first, found };
  // A header that names the score but holds something else (comments, another scale) is not it.
  const holdingScores = found.filter((index) => sample.holdsScores(index));
  // Scores seen beat no answer seen: an instructor survey's "Recommend" (empty in the first rows,
  // Agree/Disagree later) is not its "LikelyToRecommend" (0-10 from the first row).
  const answered = holdingScores.filter((index) => sample.hasAnswers(index));
  const plausible = answered.length > 0 ? answered : holdingScores.length > 0 ? holdingScores : found;
  const [only] = plausible;
  if (plausible.length === 1 && only !== undefined) return { score: only, found };
  const recommending = plausible.filter((index) => mentionsRecommend(texts[index] ?? ''));
  const [asked] = recommending;
  if (recommending.length === 1 && asked !== undefined) return { score: asked, found };
  throw new ColumnChoiceError(
    `${fileName}: several columns could hold the NPS answer (${listHeaders(plausible.map((index) => headers[index] ?? ''), plausible.map((index) => index + 1))}); ` +
      'choose one with --score-column NAME or NUMBER',
    found,
    `several columns could be the 0-10 answer: ${plausible.map((index) => index + 1).join(', ')}`,
  );
}

/** No score column, or several: `nps columns` shows the file instead of stopping. */
export class ColumnChoiceError extends NpsError {
  constructor(
    message: string,
    readonly scoreCandidates: number[],
    /** The problem in a few words, for `nps columns`. */
    readonly problem: string,
  ) {
    super(message);
  }
}

/** The first data rows of a file: the evidence of what a column holds, beside its header. */
export class FirstRows {
  private readonly scores = new ScoreReader();

  constructor(private readonly rows: readonly (readonly string[])[]) {}

  private filled(index: number): string[] {
    return this.rows.map((row) => row[index] ?? '').filter((cell) => !isMissing(cell));
  }

  /** Whether the sampled rows hold any answer in this column. */
  hasAnswers(index: number): boolean {
    return this.filled(index).length > 0;
  }

  /** Most of the column's answers read as 0-10 scores (or there is no answer to tell). */
  holdsScores(index: number): boolean {
    const cells = this.filled(index);
    if (cells.length === 0) return true;
    return cells.filter((cell) => this.scores.read(cell).kind === 'score').length >= 0.8 * cells.length;
  }

  /**
   * What a column's answers look like: `numbers` (ratings, ids), `choices` (a
   * handful of options repeated), `text` (mostly words, varied, longer than a
   * choice label), `short` (neither, such as "Great" or "ok"), or `unknown` with no answer.
   */
  kindOfAnswers(index: number): 'numbers' | 'choices' | 'text' | 'short' | 'unknown' {
    const cells = this.filled(index);
    if (cells.length === 0) return 'unknown';
    const numeric = cells.filter((cell) => /^[-+]?\d+(?:[.,]\d+)?$/.test(cell.trim())).length / cells.length;
    const distinct = new Set(cells.map((cell) => cell.trim().toLowerCase())).size / cells.length;
    const words = cells.reduce((sum, cell) => sum + cell.trim().split(/\s+/).length, 0) / cells.length;
    const length = cells.reduce((sum, cell) => sum + cell.trim().length, 0) / cells.length;
    if (numeric >= 0.5) return 'numbers';
    // A few cells cannot show repetition; many that repeat a few labels are choices.
    if (cells.length >= 10 && distinct < 0.3) return 'choices';
    return words >= 2.5 || (distinct >= 0.6 && length >= 12) ? 'text' : 'short';
  }

  /** Rows of the sample in which the column has an answer. */
  answered(index: number): Set<number> {
    const rows = new Set<number>();
    this.rows.forEach((row, at) => {
      if (!isMissing(row[index] ?? '')) rows.add(at);
    });
    return rows;
  }
}

/** Two comment questions asked of different respondents ("If you would, why?", "If you wouldn't, why?") rarely overlap. */
const COMPLEMENTARY_OVERLAP = 0.1;

/**
 * The comment columns: those named like a comment whose answers are not numbers
 * or repeated choices (a header with "reason" over ratings is not one); a second
 * such column joins the first when they are answered by different respondents.
 * Failing a name, a question (a header ending in "?") whose answers are free text.
 */
function chooseComments(headers: readonly string[], texts: readonly string[], sample: FirstRows, taken: ReadonlySet<number>): number[] {
  // A header that is exactly "comment" or "feedback" is trusted unless it holds numbers; one that only contains such a word must not hold repeated choices either.
  const isExactName = (index: number): boolean => RULES.comment.exact.includes(normalizeHeader(headers[index] ?? ''));
  const named = candidates(headers, texts, RULES.comment).filter((index) => {
    const kind = sample.kindOfAnswers(index);
    return !taken.has(index) && kind !== 'numbers' && (kind !== 'choices' || isExactName(index));
  });
  const questions = headers
    .map((_, index) => index)
    .filter((index) => !taken.has(index) && (texts[index] ?? '').trim().endsWith('?') && sample.kindOfAnswers(index) === 'text');
  const ranked = named.length > 0 ? named : questions;
  const [first, ...others] = ranked;
  if (first === undefined) return [];
  const chosen = [first];
  const answered = sample.answered(first);
  for (const other of others) {
    const theirs = sample.answered(other);
    const overlap = [...theirs].filter((row) => answered.has(row)).length;
    if (theirs.size > 0 && overlap <= COMPLEMENTARY_OVERLAP * Math.min(theirs.size, answered.size || theirs.size)) {
      chosen.push(other);
      for (const row of theirs) answered.add(row);
    }
  }
  return chosen;
}

/**
 * Decides which column holds the score and which hold the optional respondent,
 * comments and date. `texts` are what columns are matched on (headers, with the
 * question text where an export has one); `headers` are what messages show;
 * `sampleRows`, the first data rows, are the evidence of what a column holds.
 */
export function chooseColumns(
  fileName: string,
  headers: readonly string[],
  overrides: ColumnOverrides = {},
  texts: readonly string[] = headers,
  sampleRows: readonly (readonly string[])[] = [],
): ColumnChoice {
  const sample = new FirstRows(sampleRows);
  const { score, found } =
    overrides.scoreColumn === undefined
      ? chooseScore(fileName, headers, texts, sample)
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
  const optional = (role: 'respondent' | 'date'): number | undefined => {
    const index = candidates(headers, texts, RULES[role]).find((candidate) => !taken.has(candidate));
    if (index !== undefined) taken.add(index);
    return index;
  };
  const columns: ColumnMap = { score, comments: [] };
  const foundRespondent = respondent ?? optional('respondent');
  const foundDate = date ?? optional('date');
  if (foundRespondent !== undefined) columns.respondent = foundRespondent;
  if (foundDate !== undefined) columns.date = foundDate;
  columns.comments = comments.length > 0 ? comments : chooseComments(headers, texts, sample, taken);
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
