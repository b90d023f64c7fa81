import type { Io } from '../io.js';
import type { Encoding } from './encoding.js';
import { FORMATS, type Format } from './formats.js';
import { describeInput, openInput, type OpenedInput } from './responses.js';
import { ScoreReader, type ScoreCell } from './score-cell.js';

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

/** What `nps columns` found in one file; also its JSON form. */
export interface ColumnReport {
  file: string;
  format: Format;
  formatName: string;
  headerRows: number;
  encoding: Encoding;
  delimiter: string;
  columns: {
    score: ColumnInfo;
    respondent: ColumnInfo | null;
    comment: ColumnInfo | null;
    date: ColumnInfo | null;
    partial: (ColumnInfo & { rule: string }) | null;
  };
  scoreCandidates: ColumnInfo[];
  scoreValues: ScoreValue[];
  /** Rows whose score cell is not among the values listed. */
  otherValues: number;
  /** The one line other commands print about this file. */
  summary: string;
}

/** Distinct score cells shown before the rest are only counted. */
const VALUES_SHOWN = 40;

function readAs(cell: ScoreCell): string {
  if (cell.kind === 'score') return `score ${cell.value}`;
  if (cell.kind === 'blank') return 'blank (unanswered)';
  return `rejected: ${cell.reason}`;
}

/** Counts every distinct cell of the score column, as written, with how `nps` reads it. */
async function scoreValues(opened: OpenedInput, scoreOffset: number): Promise<{ values: ScoreValue[]; others: number }> {
  const counts = new Map<string, number>();
  const index = opened.choice.columns.score;
  await opened.reader.forEachRow((cells) => {
    const raw = cells[index] ?? '';
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
  });
  const scores = new ScoreReader(scoreOffset);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const values = sorted.slice(0, VALUES_SHOWN).map(([value, count]) => ({ value, count, readAs: readAs(scores.read(value)) }));
  const others = sorted.slice(VALUES_SHOWN).reduce((sum, [, count]) => sum + count, 0);
  return { values, others };
}

function column(opened: OpenedInput, index: number | undefined): ColumnInfo | null {
  if (index === undefined) return null;
  const header = opened.reader.header[index] ?? '';
  const text = opened.layout.texts[index] ?? header;
  return { number: index + 1, header, ...(text !== header && { text }) };
}

export async function describeFile(
  file: string,
  options: { scoreColumn?: string; dateColumn?: string; commentColumn?: string[]; respondentColumn?: string; scoreOffset?: number },
  io: Io,
): Promise<ColumnReport> {
  const opened = await openInput(file, io, options);
  const { reader, layout, choice } = opened;
  const { partial } = layout;
  const report: Omit<ColumnReport, 'scoreValues' | 'otherValues'> = {
    file: reader.name,
    format: layout.format,
    formatName: FORMATS[layout.format],
    headerRows: layout.headerRows,
    encoding: reader.encoding,
    delimiter: reader.delimiter,
    columns: {
      score: column(opened, choice.columns.score) ?? { number: 0, header: '' },
      respondent: column(opened, choice.columns.respondent),
      comment: column(opened, choice.columns.comments[0]),
      date: column(opened, choice.columns.date),
      partial: partial ? { number: partial.index + 1, header: partial.header, rule: partial.rule } : null,
    },
    scoreCandidates: choice.scoreCandidates.map((index) => ({ number: index + 1, header: reader.header[index] ?? '' })),
    summary: describeInput(opened),
  };
  const { values, others } = await scoreValues(opened, options.scoreOffset ?? 0);
  return { ...report, scoreValues: values, otherValues: others };
}
