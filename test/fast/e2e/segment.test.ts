import { parse } from 'csv-parse/sync';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, run, tempDir } from '../../helpers.js';

const LISTS = ['detractors.csv', 'passives.csv', 'promoters.csv'];
/** What --out writes: the three lists and what passives and detractors ask for. */
const WRITTEN = [...LISTS, 'suggestions.csv'];

async function readCsv(path: string): Promise<string[][]> {
  return parse(await readFile(path), { bom: true }) as string[][];
}

describe('nps segment --out', () => {
  it('puts every scored row in exactly one list, with its original columns and what to do next', async () => {
    const out = await tempDir();
    const result = await run(['segment', 'fixtures/sample.csv', '--window', 'all', '--out', out]);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(WRITTEN);

    const input = await readCsv(fixture('sample.csv'));
    const [inputHeader = [], ...inputRows] = input;
    const scored = inputRows.filter((row) => row[4] !== '' && row[4] !== '11');
    const written: string[][] = [];
    for (const list of LISTS) {
      const [header, ...rows] = await readCsv(join(out, list));
      expect(header).toEqual([...inputHeader, 'nps_category', 'follow_up', 'respond_by', 'status', 'testimonial_candidate', 'themes', 'message']);
      written.push(...rows);
    }
    expect(written).toHaveLength(scored.length);
    const originals = written.map((row) => row.slice(0, inputHeader.length));
    expect(originals.sort()).toEqual(scored.sort());
  });

  it('tells each group what to do next', async () => {
    const out = await tempDir();
    await run(['segment', 'fixtures/sample.csv', '--window', 'all', '--out', out]);
    const followUp = async (list: string): Promise<Set<string>> =>
      new Set((await readCsv(join(out, list))).slice(1).map((row) => `${row[6]}: ${row[7]}`));
    expect(await followUp('promoters.csv')).toEqual(new Set(['promoters: Ask for a referral or a public review']));
    expect(await followUp('passives.csv')).toEqual(
      new Set(['passives: Ask: "What would we need to do to earn a 9 or 10 from you next time?"']),
    );
    expect(await followUp('detractors.csv')).toEqual(new Set(['detractors: Escalate and reply personally within 24 hours']));
  });

  it('lists detractors overdue first, then by urgency: lowest score, then newest; undated last', async () => {
    const out = await tempDir();
    // On 2026-02-10 the answers of 5 and 20 January are overdue, 10 February is due 11 February, 1 March is in the future.
    const result = await run(['segment', 'fixtures/dated-detractors.csv', '--window', 'all', '--out', out, '--today', '2026-02-10']);
    expect(result.code).toBe(0);
    const rows = (await readCsv(join(out, 'detractors.csv'))).slice(1).map((row) => [row[0], row[7]]);
    expect(rows).toEqual([
      ['old-zero@example.com', 'overdue by 35 days'],
      ['three@example.com', 'overdue by 20 days'],
      ['new-zero@example.com', 'new'],
      ['six@example.com', 'new'],
      ['undated-three@example.com', ''],
    ]);
    expect(result.stderr).toContain('nps: detractors: 2 overdue, 0 due today (today is 2026-02-10; --today sets it)');
    expect(result.stderr).toContain('nps: warning: 1 detractor with no readable date comes after the dated ones and has no respond_by');
  });

  it('says what it wrote, one line per file, and accounts for every row', async () => {
    const out = await tempDir();
    const result = await run(['segment', 'fixtures/sample.csv', '--window', 'all', '--out', join(out, 'lists')]);
    expect(result.stderr.split('\n').slice(-6)).toEqual([
      `nps: wrote 5 promoters to ${join(out, 'lists', 'promoters.csv')} (newest first)`,
      `nps: wrote 2 passives to ${join(out, 'lists', 'passives.csv')}`,
      `nps: wrote 3 detractors to ${join(out, 'lists', 'detractors.csv')} (longest overdue first, then due today, then new)`,
      `nps: wrote 0 suggestions of passives and detractors to ${join(out, 'lists', 'suggestions.csv')}`,
      'nps: 12 rows read = 10 scored + 1 blank + 1 rejected',
      '',
    ]);
  });

  it('never overwrites an existing list without --force, and leaves no temporary files', async () => {
    const out = await tempDir();
    await writeFile(join(out, 'passives.csv'), 'keep me\n');
    const refused = await run(['segment', 'fixtures/sample.csv', '--window', 'all', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`nps: error: ${join(out, 'passives.csv')} already exists; use --force to replace it`);
    expect(await readFile(join(out, 'passives.csv'), 'utf8')).toBe('keep me\n');
    expect(await readdir(out)).toEqual(['passives.csv']);

    const forced = await run(['segment', 'fixtures/sample.csv', '--window', 'all', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(WRITTEN);
    expect(await readFile(join(out, 'passives.csv'), 'utf8')).toContain('cai@example.com');
  });

  it('writes nothing when --strict fails, and leaves no half-written file after bad CSV', async () => {
    const strict = await tempDir();
    const result = await run(['segment', 'fixtures/messy-scores.csv', '--window', 'all', '--out', strict, '--strict']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('nps: warning: no files were written');
    expect(await readdir(strict)).toEqual([]);

    // Dates that could be month or day first stop the run after the lists were begun.
    const broken = await tempDir();
    const failed = await run(['segment', 'fixtures/surveymonkey.csv', '--window', 'all', '--out', broken]);
    expect(failed.code).toBe(2);
    expect(await readdir(broken)).toEqual([]);
  });

  it('combines files whose columns differ, losing none', async () => {
    const out = await tempDir();
    const result = await run(['segment', 'fixtures/bom.csv', '--window', 'all', 'fixtures/tab.tsv', '--out', out, '-q']);
    expect(result.code).toBe(0);
    const promoters = await readCsv(join(out, 'promoters.csv'));
    expect(promoters[0]?.slice(0, 7)).toEqual(['Score', 'Comment', 'id', 'score', 'comment', 'nps_category', 'follow_up']);
    expect(promoters.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['10', 'great', '', '', ''],
      ['9', 'good', '', '', ''],
      ['', '', '1', '10', 'fast, reliable'],
    ]);
  });

  it('keeps respondent ids exactly as written', async () => {
    const out = await tempDir();
    await run(['segment', 'fixtures/long-ids.csv', '--window', 'all', '--out', out, '-q']);
    const ids = (await readCsv(join(out, 'detractors.csv'))).slice(1).map((row) => row[0]);
    expect(ids).toEqual(['1234567890123456789', '9007199254740993']);
    expect((await readCsv(join(out, 'promoters.csv')))[1]?.[0]).toBe('0012345');
  });
});

describe('nps segment --excel', () => {
  it('writes lists Excel on Windows opens right: a UTF-8 byte order mark and CRLF line ends', async () => {
    const out = await tempDir();
    const result = await run(['segment', 'fixtures/accents-utf8.csv', '--window', 'all', '--out', out, '--excel', '-q']);
    expect(result.code).toBe(0);
    const bytes = await readFile(join(out, 'promoters.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    const printed = await run(['segment', 'fixtures/accents-utf8.csv', '--window', 'all', '-c', 'promoters', '--excel', '-q']);
    expect(printed.stdout.startsWith('\uFEFF')).toBe(true);
    expect((await run(['segment', 'fixtures/sample.csv', '--window', 'all', '-c', 'promoters', '-f', 'json', '--excel'])).code).toBe(2);
  });
});

describe('nps segment --category', () => {
  it('prints one list as CSV by default', async () => {
    const result = await run(['segment', 'fixtures/sample.csv', '--window', 'all', '--category', 'passives']);
    expect(result.code).toBe(0);
    const ask = 'Ask: "What would we need to do to earn a 9 or 10 from you next time?"';
    const message = 'Thank you for your feedback. What would we need to do to earn a 9 or 10 from you next time?';
    expect(parse(result.stdout)).toEqual([
      ['respondent_id', 'email', 'date', 'plan', 'score', 'comment', 'nps_category', 'follow_up', 'respond_by', 'status', 'testimonial_candidate', 'themes', 'message'],
      ['1003', 'cai@example.com', '2026-10-02', 'pro', '8', '', 'passives', ask, '', '', '', '', message],
      ['1004', 'dee@example.com', '2026-10-02', 'team', '7', 'Good, but the export is slow', 'passives', ask, '', '', '', 'speed and performance', message],
    ]);
    expect(result.stderr).toContain('nps: wrote 2 passives to standard output');
  });

  it('prints JSON and NDJSON with ids as strings and comments intact', async () => {
    const json = await run(['segment', 'fixtures/multiline-comments.csv', '--window', 'all', '-c', 'detractors', '-f', 'json', '-q', '--today', '2026-09-05']);
    const rows = JSON.parse(json.stdout) as Array<Record<string, string>>;
    // Both overdue on 5 September: the longest overdue first.
    expect(rows.map((row) => row['customer id'])).toEqual(['C-2', 'C-4']);
    expect(rows[0]?.['comment']).toBe('Line one\nline two, with a comma\nline three');

    const ndjson = await run(['segment', 'fixtures/long-ids.csv', '--window', 'all', '-c', 'detractors', '-f', 'ndjson', '-q']);
    const lines = ndjson.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines.map((row) => row['respondent id'])).toEqual(['1234567890123456789', '9007199254740993']);
  });

  it('prints an empty JSON array for an empty group', async () => {
    const result = await run(['segment', 'fixtures/header-only.csv', '--window', 'all', '-c', 'promoters', '-f', 'json', '-q']);
    expect(result.stdout).toBe('[]\n');
  });
});

describe('nps segment, where the lists go', () => {
  it.each([
    [['--out', 'x', '--category', 'promoters'], 'use either --out DIR (all three lists) or --category NAME (one list on standard output), not both'],
    [[], 'say where the lists go: --out DIR writes the lists as files, --category NAME prints one list, --json prints all three'],
    [['--out', '-'], '--out takes a folder; to print one list on standard output use --category NAME'],
    [['--out', 'x', '--format', 'json'], '--format applies to --category; files written with --out are always CSV'],
  ])('refuses %j', async (args, message) => {
    const cwd = await tempDir();
    const result = await run(['segment', fixture('sample.csv'), '--window', 'all', ...args], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`nps: error: ${message}\n`);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('refuses an --out that is a file', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'sub'));
    await writeFile(join(cwd, 'sub', 'lists'), 'a file');
    const result = await run(['segment', fixture('sample.csv'), '--window', 'all', '--out', 'sub/lists'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nps: error: --out sub/lists is a file, not a folder\n');
  });
});

describe('nps segment --json', () => {
  it('prints all three lists as one object, the most urgent first, every scored row in one list', async () => {
    const result = await run(['segment', 'fixtures/followup-survey.csv', '--window', 'all', '--json', '-q', '--today', '2026-11-20']);
    expect(result.code, result.stderr).toBe(0);
    const lists = JSON.parse(result.stdout) as Record<string, Array<Record<string, string>>>;
    expect(Object.keys(lists)).toEqual(['detractors', 'passives', 'promoters']);
    const score = JSON.parse((await run(['score', 'fixtures/followup-survey.csv', '--json', '-q'])).stdout) as Record<string, number>;
    expect(lists['detractors']).toHaveLength(score['detractors'] ?? -1);
    expect(lists['passives']).toHaveLength(score['passives'] ?? -1);
    expect(lists['promoters']).toHaveLength(score['promoters'] ?? -1);
    expect(lists['detractors']?.every((row) => row['nps_category'] === 'detractors')).toBe(true);
  });

  it('prints one list as a JSON array with --category, as --format json does', async () => {
    const asJson = await run(['segment', 'fixtures/followup-survey.csv', '--window', 'all', '-c', 'passives', '--json', '-q', '--today', '2026-11-20']);
    const asFormat = await run(['segment', 'fixtures/followup-survey.csv', '--window', 'all', '-c', 'passives', '-f', 'json', '-q', '--today', '2026-11-20']);
    expect(asJson.code).toBe(0);
    expect(asJson.stdout).toBe(asFormat.stdout);
    expect(Array.isArray(JSON.parse(asJson.stdout))).toBe(true);
  });
});

describe('each command takes only the options it honours', () => {
  it.each([['--since', '30d'], ['--dedupe', 'latest'], ['--strict'], ['--exclude', 'x.csv']])('nps columns refuses %s', async (...option) => {
    const result = await run(['columns', 'fixtures/sample.csv', ...option]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`unknown option '${option[0]}'`);
  });

  it('refuses an option of another command, and names the one meant', async () => {
    const result = await run(['score', 'fixtures/sample.csv', '--sla', '4h']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--sla'");
  });
});

describe('a Monday list: the answers of the last two weeks', () => {
  // fixtures/followup-survey.csv: answers from 1 to 6 November 2026, four of them from detractors (R1 to R4, 1 to 4 November).
  const SURVEY = 'fixtures/followup-survey.csv';
  const listed = (stdout: string): string[] => (JSON.parse(stdout) as Array<Record<string, string>>).map((row) => row['Response ID'] ?? '');

  it('lists the last 14 days by default, and says how many older answers it left out', async () => {
    const result = await run(['segment', SURVEY, '-c', 'detractors', '--json', '--today', '2026-11-16']);
    expect(listed(result.stdout)).toEqual(['R2', 'R4']);
    expect(result.stderr).toContain(
      'nps: the lists hold the answers of the last 14 days, since 2026-11-03: 4 older answers are not listed, 2 of them from detractors (--window all lists every one)',
    );
  });

  it('reaches as far back as --window says, or lists every answer with --window all', async () => {
    expect(listed((await run(['segment', SURVEY, '-c', 'detractors', '--json', '-q', '--today', '2026-11-06', '--window', '3d'])).stdout)).toEqual(['R4']);
    expect(listed((await run(['segment', SURVEY, '-c', 'detractors', '--json', '-q', '--today', '2026-11-30', '--window', 'all'])).stdout)).toHaveLength(4);
  });

  it('leaves the window to --since, --until and --sample when they choose the rows', async () => {
    const since = await run(['segment', SURVEY, '-c', 'detractors', '--json', '--today', '2026-11-30', '--since', '2026-11-02']);
    expect(listed(since.stdout)).toEqual(['R1', 'R2', 'R4']);
    expect(since.stderr).not.toContain('the lists hold');
    const sample = await run(['segment', SURVEY, '-c', 'detractors', '--json', '-q', '--today', '2026-11-30', '--sample', '9']);
    expect(listed(sample.stdout)).toHaveLength(4);
  });

  it('lists undated answers, whose age it cannot tell', async () => {
    const result = await run(['segment', 'fixtures/dated-detractors.csv', '-c', 'detractors', '--json', '-q', '--today', '2026-12-30']);
    expect((JSON.parse(result.stdout) as Array<Record<string, string>>).map((row) => row['email'])).toEqual(['undated-three@example.com']);
  });

  it.each(['0', 'soon', '-3', '2w'])('refuses --window %s', async (value) => {
    const result = await run(['segment', SURVEY, '-c', 'detractors', '--window', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`nps: error: --window takes a number of days such as 14 or 30d, or all, not "${value}"`);
  });
});
