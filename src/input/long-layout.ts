import { isMissing, ScoreReader } from './score-cell.js';

/**
 * A file with one row per answer rather than one per response: a column names the
 * question ("NPS", "comment", 3) and another holds every answer. Its score column is
 * none of its columns; the answers to one question are the scores. Told from the first
 * rows: a column of a few values repeated, and a column whose cells, for one of those
 * values, are nearly all 0-10 scores of several values, while its other cells are not.
 */
export interface LongLayout {
  question: number;
  answer: number;
  /** The question whose answers are the scores. */
  value: string;
}

/** A question column repeats a handful of values: at most this many. */
const MAX_QUESTIONS = 30;
/** Answers to one question looked at before calling them scores. */
const MIN_ANSWERS = 8;

export function findLongLayout(rows: ReadonlyArray<readonly string[]>, width: number): LongLayout | undefined {
  const scores = new ScoreReader();
  const isScore = (cell: string): boolean => scores.read(cell).kind === 'score';
  for (let question = 0; question < width; question += 1) {
    const values = rows.map((row) => (row[question] ?? '').trim());
    const distinct = new Set(values.filter((value) => value !== ''));
    if (distinct.size < 2 || distinct.size > MAX_QUESTIONS || distinct.size * 2 > values.length) continue;
    for (let answer = 0; answer < width; answer += 1) {
      if (answer === question) continue;
      const found = questionOfScores(rows, question, answer, distinct, isScore);
      if (found !== undefined) return { question, answer, value: found };
    }
  }
  return undefined;
}

function questionOfScores(
  rows: ReadonlyArray<readonly string[]>,
  question: number,
  answer: number,
  values: ReadonlySet<string>,
  isScore: (cell: string) => boolean,
): string | undefined {
  const all = rows.map((row) => row[answer] ?? '').filter((cell) => !isMissing(cell));
  // A column of scores throughout is a score column, not the answers to many questions.
  if (all.length === 0 || all.filter(isScore).length >= 0.8 * all.length) return undefined;
  let found: string | undefined;
  let otherQuestion = false;
  for (const value of values) {
    const cells = rows.filter((row) => (row[question] ?? '').trim() === value).map((row) => row[answer] ?? '').filter((cell) => !isMissing(cell));
    if (cells.length < MIN_ANSWERS) continue;
    const scored = cells.filter(isScore);
    const spread = new Set(scored.map((cell) => cell.trim())).size;
    if (found === undefined && scored.length >= 0.95 * cells.length && spread >= 3) found = value;
    // The answers to another question are not scores at all: what sets one question's answers apart from the rest.
    else if (scored.length <= 0.1 * cells.length) otherQuestion = true;
  }
  return otherQuestion ? found : undefined;
}
