import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';
import { part, SHEET_START, sheetPart, workbookOf } from '../../workbooks.js';

/**
 * Exports as real ones are laid out, each in a fixture written by fixtures/make-traits.py
 * (or make-excel.py), which also prints the counts each must give, computed apart from nps:
 * read with no flags, each gives those counts, and says why it chose what it chose when
 * the choice was not obvious.
 */
interface Score {
  responses: number;
  nps: number;
  rows: number;
  blank: number;
  rejected: number;
  excluded: number;
}
const score = async (args: string[]): Promise<{ code: number; json: Score | undefined; stderr: string }> => {
  const result = await run(['score', ...args, '--json']);
  return { code: result.code, json: result.code === 0 ? (JSON.parse(result.stdout) as Score) : undefined, stderr: result.stderr };
};

describe('the score column, by what it holds', () => {
  it.each([
    // [fixture, scored, NPS, the stderr line's column and reason]
    ['trait-nps-in-name.csv', 60, 23.3333, 'scoring column "q7_nps", dated by "yyyymm" (year-months)'],
    ['trait-avaliacao.csv', 74, 33.7838, 'scoring column "avaliacao" (chosen by content: the only column of 0-10 answers with a name like a score)'],
    ['trait-pregunta-respuesta.csv', 50, 24, 'scoring column "Respuesta" (chosen by content'],
    ['trait-answers-only.txt', 40, 27.5, 'scoring column "column_1" (chosen by content: the only column of 0-10 answers spread as recommend answers are)'],
    ['trait-label-beside-score.csv', 45, 22.2222, 'scoring column "PuntuacionNPS"'],
    ['trait-remarque.csv', 50, 22, 'scoring column "note" (chosen by content'],
    ['trait-signup-answered.csv', 45, 2.2222, 'scoring column "score", dated by "answered_at"'],
    ['trait-serial-dates.csv', 40, 10, 'dated by "Data" (Excel serial days)'],
  ])('%s: %i scored, NPS %d', async (file, scored, nps, said) => {
    const { code, json, stderr } = await score([`fixtures/${file}`]);
    expect(code, stderr).toBe(0);
    expect(json?.responses).toBe(scored);
    expect(json?.nps).toBeCloseTo(nps, 3);
    expect(stderr).toContain(said);
  });

  it('takes the latest of two waves, naming the other and how to choose it', async () => {
    const latest = await score(['fixtures/trait-two-waves.csv']);
    expect(latest.json).toMatchObject({ responses: 40 });
    expect(latest.json?.nps).toBeCloseTo(27.5, 3);
    expect(latest.stderr).toContain('scoring column "NPS_2024" (the latest of 2 waves of the question; the others: "NPS_2023" (--score-column 2))');
    const earlier = await score(['fixtures/trait-two-waves.csv', '--score-column', '2']);
    expect(earlier.json?.nps).toBeCloseTo(43.3333, 3);
  });

  it('never lets a column of NPS group labels win over the scores, and stops when every answer is rejected', async () => {
    const labels = await run(['score', 'fixtures/trait-label-beside-score.csv', '--score-column', 'NPS']);
    expect(labels.code).toBe(2);
    expect(labels.stdout).toBe('');
    expect(labels.stderr).toContain(
      'nps: error: fixtures/trait-label-beside-score.csv: every answer in the score column "NPS" was rejected (45 rows): it holds no 0-10 score; ' +
        'column 3, "PuntuacionNPS", holds 0-10 answers: --score-column 3',
    );
    const only = await run(['segment', 'fixtures/trait-labels-only.csv', '--window', 'all', '--json']);
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('every answer in the score column "NPS" was rejected (45 rows)');
  });

  it('names the likeliest column by its content, not the first numeric one, when it cannot choose', async () => {
    const result = await run(['score', 'fixtures/no-score-column.csv']);
    expect(result.stderr).toContain('The likeliest by its content is column 2, "satisfaction": --score-column 2');
  });
});

describe('--where, and files of one row per answer', () => {
  it('says a file has one row per answer, and how to score it', async () => {
    const result = await run(['score', 'fixtures/trait-long-layout.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'the file has one row per answer: column 2, "question", names the question, and column 3, "answer", holds every answer; ' +
        'the answers to "NPS" are 0-10 scores: --where question=NPS --score-column answer',
    );
  });

  it('scores it with --where, counting the other rows as excluded', async () => {
    const { json, stderr } = await score(['fixtures/trait-long-layout.csv', '--where', 'question=NPS', '--score-column', 'answer']);
    expect(json).toMatchObject({ rows: 120, responses: 40, excluded: 80, rejected: 0 });
    expect(json?.nps).toBeCloseTo(25, 3);
    expect(stderr).toContain('nps: 80 rows left out by --where');
  });

  it('filters every reading command the same way, with = and !=', async () => {
    const pro = await score(['fixtures/plans-monthly.csv', '--where', 'plan=pro']);
    const notPro = await score(['fixtures/plans-monthly.csv', '--where', 'plan!=pro']);
    const all = await score(['fixtures/plans-monthly.csv']);
    expect((pro.json?.responses ?? 0) + (notPro.json?.responses ?? 0)).toBe(all.json?.responses);
    expect(pro.json?.excluded).toBe(notPro.json?.responses);
    const lists = await run(['segment', 'fixtures/plans-monthly.csv', '--window', 'all', '--where', 'plan=pro', '--json', '-q']);
    const rows = Object.values(JSON.parse(lists.stdout) as Record<string, Array<Record<string, string>>>).flat();
    expect(rows.length).toBe(pro.json?.responses);
    expect(rows.every((row) => row['plan'] === 'pro')).toBe(true);
    for (const command of [['themes'], ['drivers'], ['compare', '--by', 'plan'], ['columns']]) {
      const result = await run([command[0] ?? '', 'fixtures/plans-monthly.csv', ...command.slice(1), '--where', 'plan=nope', '-q'].filter((word) => !(command[0] === 'columns' && word === '-q')));
      expect(result.stderr, command.join(' ')).not.toContain("unknown option '--where'");
    }
  });

  it('refuses a --where that is not COLUMN=VALUE, or names no column', async () => {
    expect((await run(['score', 'fixtures/sample.csv', '--where', 'plan'])).stderr).toContain('--where takes COLUMN=VALUE or COLUMN!=VALUE');
    expect((await run(['score', 'fixtures/sample.csv', '--where', 'nope=1'])).stderr).toContain('no column named "nope" for --where');
  });
});

describe('workbooks laid out for people', () => {
  it('reads the sheet that holds the responses, under its title, as its CSV twin', async () => {
    const workbook = await score(['fixtures/excel-dashboard.xlsx']);
    const twin = await score(['fixtures/excel-dashboard-data.csv']);
    expect(workbook.json).toEqual(twin.json);
    expect(workbook.json).toMatchObject({ responses: 8, nps: 25, rows: 8, rejected: 0 });
    expect(workbook.stderr).toContain('sheet "Data" (sheet 2 of 2, the first holding responses: "Dashboard" holds none; --sheet chooses): scoring column "Puntuación NPS"');
    const chosen = await score(['fixtures/excel-dashboard.xlsx', '--sheet', '2', '--score-column', '3']);
    expect(chosen.json).toEqual(workbook.json);
  });

  it('says what the first sheet lacks when no sheet holds responses, not that a later one is empty', async () => {
    const dir = await tempDir();
    const path = join(dir, 'no-scores.xlsx');
    const data = sheetPart([['name', 'comment'], ['Ana', 'fine'], ['Bo', 'slow']]);
    const empty = part('xl/worksheets/sheet2.xml', `${SHEET_START}<sheetData/></worksheet>`);
    await writeFile(path, workbookOf(data, { sheetNames: ['Data', 'Blank'], laterSheets: [empty] }));
    const alone = join(dir, 'alone.xlsx');
    await writeFile(alone, workbookOf(data, { sheetNames: ['Data'] }));
    const result = await run(['score', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('the sheet is empty');
    expect(result.stderr).toContain('"Data"');
    // The same message as the sheet alone gives, but for the name of the file.
    expect(result.stderr.replace(path, 'FILE')).toBe((await run(['score', alone])).stderr.replace(alone, 'FILE'));
  });
});

describe('open questions', () => {
  it('finds comments under a French header', async () => {
    const result = await run(['themes', 'fixtures/trait-remarque.csv', '--json', '-q']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { comments: Record<string, number> };
    expect(Object.values(json.comments).reduce((sum, count) => sum + count, 0)).toBe(50);
  });

  it('reads every open question, and keeps which question each answer answered', async () => {
    const themes = await run(['themes', 'fixtures/trait-three-questions.csv', '--language', 'en', '--json']);
    expect(themes.stderr).toContain('comments in "What could we improve?", other open questions: "What do you like most about us?", "The one thing to improve"');
    const json = JSON.parse(themes.stdout) as { comments: Record<string, number>; questions: Array<{ question: string; comments: Record<string, number> }> };
    expect(json.questions.map((question) => question.question)).toEqual(['What could we improve?', 'What do you like most about us?', 'The one thing to improve']);
    // Every respondent answered all three: 180 answers in all, 60 for each question.
    expect(Object.values(json.comments).reduce((sum, count) => sum + count, 0)).toBe(180);
    for (const question of json.questions) expect(Object.values(question.comments).reduce((sum, count) => sum + count, 0)).toBe(60);
    const lists = await run(['segment', 'fixtures/trait-three-questions.csv', '--window', 'all', '-c', 'detractors', '--language', 'en', '-f', 'json', '-q']);
    const rows = JSON.parse(lists.stdout) as Array<Record<string, string>>;
    expect(rows.some((row) => (row['themes'] ?? '').includes('What do you like most about us?: '))).toBe(true);
    const dir = await tempDir();
    const report = await run(['report', 'fixtures/trait-three-questions.csv', '--language', 'en', '--out', join(dir, 'r.html'), '-q']);
    expect(report.code, report.stderr).toBe(0);
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toContain('<h3>By question</h3>');
  });
});

describe('drivers', () => {
  it('never takes another wave of the NPS question as a driver, and reads satisfaction labels as ratings', async () => {
    const result = await run(['drivers', 'fixtures/trait-drivers.csv', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('drivers: the rating columns "satisfacao_suporte", "ease_of_use", "price"');
    const json = JSON.parse(result.stdout) as { drivers: Array<{ column: string; performance: { scale: { min: number; max: number } } | null }> };
    expect(json.drivers.map((driver) => driver.column).sort()).toEqual(['ease_of_use', 'price', 'satisfacao_suporte']);
    expect(json.drivers.find((driver) => driver.column === 'satisfacao_suporte')?.performance?.scale).toEqual({ min: 1, max: 5 });
  });
});

describe('nps columns', () => {
  it('explains each candidate with its points and evidence, and says why it chose', async () => {
    const result = await run(['columns', 'fixtures/trait-two-waves.csv']);
    expect(result.stdout.replace(/\n {12}/g, ' ')).toContain('(the latest of 2 waves of the question; the others: "NPS_2023" (--score-column 2))');
    expect(result.stdout).toMatch(/ {2}3 "NPS_2024" \(\d+ points\): named NPS/);
    const json = JSON.parse((await run(['columns', 'fixtures/trait-avaliacao.csv', '--json'])).stdout) as Array<{
      scoreReason: string;
      scoreCandidates: Array<{ header: string; points: number; reasons: string[] }>;
      all: Array<{ header: string; content: string }>;
    }>;
    expect(json[0]?.scoreReason).toBe('chosen by content: the only column of 0-10 answers with a name like a score');
    expect(json[0]?.scoreCandidates[0]).toMatchObject({ header: 'avaliacao', reasons: ['named like a score or an answer', expect.stringMatching(/^100% of its answers are 0-10 scores/), 'spread as recommend answers are'] });
    expect(json[0]?.all.map((column) => column.content)).toEqual(['ids', 'dates', '0-10 scores', 'free text']);
  });
});

describe('dates', () => {
  it('refuses a --date-column that holds no date, rather than an empty trend', async () => {
    const result = await run(['score', 'fixtures/trait-avaliacao.csv', '--date-column', 'comentario', '--period', 'month']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--date-column "comentario" holds no date nps can read in its first rows');
  });

  it('reads Excel serial days and year-months as the days they are', async () => {
    const serial = JSON.parse((await run(['score', 'fixtures/trait-serial-dates.csv', '--period', 'month', '--json', '-q'])).stdout) as { periods: Array<{ period: string }> };
    // 45658 is 2025-01-01; 40 answers three days apart run to mid-April.
    expect(serial.periods.map((period) => period.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    const months = JSON.parse((await run(['score', 'fixtures/trait-nps-in-name.csv', '--period', 'month', '--json', '-q'])).stdout) as { periods: Array<{ period: string; responses: number }> };
    expect(months.periods.map((period) => [period.period, period.responses])).toEqual([['2026-01', 15], ['2026-02', 15], ['2026-03', 15], ['2026-04', 15]]);
  });
});
