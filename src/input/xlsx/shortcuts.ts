import { MAX_COLUMNS, MAX_TEXT_CHARS } from './limits.js';
import { columnIndex } from './values.js';
import { LETTERS, textOf } from './xml.js';

/**
 * The elements a workbook has millions of, read whole when they have the shape nearly
 * every writer gives them, rather than as XML events: a sheet's cells and the shared
 * strings.
 *
 * A sheet's cells:
 * `<c r="B2" t="s" s="1"><v>17</v></c>`, or `<c r="B2"/>`. A sheet of a million rows
 * has fourteen million cells; read as five XML events each (two tags opened with
 * their attributes, a text, two tags closed), the events were four fifths of the time
 * an `.xlsx` took. A cell in any other shape (a formula, an inline string, white space
 * other than one space between attributes, a reference in an attribute, a tag the
 * chunk cut, a column past the last) is not read here: the XML reader reads it, event
 * by event, and refuses it when it is broken. So what is read here is exactly what the
 * events would give (a test holds the two together).
 *
 * A sheet's rows: `<row r="2" spans="1:14">`, and `</row>`, around cells, so that a row
 * of cells of the common shape is read with no event at all.
 *
 * A shared string: `<si><t>text</t></si>`, its `<t>` with `xml:space="preserve"` or not.
 * One with runs of rich text, a phonetic guide, or anything else is left to the events.
 */

/** One cell being read: its column, type and style, and the text of its value. */
export interface CellState {
  column: number;
  type: string;
  style: number;
  value: string;
  /** The number its value writes, when it is a plain whole number of at most 9 digits (a shared string's index); else -1. */
  index: number;
  hasValue: boolean;
  formula: boolean;
}

/** The numbers of the characters read below (constants, not an enum: its object would be looked up at every character). */
const TAB = 0x09;
const LINE_FEED = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const AMPERSAND = 0x26;
const APOSTROPHE = 0x27;
const SLASH = 0x2f;
const ZERO = 0x30;
const NINE = 0x39;
const LESS = 0x3c;
const EQUALS = 0x3d;
const GREATER = 0x3e;
const LOWER_C = 0x63;
const LOWER_R = 0x72;
const LOWER_S = 0x73;
const LOWER_T = 0x74;
const LOWER_V = 0x76;

/** A character that ends an attribute's name, or makes the tag one to leave to the XML reader. */
const endsName = (code: number): boolean =>
  code === EQUALS || code <= SPACE || code === GREATER || code === SLASH || code === QUOTE || code === APOSTROPHE || code === LESS;

/** The whole number written from `from` to `to`, when it is digits only, at most 9 of them; else -1. */
function digitsAt(text: string, from: number, to: number): number {
  if (to === from || to - from > 9) return -1;
  let value = 0;
  for (let at = from; at < to; at += 1) {
    const code = text.charCodeAt(at);
    if (code < ZERO || code > NINE) return -1;
    value = value * 10 + code - ZERO;
  }
  return value;
}

// The tags around a value, compared a character at a time: startsWith is a call, at each of fourteen million cells.
const closesCell = (text: string, at: number): boolean =>
  text.charCodeAt(at) === LESS && text.charCodeAt(at + 1) === SLASH && text.charCodeAt(at + 2) === LOWER_C && text.charCodeAt(at + 3) === GREATER;
const opensValue = (text: string, at: number): boolean =>
  text.charCodeAt(at) === LESS && text.charCodeAt(at + 1) === LOWER_V && text.charCodeAt(at + 2) === GREATER;
const closesValue = (text: string, at: number): boolean =>
  text.charCodeAt(at + 1) === SLASH && text.charCodeAt(at + 2) === LOWER_V && text.charCodeAt(at + 3) === GREATER && closesCell(text, at + 4);

/** What the cell being read says (one object, reused: a single cell is read at a time). */
const read = { column: -1, type: 'n', style: 0, value: '', index: -1, hasValue: false };

/** Where the attribute read last by `plainAttributeAt` has its name and its value. */
const span = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/**
 * Reads one attribute, ` name="value"`, from its space at `at`, into `span`: the position
 * after it, or -1 when it is written otherwise (more white space, a reference, a tab or
 * line end in its value, single quotes) or cut. A cell's and a row's tags both.
 */
function plainAttributeAt(input: string, at: number): number {
  const nameStart = at + 1;
  let nameEnd = nameStart;
  let code: number;
  for (;;) {
    if (nameEnd >= input.length) return -1;
    code = input.charCodeAt(nameEnd);
    if (endsName(code)) break;
    nameEnd += 1;
  }
  if (code !== EQUALS || nameEnd === nameStart || input.charCodeAt(nameEnd + 1) !== QUOTE) return -1;
  const valueStart = nameEnd + 2;
  let valueEnd = valueStart;
  for (;;) {
    if (valueEnd >= input.length) return -1;
    code = input.charCodeAt(valueEnd);
    if (code === QUOTE) break;
    if (code === AMPERSAND || code === LESS || code === TAB || code === LINE_FEED || code === RETURN) return -1;
    valueEnd += 1;
  }
  span.nameStart = nameStart;
  span.nameEnd = nameEnd;
  span.valueStart = valueStart;
  span.valueEnd = valueEnd;
  return valueEnd + 1;
}

/** Reads one attribute of a cell (see `plainAttributeAt`): its `r`, `t` and `s` go to `read`. */
function attributeAt(input: string, at: number): number {
  const after = plainAttributeAt(input, at);
  if (after === -1) return -1;
  const { nameStart, nameEnd, valueStart, valueEnd } = span;
  if (nameEnd === nameStart + 1) {
    const name = input.charCodeAt(nameStart);
    if (name === LOWER_R) read.column = columnIndex(input, valueStart, valueEnd) ?? -1;
    else if (name === LOWER_T) read.type = valueEnd === valueStart + 1 ? (LETTERS[input.charCodeAt(valueStart)] ?? input.slice(valueStart, valueEnd)) : input.slice(valueStart, valueEnd);
    else if (name === LOWER_S) {
      // A style written otherwise than in digits (`s=""`, `s="1.0"`) reads as Number reads it.
      const style = digitsAt(input, valueStart, valueEnd);
      read.style = style === -1 ? Number(input.slice(valueStart, valueEnd)) : style;
    }
  }
  return after;
}

/** Where a value from `from` ends (its `<`), when it writes no reference and is not too long; else -1. */
function plainValueEnd(input: string, from: number): number {
  const last = Math.min(input.length, from + MAX_TEXT_CHARS + 1);
  for (let at = from; at < last; at += 1) {
    const code = input.charCodeAt(at);
    if (code === LESS) return at;
    if (code === AMPERSAND) return -1;
  }
  return -1;
}

/**
 * Reads what follows a cell's attributes, from `at`: `/>`, `></c>` or `><v>text</v></c>`.
 * The position of the cell's last character, or -1 when it is something else or cut.
 */
function contentAt(input: string, at: number, skipped: boolean): number {
  const code = input.charCodeAt(at);
  read.value = '';
  read.index = -1;
  read.hasValue = false;
  if (code === SLASH) return input.charCodeAt(at + 1) === GREATER ? at + 1 : -1;
  if (code !== GREATER) return -1;
  if (closesCell(input, at + 1)) return at + 4;
  if (!opensValue(input, at + 1)) return -1;
  const valueStart = at + 4;
  // A cell of a column not read is left without a value, unless its value writes a reference, which is read (and
  // refused when unknown) as it would be: its end and any `&` are looked for in one pass over it.
  if (skipped) {
    const plainEnd = plainValueEnd(input, valueStart);
    if (plainEnd !== -1) return closesValue(input, plainEnd) ? plainEnd + 7 : -1;
  }
  const valueEnd = input.indexOf('<', valueStart);
  if (valueEnd === -1 || valueEnd - valueStart > MAX_TEXT_CHARS || !closesValue(input, valueEnd)) return -1;
  read.hasValue = true;
  // A shared string's index is read as the number it is, with no text made of it.
  read.index = digitsAt(input, valueStart, valueEnd);
  if (read.index === -1 || read.type !== 's') read.value = textOf(input.slice(valueStart, valueEnd));
  return valueEnd + 7;
}

/**
 * Reads the cell whose `<` is at `lt` in `input` into `cell`, whose column is the cell
 * before's (a cell without a reference is the next one). Returns the position of its
 * last character (the `>` of `</c>` or of `<c/>`), or -1 when it is not a whole cell
 * of the common shape, and `cell` is then as it was. A cell in a column `skipped`
 * marks is read as one without a value (no text is made of it): for a read that needs
 * a few columns, once it knows what else the cell could change.
 */
export function scanCell(input: string, lt: number, cell: CellState, skipped?: Uint8Array): number {
  if (input.charCodeAt(lt + 1) !== LOWER_C) return -1;
  let at = lt + 2;
  const after = input.charCodeAt(at);
  if (after !== SPACE && after !== GREATER && after !== SLASH) return -1;
  read.column = -1;
  read.type = 'n';
  read.style = 0;
  while (at !== -1 && input.charCodeAt(at) === SPACE) at = attributeAt(input, at);
  // A tag longer than a text may be is refused by the events, as one that never ends would be.
  if (at === -1 || at + 1 - lt > MAX_TEXT_CHARS) return -1;
  const column = read.column === -1 ? cell.column + 1 : read.column;
  if (column >= MAX_COLUMNS) return -1;
  const end = contentAt(input, at, skipped !== undefined && skipped[column] === 1);
  if (end === -1) return -1;
  cell.column = column;
  cell.type = read.type;
  cell.style = read.style;
  cell.value = read.value;
  cell.index = read.index;
  cell.hasValue = read.hasValue;
  cell.formula = false;
  return end;
}

/** A row's start tag, read whole: its number (its `r`, as Number reads it; NaN without one) and whether it also ends the row. */
export interface RowTag {
  number: number;
  empty: boolean;
}

const LOWER_O = 0x6f;
const LOWER_W = 0x77;

/**
 * Reads the row tag whose `<` is at `lt` in `input` (`<row r="2" spans="1:14">`, or one
 * ending in `/>`): the position of its `>`, or -1 when it is written otherwise than with
 * one space before each attribute and plain double-quoted values, or cut. Its number and
 * its shape go to `row`.
 */
export function scanRowTag(input: string, lt: number, row: RowTag): number {
  if (input.charCodeAt(lt + 1) !== LOWER_R || input.charCodeAt(lt + 2) !== LOWER_O || input.charCodeAt(lt + 3) !== LOWER_W) return -1;
  let at = lt + 4;
  let number = Number.NaN;
  while (input.charCodeAt(at) === SPACE) {
    at = plainAttributeAt(input, at);
    if (at === -1 || at - lt > MAX_TEXT_CHARS) return -1;
    const { nameStart, nameEnd, valueStart, valueEnd } = span;
    if (nameEnd === nameStart + 1 && input.charCodeAt(nameStart) === LOWER_R) {
      const digits = digitsAt(input, valueStart, valueEnd);
      number = digits === -1 ? Number(input.slice(valueStart, valueEnd)) : digits;
    }
  }
  const empty = input.charCodeAt(at) === SLASH;
  const gt = empty ? at + 1 : at;
  // A tag longer than a text may be is refused by the events.
  if (input.charCodeAt(gt) !== GREATER || gt - lt > MAX_TEXT_CHARS) return -1;
  row.empty = empty;
  row.number = number;
  return gt;
}

/** Whether `</row>` is written at `at`. */
export const closesRow = (text: string, at: number): boolean =>
  text.charCodeAt(at) === LESS &&
  text.charCodeAt(at + 1) === SLASH &&
  text.charCodeAt(at + 2) === LOWER_R &&
  text.charCodeAt(at + 3) === LOWER_O &&
  text.charCodeAt(at + 4) === LOWER_W &&
  text.charCodeAt(at + 5) === GREATER;

const SHARED_STRING = '<si><t>';
const SHARED_STRING_KEPT = '<si><t xml:space="preserve">';
const SHARED_STRING_END = '</t></si>';

const UNDERSCORE = 0x5f;
const LOWER_X = 0x78;

/**
 * Whether text written from `from` to `to` may read otherwise than as written: a reference
 * (`&amp;`), a carriage return (a line end is read as `\n`), or an escape `_xHHHH_` (values.ts).
 * One pass over a string that nearly always has none of them.
 */
function mayBeEscaped(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at += 1) if (readsOtherwise(text.charCodeAt(at), text.charCodeAt(at + 1))) return true;
  return false;
}

/**
 * Whether a character of a text (`code`, then `next`) makes it read otherwise than as
 * written (see mayBeEscaped): a reference's `&`, a carriage return, an escape's `_x`.
 * None is past `_`: a text's letters are told apart by one comparison.
 */
export const readsOtherwise = (code: number, next: number): boolean =>
  code <= UNDERSCORE && (code === AMPERSAND || code === RETURN || (code === UNDERSCORE && next === LOWER_X));

/**
 * Reads the shared string whose `<` is at `lt` in `input`: the position of its last
 * character, and its text in `read.text`; or -1 when it is not a whole string of the
 * common shape. `read.escaped` is false when the text holds no `_xHHHH_` escape to read
 * (and none of what XML reads otherwise than as written).
 */
export function scanSharedString(input: string, lt: number, read: { text: string; escaped: boolean }): number {
  if (input.charCodeAt(lt + 1) !== LOWER_S) return -1;
  let textStart: number;
  if (input.startsWith(SHARED_STRING, lt)) textStart = lt + SHARED_STRING.length;
  else if (input.startsWith(SHARED_STRING_KEPT, lt)) textStart = lt + SHARED_STRING_KEPT.length;
  else return -1;
  const textEnd = input.indexOf('<', textStart);
  if (textEnd === -1 || textEnd - textStart > MAX_TEXT_CHARS || !input.startsWith(SHARED_STRING_END, textEnd)) return -1;
  read.escaped = mayBeEscaped(input, textStart, textEnd);
  read.text = read.escaped ? textOf(input.slice(textStart, textEnd)) : input.slice(textStart, textEnd);
  return textEnd + SHARED_STRING_END.length - 1;
}
