import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { run } from '../../helpers.js';

/** Every command that reads responses must fail the same clear way on the same bad input. */
const COMMANDS: Array<[name: string, args: string[]]> = [
  ['score', ['score']],
  ['segment', ['segment', '--category', 'promoters']],
  ['themes', ['themes']],
  ['report', ['report', '--out', join(inject('tempRoot'), 'errors-report.html'), '--force']],
];

/** `segment --category` streams rows as it reads, so a fault late in a file may follow some output. */
function expectOneLineError(
  result: { code: number; stdout: string; stderr: string },
  message: string,
  options: { outputBefore?: boolean } = {},
): void {
  expect(result.code).toBe(2);
  if (options.outputBefore !== true) expect(result.stdout).toBe('');
  const errors = result.stderr.split('\n').filter((line) => line.startsWith('nps: error:'));
  expect(errors).toEqual([`nps: error: ${message}`]);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe.each(COMMANDS)('every reading command: %s', (_name, command) => {
  it('refuses a missing file', async () => {
    expectOneLineError(await run([...command, 'fixtures/does-not-exist.csv']), 'fixtures/does-not-exist.csv: file not found (check the name, and that the path is from the folder nps is run in)');
  });

  it('refuses an empty file', async () => {
    expectOneLineError(await run([...command, 'fixtures/empty.csv']), 'fixtures/empty.csv: the file is empty (no header row)');
  });

  it('refuses a file with no score column, naming the headers it saw', async () => {
    expectOneLineError(
      await run([...command, 'fixtures/no-score-column.csv']),
      'fixtures/no-score-column.csv: no score column found: no column is named as the NPS question, and none holds 0-10 answers spread as recommend answers are; ' +
        'the headers are: 1 "email", 2 "satisfaction", 3 "comment". The likeliest by its content is column 2, "satisfaction": --score-column 2 (nps columns FILE shows every column)',
    );
  });

  it('reads the rows after an unclosed quote, saying where it opens; --strict fails on it', async () => {
    const result = await run([...command, 'fixtures/unclosed-quote.csv', '-q']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'nps: warning: fixtures/unclosed-quote.csv line 3: a quote opens a field and is never closed; ' +
        'it was read as a plain character, and the lines after it as the rows they are\n',
    );
    const strict = await run([...command, 'fixtures/unclosed-quote.csv', '-q', '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('nps: warning: --strict: 1 quote was read leniently');
  });

  it('reads a workbook by its bytes, not its name: a damaged one under a .csv name says it is damaged', async () => {
    expectOneLineError(
      await run([...command, 'fixtures/spreadsheet.csv']),
      'fixtures/spreadsheet.csv: this Excel workbook cannot be read, it is damaged or incomplete ' +
        '(the zip archive it is stored in has no end: was it cut short?); open it in Excel and save it again, or save it as "CSV UTF-8"',
    );
  });

  it('refuses damaged, encrypted and old binary workbooks in one line each', async () => {
    expectOneLineError(
      await run([...command, 'fixtures/excel-bad-xml.xlsx']),
      'fixtures/excel-bad-xml.xlsx: this Excel workbook cannot be read, it is damaged or incomplete ' +
        '(xl/worksheets/sheet1.xml: unexpected close tag); open it in Excel and save it again, or save it as "CSV UTF-8"',
    );
    expectOneLineError(
      await run([...command, 'fixtures/excel-encrypted.xlsx']),
      'fixtures/excel-encrypted.xlsx: this workbook is protected by a password (encrypted): open it in Excel and save it again without one, or save it as "CSV UTF-8"',
    );
    expectOneLineError(
      await run([...command, 'fixtures/excel-binary.xlsb']),
      'fixtures/excel-binary.xlsb: this is an Excel binary workbook (.xlsb), not .xlsx: open it in Excel and save it as .xlsx or as "CSV UTF-8"',
    );
    expectOneLineError(
      await run([...command, 'fixtures/excel-old.xls']),
      'fixtures/excel-old.xls: this is an old Excel workbook (.xls), or one protected by a password: open it in Excel and save it as .xlsx (without a password) or as "CSV UTF-8"',
    );
  });

  it('names the sheets when --sheet names none of them', async () => {
    expectOneLineError(
      await run([...command, 'fixtures/excel-sheets.xlsx', '--sheet', 'Q3']),
      'fixtures/excel-sheets.xlsx: no sheet named "Q3"; the sheets are: 1 "Lookup", 2 "Q1 responses", 3 "Q2 responses". Choose one with --sheet NAME or NUMBER',
    );
  });

  it('refuses a folder', async () => {
    expectOneLineError(await run([...command, 'fixtures']), 'fixtures: is a folder: name a CSV file or an Excel workbook in it');
  });

  it('refuses an unknown --score-column, naming the headers', async () => {
    expectOneLineError(
      await run([...command, 'fixtures/bom.csv', '--score-column', 'nope']),
      'fixtures/bom.csv: no column named "nope" for --score-column; the headers are: 1 "Score", 2 "Comment"',
    );
  });

  it('reads a file with a byte order mark', async () => {
    const result = await run([...command, 'fixtures/bom.csv']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('scoring column "Score"');
  });
});

describe('usage errors', () => {
  it('exits 2 on an unknown option, with a pointer to --help', async () => {
    const result = await run(['score', 'fixtures/bom.csv', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("nps: error: unknown option '--bogus'\n(run with --help for usage)\n");
  });

  it('exits 2 when no file is named', async () => {
    const result = await run(['score']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("nps: error: missing required argument 'file'");
  });

  it('exits 2 with help when no command is given', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: nps');
  });

  it('exits 0 for --help and --version, on stdout', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: nps');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('refuses standard input named twice', async () => {
    const result = await run(['score', '-', '-']);
    expectOneLineError(result, '"-" (standard input) can be named only once');
  });
});
