import type { Io } from '../io.js';
import { chooseColumns, ColumnChoiceError, FirstRows, type ColumnChoice, type ColumnOverrides } from './columns.js';
import { RowDates } from './dates.js';
import { FORMATS } from './formats.js';
import { describeInput, openLayout, type LaidOutInput } from './responses.js';
import { isMissing, ScoreReader, type ScoreCell } from './score-cell.js';
import type { ColumnInfo, ColumnReport, ScoreValue } from '../core/columns-report.js';

/** Distinct score cells shown before the rest are only counted. */
const VALUES_SHOWN = 40;
const EXAMPLES = 3;
const EXAMPLE_CHARS = 20;

function readAs(cell: ScoreCell): string {
  if (cell.kind === 'score') return `score ${cell.value}`;
  if (cell.kind === 'blank') return 'blank (unanswered)';
  return `rejected: ${cell.reason}`;
}

/** Counts every distinct cell of the score column, as written, with how `nps` reads it. */
async function scoreValues(input: LaidOutInput, index: number, scoreOffset: number): Promise<{ values: ScoreValue[]; others: number }> {
  const counts = new Map<string, number>();
  await input.reader.forEachRow((cells) => {
    const raw = cells[index] ?? '';
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
  });
  const scores = new ScoreReader(scoreOffset);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const values = sorted.slice(0, VALUES_SHOWN).map(([value, count]) => ({ value, count, readAs: readAs(scores.read(value)) }));
  const others = sorted.slice(VALUES_SHOWN).reduce((sum, [, count]) => sum + count, 0);
  return { values, others };
}

function info(input: LaidOutInput, index: number | undefined): ColumnInfo | null {
  if (index === undefined || index < 0) return null;
  const header = input.reader.header[index] ?? '';
  const text = input.layout.texts[index] ?? header;
  return { number: index + 1, header, ...(text !== header && { text }) };
}

const GUESSES = { numbers: 'numbers (a rating?)', choices: 'choices', text: 'free text', short: 'short text', unknown: 'empty' } as const;

/** A guess for a column no role took: dates, long numbers (ids) and short ones (ratings) told apart. */
function guess(cells: readonly string[], kind: keyof typeof GUESSES): string {
  const filled = cells.filter((cell) => !isMissing(cell));
  const dates = new RowDates(undefined);
  if (filled.length > 0 && filled.every((cell) => dates.read(cell) !== undefined && !/^\d+$/.test(cell.trim()))) return 'dates';
  // Mostly whole numbers 0-10 is a rating, whatever a few other cells hold ("n/a", "dunno"): as `nps drivers` reads it.
  const small = filled.filter((cell) => /^\d{1,2}$/.test(cell.trim()) && Number(cell) <= 10).length;
  if (filled.length > 0 && small >= 0.8 * filled.length) return GUESSES.numbers;
  if (kind === 'numbers' && filled.some((cell) => cell.trim().replace(/^[-+]/, '').length > 3)) return 'numbers (an id?)';
  return GUESSES[kind];
}

function roleOf(index: number, choice: ColumnChoice | undefined, partial: number | undefined, sample: FirstRows, rows: readonly string[][]): string {
  const columns = choice?.columns;
  if (columns?.score === index) return 'score';
  if (columns?.respondent === index) return 'respondent';
  if (columns?.comments.includes(index)) return 'comment';
  if (columns?.date === index) return 'date';
  if (partial === index) return 'partial (unfinished responses)';
  return guess(rows.map((row) => row[index] ?? ''), sample.kindOfAnswers(index));
}

function examplesOf(sample: readonly string[][], index: number): string[] {
  const seen = new Set<string>();
  for (const row of sample) {
    const cell = (row[index] ?? '').trim().replace(/\s+/g, ' ');
    if (!isMissing(cell)) seen.add(cell.length > EXAMPLE_CHARS ? `${cell.slice(0, EXAMPLE_CHARS - 1)}…` : cell);
    if (seen.size === EXAMPLES) break;
  }
  return [...seen];
}

/** The columns chosen, or, when no single score column can be, why and which could be. */
function tryChoosing(input: LaidOutInput, overrides: ColumnOverrides): { choice: ColumnChoice | undefined; problem: string | null; candidates: number[] } {
  const { reader, layout, firstRows } = input;
  try {
    const choice = chooseColumns(reader.where, layout.headers, overrides, layout.texts, firstRows);
    return { choice, problem: null, candidates: choice.scoreCandidates };
  } catch (error) {
    if (!(error instanceof ColumnChoiceError)) throw error;
    return { choice: undefined, problem: error.problem, candidates: error.scoreCandidates };
  }
}

/**
 * What `nps` understands of a file. Unlike the other commands it does not stop
 * when the score column cannot be chosen: it shows every column, so that one can be.
 */
export async function describeFile(
  file: string,
  options: ColumnOverrides & { scoreOffset?: number | undefined; sheet?: string | undefined },
  io: Io,
): Promise<ColumnReport> {
  const input = await openLayout(file, io, options.sheet);
  const { reader, layout } = input;
  const { choice, problem, candidates } = tryChoosing(input, options);
  const sample = new FirstRows(input.firstRows);
  const { partial } = layout;
  const all = reader.header.map((header, index) => ({
    ...(info(input, index) ?? { number: index + 1, header }),
    role: roleOf(index, choice, partial?.index, sample, input.firstRows),
    examples: examplesOf(input.firstRows, index),
    scoreCandidate: candidates.includes(index),
  }));
  const { values, others } = choice === undefined ? { values: [], others: 0 } : await scoreValues(input, choice.columns.score, options.scoreOffset ?? 0);
  return {
    file: reader.name,
    format: layout.format,
    formatName: reader.kind !== 'csv' && layout.format === 'plain' ? 'plain table' : FORMATS[layout.format],
    headerRows: layout.headerRows,
    encoding: reader.kind === 'csv' ? reader.encoding : null,
    delimiter: reader.kind === 'csv' ? reader.delimiter : null,
    workbook: reader.kind === 'xlsx' ? { sheet: { number: reader.sheet.number, name: reader.sheet.name }, sheets: [...reader.sheets] } : null,
    columns: {
      score: info(input, choice?.columns.score),
      respondent: info(input, choice?.columns.respondent),
      comment: info(input, choice?.columns.comments[0]),
      comments: (choice?.columns.comments ?? []).flatMap((index) => info(input, index) ?? []),
      date: info(input, choice?.columns.date),
      partial: partial ? { number: partial.index + 1, header: partial.header, rule: partial.rule } : null,
    },
    scoreProblem: problem,
    scoreCandidates: candidates.map((index) => ({ number: index + 1, header: reader.header[index] ?? '' })),
    all,
    scoreValues: values,
    otherValues: others,
    summary: choice === undefined ? null : describeInput({ reader, layout, choice, names: [], firstRows: [] }, true),
  };
}
