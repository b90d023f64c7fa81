import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, run, runInProcess, tempDir, type RunResult } from '../../helpers.js';
import { INFLATE_CHUNK_BYTES } from '../../../src/input/xlsx/workbook.js';
import { part, SHEET_START, STRINGS_START, workbookOf } from '../../workbooks.js';

describe('nps score (built binary)', () => {
  it('prints the headline, the accounting, the groups and the distribution', async () => {
    const result = await run(['score', 'fixtures/sample.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('NPS  +20.0 ± 45.7  (95% adjusted-Wald interval -30.3 to +61.1), 10 responses');
    expect(result.stdout).toContain('Warning: only 10 responses: at least 30 are needed for a score to lean on');
    expect(result.stdout).toContain('Warning: NPS 20 ± 45.7: changes under 65 points may be chance at this size');
    expect(result.stdout).toContain('Rows  12 rows read = 10 scored + 1 blank + 1 rejected');
    expect(result.stdout).toMatch(/Promoters\s+5\s+50\.0%/);
    expect(result.stdout).toMatch(/Passives\s+2\s+20\.0%/);
    expect(result.stdout).toMatch(/Detractors\s+3\s+30\.0%/);
    expect(result.stdout).toMatch(/^\s+10\s+3\s+30\.0%\s+█+$/m);
    expect(result.stdout).toMatch(/^\s+1\s+0\s+0\.0%$/m);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stderr).toBe(
      'nps: fixtures/sample.csv: scoring column "score", dated by "date"\n' +
        'nps: fixtures/sample.csv line 13: rejected: score "11" is above 10\n',
    );
  });

  it('prints the documented JSON object', async () => {
    const result = await run(['score', 'fixtures/sample.csv', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown> & { interval: { low: number; high: number } };
    expect(json).toEqual({
      nps: 20,
      responses: 10,
      promoters: 5,
      passives: 2,
      detractors: 3,
      percentages: { promoters: 50, passives: 20, detractors: 30 },
      distribution: { '0': 1, '1': 0, '2': 0, '3': 1, '4': 0, '5': 0, '6': 1, '7': 1, '8': 1, '9': 2, '10': 3 },
      rows: 12,
      blank: 1,
      rejected: 1,
      partial: 0,
      duplicates: 0,
      excluded: 0,
      // Adjusted counts 3.75 / 3.5 / 5.75 of 13: centre 15.385, margin 1.96 * sqrt(0.70710 / 13) = 45.710.
      interval: { low: expect.closeTo(-30.325, 2), high: expect.closeTo(61.095, 2), level: 0.95, method: 'adjusted-wald' },
      marginOfError: expect.closeTo(45.71, 2),
      warnings: [
        { code: 'few-responses', message: 'only 10 responses: at least 30 are needed for a score to lean on', responses: 10, minimum: 30 },
        {
          code: 'wide-margin',
          message: 'NPS 20 ± 45.7: changes under 65 points may be chance at this size',
          nps: 20,
          margin: expect.closeTo(45.71, 2),
          change: 65,
        },
      ],
    });
  });

  it('reads standard input through a pipe', async () => {
    const input = await readFile(fixture('sample.csv'));
    const result = await run(['score', '-', '--json'], { stdin: input });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ nps: 20, rows: 12 });
    expect(result.stderr).toContain('nps: stdin line 13: rejected');
  });

  it('combines several files into one tally', async () => {
    const result = await run(['score', 'fixtures/sample.csv', 'fixtures/bom.csv', '--json', '-q']);
    expect(JSON.parse(result.stdout)).toMatchObject({ responses: 13, promoters: 7, passives: 2, detractors: 4, rows: 15 });
  });

  it('says NPS is undefined for a file with a header and no responses', async () => {
    const table = await run(['score', 'fixtures/header-only.csv']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('NPS  n/a: no scored responses, so there is no score');
    const json = await run(['score', 'fixtures/header-only.csv', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ nps: null, responses: 0, rows: 0 });
  });

  it('stops when two columns could be the score, and obeys --score-column', async () => {
    const refused = await run(['score', 'fixtures/two-candidates.csv', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'nps: error: fixtures/two-candidates.csv: several columns hold 0-10 answers and none is named as the NPS question: 2 "rating", 3 "score"; ' +
        'choose one with --score-column NAME or NUMBER\n',
    );
    const byNumber = await run(['score', 'fixtures/two-candidates.csv', '--score-column', '3', '--json', '-q']);
    expect(JSON.parse(byNumber.stdout)).toMatchObject({ nps: 100 / 3 });
    const chosen = await run(['score', 'fixtures/two-candidates.csv', '--score-column', 'Rating', '--json', '--quiet']);
    expect(chosen.stderr).toBe('');
    expect(JSON.parse(chosen.stdout)).toMatchObject({ nps: -100, detractors: 3 });
  });

  it('fails with exit code 3 under --strict after reporting and printing', async () => {
    const result = await run(['score', 'fixtures/messy-scores.csv', '--strict', '--json', '-q']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ rejected: 4 });
    expect(result.stderr).toContain('nps: warning: --strict: 4 rows were rejected');
  });

  it('passes --strict when nothing is rejected', async () => {
    const result = await run(['score', 'fixtures/bom.csv', '--strict', '-q']);
    expect(result.code).toBe(0);
  });
});

describe('a rating on a shorter scale named as the score', () => {
  it('is scored, and said to look like no 0–10 question, in the table and in JSON', async () => {
    const folder = await tempDir();
    const rows = Array.from({ length: 40 }, (_, index) => `${index},${1 + (index % 5)},${index % 11}`);
    await writeFile(join(folder, 'csat.csv'), `id,csat,nps\n${rows.join('\n')}\n`);
    const json = await runInProcess(['score', join(folder, 'csat.csv'), '--score-column', 'csat', '--json', '-q']);
    const parsed = JSON.parse(json.stdout) as { nps: number; warnings: Array<{ code: string; highest?: number; responses?: number }> };
    expect(parsed.nps).toBe(-100);
    expect(parsed.warnings).toContainEqual(expect.objectContaining({ code: 'short-scale', highest: 5, responses: 40 }));
    const table = await runInProcess(['score', join(folder, 'csat.csv'), '--score-column', 'csat']);
    expect(table.stdout + table.stderr).toContain('every one of the 40 responses is 5 or less');
    // The 0–10 column of the same file: no such warning.
    const real = await runInProcess(['score', join(folder, 'csat.csv'), '--score-column', 'nps', '--json', '-q']);
    expect((JSON.parse(real.stdout) as { warnings: Array<{ code: string }> }).warnings.map((warning) => warning.code)).not.toContain('short-scale');
  });
});

describe('colour', () => {
  it('colours a terminal', async () => {
    const result = await runInProcess(['score', fixture('sample.csv'), '-q'], { tty: true });
    expect(result.stdout).toContain('\u001b[');
  });
  it('never colours with NO_COLOR set', async () => {
    const result = await runInProcess(['score', fixture('sample.csv'), '-q'], { tty: true, env: { NO_COLOR: '1' } });
    expect(result.stdout).not.toContain('\u001b[');
  });
  it('never colours a pipe', async () => {
    const result = await runInProcess(['score', fixture('sample.csv'), '-q'], { tty: false });
    expect(result.stdout).not.toContain('\u001b[');
  });
});

describe('nps score --by a column of many values', () => {
  it('shows the 30 largest groups in the terminal, says how many more, and lists all in JSON', async () => {
    const rows = Array.from({ length: 2000 }, (_, index) => `${index < 300 ? `big${index % 10}` : `c${index}`},${index % 11}`);
    const stdin = `customer,score\n${rows.join('\n')}\n`;
    const table = await run(['score', '-', '--by', 'customer', '-q'], { stdin });
    expect(table.stdout).toContain('… and 1,680 more groups: the 30 largest are shown; --json lists all 1,710.');
    expect(table.stdout).toMatch(/^big0 +30 /m);
    const json = await run(['score', '-', '--by', 'customer', '--json', '-q'], { stdin });
    expect((JSON.parse(json.stdout) as { groups: unknown[] }).groups).toHaveLength(1710);
  });
});

describe('the table in an 80-column terminal', () => {
  it('fits every line of score --by plan --period month in 80 columns, the axis over the bars', async () => {
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--by', 'plan', '--period', 'month', '-q'], { tty: true, env: { COLUMNS: '80' } });
    const lines = result.stdout.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
    expect(Math.max(...lines.map((line) => Array.from(line).length))).toBeLessThanOrEqual(80);
    const header = lines.find((line) => line.startsWith('Period')) ?? '';
    const bar = lines.find((line) => line.startsWith('2026-01')) ?? '';
    expect(header.indexOf('0  ', header.indexOf('-100') + 4)).toBe(bar.indexOf('┊') === -1 ? bar.indexOf('●') : bar.indexOf('┊'));
  });
});

describe('nps score on rows read after the first piece of the input', () => {
  // The first piece (the header and the 200 rows the columns are chosen from) is read with every cell kept; after it,
  // a plain score cuts out only the columns it reads.
  const sample = Array.from({ length: 198 }, (_, index) => `s${index},${index % 11},team,"fine, thanks",\n`).join('');
  const first = `id,score,plan,comment,extra\n1,9,pro,"fine, thanks",\n2,7,team,ok,\n${sample}`;
  const later = [
    '3,10,pro,"two\nlines",\n',
    '4,8,team,ok,,overflow\n',
    '5,6\n',
    'just one field\n',
    '\n',
    '6,abc,pro,"a ""quoted"" word",\n',
    '7,"0",team,"x"y,\n',
    '8,,pro,no score,\n',
  ];

  it('accounts for and describes every row as it does when the rows come with the header', async () => {
    const inPieces = await run(['score', '-', '--json'], { stdin: [first, ...later] });
    const whole = await run(['score', '-', '--json'], { stdin: [first + later.join('')] });
    expect(inPieces.stderr).toBe(whole.stderr);
    expect(inPieces.stdout).toBe(whole.stdout);
    const json = JSON.parse(inPieces.stdout) as Record<string, number>;
    expect({ rows: json['rows'], responses: json['responses'], blank: json['blank'], rejected: json['rejected'] }).toEqual({ rows: 207, responses: 202, blank: 1, rejected: 4 });
    expect(inPieces.stderr).toContain('stdin line 204: rejected: has 6 fields but the header has 5');
    expect(inPieces.stderr).toContain('stdin line 205: rejected: has 2 fields but the header has 5');
    expect(inPieces.stderr).toContain('stdin line 206: rejected: has 1 fields but the header has 5');
    expect(inPieces.stderr).toContain('stdin line 208: rejected: score "abc" is not a number from 0 to 10');
    expect(inPieces.stderr).toContain('1 field starts with a quoted word followed by more text (line 209)');
  });
});

/**
 * `nps score ARGS` run as it is, and with `--where COLUMN!=none`, which makes text of every cell of every row: a read
 * that makes text only of the cells it looks at must give the same exit code, stdout and stderr. The first run's result.
 */
async function scoredAsEveryCellRead(args: readonly string[], cwd: string, column: string): Promise<RunResult> {
  const masked = await run(['score', ...args], { cwd });
  const whole = await run(['score', ...args, '--where', `${column}!=none`], { cwd });
  expect(masked.code).toBe(whole.code);
  expect(masked.stdout).toBe(whole.stdout);
  expect(masked.stderr).toBe(whole.stderr);
  return masked;
}

describe('nps score on a file whose later rows need the respondent, the date or the width', () => {
  // Past the first 64 KiB, a plain score cuts out only the cells it reads; --where keeps every cell, so it is the reference.
  const rows = Array.from({ length: 1_500 }, (_, index) => `${index},user${index % 900}@example.com,2026-0${1 + (index % 9)}-1${index % 10},${(index * 7) % 11},plan${index % 3},"comment ${index}, with a comma",x`);
  const later = [
    '9001,USER5@example.com,2026-05-15,3,plan1,a later answer of user5,x',
    '9002,excluded@example.com,2026-05-16,10,plan1,left out,x',
    '9003,other@example.com,2025-12-31,0,plan1,before --since,x',
    '9004,wide@example.com,2026-06-01,9,plan1,one cell too many,x,more',
  ];
  const text = ['id,email,date,score,plan,comment,extra', ...rows, ...later, ''].join('\n');

  it.each([
    { options: ['--dedupe', 'latest'], counted: 'duplicates' },
    { options: ['--exclude', 'exclude.csv'], counted: 'excluded' },
    { options: ['--since', '2026-01-01', '--until', '2026-08-31'], counted: 'excluded' },
    { options: ['--dedupe', 'first', '--since', '2026-01-01'], counted: 'duplicates' },
    // Groups read their own columns too: the plan of each response, the date of each period.
    { options: ['--by', 'plan', '--period', 'month', '--exclude', 'exclude.csv'], counted: 'excluded' },
    { options: ['--by', 'plan,email', '--dedupe', 'latest'], counted: 'duplicates' },
  ])(
    'gives with $options what it gives when every cell is kept',
    async ({ options, counted }) => {
      const folder = await tempDir();
      await writeFile(join(folder, 'big.csv'), text);
      await writeFile(join(folder, 'exclude.csv'), 'email\nexcluded@example.com\n');
      const masked = await scoredAsEveryCellRead(['big.csv', '--json', ...options], folder, 'extra');
      expect(masked.code).toBe(0);
      expect(masked.stderr).toContain('line 1505: rejected: has 8 fields but the header has 7');
      const json = JSON.parse(masked.stdout) as Record<string, number>;
      // The option read the masked-out file's respondents or dates: it left rows out.
      expect(json[counted]).toBeGreaterThan(0);
    },
  );
});

describe('nps score --by on two files whose columns are in another order', () => {
  // Each file reads the groups' columns by its own positions: plan is the fifth column of one and the first of the other.
  const first = ['id,email,date,score,plan,comment', ...Array.from({ length: 1_500 }, (_, index) => `${index},a${index}@example.com,2026-03-0${1 + (index % 9)},${index % 11},plan${index % 3},"a comment, ${index}"`), ''].join('\n');
  const second = ['plan,comment,score,date,email,id', ...Array.from({ length: 1_500 }, (_, index) => `team${index % 2},"another, ${index}",${(index * 3) % 11},2026-04-0${1 + (index % 9)},b${index}@example.com,${index}`), ''].join('\n');

  it('groups each file by its own plan column, as a read of every cell does', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'first.csv'), first);
    await writeFile(join(folder, 'second.csv'), second);
    const options = ['--by', 'plan', '--period', 'month', '--json'];
    const masked = await scoredAsEveryCellRead(['first.csv', 'second.csv', ...options], folder, 'id');
    expect(masked.code, masked.stderr).toBe(0);
    const groups = (JSON.parse(masked.stdout) as { groups: Array<{ key: { plan: string } }> }).groups.map((group) => group.key.plan).sort();
    expect(groups).toEqual(['plan0', 'plan1', 'plan2', 'team0', 'team1']);
  });
});

describe('nps score on a Qualtrics export whose later responses are partial', () => {
  // A plain score reads the Finished column only for the rows past the first 200 (and, in a CSV, past the first 64 KiB).
  const row = (index: number, finished: number, score: number): string =>
    `2026-10-01 09:00:00,2026-10-01 09:03:10,IP Address,203.0.113.7,${finished === 1 ? 100 : 40},190,${finished},2026-10-01 09:03:11,R_${index},Doe,Sam${index},sam${index}@example.com,,39.7,-104.9,email,EN,${score},1,"a reason, ${index}"`;
  const rows = Array.from({ length: 1_500 }, (_, index) => row(index, 1, (index * 7) % 11));
  const later = [row(9001, 0, 10), row(9002, 0, 0), row(9003, 1, 9)];

  it('leaves out the partial ones as a read of every cell does', async () => {
    const head = (await readFile(fixture('qualtrics.csv'), 'utf8')).split('\n').slice(0, 3);
    const text = [...head, ...rows, ...later, ''].join('\n');
    const folder = await tempDir();
    await writeFile(join(folder, 'qualtrics-big.csv'), text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 65_536);
    const masked = await scoredAsEveryCellRead(['qualtrics-big.csv', '--json'], folder, 'Status');
    expect(masked.code, masked.stderr).toBe(0);
    expect((JSON.parse(masked.stdout) as { partial: number }).partial).toBe(2);
  });
});

describe('nps score on a workbook whose later rows need the respondent, the date or the width', () => {
  // Past the first 200 rows, a plain score makes text only of the cells it reads; --where reads every cell, so it is the reference.
  const strings: string[] = [];
  const stringIndex = (text: string): number => {
    const found = strings.indexOf(text);
    if (found !== -1) return found;
    strings.push(text);
    return strings.length - 1;
  };
  const columns = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  /** A row of shared strings and numbers, written as nearly every writer writes them; `raw` cells go as they are. */
  const rowOf = (number: number, cells: ReadonlyArray<string | number | { raw: string } | undefined>): string =>
    `<row r="${number}">${cells
      .map((cell, index) => {
        const ref = `${columns[index] ?? 'Z'}${number}`;
        if (cell === undefined) return '';
        if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
        if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${stringIndex(cell)}</v></c>`;
        return cell.raw.replace('REF', ref);
      })
      .join('')}</row>`;
  const header = ['id', 'email', 'date', 'score', 'plan', 'comment', 'extra'];
  // More rows than the first inflated chunks hold: the rows those chunks hold are read before the columns are chosen.
  const count = 3_000;
  const rows = Array.from({ length: count }, (_, index) => [index, `user${index % 300}@example.com`, `2026-0${1 + (index % 9)}-1${index % 10}`, (index * 7) % 11, `plan${index % 3}`, `comment ${index} & more`, 'x']);
  const later: Array<Array<string | number | { raw: string } | undefined>> = [
    [9001, 'USER5@example.com', '2026-05-15', 3, 'plan1', 'a later answer of user5', 'x'],
    [9002, 'excluded@example.com', '2026-05-16', 10, 'plan1', 'left out', 'x'],
    [9003, 'other@example.com', '2025-12-31', 0, 'plan1', 'before --since', 'x'],
    [9004, 'wide@example.com', '2026-06-01', 9, 'plan1', 'one cell too many', 'x', 'more'],
    // A row whose only values are in columns a plain score does not read: an unanswered survey, not a blank row.
    [undefined, undefined, undefined, undefined, 'plan2', 'no score given'],
    // A formula with no saved value, a string cell whose value writes references, and a number kept as written.
    [9005, 'formula@example.com', '2026-06-02', 8, { raw: '<c r="REF"><f>1+1</f></c>' }, { raw: '<c r="REF" t="str"><v>a &amp; b</v></c>' }, 1.5],
  ];
  const sheet = `${SHEET_START}<sheetData>${[header, ...rows, ...later].map((cells, index) => rowOf(index + 1, cells)).join('')}</sheetData></worksheet>`;
  const table = `${STRINGS_START}${strings.map((text) => `<si><t>${text.replace(/&/g, '&amp;')}</t></si>`).join('')}</sst>`;

  it('has rows past its first two inflated chunks', () => {
    expect(Buffer.byteLength(sheet)).toBeGreaterThan(2 * INFLATE_CHUNK_BYTES);
  });

  it.each([
    { options: [] as string[], counted: 'blank' },
    { options: ['--dedupe', 'latest'], counted: 'duplicates' },
    { options: ['--exclude', 'exclude.csv'], counted: 'excluded' },
    { options: ['--since', '2026-01-01', '--until', '2026-08-31'], counted: 'excluded' },
    { options: ['--by', 'plan', '--period', 'month'], counted: 'blank' },
    { options: ['--by', 'comment,email', '--exclude', 'exclude.csv'], counted: 'excluded' },
  ])(
    'gives with $options what it gives when every cell is read',
    async ({ options, counted }) => {
      const folder = await tempDir();
      await writeFile(join(folder, 'big.xlsx'), workbookOf(part('xl/worksheets/sheet1.xml', sheet), { sharedStrings: part('xl/sharedStrings.xml', table) }));
      await writeFile(join(folder, 'exclude.csv'), 'email\nexcluded@example.com\n');
      const masked = await scoredAsEveryCellRead(['big.xlsx', '--json', ...options], folder, 'extra');
      expect(masked.code).toBe(0);
      expect(masked.stderr).toContain(`row ${count + 5}: rejected`);
      expect(masked.stderr).toContain('1 formula cell has no saved value');
      const json = JSON.parse(masked.stdout) as Record<string, number>;
      expect(json[counted]).toBeGreaterThan(0);
    },
  );

  it('refuses a damaged cell in a column it does not read, as it does when it reads every cell', async () => {
    const folder = await tempDir();
    const damaged = sheet.replace('</sheetData>', `${rowOf(count + 8, [9006, 'x@example.com', '2026-06-03', 7, 'plan1', { raw: '<c r="REF" t="str"><v>a &bogus; b</v></c>' }])}</sheetData>`);
    await writeFile(join(folder, 'damaged.xlsx'), workbookOf(part('xl/worksheets/sheet1.xml', damaged), { sharedStrings: part('xl/sharedStrings.xml', table) }));
    const masked = await scoredAsEveryCellRead(['damaged.xlsx', '--json'], folder, 'extra');
    expect(masked.code).not.toBe(0);
    expect(masked.stderr).toContain('undefined entity');
  });
});
