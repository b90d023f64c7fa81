import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetters, formatKind, numberText, serialText } from '../../../src/input/xlsx.js';
import { fixture, run, tempDir } from '../../helpers.js';

/**
 * The workbooks of fixtures/ are written by fixtures/make-excel.py, by hand (zipfile
 * and XML text), each beside the CSV Excel would save of it: `nps` must find the same
 * in both.
 */
const TWINS: Array<[workbook: string, csv: string, options: string[]]> = [
  ['excel-plain.xlsx', 'excel-plain.csv', ['--by', 'plan', '--period', 'week']],
  ['excel-dates.xlsx', 'excel-dates.csv', ['--period', 'week']],
  ['excel-dates-1904.xlsx', 'excel-dates.csv', ['--period', 'week']],
  ['excel-text-numbers.xlsx', 'excel-text-numbers.csv', ['--by', 'verified']],
  ['excel-formulas.xlsx', 'excel-formulas.csv', ['--by', 'label']],
  ['excel-merged-header.xlsx', 'excel-merged-header.csv', ['--period', 'month']],
  ['excel-sheets.xlsx', 'excel-sheets.csv', ['--period', 'month']],
  ['excel-sheets.xlsx', 'excel-sheets-q2.csv', ['--sheet', 'Q2 responses', '--period', 'month']],
  ['excel-qualtrics.xlsx', 'excel-qualtrics.csv', ['--period', 'week']],
  ['excel-qualtrics.xlsx', 'excel-qualtrics.csv', ['--period', 'week', '--include-partial']],
];

describe('a workbook and the CSV Excel saves of it', () => {
  it.each(TWINS)('%s gives the same `nps score --json` as %s (%j)', async (workbook, csv, options) => {
    const csvOptions = options.filter((option, index) => option !== '--sheet' && options[index - 1] !== '--sheet');
    const fromWorkbook = await run(['score', fixture(workbook), '--json', ...options]);
    const fromCsv = await run(['score', fixture(csv), '--json', ...csvOptions]);
    expect(fromWorkbook.code, fromWorkbook.stderr).toBe(0);
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    expect(JSON.parse(fromWorkbook.stdout)).toEqual(JSON.parse(fromCsv.stdout));
    expect(JSON.parse(fromWorkbook.stdout).responses).toBeGreaterThan(0);
  });

  it('says which sheet it read, and names the row of a rejected row by the sheet', async () => {
    const result = await run(['score', 'fixtures/excel-plain.xlsx', '--json']);
    expect(result.stderr.split('\n')).toEqual([
      'nps: fixtures/excel-plain.xlsx, sheet "Responses": scoring column "score", dated by "submitted"',
      'nps: fixtures/excel-plain.xlsx, sheet "Responses", row 9: rejected: score "11" is above 10',
      '',
    ]);
    // Row 6 is empty (skipped, as a blank line of a CSV file is), row 5 has no score cell at all (blank).
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 8, responses: 6, blank: 1, rejected: 1 });
  });

  it('warns of formulas saved with no value, and rejects a row with a value right of the header, naming the column', async () => {
    const result = await run(['score', 'fixtures/excel-uncached-formulas.xlsx', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'nps: fixtures/excel-uncached-formulas.xlsx, sheet "Sheet1", row 4: rejected: ' +
        "has a value in column E, right of the header's last column (C); give that column a header",
    );
    expect(result.stderr).toContain(
      'nps: warning: fixtures/excel-uncached-formulas.xlsx, sheet "Sheet1": 2 formula cells have no saved value ' +
        '(the program that wrote the file did not calculate them) and read as empty; open the file in Excel and save it again',
    );
  });

  it('keeps every column of a sparse row where it belongs, a note in a column with no header included', async () => {
    const result = await run(['segment', 'fixtures/excel-plain.xlsx', '--window', 'all', '-c', 'promoters', '--format', 'json', '-q', '--today', '2026-05-01']);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
    const eli = rows.find((row) => row['email'] === 'eli@example.com');
    expect(eli).toMatchObject({ id: '1005', submitted: '2026-04-01 08:00:00', plan: 'free', score: '9', comment: 'Great support 👍', column_7: 'called back' });
    const hal = rows.find((row) => row['email'] === 'hal@example.com');
    expect(hal).toMatchObject({ plan: '', score: '10', comment: '', column_7: '' });
    const ana = rows.find((row) => row['id'] === '1001');
    expect(ana?.['comment']).toBe('Love the reports');
  });

  it('reads cells as Excel shows them: line breaks as LF, numbers stored as text, booleans, errors, phonetic guides left out', async () => {
    const detractors = await run(['segment', 'fixtures/excel-plain.xlsx', '--window', 'all', '-c', 'detractors', '--format', 'json', '-q']);
    const comments = (JSON.parse(detractors.stdout) as Array<Record<string, string>>).map((row) => row['comment']);
    expect(comments).toContain('Crashed twice,\nlost work');
    expect(comments).toContain('Too expensive & slow <sometimes>');
    const texts = await run(['segment', 'fixtures/excel-text-numbers.xlsx', '--window', 'all', '-c', 'promoters', '--format', 'json', '-q']);
    const rows = JSON.parse(texts.stdout) as Array<Record<string, string>>;
    expect(rows.map((row) => [row['respondent'], row['likelihood to recommend'], row['verified'], row['zip']])).toEqual(
      expect.arrayContaining([
        ['a1', '9', 'TRUE', '2134'],
        ['a2', ' 10 ', 'FALSE', '02134'],
        ['a4', '9', 'TRUE', '10001'],
      ]),
    );
    const qualtrics = await run(['segment', 'fixtures/excel-qualtrics.xlsx', '--window', 'all', '-c', 'promoters', '--format', 'json', '-q']);
    expect((JSON.parse(qualtrics.stdout) as Array<Record<string, string>>).map((row) => row['Q2'])).toContain('使いやすい');
  });

  it('reads a table that starts in column B from there, as Excel saves it', async () => {
    const result = await run(['columns', 'fixtures/excel-formulas.xlsx', '--json']);
    const [report] = JSON.parse(result.stdout) as Array<{ all: Array<{ number: number; header: string }>; columns: { score: { number: number } } }>;
    expect(report?.all.map((column) => column.header)).toEqual(['customer', 'raw', 'bonus', 'score', 'label', 'follow up by', 'is promoter']);
    expect(report?.columns.score.number).toBe(4);
  });
});

describe('--sheet', () => {
  it('reads the first visible sheet by default, and says there are others', async () => {
    const result = await run(['score', 'fixtures/excel-sheets.xlsx', '--json']);
    expect(result.stderr).toContain('nps: fixtures/excel-sheets.xlsx, sheet "Q1 responses" (sheet 2 of 3; --sheet chooses): scoring column "score"');
    expect(JSON.parse(result.stdout).responses).toBe(3);
  });

  it.each([['Q2 responses'], ['q2 responses'], ['3']])('chooses a sheet by its name, in any case, or its number: %s', async (sheet) => {
    const result = await run(['score', 'fixtures/excel-sheets.xlsx', '--sheet', sheet, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).responses).toBe(4);
  });

  it('reads a hidden sheet when asked, and says what it lacks', async () => {
    const result = await run(['score', 'fixtures/excel-sheets.xlsx', '--sheet', 'Lookup']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: fixtures/excel-sheets.xlsx, sheet "Lookup": no score column found: no column holds 0-10 answers in its first rows; the headers are: 1 "plan", 2 "price".');
  });

  it('names the sheets when none has that number', async () => {
    const result = await run(['columns', 'fixtures/excel-sheets.xlsx', '--sheet', '4']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'nps: error: fixtures/excel-sheets.xlsx: no sheet 4; the sheets are: 1 "Lookup", 2 "Q1 responses", 3 "Q2 responses". Choose one with --sheet NAME or NUMBER\n',
    );
  });

  it('is refused for a CSV file', async () => {
    const result = await run(['score', 'fixtures/sample.csv', '--sheet', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nps: error: fixtures/sample.csv: --sheet chooses a sheet of an Excel workbook, and this is a CSV file\n');
  });
});

describe('every reading command reads a workbook', () => {
  it('columns lists the sheets and says which one it read', async () => {
    const table = await run(['columns', 'fixtures/excel-sheets.xlsx', '--sheet', '3']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Format      plain table, in an Excel workbook\n');
    expect(table.stdout).toContain('Sheet       3 "Q2 responses" (of 3; --sheet chooses)\n');
    expect(table.stdout).toContain('Sheets      1 "Lookup" (hidden), 2 "Q1 responses", 3 "Q2 responses"\n');
    const json = await run(['columns', 'fixtures/excel-qualtrics.xlsx', '--json']);
    const [report] = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(report).toMatchObject({
      format: 'qualtrics',
      headerRows: 3,
      encoding: null,
      delimiter: null,
      workbook: { sheet: { number: 1, name: 'Sheet0' }, sheets: [{ number: 1, name: 'Sheet0', hidden: false, kind: 'worksheet' }] },
      columns: { score: { number: 8, header: 'Q1' }, partial: { number: 4, header: 'Finished', rule: 'Finished is 0 or False' } },
    });
  });

  it('segment writes its lists from a workbook', async () => {
    const result = await run(['segment', 'fixtures/excel-merged-header.xlsx', '--window', 'all', '-c', 'detractors', '--format', 'json', '--today', '2026-07-02']);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
    expect(rows.map((row) => row['Respondent ID'])).toEqual(['114002', '114004']);
    expect(rows[0]).toMatchObject({ 'Which features do you use? - Billing': 'Billing', 'Which features do you use? - Other (please specify)': 'exports' });
    expect(result.stderr).toContain('nps: 4 rows read = 4 scored + 0 blank + 0 rejected');
  });

  it('themes reads the comments of a workbook', async () => {
    const result = await run(['themes', 'fixtures/excel-plain.xlsx', '--json', '-q']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { responses: number; comments: Record<string, number> };
    expect(json.responses).toBe(6);
    expect(json.comments).toEqual({ promoters: 2, passives: 1, detractors: 2 });
  });

  it('report reads a workbook', async () => {
    const out = join(await tempDir(), 'report.html');
    const result = await run(['report', 'fixtures/excel-qualtrics.xlsx', '--out', out, '--force', '-q']);
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    // 2 promoters, 1 passive, 1 detractor among the 4 finished responses: (2 - 1) / 4.
    expect(html).toContain('id="nps-value">+25.0<');
  });

  it('reads a workbook with one thread, whatever the threads allowed', async () => {
    const args = ['score', 'fixtures/excel-plain.xlsx', '--json', '-q'];
    const threads = await run(args, { env: { NPS_THREADS: '2', NPS_PARALLEL_MIN_BYTES: '0' } });
    expect(threads.code, threads.stderr).toBe(0);
    expect(threads.stdout).toBe((await run(args)).stdout);
  });

  it('reads a workbook from standard input', async () => {
    const bytes = await readFile(fixture('excel-plain.xlsx'));
    const piped = await run(['score', '-', '--json', '-q'], { stdin: [bytes.subarray(0, 3), bytes.subarray(3, 5000), bytes.subarray(5000)] });
    const named = await run(['score', 'fixtures/excel-plain.xlsx', '--json', '-q']);
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual(JSON.parse(named.stdout));
  });

  it('joins customers from a workbook', async () => {
    const result = await run(['score', 'fixtures/excel-sheets.xlsx', '--sheet', '3', '--customers', 'fixtures/excel-plain.xlsx', '--join-on', 'email', '--by', 'plan', '--json', '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('4 responses matched no customer in fixtures/excel-plain.xlsx');
  });
});

describe('cells', () => {
  it('tells date formats from number formats', () => {
    expect(formatKind('yyyy\\-mm\\-dd\\ hh:mm:ss')).toBe('datetime');
    expect(formatKind('dd/mm/yyyy')).toBe('date');
    expect(formatKind('[$-409]mmmm d, yyyy;@')).toBe('date');
    expect(formatKind('mmm-yy')).toBe('date');
    expect(formatKind('h:mm AM/PM')).toBe('time');
    expect(formatKind('mm:ss')).toBe('time');
    expect(formatKind('[h]:mm')).toBeUndefined();
    expect(formatKind('0.0')).toBeUndefined();
    expect(formatKind('General')).toBeUndefined();
    expect(formatKind('#,##0 "days"')).toBeUndefined();
    expect(formatKind('[Red]0.00;[Blue]-0.00')).toBeUndefined();
    expect(formatKind('0.00E+00')).toBeUndefined();
    expect(formatKind('@')).toBeUndefined();
  });

  it('reads serial numbers in both date systems, with the 1900 leap-year bug, as UTC wall times', () => {
    expect(serialText(46083, 'date', false)).toBe('2026-03-02');
    expect(serialText(46083.385416666664, 'datetime', false)).toBe('2026-03-02 09:15:00');
    expect(serialText(46083.99965277778, 'datetime', false)).toBe('2026-03-02 23:59:30');
    expect(serialText(46083.75, 'date', false)).toBe('2026-03-02');
    expect(serialText(0.5, 'time', false)).toBe('12:00:00');
    expect(serialText(44621, 'date', true)).toBe('2026-03-02');
    expect(serialText(1, 'date', false)).toBe('1900-01-01');
    expect(serialText(59, 'date', false)).toBe('1900-02-28');
    expect(serialText(60, 'date', false)).toBeUndefined();
    expect(serialText(61, 'date', false)).toBe('1900-03-01');
    expect(serialText(0, 'date', true)).toBe('1904-01-01');
    expect(serialText(-1, 'date', false)).toBeUndefined();
  });

  it('shows numbers with at most the 15 digits Excel keeps', () => {
    expect(numberText('9')).toBe('9');
    expect(numberText('8.9999999999999982')).toBe('9');
    expect(numberText('0.30000000000000004')).toBe('0.3');
    expect(numberText('4.5')).toBe('4.5');
    expect(numberText('1E-3')).toBe('0.001');
    expect(numberText('123456789012')).toBe('123456789012');
    expect(numberText('abc')).toBe('abc');
  });

  it('converts column letters both ways', () => {
    expect([columnIndex('A1'), columnIndex('Z9'), columnIndex('AA10'), columnIndex('XFD1048576'), columnIndex('12')]).toEqual([0, 25, 26, 16383, undefined]);
    expect([0, 25, 26, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'XFD']);
  });
});
