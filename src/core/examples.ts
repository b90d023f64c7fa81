import { compareText, ownCopy } from './strings.js';

/**
 * A theme's examples, named or discovered: its shortest comments of a few words, each
 * once, ties in collation order and then in the order they came.
 */

/** Shortest first: the examples people can read at a glance. */
export const EXAMPLES = 3;
/** Shorter than this is rarely a comment one can learn from ("ok", "price"). */
export const EXAMPLE_MIN_WORDS = 3;

const byExampleOrder = (a: string, b: string): number => a.length - b.length || compareText(a, b);

/**
 * Keeps `text` among the shortest examples, when it is one. Most comments of a large file
 * are longer than the longest kept, or sort after it: they are turned away by one
 * comparison, before the sort (and its collation) would have dropped them.
 */
export function keepExample(examples: string[], text: string, words: number): void {
  if (words < EXAMPLE_MIN_WORDS) return;
  const last = examples.length >= EXAMPLES ? examples[examples.length - 1] : undefined;
  // The sort is stable: a text that sorts with the last, or after it, would be the one cut.
  if (last !== undefined && byExampleOrder(text, last) >= 0) return;
  if (examples.includes(text)) return;
  examples.push(ownCopy(text));
  examples.sort(byExampleOrder);
  if (examples.length > EXAMPLES) examples.length = EXAMPLES;
}
