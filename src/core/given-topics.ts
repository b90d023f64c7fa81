import type { Polarity } from './sentiment.js';
import type { GivenReading } from './theme-extras.js';

/**
 * What a survey platform already found in the comments, as it exports it: Qualtrics
 * Text iQ adds `Topics`, `Parent Topics`, `Sentiment`, `Sentiment Polarity` and
 * `Sentiment Score` columns after each open question ("Q2 - Topics"). nps counts the
 * topics as given themes, with the export's sentiment, beside its own.
 */

/** Where those columns are among a run's columns. */
export interface VendorColumns {
  topics: number | undefined;
  parents: number | undefined;
  /** A label: Positive, Negative, Neutral, Mixed. */
  sentiment: number | undefined;
  /** A number: above zero positive, below negative. */
  polarity: number | undefined;
  score: number | undefined;
}

const listOf = (cell: string): string[] =>
  cell
    .split(/[,;|]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

function polarityOfLabel(cell: string): Polarity | undefined {
  const text = cell.trim().toLowerCase();
  if (text === '') return undefined;
  if (text.includes('mixed')) return 'mixed';
  if (text.includes('positive')) return 'positive';
  if (text.includes('negative')) return 'negative';
  return 'unknown';
}

function polarityOfNumber(cell: string): Polarity | undefined {
  const value = Number(cell.trim());
  if (cell.trim() === '' || !Number.isFinite(value)) return undefined;
  return value > 0 ? 'positive' : value < 0 ? 'negative' : 'unknown';
}

/** The export's topics and sentiment in a row; undefined when it gives neither. */
export function givenReading(cells: readonly string[], columns: VendorColumns): GivenReading | undefined {
  const cell = (index: number | undefined): string => (index === undefined ? '' : (cells[index] ?? ''));
  const topics = [...new Set(listOf(cell(columns.topics)))];
  const parents = listOf(cell(columns.parents));
  const polarity = polarityOfLabel(cell(columns.sentiment)) ?? polarityOfNumber(cell(columns.polarity)) ?? polarityOfNumber(cell(columns.score));
  if (topics.length === 0 && polarity === undefined) return undefined;
  // Parent topics in the same order as the topics, or one parent for them all.
  const parentOf = (at: number): string | undefined => (parents.length === topics.length ? parents[at] : parents.length === 1 ? parents[0] : undefined);
  const byTopic: Record<string, string> = {};
  topics.forEach((topic, at) => {
    const parent = parentOf(at);
    if (parent !== undefined && parent !== topic) byTopic[topic] = parent;
  });
  return { topics, parents: byTopic, polarity };
}
