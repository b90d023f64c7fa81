/**
 * What `nps columns` found in a file: the model its table and its JSON are rendered
 * from. The reading fills it in (src/input/describe.ts); nothing here reads.
 */

/** The exports `nps` recognises by their signature headers; `plain` is any other CSV. */
export const FORMATS = {
  qualtrics: 'Qualtrics',
  surveymonkey: 'SurveyMonkey',
  typeform: 'Typeform',
  'google-forms': 'Google Forms',
  delighted: 'Delighted',
  hubspot: 'HubSpot',
  wootric: 'Wootric',
  zendesk: 'Zendesk',
  plain: 'plain CSV',
} as const satisfies Record<string, string>;
export type Format = keyof typeof FORMATS;

/** The encodings `nps` reads; `columns` and the stderr notes name them this way. */
export const ENCODINGS = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE (Excel "Unicode Text")',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Western European, older Excel and Windows exports)',
} as const satisfies Record<string, string>;
export type Encoding = keyof typeof ENCODINGS;

/** A sheet of a workbook. */
export interface SheetInfo {
  /** Counted from 1, as `--sheet` counts. */
  number: number;
  name: string;
  hidden: boolean;
  /** A chart or a dialog sheet has no cells to read. */
  kind: 'worksheet' | 'chart' | 'other';
}

export interface ColumnInfo {
  /** Counted from 1, as people and `--score-column` count. */
  number: number;
  header: string;
  /** The question text, where the export has one apart from the header. */
  text?: string;
}

export interface ScoreValue {
  value: string;
  count: number;
  readAs: string;
}

/** What `nps` makes of one column: its role, or a guess at what it holds, and a few of its values. */
export interface ColumnSummary extends ColumnInfo {
  role: string;
  /** Up to three distinct answers from the first rows. */
  examples: string[];
  scoreCandidate: boolean;
  /** What the first rows show of the column, in a few words: "92% 0-10 scores, 9 different", "dates", "free text". */
  content: string;
}

/** A column that could be the score, ranked: its points (0 to about 100) and what speaks for it. */
export interface ScoreCandidateInfo extends ColumnInfo {
  points: number;
  reasons: string[];
}

/** A workbook's sheets, and the one read. */
export interface WorkbookInfo {
  sheet: { number: number; name: string };
  sheets: SheetInfo[];
}

/** What `nps columns` found in one file; also its JSON form. */
export interface ColumnReport {
  file: string;
  format: Format;
  formatName: string;
  headerRows: number;
  /** A CSV file's encoding and delimiter; null for a workbook. */
  encoding: Encoding | null;
  delimiter: string | null;
  /** A workbook's sheets and the one read; null for a CSV file. */
  workbook: WorkbookInfo | null;
  columns: {
    score: ColumnInfo | null;
    respondent: ColumnInfo | null;
    comment: ColumnInfo | null;
    comments: ColumnInfo[];
    date: ColumnInfo | null;
    partial: (ColumnInfo & { rule: string }) | null;
  };
  /** Why no score column was taken (none, or several), with what to do; null when one was. */
  scoreProblem: string | null;
  scoreCandidates: ScoreCandidateInfo[];
  /** Why the score column was chosen, when it was not obvious; null otherwise. */
  scoreReason: string | null;
  /** Every column of the file, in order. */
  all: ColumnSummary[];
  scoreValues: ScoreValue[];
  /** Rows whose score cell is not among the values listed. */
  otherValues: number;
  /** The one line other commands print about this file; null without a score column. */
  summary: string | null;
}
