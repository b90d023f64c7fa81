import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { openSource } from '../../../src/input/source.js';
import { XlsxReader } from '../../../src/input/xlsx.js';
import { unzipLimits } from '../../../src/input/xlsx/limits.js';
import { INFLATE_CHUNK_BYTES } from '../../../src/input/xlsx/workbook.js';
import { run, tempDir } from '../../helpers.js';
import { part, SHEET_START, STRINGS_START, workbookOf } from '../../workbooks.js';

/**
 * A sheet whose cells come in every shape writers give them, the common one read whole
 * and the others through the XML reader's events, mixed at random over a sheet of many
 * inflated chunks: the workbook must read as the CSV of the same rows.
 */

const PLANS = ['free', 'pro', 'team & co', 'über', 'a<b'];
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

describe('a workbook whose cells come in every shape', () => {
  it('reads as the CSV of its rows, 4,000 rows over many chunks', async () => {
    const random = seededRandom(64);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    // Shared strings: the plans, in the common shape or as runs of rich text, with a phonetic guide or not.
    const strings = PLANS.map((plan, index) => {
      const text = escape(plan);
      if (index % 3 === 1) return `<si><r><t>${escape(plan.slice(0, 2))}</t></r><r><t>${escape(plan.slice(2))}</t></r></si>`;
      if (index % 3 === 2) return `<si><t xml:space="preserve">${text}</t><rPh sb="0" eb="1"><t>x</t></rPh></si>`;
      return `<si><t>${text}</t></si>`;
    });
    const csv = ['id,plan,score'];
    const rows: string[] = [];
    for (let number = 2; number <= 4001; number += 1) {
      const plan = Math.floor(random() * PLANS.length);
      const score = Math.floor(random() * 11);
      const id = `R${number}`;
      const idCell = pick([`<c r="A${number}" t="inlineStr"><is><t>${id}</t></is></c>`, `<c r="A${number}" t="str"><f>"R"&amp;ROW()</f><v>${id}</v></c>`]);
      const planCell = pick([
        `<c r="B${number}" t="s"><v>${plan}</v></c>`,
        `<c r="B${number}" s="0" t="s"><v>${plan}</v></c>`,
        `<c t="s"><v>${plan}</v></c>`,
        `<c  r="B${number}" t="s"><v>${plan}</v></c>`,
        `<c r="B${number}" t="s">\n<v>${plan}</v>\n</c>`,
        `<c r="B${number}" t='s'><v>${plan}</v></c>`,
      ]);
      const scoreCell = pick([
        `<c r="C${number}"><v>${score}</v></c>`,
        `<c r="C${number}" s="0"><v>${score}.0</v></c>`,
        `<c r="C${number}"><f>${score}+0</f><v>${score}</v></c>`,
        // A score saved with the float noise of its binary form (9 as 8.999999999999998).
        `<c r="C${number}" t="n"><v>${score === 0 ? '0E0' : String(score + 0.1 + 0.2 - 0.3)}</v></c>`,
      ]);
      // Now and then an empty cell past the table's last column, in both self-closing forms.
      const after = pick(['', '', `<c r="D${number}"/>`, `<c r="D${number}" s="0"></c>`]);
      rows.push(`<row r="${number}">${idCell}${planCell}${scoreCell}${after}</row>`);
      csv.push([id, PLANS[plan] ?? '', String(score)].map(csvCell).join(','));
    }
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>plan</t></is></c><c r="C1" t="inlineStr"><is><t>score</t></is></c></row>';
    const sheet = part('xl/worksheets/sheet1.xml', `${SHEET_START}<sheetData>${header}${rows.join('')}</sheetData></worksheet>`);
    expect(sheet.size).toBeGreaterThan(2 * INFLATE_CHUNK_BYTES);
    const sharedStrings = part('xl/sharedStrings.xml', `${STRINGS_START}${strings.join('')}</sst>`);
    const dir = await tempDir();
    await writeFile(join(dir, 'shapes.xlsx'), workbookOf(sheet, { sharedStrings }));
    await writeFile(join(dir, 'shapes.csv'), `${csv.join('\n')}\n`);
    const fromWorkbook = await run(['score', join(dir, 'shapes.xlsx'), '--by', 'plan', '--json']);
    const fromCsv = await run(['score', join(dir, 'shapes.csv'), '--by', 'plan', '--json']);
    expect(fromWorkbook.code, fromWorkbook.stderr).toBe(0);
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    const workbook = JSON.parse(fromWorkbook.stdout) as { responses: number; groups: Array<{ key: { plan: string } }> };
    expect(workbook).toEqual(JSON.parse(fromCsv.stdout));
    expect(workbook.responses).toBe(4000);
    expect(workbook.groups.map((group) => group.key.plan).sort()).toEqual([...PLANS].sort());
  });
});

/**
 * Everything the reader gives of a workbook: its header, each row with its sheet row number, its warnings; or its
 * refusal. With `readOnly`, the rows are shown in those columns only, read as such (`askOnly`) or read whole.
 */
async function readAll(path: string, readOnly?: readonly number[], askOnly = true): Promise<unknown> {
  try {
    const reader = await XlsxReader.open(openSource(path, '/', () => Readable.from([])), undefined, unzipLimits({}));
    if (readOnly !== undefined && askOnly) reader.readOnly(readOnly);
    const rows: Array<[number, string[]]> = [];
    // A read of a few columns is compared on those columns (and each row's width).
    const seen = (cells: readonly string[]): string[] => (readOnly === undefined ? [...cells] : cells.map((cell, index) => (readOnly.includes(index) ? cell : '')));
    await reader.forEachRow((cells) => rows.push([reader.lineOfCurrentRow(), seen(cells)]));
    return { header: reader.header, rows, warnings: reader.warnings().map((warning) => warning.replace(path, 'FILE')) };
  } catch (error) {
    return { refused: (error as Error).message.replace(path, 'FILE') };
  }
}

/** A random cell at `column` of row `row`: the common shapes, and others the events read (some of them nested oddly). */
function randomCell(random: () => number, row: number, column: number): string {
  const letters = String.fromCharCode(65 + column);
  const r = random() < 0.9 ? ` r="${letters}${row}"` : '';
  const index = Math.floor(random() * 6);
  const shapes = [
    `<c${r} t="s"><v>${index}</v></c>`,
    `<c${r} s="0" t="s"><v>${index}</v></c>`,
    `<c${r}><v>${Math.floor(random() * 11)}</v></c>`,
    `<c${r}><v>8.9999999999999982</v></c>`,
    `<c${r}/>`,
    `<c${r}></c>`,
    `<c${r} t="b"><v>1</v></c>`,
    `<c${r} t="e"><v>#N/A</v></c>`,
    `<c${r} t="str"><v>a &amp; b&#13;</v></c>`,
    `<c${r}><f>1+1</f><v>2</v></c>`,
    `<c${r}><f>A1</f></c>`,
    `<c${r} t="inlineStr"><is><t>in &lt;line&gt;</t></is></c>`,
    `<c${r} t="s"><c r="Z${row}" t="s"><v>1</v></c><v>2</v></c>`,
    `<c${r}><v><v>1</v><c r="Y${row}"><v>5</v></c></v></c>`,
    `<c${r} t="inlineStr"><is><t>a</t><c r="X${row}"><v>7</v></c></is></c>`,
  ];
  return shapes[Math.floor(random() * shapes.length)] ?? '';
}

/** A random row tag for row `row`: the common shapes, read whole, and others the events read (and some row numbers Number reads oddly). */
function randomRowTag(random: () => number, row: number): { open: string; close: string } {
  const opens = [
    `<row r="${row}">`,
    `<row r="${row}">`,
    `<row r="${row}" spans="1:6" ht="15" customHeight="1">`,
    `<row spans="1:6" r="${row}" x14ac:dyDescent="0.25">`,
    '<row>',
    `<row  r="${row}">`,
    `<row r='${row}'>`,
    `<row r="${row}"\n>`,
    `<row r="${row + 3}">`,
    `<row r="${row}.0">`,
    '<row r="0">',
    '<row r="x">',
    '<row r="">',
    `<row r="${row}" s="a&amp;b">`,
  ];
  const open = opens[Math.floor(random() * opens.length)] ?? '<row>';
  return { open, close: random() < 0.9 ? '</row>' : '</row >' };
}

describe('cells read whole and cells read as events', () => {
  it('give the same rows, row numbers and warnings on 12 random workbooks of many chunks', async () => {
    const random = seededRandom(65);
    const dir = await tempDir();
    const strings = ['zero', 'one', 'two &amp; more', 'three', '', 'five'].map((text) => `<si><t>${text}</t></si>`).join('');
    let rowsRead = 0;
    for (let round = 0; round < 12; round += 1) {
      const rows: string[] = [];
      for (let row = 1; row <= 4500; row += 1) {
        const cells = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, column) => randomCell(random, row, column));
        const tag = randomRowTag(random, row);
        // Now and then an empty row, in both forms.
        if (random() < 0.05) rows.push(random() < 0.5 ? `<row r="${row}"/>` : `<row r="${row}"></row>`);
        rows.push(`${tag.open}${cells.join('')}${tag.close}`);
      }
      const sheet = `${SHEET_START}<sheetData>${rows.join('')}</sheetData></worksheet>`;
      expect(Buffer.byteLength(sheet)).toBeGreaterThan(2 * INFLATE_CHUNK_BYTES);
      const table = `${STRINGS_START}${strings}</sst>`;
      // The same workbook with a line end after each row's, cell's and string's name: none is read whole.
      const asEvents = (xml: string): string => xml.replace(/<(row|c|si)(?=[ />])/g, '<$1\n');
      const whole = join(dir, `whole-${round}.xlsx`);
      const events = join(dir, `events-${round}.xlsx`);
      await writeFile(whole, workbookOf(part('xl/worksheets/sheet1.xml', sheet), { sharedStrings: part('xl/sharedStrings.xml', table) }));
      await writeFile(events, workbookOf(part('xl/worksheets/sheet1.xml', asEvents(sheet)), { sharedStrings: part('xl/sharedStrings.xml', asEvents(table)) }));
      const read = await readAll(whole);
      expect(read).toEqual(await readAll(events));
      // Reading only two columns gives the same rows, row numbers, widths, warnings and refusals in those columns.
      const kept = [Math.floor(random() * 6), Math.floor(random() * 6)];
      expect(await readAll(whole, kept)).toEqual(await readAll(events, kept));
      // And as a read of every column gives them: a row whose only values are in columns not read is still a row.
      expect(await readAll(whole, kept)).toEqual(await readAll(whole, kept, false));
      if (typeof read === 'object' && read !== null && 'rows' in read && Array.isArray(read.rows)) rowsRead += read.rows.length;
    }
    expect(rowsRead).toBeGreaterThan(10_000);
  });
});

describe('rows and strings read whole where the events read what is around them', () => {
  /** A workbook read as it is, and with every row, cell and string left to the events (a line end after their names). */
  async function bothWays(sheet: string, strings = ''): Promise<[unknown, unknown]> {
    const dir = await tempDir();
    const asEvents = (xml: string): string => xml.replace(/<(row|c|si)(?=[ />])/g, '<$1\n');
    const paths = [join(dir, 'whole.xlsx'), join(dir, 'events.xlsx')];
    await writeFile(paths[0] ?? '', workbookOf(part('xl/worksheets/sheet1.xml', sheet), { sharedStrings: part('xl/sharedStrings.xml', `${STRINGS_START}${strings}</sst>`) }));
    await writeFile(paths[1] ?? '', workbookOf(part('xl/worksheets/sheet1.xml', asEvents(sheet)), { sharedStrings: part('xl/sharedStrings.xml', asEvents(`${STRINGS_START}${strings}</sst>`)) }));
    return [await readAll(paths[0] ?? ''), await readAll(paths[1] ?? '')];
  }

  it('refuses what follows a sheet whose root element is a row, as the events do', async () => {
    const [whole, events] = await bothWays('<?xml version="1.0"?><row r="1"><c><v>9</v></c></row><row r="2"><c><v>1</v></c></row>');
    expect(whole).toEqual(events);
    expect(whole).toEqual({ refused: expect.stringContaining('an element after the root element') as unknown });
  });

  it('reads a string inside a string the events read as the events do', async () => {
    const sheet = `${SHEET_START}<sheetData><row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row></sheetData></worksheet>`;
    const [whole, events] = await bothWays(sheet, '<si><si><t>a</t></si><t>b</t></si><si><t>c</t></si>');
    expect(whole).toEqual(events);
    expect(whole).toMatchObject({ header: ['a', 'ab', 'c'] });
  });
});

describe('a workbook read a few columns at a time', () => {
  it('makes no text of the other columns, and still counts the cells left of the table', async () => {
    // The table starts in column B (the used range too); later rows have a cell in column A, written after their others.
    const rows = [`<row r="1"><c r="B1" t="inlineStr"><is><t>id</t></is></c><c r="C1" t="inlineStr"><is><t>plan</t></is></c><c r="D1" t="inlineStr"><is><t>score</t></is></c></row>`];
    // Past the first inflated chunk, read after the mask is set.
    for (let row = 2; row <= 3000; row += 1) {
      const left = row > 2800 ? `<c r="A${row}"><v>${row}</v></c>` : '';
      rows.push(`<row r="${row}"><c r="B${row}"><v>${row}</v></c><c r="C${row}" t="s"><v>${row % 2}</v></c><c r="D${row}"><v>${row % 11}</v></c>${left}</row>`);
    }
    const sheet = `${SHEET_START}<dimension ref="B1:D3000"/><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const dir = await tempDir();
    const path = join(dir, 'left.xlsx');
    await writeFile(path, workbookOf(part('xl/worksheets/sheet1.xml', sheet), { sharedStrings: part('xl/sharedStrings.xml', `${STRINGS_START}<si><t>free</t></si><si><t>pro</t></si></sst>`) }));
    const whole = (await readAll(path)) as { rows: Array<[number, string[]]>; warnings: string[] };
    const scoreOnly = (await readAll(path, [2])) as { rows: Array<[number, string[]]>; warnings: string[] };
    expect(scoreOnly).toEqual(await readAll(path, [2]));
    expect(scoreOnly.warnings).toEqual(whole.warnings);
    expect(whole.warnings.join('\n')).toContain('200 cells left of column B');
    // The last row: every cell made text in the whole read; under the mask, its first value (what tells a row with a
    // value from a blank one) and the score.
    const [line, cells] = whole.rows[whole.rows.length - 1] ?? [0, []];
    expect([line, cells]).toEqual([3000, ['3000', 'free', '8']]);
    const masked = await maskedRows(path, [2]);
    expect(masked[masked.length - 1]).toEqual(['3000', '', '8']);
  });
});

/** The rows a reader hands on after `readOnly(columns)`, as they are (not projected on the kept columns). */
async function maskedRows(path: string, columns: readonly number[]): Promise<string[][]> {
  const reader = await XlsxReader.open(openSource(path, '/', () => Readable.from([])), undefined, unzipLimits({}));
  reader.readOnly(columns);
  const rows: string[][] = [];
  await reader.forEachRow((cells) => rows.push([...cells]));
  return rows;
}

describe('a workbook file', () => {
  // Its parts are read by position from one descriptor, the zip's: no part's stream may close it, and the zip closes it once.
  it.skipIf(!existsSync('/proc/self/fd'))('leaves no descriptor open, read whole, stopped after the header, or refused', async () => {
    const dir = await tempDir();
    const rows = Array.from({ length: 3000 }, (_, index) => `<row r="${index + 2}"><c r="A${index + 2}"><v>${index % 11}</v></c></row>`);
    const good = join(dir, 'good.xlsx');
    await writeFile(good, workbookOf(part('xl/worksheets/sheet1.xml', `${SHEET_START}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>score</t></is></c></row>${rows.join('')}</sheetData></worksheet>`)));
    const broken = join(dir, 'broken.xlsx');
    await writeFile(broken, workbookOf(part('xl/worksheets/sheet1.xml', `${SHEET_START}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>score</t></is></c></row><row>`)));
    const notZip = join(dir, 'not-a-zip.xlsx');
    await writeFile(notZip, `PK\u0003\u0004${'x'.repeat(500)}`);
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let round = 0; round < 10; round += 1) {
      const read = await readAll(good);
      expect(read).toMatchObject({ header: ['score'] });
      const reader = await XlsxReader.open(openSource(good, '/', () => Readable.from([])), undefined, unzipLimits({}));
      reader.close();
      expect(await readAll(broken)).toHaveProperty('refused');
      expect(await readAll(notZip)).toHaveProperty('refused');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open()).toBe(before);
  });
});
