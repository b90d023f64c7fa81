import { groupDigits } from './digits.js';
/**
 * What a message quotes of the input has a size: a cell, a header, a sheet's name, a
 * list of sheets or columns. A file can hold a 300 KB header or 200,000 sheets, and a
 * message that quoted them whole would be a line of megabytes. Every message cuts
 * what it quotes here, to a few hundred characters, and says how much it left out.
 */

/** A text quoted in a message (a cell, a header, a name): at most this many characters of it. */
export const QUOTED_CHARS = 200;
/** A list in a message (of sheets, of columns): at most this many characters of it. */
export const LISTED_CHARS = 400;
/** A whole message line, whatever it quotes: the last bound, for any text no helper cut before. */
export const LINE_CHARS = 2000;

/** Where to cut `text` near `at` without splitting a surrogate pair in two: `at`, or one before. */
export function cutAt(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** `text` whole when short; else its start, "…", and how many characters were left out. */
export function clip(text: string, limit = LINE_CHARS): string {
  if (text.length <= limit) return text;
  const end = cutAt(text, limit);
  return `${text.slice(0, end)}… and ${groupDigits(text.length - end)} more characters`;
}

/** A text as a message quotes it: `"score"`, or `"hhh…" (and 299,800 more characters)` for a long one. */
export function quote(text: string, limit = QUOTED_CHARS): string {
  if (text.length <= limit) return JSON.stringify(text);
  const end = cutAt(text, limit);
  return `${JSON.stringify(`${text.slice(0, end)}…`)} (and ${groupDigits(text.length - end)} more characters)`;
}

/** Items joined with ", " up to about `limit` characters, then "… and N more": a list of sheets, of columns. */
export function clipList(items: readonly string[], limit = LISTED_CHARS, separator = ', '): string {
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    const added = (shown.length === 0 ? 0 : separator.length) + item.length;
    if (shown.length > 0 && length + added > limit) break;
    shown.push(shown.length === 0 && item.length > limit ? clip(item, limit) : item);
    length += added;
  }
  const more = items.length - shown.length;
  return more === 0 ? shown.join(separator) : `${shown.join(separator)}${separator}… and ${groupDigits(more)} more`;
}
