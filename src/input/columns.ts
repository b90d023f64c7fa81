import { inputError } from '../errors.js';

/** The columns `nps` uses, as indexes into a row; the rest are carried along untouched. */
export interface ColumnMap {
  score: number;
  respondent?: number;
  comment?: number;
  date?: number;
}
export type Role = keyof ColumnMap;

export interface ColumnChoice {
  columns: ColumnMap;
  /** Other headers that could also have been the score column, for the message that names the one chosen. */
  otherScoreCandidates: string[];
}

/** Lower case, single spaces, no BOM or surrounding quotes: how headers are compared. */
export function normalizeHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

interface Rule {
  exact: readonly string[];
  /** Words that make a header a match when it contains them, weaker than an exact name. */
  contains: readonly string[];
}

/** Earlier names win: `score` beats a column that merely mentions "recommend". */
const RULES: Record<Role, Rule> = {
  score: {
    exact: ['score', 'nps', 'nps score', 'rating', 'likelihood to recommend'],
    contains: ['recommend'],
  },
  respondent: {
    exact: ['email', 'e-mail', 'email address', 'customer id', 'respondent id', 'id', 'name'],
    contains: [],
  },
  comment: {
    exact: ['comment', 'comments', 'feedback', 'reason', 'why', 'text', 'verbatim'],
    contains: ['comment', 'feedback'],
  },
  date: {
    exact: ['date', 'created_at', 'created at', 'created', 'timestamp', 'submitted at', 'submitted', 'response date'],
    contains: ['date'],
  },
};

/** Indexes of the headers matching a rule, best match first. */
function candidates(headers: readonly string[], rule: Rule): number[] {
  const normalized = headers.map(normalizeHeader);
  const ranked: Array<[rank: number, index: number]> = [];
  normalized.forEach((header, index) => {
    const exactRank = rule.exact.indexOf(header);
    if (exactRank !== -1) ranked.push([exactRank, index]);
    else if (rule.contains.some((word) => header.includes(word))) ranked.push([rule.exact.length, index]);
  });
  return ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, index]) => index);
}

function findNamed(headers: readonly string[], name: string): number | undefined {
  const wanted = normalizeHeader(name);
  const index = headers.findIndex((header) => normalizeHeader(header) === wanted);
  return index === -1 ? undefined : index;
}

function listHeaders(headers: readonly string[]): string {
  return headers.map((header) => JSON.stringify(header)).join(', ');
}

export interface ColumnOverrides {
  scoreColumn?: string;
  dateColumn?: string;
}

/** The index of a column the user named in an option, or a clear error listing the headers. */
export function requireColumn(fileName: string, headers: readonly string[], name: string, option: string): number {
  const index = findNamed(headers, name);
  if (index === undefined) {
    throw inputError(`${fileName}: no column named ${JSON.stringify(name)} for ${option}; the headers are: ${listHeaders(headers)}`);
  }
  return index;
}

/** Decides which column holds the score and which hold the optional respondent, comment and date. */
export function chooseColumns(fileName: string, headers: readonly string[], overrides: ColumnOverrides = {}): ColumnChoice {
  let score: number | undefined;
  let otherScoreCandidates: string[] = [];
  if (overrides.scoreColumn !== undefined) {
    score = requireColumn(fileName, headers, overrides.scoreColumn, '--score-column');
  } else {
    const found = candidates(headers, RULES.score);
    score = found[0];
    if (score === undefined) {
      throw inputError(
        `${fileName}: no score column found; the headers are: ${listHeaders(headers)}. ` +
          'Name the column with --score-column NAME',
      );
    }
    otherScoreCandidates = found.slice(1).map((index) => headers[index] ?? '');
  }
  const taken = new Set([score]);
  const optional = (role: Exclude<Role, 'score'>): number | undefined => {
    const index = candidates(headers, RULES[role]).find((candidate) => !taken.has(candidate));
    if (index !== undefined) taken.add(index);
    return index;
  };
  const columns: ColumnMap = { score };
  const date =
    overrides.dateColumn === undefined ? undefined : requireColumn(fileName, headers, overrides.dateColumn, '--date-column');
  if (date !== undefined) taken.add(date);
  const respondent = optional('respondent');
  const comment = optional('comment');
  const foundDate = date ?? optional('date');
  if (respondent !== undefined) columns.respondent = respondent;
  if (comment !== undefined) columns.comment = comment;
  if (foundDate !== undefined) columns.date = foundDate;
  return { columns, otherScoreCandidates };
}
