import { createRequire } from 'node:module';
import type stringWidthOf from 'string-width';
import type wrapAnsiOf from 'wrap-ansi';

/**
 * Columns a text takes in a terminal, and prose wrapped to a width. Nearly all text nps
 * prints is made of characters one column wide: ASCII, accented Latin letters, Greek and
 * Cyrillic, the signs of numbers and prose (− ± × … – — “ ” ’ • →) and box drawing. Such
 * text is measured by counting and wrapped here, exactly as wrap-ansi wraps it (a test
 * holds the two to each other). Any other text (wide East Asian characters, emoji,
 * combining marks; colours, when wrapped) goes to string-width and wrap-ansi, loaded the first time it
 * is needed: loading them and their grapheme segmenter costs about 50 ms, a sixth of a
 * run on a small file.
 */

// Loaded on first use, synchronously: the renderers that measure are synchronous.
const load = createRequire(import.meta.url);
let fullWidth: typeof stringWidthOf | undefined;
let fullWrap: typeof wrapAnsiOf | undefined;

/**
 * Characters one column wide in every terminal, with nothing that joins or combines:
 * the ranges leave out the soft hyphen, combining marks, zero-width and direction
 * marks, and the few shapes drawn as emoji (◽ ◾).
 */
const NARROW = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0377\u037A-\u037F\u0384-\u03FF\u0400-\u0482\u048A-\u04FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u214F\u2190-\u21FF\u2200-\u22FF\u2500-\u25FC\u25FF]*$/u;

/** Whether a text is measured by counting its characters. */
export function isNarrow(text: string): boolean {
  return NARROW.test(text);
}

// eslint-disable-next-line no-control-regex -- the colour codes nps writes on a terminal take no column
const COLOUR = /\u001b\[[0-9;]*m/gu;

/** A text without the colour codes nps writes on a terminal. */
export function withoutColour(text: string): string {
  return text.includes('\u001b') ? text.replace(COLOUR, '') : text;
}

/** The columns a text takes in a terminal: colours none, wide characters two. */
export function textWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  const plain = withoutColour(text);
  if (NARROW.test(plain)) return plain.length;
  fullWidth ??= (load('string-width') as { default: typeof stringWidthOf }).default;
  return fullWidth(text);
}

export interface WrapOptions {
  /** Whether spaces at the start and end of each line are removed (wrap-ansi's `trim`, true by default). */
  trim?: boolean;
}

/** A text wrapped at spaces to lines of `columns` at most; a word longer than a line stays whole (wrap-ansi's `hard: false`). */
export function wrapText(text: string, columns: number, options: WrapOptions = {}): string {
  if (!NARROW.test(text.replaceAll('\n', ' '))) {
    fullWrap ??= (load('wrap-ansi') as { default: typeof wrapAnsiOf }).default;
    return fullWrap(text, columns, { hard: false, trim: options.trim !== false });
  }
  return text
    .normalize()
    .split('\n')
    .map((line) => wrapLine(line, columns, options.trim !== false))
    .join('\n');
}

/** One line, as wrap-ansi's `exec` wraps text with no escape codes, tabs or wide characters. */
function wrapLine(line: string, columns: number, trim: boolean): string {
  if (trim && line.trim() === '') return '';
  const done: string[] = [];
  let row = '';
  // Whether the row has been trimmed at its start once it holds something: it cannot need it again.
  let trimmed = false;
  const breakRow = (): void => {
    done.push(row);
    row = '';
    trimmed = false;
  };
  line.split(' ').forEach((word, at) => {
    if (trim && !trimmed) {
      row = row.trimStart();
      trimmed = row.length > 0;
    }
    if (at > 0) {
      if (row.length >= columns && !trim) breakRow();
      if (row.length > 0 || !trim) row += ' ';
    }
    if (row.length + word.length > columns && row.length > 0 && word.length > 0) breakRow();
    row += word;
  });
  done.push(row);
  return (trim ? done.map((one) => one.replace(/ +$/u, '')) : done).join('\n');
}
