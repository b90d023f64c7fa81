import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { CsvReader } from '../../../src/input/csv.js';
import type { Source } from '../../../src/input/source.js';

/**
 * A read that keeps a few cells of each row (`readOnly`) takes a UTF-8 file's text as
 * its bytes, and makes characters of the kept cells alone. Whatever the bytes and
 * wherever the chunks are cut (inside a character, between a CR and its LF, inside a
 * quoted field), each row must come out as a read of every cell gives it, on the same
 * line, with the same count of bytes that are not UTF-8.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);
const CASES = Number(process.env['FUZZ_CASES'] ?? 600);

interface Row {
  cells: string[];
  line: number;
}

interface Read {
  rows: Row[];
  replaced: number;
  notes: unknown[];
}

function source(bytes: Buffer, cuts: readonly number[]): Source {
  async function* chunks(): AsyncGenerator<Buffer> {
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      await Promise.resolve();
      yield bytes.subarray(from, cut);
      from = cut;
    }
  }
  return { name: 'random.csv', chunks: chunks(), close: () => undefined };
}

async function readRows(bytes: Buffer, cuts: readonly number[], kept: readonly number[] | undefined): Promise<Read> {
  const reader = await CsvReader.open(source(bytes, cuts));
  if (kept !== undefined) reader.readOnly(kept);
  const rows: Row[] = [];
  await reader.forEachRow((cells) => rows.push({ cells: [...cells], line: reader.lineOfCurrentRow() }));
  return { rows, replaced: reader.replacedCharacters, notes: reader.quoteNotes };
}

/**
 * A random export: UTF-8 of one to four bytes a character, quotes (some that close too early, some followed by white
 * space), fields over many lines, every line break, now and then a byte that is not UTF-8.
 */
function randomExport(random: () => number): { bytes: Buffer; width: number } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const width = 2 + Math.floor(random() * 5);
  // White space beyond ASCII too: after a closing quote it is allowed as trim sees it, on characters, not bytes.
  const pieces = ['ok', 'é', 'ü', '日本', '😀', 'a,b', '', '9', '10', 'Ⅻ', 'ß', '\u00a0', '\u3000', '\ufeff'];
  const spaces = ['', ' ', '\u00a0', '\u3000', '\ufeff'];
  const cell = (): string => {
    const text = Array.from({ length: Math.floor(random() * 4) }, () => pick(pieces)).join('');
    const roll = random();
    // A quote that closes before the field ends: the record is read again leniently.
    if (roll < 0.04) return `"${text}"x${pick(pieces)}`;
    if (roll < 0.15) return `"${text}""${pick(pieces)}\n${pick(pieces)}"`;
    if (roll < 0.25) return `"${text}"${pick(spaces)}`;
    // A field over many lines of characters of several bytes: long in bytes before it is long in characters.
    if (roll < 0.28) return `"${Array.from({ length: 15 + Math.floor(random() * 15) }, () => pick(['日本', 'é', 'ok'])).join('\n')}"`;
    return text.replaceAll(',', ' ');
  };
  const parts: Buffer[] = [Buffer.from(`${Array.from({ length: width }, (_, index) => `c${index}`).join(',')}\n`)];
  const rows = Math.floor(random() * 40);
  for (let row = 0; row < rows; row += 1) {
    const cells = Array.from({ length: random() < 0.05 ? width + 1 : width }, cell);
    parts.push(Buffer.from(cells.join(',')));
    // Bytes that are no UTF-8: a stray byte, a character cut short, a continuation byte alone.
    if (random() < 0.03) parts.push(Buffer.from(pick([[0xff], [0xe6, 0x97], [0x80], [0xc3]])));
    parts.push(Buffer.from(pick(['\n', '\r\n', '\r'])));
  }
  // The file may end in the middle of a character.
  if (random() < 0.1) parts.push(Buffer.from([0xf0, 0x9f]));
  return { bytes: Buffer.concat(parts), width };
}

function randomCuts(random: () => number, length: number, headerEnd: number): number[] {
  // Mostly a first chunk of the header alone: the encoding is told from it, and bytes further on are read as bytes.
  const cuts = new Set<number>(random() < 0.8 ? [headerEnd] : []);
  const count = Math.floor(random() * 12);
  for (let index = 0; index < count; index += 1) cuts.add(1 + Math.floor(random() * Math.max(1, length - 1)));
  return [...cuts].filter((cut) => cut < length).sort((a, b) => a - b);
}

/** A row as a read that keeps `kept` gives it: the other cells empty, unless the row is not the header's width. */
function keptOnly(row: Row, kept: readonly number[], width: number): Row {
  if (row.cells.length !== width) return row;
  return { ...row, cells: row.cells.map((cell, index) => (kept.includes(index) ? cell : '')) };
}

describe('a UTF-8 file read as bytes for a few cells of each row', () => {
  it('gives every row, line and unreadable byte as a read of every cell does, however the chunks are cut', async () => {
    const random = seededRandom(SEED);
    let bytewise = 0;
    for (let cases = 1; cases <= CASES; cases += 1) {
      const { bytes, width } = randomExport(random);
      const kept = [...new Set([Math.floor(random() * width), Math.floor(random() * width)])];
      const cuts = randomCuts(random, bytes.length, bytes.indexOf(0x0a) + 1);
      const whole = await readRows(bytes, cuts, undefined);
      const masked = await readRows(bytes, cuts, kept);
      const label = `case ${cases} (seed ${SEED}): ${JSON.stringify(bytes.toString('latin1'))} cut at ${cuts.join(' ')}, keeping ${kept.join(' ')}`;
      expect(masked.rows.map((row) => keptOnly(row, kept, width)), label).toEqual(whole.rows.map((row) => keptOnly(row, kept, width)));
      // Rows read along with the header keep every cell; those read after, only the kept ones.
      masked.rows.forEach((row, index) => expect([whole.rows[index], keptOnly(row, kept, width)], label).toContainEqual(row));
      expect(masked.replaced, label).toBe(whole.replaced);
      expect(masked.notes, label).toEqual(whole.notes);
      if (/[^\x00-\x7f]/.test(JSON.stringify(masked.rows))) bytewise += 1;
    }
    // The cases must hold characters beyond ASCII, or the test would not test the reading of bytes.
    expect(bytewise).toBeGreaterThan(CASES / 2);
  });

  it('reads a row whose kept cells hold characters of two, three and four bytes cut across chunks', async () => {
    const bytes = Buffer.from('name,score,comment\nRené,9,日本 😀\nZoë,10,"ça, va"\n');
    const cuts = Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);
    const { rows } = await readRows(bytes, cuts, [0, 2]);
    expect(rows).toEqual([
      { cells: ['René', '', '日本 😀'], line: 2 },
      { cells: ['Zoë', '', 'ça, va'], line: 3 },
    ]);
  });
});
