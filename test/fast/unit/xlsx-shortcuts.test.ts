import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { MAX_TEXT_CHARS } from '../../../src/input/xlsx/limits.js';
import { scanCell, scanRowTag, scanSharedString, type CellState, type RowTag } from '../../../src/input/xlsx/shortcuts.js';
import { unescapeText } from '../../../src/input/xlsx/values.js';
import { xmlParser, type XmlParser } from '../../../src/input/xlsx/xml.js';

/**
 * The cells and shared strings read whole, held to what the XML reader's events give
 * for the same text, on seeded random elements near the common shape and off it: read
 * whole, an element must read exactly as its events do; off the shape, it is left to them.
 */

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Column letters as Excel reads a reference, written here again: A is 0, a reference with no letter names none. */
function columnOf(reference: string | undefined): number | undefined {
  const letters = /^[A-Za-z]+/.exec(reference ?? '')?.[0];
  if (letters === undefined) return undefined;
  return Array.from(letters.toUpperCase(), (letter) => letter.charCodeAt(0) - 64).reduce((sum, value) => sum * 26 + value, 0) - 1;
}

/** Has `parser` read `xml` whole: undefined, or the message with which it refuses it. */
function refusal(parser: XmlParser, xml: string): string | undefined {
  try {
    parser.write(xml);
    parser.close();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

interface FromEvents {
  attributes: Record<string, string>;
  value: string | undefined;
  /** Elements other than `<v>` inside the cell (a formula, an inline string). */
  others: number;
}

/** The cell as the events give it, or the message with which the reader refuses the text. */
function cellFromEvents(xml: string): FromEvents | string | undefined {
  let found: FromEvents | undefined;
  let inValue = false;
  const parser = xmlParser({
    open: (name, attributes) => {
      if (name === 'c') found = { attributes: { ...attributes }, value: undefined, others: 0 };
      else if (name === 'v' && found !== undefined) {
        inValue = true;
        found.value = '';
      } else if (found !== undefined) found.others += 1;
    },
    close: (name) => {
      if (name === 'v') inValue = false;
    },
    text: (text) => {
      if (inValue && found !== undefined) found.value = (found.value ?? '') + text;
    },
  });
  return refusal(parser, xml) ?? found;
}

/** What reading a cell whole gives: its end, or the message of what it throws (a reference that names no character). */
function scanned(xml: string, state: CellState): number | string {
  try {
    return scanCell(xml, 5, state);
  } catch (error) {
    return (error as Error).message;
  }
}

function randomCell(random: () => number): string {
  const references = ['A1', 'B7', 'AA12', 'XFD3', 'XFE3', 'a9', '5', '', 'AB'];
  const types = ['s', 'n', 'b', 'e', 'str', 'd', 'inlineStr', '', 'é', '&#115;', 'st\tr'];
  const styles = ['0', '1', '12', '', '01', '1.0', ' 2', 'x', '1&#10;', '2\n'];
  const values = ['17', '0', '8.9999999999999982', '45729.99765046296', '', 'Tom &amp; Jerry', 'a&#13;b', 'line\r\nbreak', '-1E-3', ' 4 ', '&bad;', '1234567890'];
  const attributes: string[] = [];
  for (const [name, list] of [['r', references], ['t', types], ['s', styles]] as const) {
    if (random() < 0.75) attributes.push(`${name}="${pick(random, list)}"`);
  }
  if (random() < 0.2) attributes.push(pick(random, ['x14ac:dyDescent="0.25"', 'cm="1"', "t='s'", 'r="C3"', 's = "1"', 'r="A&amp;1"', 'vm="a>b"']));
  if (random() < 0.5) attributes.sort(() => random() - 0.5);
  const space = (): string => (random() < 0.9 ? ' ' : pick(random, ['  ', '\t', '\n', '']));
  const open = `<c${attributes.map((attribute) => `${space()}${attribute}`).join('')}`;
  const shape = random();
  if (shape < 0.1) return `${open}${random() < 0.8 ? '/>' : ' />'}`;
  if (shape < 0.15) return `${open}></c>`;
  if (shape < 0.2) return `${open}><f>SUM(A1:A2)</f><v>${pick(random, values)}</v></c>`;
  if (shape < 0.25) return `${open}><is><t>inline</t></is></c>`;
  if (shape < 0.3) return `${open}><v>${pick(random, values)}</v>${pick(random, ['</c >', ' </c>', '<x/></c>'])}`;
  return `${open}><v>${pick(random, values)}</v></c>`;
}

describe('cells read whole', () => {
  it('read as their events read them, on 5,000 random cells, or are left to the events', () => {
    const random = seededRandom(61);
    let readWhole = 0;
    for (let index = 0; index < 5000; index += 1) {
      const cell = randomCell(random);
      const xml = `<row>${cell}</row>`;
      const before = Math.floor(random() * 20) - 1;
      const state: CellState = { column: before, type: 'x', style: -5, value: 'old', index: -2, hasValue: true, formula: true };
      const end = scanned(xml, state);
      if (typeof end === 'string') {
        // Refused, as the events refuse it.
        expect(cellFromEvents(xml), cell).toBe(end);
        continue;
      }
      if (end === -1) {
        expect(state, cell).toEqual({ column: before, type: 'x', style: -5, value: 'old', index: -2, hasValue: true, formula: true });
        continue;
      }
      readWhole += 1;
      const events = cellFromEvents(xml);
      if (events === undefined || typeof events === 'string') throw new Error(`the events refuse what was read whole: ${cell}`);
      expect(end, cell).toBe(5 + cell.length - 1);
      expect(events.others, cell).toBe(0);
      const column = columnOf(events.attributes['r']) ?? before + 1;
      expect(column, cell).toBeLessThan(16_384);
      const style = events.attributes['s'];
      const value = events.value;
      const index = value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : -1;
      const type = events.attributes['t'] ?? 'n';
      expect({ ...state, value: state.type === 's' && state.index >= 0 ? '(by index)' : state.value }, cell).toEqual({
        column,
        type,
        style: style === undefined ? 0 : Number(style),
        value: type === 's' && index >= 0 ? '(by index)' : (value ?? ''),
        index,
        hasValue: value !== undefined,
        formula: false,
      });
    }
    // The common shape is read whole: a shortcut that never applied would pass the rest of this test.
    expect(readWhole).toBeGreaterThan(1500);
  });

  it('reads the cells every writer writes, and leaves a cut one to the events', () => {
    const state: CellState = { column: 3, type: 'n', style: 0, value: '', index: -1, hasValue: false, formula: false };
    const cells = ['<c r="G2" t="s" s="3"><v>19</v></c>', '<c><v>8.5</v></c>', '<c r="B2"/>', '<c r="A7" t="s"><v>1'];
    const xml = cells.join('');
    const starts = cells.map((_, index) => cells.slice(0, index).join('').length);
    const lastOf = (index: number): number => (starts[index] ?? 0) + (cells[index]?.length ?? 0) - 1;
    expect(scanCell(xml, starts[0] ?? 0, state)).toBe(lastOf(0));
    expect(state).toEqual({ column: 6, type: 's', style: 3, value: '', index: 19, hasValue: true, formula: false });
    expect(scanCell(xml, starts[1] ?? 0, state)).toBe(lastOf(1));
    expect(state).toMatchObject({ column: 7, type: 'n', style: 0, value: '8.5', index: -1, hasValue: true });
    expect(scanCell(xml, starts[2] ?? 0, state)).toBe(lastOf(2));
    expect(state).toMatchObject({ column: 1, value: '', hasValue: false });
    expect(scanCell(xml, starts[3] ?? 0, state)).toBe(-1);
    expect(state.column).toBe(1);
  });

  it('leaves to the events a tag longer than a text may be, which they refuse', () => {
    const state: CellState = { column: -1, type: 'n', style: 0, value: '', index: -1, hasValue: false, formula: false };
    const long = `<c r="A1" x="${'y'.repeat(MAX_TEXT_CHARS)}"/>`;
    expect(scanCell(long, 0, state)).toBe(-1);
    const fits = `<c r="A1" x="${'y'.repeat(MAX_TEXT_CHARS - 20)}"/>`;
    expect(scanCell(fits, 0, state)).toBe(fits.length - 1);
    expect(state.column).toBe(0);
  });
});

describe('row tags read whole', () => {
  it('read as their events read them, on 3,000 random tags, or are left to the events', () => {
    const random = seededRandom(63);
    const numbers = ['7', '007', '0', '', '7.0', ' 7', 'x', '1e3', '123456789012', '&#55;', '7\t'];
    const others = ['spans="1:14"', 'ht="15"', 'x14ac:dyDescent="0.25"', "s='1'", 'customHeight = "1"', 'hidden="a>b"', 'r="9"'];
    let readWhole = 0;
    for (let index = 0; index < 3000; index += 1) {
      const attributes = [...(random() < 0.8 ? [`r="${pick(random, numbers)}"`] : []), ...others.filter(() => random() < 0.2)];
      if (random() < 0.5) attributes.sort(() => random() - 0.5);
      const space = (): string => (random() < 0.9 ? ' ' : pick(random, ['  ', '\n', '']));
      const tag = `<row${attributes.map((attribute) => `${space()}${attribute}`).join('')}${pick(random, ['>', '>', '/>', ' />', ''])}`;
      let fromEvents: Record<string, string> | undefined;
      const parser = xmlParser({ open: (name, attributes) => (fromEvents = name === 'row' ? { ...attributes } : fromEvents) });
      const xml = `<sheetData>${tag}${tag.endsWith('/>') ? '' : '</row>'}</sheetData>`;
      const refused = refusal(parser, xml);
      const row: RowTag = { number: -5, empty: false };
      const end = scanRowTag(xml, 11, row);
      if (end === -1) {
        expect(row, tag).toEqual({ number: -5, empty: false });
        continue;
      }
      readWhole += 1;
      expect(refused, tag).toBeUndefined();
      expect(end, tag).toBe(11 + tag.length - 1);
      expect(row, tag).toEqual({ number: Number(fromEvents?.['r']), empty: tag.endsWith('/>') });
    }
    expect(readWhole).toBeGreaterThan(600);
  });

  it('leaves to the events a row tag longer than a text may be, which they refuse', () => {
    const row: RowTag = { number: 0, empty: false };
    for (const end of ['>', '/>']) {
      // From its `<` to its `>`: one character more than the limit, then the limit.
      const long = `<row r="1" x="${'y'.repeat(MAX_TEXT_CHARS - 15 - end.length + 2)}"${end}`;
      expect(long.length - 1).toBe(MAX_TEXT_CHARS + 1);
      expect(scanRowTag(long, 0, row)).toBe(-1);
      const fits = long.replace('yy', 'y');
      expect(scanRowTag(fits, 0, row)).toBe(fits.length - 1);
      expect(row).toEqual({ number: 1, empty: end === '/>' });
    }
  });
});

/** The text of each shared string as the events give it (its runs joined, its phonetic guide left out), or the message refusing it. */
function stringsFromEvents(xml: string): string[] | string {
  const strings: string[] = [];
  let text = '';
  let inText = false;
  let phonetic = false;
  const parser = xmlParser({
    open: (name) => {
      if (name === 'si') text = '';
      else if (name === 't') inText = !phonetic;
      else if (name === 'rPh') phonetic = true;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic = false;
      else if (name === 'si') strings.push(text);
    },
    text: (chunk) => {
      if (inText) text += chunk;
    },
  });
  return refusal(parser, xml) ?? strings;
}

describe('shared strings read whole', () => {
  it('read as their events read them, on 3,000 random strings, or are left to the events', () => {
    const random = seededRandom(62);
    const texts = ['plan', 'Tom &amp; Jerry', 'über 😀', 'line\r\nbreak', '', ' spaced ', 'a &lt; b', '&#x1F600;', '&nope;', 'x_x000D_y', 'R_gjdgxs', 'a_xyz', 'cr_x000d_'];
    let readWhole = 0;
    for (let index = 0; index < 3000; index += 1) {
      const text = pick(random, texts);
      const si = pick(random, [
        `<si><t>${text}</t></si>`,
        `<si><t xml:space="preserve">${text}</t></si>`,
        `<si><t xml:space='preserve'>${text}</t></si>`,
        `<si><r><t>${text}</t></r><r><t>more</t></r></si>`,
        `<si><t>${text}</t><rPh sb="0" eb="1"><t>ふ</t></rPh></si>`,
        `<si><t>${text}</t></si >`,
        `<si> <t>${text}</t></si>`,
        `<si><t/></si>`,
      ]);
      const xml = `<sst>${si}</sst>`;
      const read = { text: 'old', escaped: true };
      let end: number;
      try {
        end = scanSharedString(xml, 5, read);
      } catch (error) {
        expect(stringsFromEvents(xml), si).toBe((error as Error).message);
        continue;
      }
      if (end === -1) continue;
      readWhole += 1;
      const events = stringsFromEvents(xml);
      expect(end, si).toBe(5 + si.length - 1);
      expect([read.text], si).toEqual(events);
      // A text said to hold no escape reads the same through the escapes' reading.
      if (!read.escaped) expect(unescapeText(read.text), si).toBe(read.text);
    }
    expect(readWhole).toBeGreaterThan(500);
  });
});
