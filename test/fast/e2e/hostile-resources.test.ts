import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clip, clipList, quote } from '../../../src/core/clip.js';
import { seededRandom } from '../../../src/core/random.js';
import { fixture, run, tempDir } from '../../helpers.js';
import { part, repeatedPart, rowXml, SHEET_START, sheetPart, workbookOf } from '../../workbooks.js';

/** Nothing a file says makes a message a megabyte long: what a message quotes is cut, and says how much was left out. */
const longest = (text: string): number => Math.max(...text.split('\n').map((line) => line.length));

describe('messages have a size', () => {
  it('cuts a quoted text, a list and a line, saying how much it left out', () => {
    expect(quote('score')).toBe('"score"');
    expect(quote('h'.repeat(300_000))).toBe(`"${'h'.repeat(200)}…" (and 299,800 more characters)`);
    expect(clipList(Array.from({ length: 200_000 }, (_, index) => `sheet ${index + 1}`))).toMatch(/^sheet 1, sheet 2, .*, sheet \d+, … and 199,9\d\d more$/);
    expect(clip('x'.repeat(5000))).toBe(`${'x'.repeat(2000)}… and 3,000 more characters`);
    // A surrogate pair is never cut in two.
    expect(quote(`${'a'.repeat(199)}😀tail`).startsWith(`"${'a'.repeat(199)}…"`)).toBe(true);
  });

  it('a 300 KB header with no score column gives an error of a few hundred characters', async () => {
    const result = await run(['score', '-'], { stdin: `${'h'.repeat(300_000)}\n1\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(and 299,800 more characters)');
    expect(longest(result.stderr)).toBeLessThan(600);
  });

  it('random bytes give an error of a few hundred characters', async () => {
    // Seeded: the same bytes every run (some random files begin with a byte-order mark and read as UTF-16).
    const uniform = seededRandom(7);
    const bytes = Buffer.from(Array.from({ length: 200_000 }, () => Math.floor(uniform() * 256)).map((byte) => ([0, 9, 10, 13, 34, 44, 59].includes(byte) ? 65 : byte)));
    const result = await run(['score', '-'], { stdin: bytes });
    expect(result.code).toBe(2);
    expect(longest(result.stderr)).toBeLessThan(2100);
  });

  it('a rejected cell of 100,000 characters is quoted in a few hundred', async () => {
    const result = await run(['score', '-', '-q'], { stdin: `id,score\n1,${'9'.repeat(100_000)}\n2,10\n` });
    expect(result.stderr).toContain(`stdin line 2: rejected: score "${'9'.repeat(200)}…" (and 99,800 more characters) is above 10`);
    expect(longest(result.stderr)).toBeLessThan(600);
  });

  it('a workbook declaring 200,000 sheets: columns and --sheet nope list some and count the rest', async () => {
    const dir = await tempDir();
    const names = Array.from({ length: 200_000 }, (_, index) => `Sheet number ${index + 1}`);
    await writeFile(join(dir, 'sheets.xlsx'), workbookOf(sheetPart([['email', 'score'], ['a@x.com', { n: '9' }]]), { sheetNames: names }));
    const columns = await run(['columns', 'sheets.xlsx'], { cwd: dir });
    expect(columns.code).toBe(0);
    expect(columns.stdout).toContain('Sheet       1 "Sheet number 1" (of 200,000; --sheet chooses)\n');
    // The list of sheets is wrapped at 80 columns: some named, the rest counted.
    expect(columns.stdout.replace(/\n {12}/g, ' ')).toMatch(/Sheets {6}1 "Sheet number 1", 2 "Sheet number 2", .*, … and 199,9\d\d more\n/);
    expect(columns.stdout.length).toBeLessThan(5000);
    const nope = await run(['score', 'sheets.xlsx', '--sheet', 'nope'], { cwd: dir });
    expect(nope.code).toBe(2);
    expect(nope.stderr).toMatch(/^nps: error: sheets\.xlsx: no sheet named "nope"; the sheets are: 1 "Sheet number 1", .*, … and 199,9\d\d more\. Choose one with --sheet NAME or NUMBER\n$/);
    expect(nope.stderr.length).toBeLessThan(800);
  });
});

describe('what a workbook may unzip to', () => {
  /** A sheet of identical rows: about 14 MB unzipped from about 50 KB, 270 times its size. */
  const repetitive = (): Buffer => {
    const unit = Array.from({ length: 1000 }, () => '<row><c t="inlineStr"><is><t>u@x.com</t></is></c><c><v>9</v></c></row>').join('');
    return workbookOf(repeatedPart('xl/worksheets/sheet1.xml', { prefix: `${SHEET_START}<sheetData>${rowXml(1, ['email', 'score'])}`, unit, times: 200, suffix: '</sheetData></worksheet>' }));
  };

  it('refuses a part that unzips to over 100 times its size, and reads it when NPS_UNZIP_RATIO trusts it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'dense.xlsx'), repetitive());
    const refused = await run(['score', 'dense.xlsx', '--json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^nps: error: dense\.xlsx: "xl\/worksheets\/sheet1\.xml" would unzip from [\d.]+ MB to 14 MB, \d{3} times its size, as a zip bomb does; if you trust the file, set NPS_UNZIP_RATIO above \d{3} \(docs\/messages\.md\)\n$/);
    const trusted = await run(['score', 'dense.xlsx', '--json', '-q'], { cwd: dir, env: { NPS_UNZIP_RATIO: '1000' } });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(JSON.parse(trusted.stdout)).toMatchObject({ responses: 200_000, promoters: 200_000 });
  });

  it('refuses a workbook past NPS_UNZIP_MB, before unzipping it', async () => {
    const result = await run(['score', fixture('excel-plain.xlsx')], { env: { NPS_UNZIP_MB: '0.002' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the workbook would unzip to more than 0 MB \("xl\/[a-zA-Z/]+\.xml" alone to 0 MB\); if you trust the file, set NPS_UNZIP_MB above 1 \(docs\/messages\.md\), or save the sheet as "CSV UTF-8"\n$/);
  });
});

describe('a declared dimension is not a promise', () => {
  it('a sheet declaring A1:XFD1048576 is as wide as its rows, and a cell at XFD rejects its row, naming it', async () => {
    const dir = await tempDir();
    const rows = [['email', 'score'], ...Array.from({ length: 300 }, (_, index) => [`u${index}@x.com`, { n: String(index % 11) }])];
    const sheet = sheetPart(rows, 'A1:XFD1048576');
    await writeFile(join(dir, 'wide.xlsx'), workbookOf(sheet));
    const lists = await run(['segment', 'wide.xlsx', '-c', 'detractors', '-q'], { cwd: dir });
    expect(lists.code).toBe(0);
    expect(lists.stdout.split('\n')[0]).toBe(`email,score,nps_category,follow_up,respond_by,status,testimonial_candidate,themes,message`);
    const far = workbookOf(
      part(
        'xl/worksheets/sheet1.xml',
        `${SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData>${rowXml(1, ['email', 'score'])}${rowXml(2, ['a@x.com', { n: '9' }])}` +
          '<row r="3"><c r="A3" t="inlineStr"><is><t>b@x.com</t></is></c><c r="B3"><v>3</v></c><c r="XFD3"><v>1</v></c></row></sheetData></worksheet>',
      ),
    );
    await writeFile(join(dir, 'far.xlsx'), far);
    const score = await run(['score', 'far.xlsx', '--json'], { cwd: dir });
    expect(JSON.parse(score.stdout)).toMatchObject({ responses: 1, rejected: 1 });
    expect(score.stderr).toContain(`far.xlsx, sheet "Responses", row 3: rejected: has a value in column XFD, right of the header's last column (B); give that column a header`);
  });

  it('the first rows widen the table within the used range; a value past it still rejects its row', async () => {
    const dir = await tempDir();
    const cell = (ref: string, value: string): string => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
    const rows =
      `<row r="1">${cell('A1', 'email')}<c r="B1" t="inlineStr"><is><t>score</t></is></c></row>` +
      `<row r="2">${cell('A2', 'a@x.com')}<c r="B2"><v>9</v></c>${cell('Z2', 'far')}</row>` +
      `<row r="3">${cell('A3', 'b@x.com')}<c r="B3"><v>3</v></c>${cell('E3', 'a note')}</row>`;
    await writeFile(join(dir, 'notes.xlsx'), workbookOf(part('xl/worksheets/sheet1.xml', `${SHEET_START}<dimension ref="A1:J3"/><sheetData>${rows}</sheetData></worksheet>`)));
    const result = await run(['segment', 'notes.xlsx', '-c', 'detractors'], { cwd: dir });
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'email,score,column_3,column_4,column_5,nps_category,follow_up,respond_by,status,testimonial_candidate,themes,message',
      expect.stringMatching(/^b@x\.com,3,,,a note,detractors,/),
    ]);
    expect(result.stderr).toContain(`notes.xlsx, sheet "Responses", row 2: rejected: has a value in column Z, right of the header's last column (E); give that column a header`);
  });

  it('a header cell at XFD1 does not make every row 16,384 columns wide', async () => {
    const dir = await tempDir();
    const xml = `${SHEET_START}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>email</t></is></c><c r="B1" t="inlineStr"><is><t>score</t></is></c><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>${rowXml(2, ['a@x.com', { n: '9' }])}</sheetData></worksheet>`;
    await writeFile(join(dir, 'far-header.xlsx'), workbookOf(part('xl/worksheets/sheet1.xml', xml)));
    const result = await run(['segment', 'far-header.xlsx', '-c', 'promoters'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('email,score,nps_category,follow_up,respond_by,status,testimonial_candidate,themes,message');
    expect(result.stderr).toContain('far-header.xlsx, sheet "Responses": 1 cell of the header row, more than 256 columns right of the others, is not part of the table');
  });
});

describe('one endless word', () => {
  it.each([
    ['a pasted token', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'],
    ['Chinese with no punctuation', '的一是不了人我在有他这为之大来以个中上们'],
  ])('a comment that is one 140,000-letter word (%s) takes themes, segment and report seconds, not minutes', async (_what, alphabet) => {
    const dir = await tempDir();
    const word = Array.from({ length: 140_000 }, (_, index) => alphabet[(index * 7919) % alphabet.length] ?? '').join('');
    await writeFile(join(dir, 'word.csv'), `id,score,comment\n1,3,${word}\n2,9,${word}\n3,7,great support\n`);
    for (const args of [['themes', 'word.csv'], ['segment', 'word.csv', '-c', 'detractors'], ['segment', 'word.csv', '--out', 'lists'], ['report', 'word.csv', '--out', 'r.html']]) {
      const started = Date.now();
      const result = await run([...args, '-q'], { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(Date.now() - started, args[0]).toBeLessThan(10_000);
    }
  });
});
