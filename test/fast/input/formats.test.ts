import { describe, expect, it } from 'vitest';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../../../src/core/random.js';
import { INFLATE_CHUNK_BYTES } from '../../../src/input/xlsx/workbook.js';
import { fixture, run, runInProcess, tempDir, type Accounting } from '../../helpers.js';
import { part, SHEET_START, STRINGS_START, workbookOf } from '../../workbooks.js';

interface Counts extends Accounting {
  partial: number;
}

/**
 * Each fixture follows its vendor's export layout; the counts were read off the
 * fixture by hand (see the comments in each row).
 */
const FORMATS: Array<[file: string, format: string, nps: number, counts: Counts]> = [
  // Q1 of finished responses: 10 9 | 7 8 | 3 0, one blank; two rows with Finished = 0.
  ['qualtrics.csv', 'Qualtrics', 0, { promoters: 2, passives: 2, detractors: 2, rows: 9, blank: 1, rejected: 0, partial: 2 }],
  // "Extremely likely - 10" 9 10 | 8 7 | "Not at all likely - 0" 6, one blank.
  ['surveymonkey.csv', 'SurveyMonkey', 100 / 7, { promoters: 3, passives: 2, detractors: 2, rows: 8, blank: 1, rejected: 0, partial: 0 }],
  // 10 | 8 | 4 2, one blank; one row with Response Type partial.
  ['typeform.csv', 'Typeform', -25, { promoters: 1, passives: 1, detractors: 2, rows: 6, blank: 1, rejected: 0, partial: 1 }],
  // The question mentioning "recommend": 10 9 10 | 8 | 6 3.
  ['google-forms.csv', 'Google Forms', 100 / 6, { promoters: 3, passives: 1, detractors: 2, rows: 6, blank: 0, rejected: 0, partial: 0 }],
  // Score: 10 9 | 7 | 0 5.
  ['delighted.csv', 'Delighted', 0, { promoters: 2, passives: 1, detractors: 2, rows: 5, blank: 0, rejected: 0, partial: 0 }],
  // hs_value: 9 10 | 8 | 2.
  ['hubspot.csv', 'HubSpot', 25, { promoters: 2, passives: 1, detractors: 1, rows: 4, blank: 0, rejected: 0, partial: 0 }],
  // score: 10 9 9 | 7 | 6.
  ['wootric.csv', 'Wootric', 40, { promoters: 3, passives: 1, detractors: 1, rows: 5, blank: 0, rejected: 0, partial: 0 }],
  // rating: 10 9 | 8 | 4; Unix created_at.
  ['zendesk.csv', 'Zendesk', 25, { promoters: 2, passives: 1, detractors: 1, rows: 4, blank: 0, rejected: 0, partial: 0 }],
  // 10 | 8 | 3; NA, N/A, NaN, null and - are unanswered.
  ['pandas-na.csv', 'plain CSV', 0, { promoters: 1, passives: 1, detractors: 1, rows: 8, blank: 5, rejected: 0, partial: 0 }],
];

describe('survey-tool exports', () => {
  it.each(FORMATS)('%s is read as a %s export', async (file, format, nps, counts) => {
    const result = await runInProcess(['score', fixture(file), '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Counts & { nps: number; responses: number };
    expect(json).toMatchObject(counts);
    expect(json.nps).toBeCloseTo(nps, 10);
    expect(json.rows).toBe(json.responses + json.blank + json.rejected + json.partial);
    const formatNote = format === 'plain CSV' ? '' : `${format} export, `;
    expect(result.stderr.split('\n')[0]).toContain(`${fixture(file)}: ${formatNote}scoring column`);
  });

  it('counts partial responses when asked', async () => {
    // The two unfinished Qualtrics rows: Q1 = 6 and a blank.
    const result = await runInProcess(['score', fixture('qualtrics.csv'), '--include-partial', '--json', '-q']);
    expect(JSON.parse(result.stdout)).toMatchObject({ detractors: 3, blank: 2, partial: 0, rows: 9 });
  });

  it('says how many partial responses it left out', async () => {
    const result = await runInProcess(['score', fixture('typeform.csv'), '-q']);
    expect(result.stderr).toBe('nps: warning: 1 partial response (unfinished) left out of the score; --include-partial counts them\n');
    expect(result.stdout).toContain('Rows  6 rows read = 4 scored + 1 blank + 0 rejected + 1 partial');
  });

  it('lists the same rows in segment as it scores', async () => {
    const result = await runInProcess(['segment', fixture('surveymonkey.csv'), '--window', 'all', '-c', 'promoters', '-f', 'json', '-q', '--date-format', 'm/d/yyyy']);
    const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
    // Newest first, by "End Date" read month first as --date-format says.
    expect(rows.map((row) => row['Respondent ID'])).toEqual(['11415120006', '11415120002', '11415120001']);
    // Row 2's sub-labels name the columns of a question that spans several.
    expect(rows[2]?.['Which features do you use? - Dashboards']).toBe('');
    expect(rows[2]?.['Which features do you use? - Reports']).toBe('Reports');
  });
});

describe('encodings', () => {
  it.each(['accents-utf8.csv', 'accents-windows-1252.csv', 'accents-utf16le.txt', 'accents-utf16be.csv'])(
    '%s gives the same score and the same text as its UTF-8 twin',
    async (file) => {
      const score = await runInProcess(['score', fixture(file), '--json', '-q']);
      // 10 9 | 8 | 3, one blank.
      expect(JSON.parse(score.stdout)).toMatchObject({ nps: 25, promoters: 2, passives: 1, detractors: 1, blank: 1, rows: 5 });
      const detractors = await runInProcess(['segment', fixture(file), '--window', 'all', '-c', 'detractors', '-f', 'json', '-q']);
      const rows = JSON.parse(detractors.stdout) as Array<Record<string, string>>;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: '2', score: '3', comment: 'Trop cher: 99 €', nps_category: 'detractors' });
    },
  );

  it('warns about bytes that are not UTF-8 after a valid start, instead of hiding them', async () => {
    const dir = await tempDir();
    const rows = Array.from({ length: 3000 }, (_, index) => `${index},9,plain ascii comment number ${index}`).join('\n');
    const file = join(dir, 'mixed.csv');
    await writeFile(file, Buffer.concat([Buffer.from(`id,score,comment\n${rows}\n`), Buffer.from([0x33, 0x30, 0x30, 0x31, 0x2c, 0x33, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x0a])]));
    const result = await runInProcess(['score', file, '--json', '-q']);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 3001, detractors: 1 });
    expect(result.stderr).toBe(
      `nps: warning: ${file}: 1 character is not valid UTF-8 and shows as \uFFFD; the file mixes encodings: save it again as "CSV UTF-8"\n`,
    );
  });

  it('says when it reads a file as Windows-1252 or UTF-16', async () => {
    const legacy = await runInProcess(['score', fixture('accents-windows-1252.csv'), '--json']);
    expect(legacy.stderr).toContain('read as Windows-1252 (the bytes are not UTF-8)');
    const unicode = await runInProcess(['score', fixture('accents-utf16le.txt'), '--json']);
    expect(unicode.stderr).toContain('read as UTF-16');
  });
});

describe('choosing the question', () => {
  it('stops on a 1..11 scale and explains --score-offset', async () => {
    const result = await run(['score', 'fixtures/qualtrics-recoded.csv', '-q']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'nps: error: the scores run from 1 to 11 (2 answers are 11, none is 0): this looks like a 0-10 question coded 1-11, ' +
        'as Qualtrics does for a scale built by hand. If so, run again with --score-offset -1 to read 1 as 0 and 11 as 10; ' +
        'if the 11s are mistakes, --score-offset 0 reads the scores as they are\n',
    );
    // 11 10 → 10 9; 8 → 7; 4 1 → 3 0; 11 → 10.
    const shifted = await run(['score', 'fixtures/qualtrics-recoded.csv', '--score-offset', '-1', '--json', '-q']);
    expect(shifted.code).toBe(0);
    expect(JSON.parse(shifted.stdout)).toMatchObject({ promoters: 3, passives: 1, detractors: 2, rejected: 0 });
  });

  it('stops when no question mentions recommending and several could be the NPS', async () => {
    const result = await run(['score', 'fixtures/two-nps-questions.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'nps: error: fixtures/two-nps-questions.csv: 2 columns ask the NPS question: ' +
        '3 "Product NPS", 4 "Support NPS"; choose one with --score-column NAME or NUMBER\n',
    );
    const chosen = await run(['score', 'fixtures/two-nps-questions.csv', '--score-column', 'support', '--json', '-q']);
    expect(JSON.parse(chosen.stdout)).toMatchObject({ promoters: 1, detractors: 1 });
  });
});

describe('nps columns', () => {
  it('explains a Qualtrics export', async () => {
    const result = await run(['columns', 'fixtures/qualtrics.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Format      Qualtrics (3 header rows)');
    // A long description wraps under itself, whole.
    expect(result.stdout).toContain('Score       column 18, "Q1": How likely is it that you would recommend Acme to a\n            friend or colleague?');
    expect(result.stdout).toContain('Respondent  column 12, "RecipientEmail": Recipient Email');
    expect(result.stdout).toContain('Date        column 8, "RecordedDate": Recorded Date');
    expect(result.stdout).toContain('Partial     column 7, "Finished" (partial when Finished is 0 or False)');
    expect(result.stdout).toMatch(/^\(empty\)\s+2\s+blank \(unanswered\)$/m);
  });

  it.each([
    ['surveymonkey.csv', 'surveymonkey', 2, 10, 6, 4],
    ['typeform.csv', 'typeform', 1, 2, 4, 9],
    ['google-forms.csv', 'google-forms', 1, 3, 2, 1],
    ['delighted.csv', 'delighted', 1, 4, 2, 6],
    ['hubspot.csv', 'hubspot', 1, 2, 5, 4],
    ['wootric.csv', 'wootric', 1, 2, 6, 4],
    ['zendesk.csv', 'zendesk', 1, 4, 3, 6],
    ['accents-utf16le.txt', 'plain', 1, 2, 1, null],
  ] as const)('explains %s in JSON', async (file, format, headerRows, score, respondent, date) => {
    const result = await run(['columns', `fixtures/${file}`, '--json']);
    const [report] = JSON.parse(result.stdout) as Array<{
      format: string;
      headerRows: number;
      columns: Record<string, { number: number } | null>;
    }>;
    expect(report?.format).toBe(format);
    expect(report?.headerRows).toBe(headerRows);
    expect(report?.columns['score']?.number).toBe(score);
    expect(report?.columns['respondent']?.number).toBe(respondent);
    expect(report?.columns['date']?.number ?? null).toBe(date);
  });

  it('shows every score cell with how it is read', async () => {
    const result = await run(['columns', 'fixtures/messy-scores.csv', '--json']);
    const [report] = JSON.parse(result.stdout) as Array<{ scoreValues: Array<{ value: string; count: number; readAs: string }> }>;
    expect(report?.scoreValues).toContainEqual({ value: ' 9 ', count: 1, readAs: 'score 9' });
    expect(report?.scoreValues).toContainEqual({ value: '7.5', count: 1, readAs: 'rejected: score "7.5" is not a whole number' });
  });

  it('columns counts the score column as a read of every column does, past the first rows, in a CSV and a workbook', async () => {
    type Report = { scoreValues: unknown; otherValues: number };
    const dir = await tempDir();
    const random = seededRandom(31);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const scores = ['9', '10', ' 8 ', '', 'n/a', '7.5', '0', '6'];
    const plans = ['free', 'pro', 'team'];
    // The rows read before the columns are chosen are read whole: the files are several of the readers' chunks long.
    // Now and then a row with no value at all: in the workbook, cells that hold an empty shared string (a blank row).
    const rows = Array.from({ length: 8000 }, (_, at) =>
      random() < 0.03
        ? { id: '', score: '', comment: '', plan: '' }
        : { id: random() < 0.1 ? '' : `R${at}`, score: pick(scores), comment: pick(['', 'fine', 'slow, "really"\nslow', 'ok']), plan: pick(plans) },
    );
    const quote = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    const csvRows = rows.map((row) => [row.id, quote(row.score), quote(row.comment), row.plan].join(',') + (random() < 0.05 ? ',extra' : ''));
    await writeFile(join(dir, 'export.csv'), `id,score,comment,plan\r\n${csvRows.join('\r\n')}\r\n`);
    const texts = [...new Set(['id', 'score', 'comment', 'plan', 'n/a', ' 8 ', '7.5', '', ...rows.flatMap((row) => [row.id, row.comment, row.plan])])];
    const index = (text: string): string => `<c t="s"><v>${texts.indexOf(text)}</v></c>`;
    const cell = (text: string): string => (text === '' ? pick(['', index('')]) : /^\d+$/.test(text) ? `<c><v>${text}</v></c>` : index(text));
    const sheetRows = [['id', 'score', 'comment', 'plan'].map(index).join(''), ...rows.map((row) => [cell(row.id), cell(row.score), cell(row.comment), cell(row.plan)].join(''))];
    const sheet = `${SHEET_START}<sheetData>${sheetRows.map((cells, at) => `<row r="${at + 1}">${cells}</row>`).join('')}</sheetData></worksheet>`;
    const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const table = `${STRINGS_START}${texts.map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`).join('')}</sst>`;
    await writeFile(join(dir, 'export.xlsx'), workbookOf(part('xl/worksheets/sheet1.xml', sheet), { sharedStrings: part('xl/sharedStrings.xml', table) }));
    for (const file of ['export.csv', 'export.xlsx']) {
      const [alone] = JSON.parse((await run(['columns', join(dir, file), '--json'])).stdout) as Report[];
      // A --where that every row passes reads every column of every row.
      const [whole] = JSON.parse((await run(['columns', join(dir, file), '--json', '--where', 'plan!=no such plan'])).stdout) as Report[];
      expect(alone, file).toEqual(expect.objectContaining({ scoreValues: whole?.scoreValues, otherValues: whole?.otherValues }));
      expect(JSON.stringify(alone?.scoreValues), file).toContain('"value":"n/a"');
    }
    expect((await stat(join(dir, 'export.csv'))).size).toBeGreaterThan(2 * 65_536);
    expect(Buffer.byteLength(sheet)).toBeGreaterThan(2 * INFLATE_CHUNK_BYTES);
  });
});
