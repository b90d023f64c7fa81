import { describe, expect, it } from 'vitest';
import { run } from '../../helpers.js';

/** Traits of real exports, each in a fixture of its own built with that trait. */
type Row = Record<string, string>;
const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('a stray quote in a tab-delimited Google Forms export', () => {
  // 40 rows, 24 of them with a field such as "Native" interactive graphics, then a quoted comment over two lines.
  const FILE = 'fixtures/google-forms-stray-quotes.csv';

  it('reads every row, keeps the text as written, and says where', async () => {
    const result = await run(['score', FILE, '--json']);
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toMatchObject({ rows: 41, responses: 41, rejected: 0 });
    expect(result.stderr).toContain(
      'nps: warning: fixtures/google-forms-stray-quotes.csv: 24 fields start with a quoted word followed by more text ' +
        '(lines 3, 4, 6, 8, 9, 11, 13, 14, 16, 18, and 14 more); read as written, quotes kept',
    );
    const lists = await run(['segment', FILE, '--window', 'all', '-c', 'detractors', '-f', 'json', '-q', '--date-format', 'm/d/yyyy']);
    const packages = (JSON.parse(lists.stdout) as Row[]).map((row) => row['¿Qué paquetes usas?']);
    expect(packages).toContain('"Native" interactive graphics');
    expect(packages).toContain('"tidy" data tools and dplyr');
  });

  it('fails under --strict, since the file is not clean CSV', async () => {
    const result = await run(['score', FILE, '--strict', '-q']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('nps: warning: --strict: 24 quotes were read leniently');
  });
});

/** The column names of a list as printed: the CSV header, or the keys of the first JSON object. */
function columnsOf(format: string, stdout: string): string[] {
  const firstLine = stdout.split('\n')[0] ?? '';
  if (format === 'csv') return firstLine.split(',');
  const first = format === 'json' ? (JSON.parse(stdout) as Row[])[0] : (JSON.parse(firstLine) as Row);
  return Object.keys(first ?? {});
}

describe('repeated and empty headers', () => {
  // email,score,Which features do you use?,comment,Which features do you use?,(empty),"Comment "
  const NAMES = ['email', 'score', 'Which features do you use?', 'comment', 'Which features do you use?_2', 'column_6', 'Comment_2'];

  it.each(['csv', 'json', 'ndjson'])('keeps every column in the %s lists, renamed _2 and column_N', async (format) => {
    const result = await run(['segment', 'fixtures/repeated-headers.csv', '--window', 'all', '-c', 'promoters', '-f', format, '-q']);
    expect(result.code).toBe(0);
    expect(columnsOf(format, result.stdout).slice(0, 7)).toEqual(NAMES);
    expect(result.stdout).toContain('Dashboards');
    expect(result.stdout).toContain('extra note one');
  });

  it('lets --by name the renamed column', async () => {
    const result = await run(['score', 'fixtures/repeated-headers.csv', '--by', 'Which features do you use?_2', '--json', '-q']);
    expect(result.code).toBe(0);
    const groups = (json(result.stdout)['groups'] as Array<{ key: Row }>).map((group) => group.key['Which features do you use?_2']);
    expect(groups.sort()).toEqual(['', 'Alerts', 'Dashboards']);
  });
});

describe('comments that say "no answer"', () => {
  // Promoters 1-5, 9, 10: NA, N/A, null, -, "Great support team", "  na  ", "Love the price"; detractors 6 (NA), 7.
  it('are no comment to themes', async () => {
    const result = await run(['themes', 'fixtures/na-comments.csv', '--json', '-q']);
    expect(json(result.stdout)['comments']).toEqual({ promoters: 2, passives: 0, detractors: 1 });
  });

  it('make no testimonial candidate', async () => {
    const result = await run(['segment', 'fixtures/na-comments.csv', '--window', 'all', '-c', 'promoters', '-f', 'json', '-q']);
    const rows = JSON.parse(result.stdout) as Row[];
    const candidates = rows.filter((row) => row['testimonial_candidate'] === 'yes').map((row) => row['id']);
    // "NA", "N/A", "null", "-", "  na  " say nothing: none is a candidate, whatever the others are.
    for (const id of ['1', '2', '3', '4', '9']) expect(candidates).not.toContain(id);
    expect(rows.map((row) => row['id'])).toEqual(expect.arrayContaining(['1', '2', '3', '4', '9']));
  });
});

describe('two columns named for recommending, one of them empty in the first rows', () => {
  // An instructor-training export: "Recommend" (Agree/Disagree, blank in its first hundreds of rows) beside the 0-10 "LikelyToRecommend".
  it('scores the one whose answers read as 0-10 scores', async () => {
    const result = await run(['score', 'fixtures/empty-recommend-column.csv', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('scoring column "LikelyToRecommend"');
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 6, responses: 5, blank: 1, promoters: 2, passives: 2, detractors: 1, nps: 20 });
  });
});

describe('respondent columns', () => {
  it('finds user_id with 19-digit ids, so that --dedupe works, keeping every digit', async () => {
    const result = await run(['segment', 'fixtures/user-id-repeats.csv', '--window', 'all', '--dedupe', 'latest', '-c', 'promoters', '-f', 'json', '-q']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Row[]).map((row) => row['user_id'])).toEqual(['1234567890123456789']);
  });

  it('takes --respondent-column', async () => {
    const result = await run(['score', 'fixtures/sample.csv', '--respondent-column', 'plan', '--dedupe', 'first', '--json', '-q']);
    expect(json(result.stdout)).toMatchObject({ responses: 3, duplicates: 7 });
  });
});

describe('the legacy Qualtrics layout', () => {
  it('reads V1…V10 with a second header row of labels as a Qualtrics export, not as a response', async () => {
    const result = await run(['score', 'fixtures/qualtrics-legacy.csv', '--json']);
    expect(json(result.stdout)).toMatchObject({ rows: 4, responses: 3, partial: 1, promoters: 1, passives: 1, detractors: 1 });
    expect(result.stderr).toContain('nps: fixtures/qualtrics-legacy.csv: Qualtrics export, scoring column "Q1", dated by "EndDate"');
  });
});

describe('a Windows-1252 file with bytes undefined in it', () => {
  it('counts them in a warning, as for invalid UTF-8, and shows them as \uFFFD in the lists, never as control characters', async () => {
    const result = await run(['score', 'fixtures/windows-1252-undefined.csv', '-q']);
    expect(result.stderr).toContain(
      'nps: warning: fixtures/windows-1252-undefined.csv: 2 bytes are not defined in Windows-1252 (such as 0x90) and show as \uFFFD',
    );
    const lists = await run(['segment', 'fixtures/windows-1252-undefined.csv', '--window', 'all', '--json', '-q']);
    expect(lists.stdout).toContain('\uFFFD');
    expect(lists.stdout).not.toMatch(/[\u0081\u008d\u008f\u0090\u009d]/);
  });
});

describe('no date column', () => {
  it('segment says what it did instead of "newest first"', async () => {
    const result = await run(['segment', 'fixtures/na-comments.csv', '--window', 'all', '-c', 'promoters']);
    expect(result.stderr).toContain('nps: wrote 7 promoters to standard output (in input order: no date column)');
    expect(result.stderr).not.toContain('no readable date');
    const detractors = await run(['segment', 'fixtures/na-comments.csv', '--window', 'all', '-c', 'detractors']);
    expect(detractors.stderr).toContain('(lowest score first; no date column, so no respond_by)');
  });
});

describe('nps columns on a file it cannot score', () => {
  it('lists every column with a guess at its role and exits 0, saying how to choose', async () => {
    const result = await run(['columns', 'fixtures/two-nps-questions.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No score column was chosen: 2 columns ask the NPS question: 3, 4.');
    expect(result.stdout).toContain('nps score fixtures/two-nps-questions.csv --score-column 3');
    expect(result.stdout).toMatch(/^ 4 {2}Support NPS +0-10 scores, maybe the score +"3", "9"$/m);
    expect(result.stdout).toContain('  4 "Support NPS" (85 points): named NPS; 100% of its answers are 0-10 scores');
    const none = await run(['columns', 'fixtures/no-score-column.csv', '--json']);
    expect(none.code).toBe(0);
    const [report] = JSON.parse(none.stdout) as Array<{ columns: { score: unknown }; scoreProblem: string; all: Array<{ role: string }> }>;
    expect(report?.columns.score).toBeNull();
    expect(report?.scoreProblem).toContain('no column is named as the NPS question');
    expect(report?.all.map((column) => column.role)).toEqual(['emails', '0-10 scores', 'short text']);
  });
});
