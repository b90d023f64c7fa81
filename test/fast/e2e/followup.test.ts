import { parse } from 'csv-parse/sync';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

/**
 * fixtures/followup-survey.csv (R1..R9) joined to fixtures/followup-customers.csv on email.
 * Detractors: R3 0 (Gamma, 8,000), R1 3 (Acme, $120,000), R4 3 (Delta, 90,000), R2 3 (Beta, 24,000).
 * Passives: R5 7 (Epsilon, 1,200), R6 8 (Phi, 30,000). Promoters: R7 10 (11-03), R8 9 (11-06, no customer), R9 10 (11-01, no customer).
 */
const SURVEY = 'fixtures/followup-survey.csv';
const JOINED = ['--customers', 'fixtures/followup-customers.csv', '--join-on', 'email'];

type Row = Record<string, string>;
async function lists(...args: string[]): Promise<{ code: number; stderr: string; rows: Record<string, Row[]> }> {
  const out = await tempDir();
  const result = await run(['segment', SURVEY, ...JOINED, '--out', out, ...args]);
  const rows: Record<string, Row[]> = {};
  if (result.code === 0) {
    for (const list of ['promoters', 'passives', 'detractors']) {
      rows[list] = parse(await readFile(join(out, `${list}.csv`)), { columns: true }) as Row[];
    }
  }
  return { code: result.code, stderr: result.stderr, rows };
}

describe('follow-up lists joined to a customer export', () => {
  it('orders detractors by score, then revenue, then recency, each with a reply deadline', async () => {
    const { rows } = await lists('--value-column', 'ARR');
    expect(rows['detractors']?.map((row) => [row['Response ID'], row['Company'], row['respond_by']])).toEqual([
      ['R3', 'Gamma', '2026-11-02 08:00 UTC'],
      ['R1', 'Acme', '2026-11-03 09:00 UTC'],
      ['R4', 'Delta', '2026-11-05 12:00 UTC'],
      ['R2', 'Beta', '2026-11-04 10:00 UTC'],
    ]);
  });

  it('without a value column, equal scores come newest first', async () => {
    const { rows } = await lists();
    expect(rows['detractors']?.map((row) => row['Response ID'])).toEqual(['R3', 'R4', 'R2', 'R1']);
  });

  it('lists promoters newest first; "Love it" and "Great" are too vague to quote as testimonials', async () => {
    const { rows } = await lists();
    expect(rows['promoters']?.map((row) => [row['Response ID'], row['testimonial_candidate']])).toEqual([
      ['R8', 'no'],
      ['R7', 'no'],
      ['R9', 'no'],
    ]);
  });

  it('reports the revenue at risk, unmatched responses and repeated customers', async () => {
    const { stderr } = await lists('--value-column', 'ARR');
    // Each customer's ARR once (joined on email, each respondent is a customer of their own here).
    expect(stderr).toContain('nps: revenue at risk (ARR, each customer once, by "Email"): 242,000 with detractors (4 accounts), 31,200 with passives (2), of 281,200 that answered');
    expect(stderr).toContain('nps: warning: 2 responses matched no customer in fixtures/followup-customers.csv; their customer columns are empty');
    expect(stderr).toContain(
      'nps: warning: 1 customer row in fixtures/followup-customers.csv repeats a value of "Email" seen before; the first row with each value was used',
    );
  });

  it('joins emails whatever their case, and takes survey_column=customer_column', async () => {
    const result = await run(['segment', SURVEY, '--customers', 'fixtures/followup-customers.csv', '--join-on', 'Email=email', '-c', 'detractors', '-f', 'json', '-q']);
    const rows = JSON.parse(result.stdout) as Row[];
    expect(rows.find((row) => row['Response ID'] === 'R1')).toMatchObject({ Email: 'Ann@Acme.example', Company: 'Acme', 'Account Owner': 'Dana' });
  });

  it('fills a ready-to-send message from the default template', async () => {
    const { rows } = await lists();
    expect(rows['detractors']?.[0]?.['message']).toBe(
      "I'm sorry we let you down, Cy. I'd like to understand what went wrong and put it right: could we talk this week?",
    );
    expect(rows['promoters']?.[1]?.['message']).toBe(
      'Thank you for the 10, Gus! Would you share your experience in a short review, or introduce us to a colleague who could use it?',
    );
  });

  it('fills templates from a file, with customer columns', async () => {
    const { rows } = await lists('--templates', 'fixtures/followup-templates.json');
    expect(rows['detractors']?.[0]?.['message']).toBe('Hi Cy, this is Dana, who looks after Gamma. I read your 0: could we talk today?');
    expect(rows['promoters']?.[0]?.['message']).toBe('Thanks Hal! Would you leave us a review?');
    // Passives keep the default.
    expect(rows['passives']?.[0]?.['message']).toContain('What would we need to do to earn a 9 or 10');
  });

  it('follows --sla in respond_by and in the follow-up', async () => {
    const { rows } = await lists('--sla', '2d');
    expect(rows['detractors']?.[0]).toMatchObject({ respond_by: '2026-11-03 08:00 UTC', follow_up: 'Escalate and reply personally within 2 days' });
  });
});

describe('choosing whom to contact', () => {
  it('leaves out respondents already followed up', async () => {
    const { rows, stderr } = await lists('--exclude', 'fixtures/followup-exclude.csv');
    expect(rows['detractors']?.map((row) => row['Response ID'])).toEqual(['R3', 'R4', 'R1']);
    expect(stderr).toContain('nps: 1 response left out by --exclude');
    expect(stderr).toContain('nps: 9 rows read = 8 scored + 0 blank + 0 rejected + 1 excluded');
  });

  it('keeps a date range, both ends included', async () => {
    const { rows, stderr } = await lists('--since', '2026-11-02', '--until', '2026-11-04');
    expect(Object.fromEntries(Object.entries(rows).map(([list, listed]) => [list, listed.map((row) => row['Response ID'])]))).toEqual({
      promoters: ['R7'],
      passives: ['R5'],
      detractors: ['R4', 'R2', 'R1'],
    });
    expect(stderr).toContain('nps: 4 responses left out by --since/--until');
  });

  it('draws the same random sample for the same seed', async () => {
    const first = await lists('--sample', '1', '--seed', '7');
    const again = await lists('--sample', '1', '--seed', '7');
    expect(first.rows).toEqual(again.rows);
    expect(Object.values(first.rows).map((listed) => listed.length)).toEqual([1, 1, 1]);
    expect(first.stderr).toContain('nps: wrote 1 promoter of 3 (a sample, seed 7)');
    const other = await Promise.all([1, 2, 3, 4, 5].map((seed) => lists('--sample', '1', '--seed', String(seed))));
    const picks = new Set(other.map((run) => run.rows['detractors']?.[0]?.['Response ID']));
    expect(picks.size).toBeGreaterThan(1);
  });
});

describe('files that are safe to open', () => {
  const formula = '=HYPERLINK("http://x","click")';

  it('neutralises a formula in CSV for spreadsheets, and leaves JSON untouched', async () => {
    const { rows } = await lists();
    expect(rows['passives']?.[0]?.['Comment']).toBe(`'${formula}`);
    const json = await run(['segment', SURVEY, '-c', 'passives', '-f', 'json', '-q']);
    expect((JSON.parse(json.stdout) as Row[])[0]?.['Comment']).toBe(formula);
    const ndjson = await run(['segment', SURVEY, '-c', 'passives', '-f', 'ndjson', '-q']);
    expect((JSON.parse(ndjson.stdout.split('\n')[0] ?? '') as Row)['Comment']).toBe(formula);
  });

  it('writes the bytes as they were with --raw', async () => {
    const result = await run(['segment', SURVEY, '-c', 'passives', '--raw', '-q']);
    expect((parse(result.stdout, { columns: true }) as Row[])[0]?.['Comment']).toBe(formula);
  });
});

describe('mistakes get a clear message', () => {
  it.each([
    [['--templates', 'bad.json'], '{"detractors": 5}', '--templates bad.json: detractors: must be text'],
    [['--templates', 'bad.json'], '{"detractor": "Hi"}', '--templates bad.json: the file: Unrecognized key: "detractor" (detractor): only promoters, passives and detractors are allowed'],
    [['--templates', 'bad.json'], '{"passives": "Hi {nickname}"}', 'the passives message template uses {nickname}, and no column is called that'],
    [['--templates', 'bad.json'], 'not json', '--templates bad.json: not valid JSON'],
  ])('%j with %s', async (args, content, message) => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.json'), content);
    const result = await run(['segment', join(process.cwd(), SURVEY), '-c', 'passives', ...args], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`nps: error: ${message}`);
  });

  it.each([
    [['--customers', 'fixtures/followup-customers.csv'], '--customers and --join-on go together'],
    [['--sla', 'soon'], '--sla takes hours or days up to 100 years, such as 24h or 2d, not "soon"'],
    [['--value-column', 'MRR'], 'fixtures/followup-survey.csv: no column named "MRR" for --value-column'],
    [['--since', 'yesterday'], '--since takes a date such as 2026-10-31 or a number of days back such as 30d, not "yesterday"'],
  ])('%j', async (args, message) => {
    const result = await run(['segment', SURVEY, '-c', 'passives', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`nps: error: ${message}`);
  });
});
