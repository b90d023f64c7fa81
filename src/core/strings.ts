/**
 * A copy of `text` that holds on to nothing else. V8 makes a slice of 13 characters or
 * more a view of the string it was cut from, and the view keeps that string alive: a
 * comment kept from a row keeps the whole 64 KB piece of the file the row was read
 * from, and a sample of 50,000 comments kept the file's text in memory, copied by every
 * young-generation collection it lived through (a third of `themes`' time on 1M rows).
 * What a tally keeps for the length of a read (a sampled comment, an example, a cache's
 * key, a respondent's id) is copied here, once, when it is kept.
 *
 * The string made by concatenation is flattened into a new string when it is sliced,
 * and the slice views that string, one character longer than `text`.
 */
export function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

let collator: Intl.Collator | undefined;

/**
 * Compares two texts as `a.localeCompare(b)` does (the default locale's order, by the
 * standard's own definition of localeCompare), through one collator made once: sorts of
 * thousands of words and phrases called localeCompare for each pair they compared.
 */
export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}
