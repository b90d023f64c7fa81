import Papa, { type ParseStepResult } from 'papaparse';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { scanRecords } from '../../../src/input/csv-scanner.js';

/**
 * The scanner reads well-formed records itself and hands the others to papaparse,
 * so every record must come out as papaparse alone reads it: the same cells, the
 * same extent and the same quote errors, whether the text comes whole or in pieces
 * cut anywhere. papaparse, run over the whole text at once, is the reference.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);
const CASES = Number(process.env['FUZZ_CASES'] ?? 2000);

interface Found {
  cells: string[];
  end: number;
  errors: string[];
}

function byPapaparse(text: string, delimiter: string): Found[] {
  const found: Found[] = [];
  const parser = new Papa.Parser({
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    step: (result: ParseStepResult<string[][]>) => {
      found.push({ cells: result.data[0] ?? [], end: result.meta.cursor, errors: result.errors.map((error) => error.code) });
    },
  });
  parser.parse(text, 0, false);
  // After a final line break, papaparse steps through one more record, empty and of no text: none of the file's.
  const startOfLast = found.at(-2)?.end ?? 0;
  if (found.length > 0 && startOfLast === text.length) found.pop();
  return found;
}

/** The scanner driven as the CSV reader drives it: text in pieces, what is not consumed carried to the next. */
function byScanner(pieces: readonly string[], delimiter: string, keep?: Uint8Array): Found[] {
  const found: Found[] = [];
  let text = '';
  let offset = 0;
  pieces.forEach((piece, index) => {
    text += piece;
    const last = index === pieces.length - 1;
    const consumed = scanRecords(text, last, delimiter, (cells, start, end, errors) => {
      expect(start + offset, 'records follow one another').toBe(found.at(-1)?.end ?? 0);
      found.push({ cells, end: end + offset, errors: errors.map((error) => error.code) });
    }, keep);
    text = text.slice(consumed);
    offset += consumed;
  });
  return found;
}

/** A record as the scanner gives it when it keeps only some columns: the others empty, unless its width is not theirs. */
function keptOnly(record: Found, keep: Uint8Array): Found {
  if (record.cells.length !== keep.length) return record;
  return { ...record, cells: record.cells.map((cell, index) => (keep[index] === 1 ? cell : '')) };
}

/** Text made mostly of what CSV reading turns on: quotes, delimiters, line breaks, spaces. */
function quirkyText(random: () => number, delimiter: string): string {
  const tokens = ['a', 'bc', 'été', '😀', delimiter, delimiter, '\n', '\n', '"', '"', '""', ' ', '\t', '\u00a0', ',', ';', '"x"', '"x" ', `"x" ${delimiter}`, `"${delimiter}"`, '"\n"'];
  const length = Math.floor(random() * 80);
  return Array.from({ length }, () => tokens[Math.floor(random() * tokens.length)]).join('');
}

/** Text as exports are: quoted where needed, now and then a field broken by hand. */
function csvText(random: () => number, delimiter: string): string {
  const cells = ['1', 'ok', 'a, b', 'say "hi"', 'two\nlines', '', ' spaced ', 'x;y', 'tab\there'];
  const quote = (cell: string): string => (/["\n,;\t]/.test(cell) || random() < 0.1 ? `"${cell.replaceAll('"', '""')}"` : cell);
  const breakages = ['"open', 'close" ', '"a" b', '"a"  ', '"a"\t', 'mid"dle'];
  const rows = Array.from({ length: Math.floor(random() * 12) }, () =>
    Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.05 ? breakages[Math.floor(random() * breakages.length)] : quote(cells[Math.floor(random() * cells.length)] ?? ''))).join(delimiter),
  );
  return rows.join('\n') + (random() < 0.5 ? '\n' : '');
}

function cutRandomly(random: () => number, text: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    const size = 1 + Math.floor(random() * 12);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces.length === 0 ? [''] : pieces;
}

describe('the CSV scanner', () => {
  it('reads every record as papaparse does, whole or in random pieces', () => {
    const random = seededRandom(SEED);
    for (let cases = 1; cases <= CASES; cases += 1) {
      const delimiter = [',', ';', '\t'][cases % 3] ?? ',';
      const text = cases % 2 === 0 ? quirkyText(random, delimiter) : csvText(random, delimiter);
      const expected = byPapaparse(text, delimiter);
      const where = `case ${cases} (seed ${SEED}): ${JSON.stringify(text)}`;
      expect(byScanner([text], delimiter), where).toEqual(expected);
      expect(byScanner(cutRandomly(random, text), delimiter), `${where} in pieces`).toEqual(expected);
      const keep = Uint8Array.from({ length: 1 + Math.floor(random() * 4) }, () => (random() < 0.5 ? 1 : 0));
      expect(byScanner(cutRandomly(random, text), delimiter, keep), `${where} keeping ${keep.join('')}`).toEqual(expected.map((record) => keptOnly(record, keep)));
    }
  });

  it('cuts out only the columns kept, and every field of a record whose width is not theirs', () => {
    const keep = Uint8Array.from([0, 1, 0]);
    expect(byScanner(['a,b,c\n"x",7,"y"\n1,2\n1,2,3,4\n"q"\n'], ',', keep).map((record) => record.cells)).toEqual([
      ['', 'b', ''],
      ['', '7', ''],
      ['1', '2'],
      ['1', '2', '3', '4'],
      ['q'],
    ]);
  });

  it('reads a well-formed record itself, doubled quotes and line breaks inside quotes included', () => {
    const found = byScanner(['id,comment\n1,"say ""hi""\nthen, go"\n2,plain\n'], ',');
    expect(found).toEqual([
      { cells: ['id', 'comment'], end: 11, errors: [] },
      { cells: ['1', 'say "hi"\nthen, go'], end: 35, errors: [] },
      { cells: ['2', 'plain'], end: 43, errors: [] },
    ]);
  });

  it('reads white space after a closing quote as papaparse does, without handing the record to it', () => {
    const texts = [
      'a,b\n"x" ,y\n',
      'a\n"7" \n"8"\t\n"9"\u00a0\n',
      'a,b\n"x" \n,y\n',
      'a,b\n"x"  \t,y\n"z" \n',
      'a,b\n"x" q,y\n',
      'a;b\n"x" ;y\n',
    ];
    for (const text of texts) {
      const delimiter = text.includes(';') ? ';' : ',';
      expect(byScanner([text], delimiter), JSON.stringify(text)).toEqual(byPapaparse(text, delimiter));
    }
    expect(byScanner(['a,b\n"x" \n,y\n'], ',').map((record) => record.cells)).toEqual([['a', 'b'], ['x'], ['', 'y']]);
    // A record the scanner reads itself comes with its shared, frozen list of no errors; papaparse makes a list of its own.
    const readByItself = (text: string): boolean[] => {
      const frozen: boolean[] = [];
      scanRecords(text, true, ',', (_cells, _start, _end, errors) => frozen.push(Object.isFrozen(errors)));
      return frozen;
    };
    expect(readByItself('a\n"7" \n"8"\t\n"9"\u00a0\n"10" ,\n')).toEqual([true, true, true, true, true]);
    expect(readByItself('a,b\n"x" q,y\n')).toEqual([true, false]);
  });

  it('gives a broken quote the errors papaparse gives, so that the reader can read it again leniently', () => {
    expect(byScanner(['a,b\n1,"x"y,2\n'], ',')[1]?.errors).toContain('InvalidQuotes');
    expect(byScanner(['a,b\n1,"x\n'], ',')[1]?.errors).toContain('MissingQuotes');
  });

  it('leaves a record that reaches the end of the text for the next piece', () => {
    const consumed = scanRecords('a,b\n1,"x\ny', false, ',', () => undefined);
    expect(consumed).toBe(4);
    expect(scanRecords('a,b\n1,2', false, ',', () => undefined)).toBe(4);
    expect(scanRecords('a,b\n1,"2"', false, ',', () => undefined)).toBe(4);
  });

  it('reads a file of one column, which has no delimiter at all', () => {
    const text = `score\n${'7\n'.repeat(20_000)}`;
    let records = 0;
    expect(scanRecords(text, true, ',', () => (records += 1))).toBe(text.length);
    expect(records).toBe(20_001);
  });
});
