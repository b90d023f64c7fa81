import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataStartIn } from '../../src/input/parallel.js';
import { fixture, ROOT, run, runBin, tempDir } from '../helpers.js';

/**
 * Reading a file in parallel gives exactly what reading it once gives: the same
 * JSON, the same messages, the same exit code. Each fixture's data rows are
 * repeated until the file is large enough to be cut (the reader reads 64 KiB
 * ahead), and `nps score` reads it with one thread and with two.
 */
const ONE = { NPS_THREADS: '1' };
const TWO = { NPS_THREADS: '2', NPS_PARALLEL_MIN_BYTES: '0' };
const SINGLE_FILE_FORMATS = /\.(csv|tsv|txt)$/;

async function enlarged(name: string, dir: string): Promise<string> {
  const bytes = await readFile(fixture(name));
  const columns = await run(['columns', fixture(name), '--json', '-q', '--score-offset', '0']);
  const headerRows = columns.code === 0 ? ((JSON.parse(columns.stdout) as Array<{ headerRows: number }>)[0]?.headerRows ?? 1) : 1;
  const start = dataStartIn(bytes, bytes.length, headerRows) ?? bytes.length;
  const head = bytes.subarray(0, start);
  let data = bytes.subarray(start);
  if (data.length > 0 && data[data.length - 1] !== 0x0a && data[data.length - 1] !== 0x0d) data = Buffer.concat([data, Buffer.from('\n')]);
  const copies = data.length === 0 ? 0 : Math.ceil(150_000 / data.length);
  const path = join(dir, name);
  await writeFile(path, Buffer.concat([head, ...Array.from({ length: copies }, () => data)]));
  return path;
}

describe('parallel reading', async () => {
  const names = (await readdir(join(ROOT, 'fixtures'))).filter((name) => SINGLE_FILE_FORMATS.test(name)).sort();
  const dir = await tempDir();

  // Groups and periods on the fixtures that have them; every fixture for the rest.
  const WITH_GROUPS = new Set(['plans-monthly.csv', 'report-sample.csv', 'slashed-dates-late.csv', 'repeated-headers.csv', 'google-forms-stray-quotes.csv']);

  it.concurrent.each(names)('%s: score gives the same with two threads as with one', async (name) => {
    const path = await enlarged(name, dir);
    const variants = WITH_GROUPS.has(name) ? [[], ['--by', '2', '--period', 'month', '--date-format', 'm/d/yyyy']] : [[]];
    for (const extra of variants) {
      const args = ['score', path, '--json', '--score-offset', '0', ...extra];
      const one = await run(args, { env: ONE });
      const two = await run(args, { env: TWO });
      expect(two, `${name} ${extra.join(' ')}`).toEqual(one);
    }
  });

  // Comments are read in English here, but for the fixtures in several languages: detecting each comment's
  // language costs a second per thread, and detection is the same however the file is cut.
  const DETECTED = new Set(['themes-mixed.csv', 'themes-fr.csv', 'accents-utf8.csv']);
  const language = (name: string): string[] => (DETECTED.has(name) ? [] : ['--language', 'en']);

  it.concurrent.each(names)('%s: segment, themes and report give the same with two threads as with one', async (name) => {
    const path = await enlarged(name, dir);
    const base = [path, '--score-offset', '0', '--today', '2026-11-30', ...language(name)];
    const runs: Array<[string, string[]]> = [
      ['segment', ['segment', ...base, '--json']],
      ['themes', ['themes', ...base, '--json']],
    ];
    if (WITH_GROUPS.has(name)) runs.push(['segment --sample', ['segment', ...base, '-c', 'promoters', '--sample', '25', '--seed', '3']]);
    for (const [what, args] of runs) {
      const one = await run(args, { env: ONE });
      const two = await run(args, { env: TWO });
      expect(two, `${name}: ${what}`).toEqual(one);
    }
    const reports = await Promise.all(
      [ONE, TWO].map(async (env, at) => {
        const out = join(dir, `${name}.${at}.html`);
        const result = await run(['report', ...base, '--out', out, '--force', '-q'], { env });
        return { ...result, html: result.code === 0 ? await readFile(out, 'utf8') : '' };
      }),
    );
    expect(reports[1], `${name}: report`).toEqual(reports[0]);
  }, 120_000);

  it('gives the same accounts, weights, revenue at risk and response rate with two threads as with one', async () => {
    // A folder of its own: the tests above enlarge the same fixture into theirs, concurrently.
    const own = await tempDir();
    const path = await enlarged('accounts-survey.csv', own);
    const crm = ['--customers', fixture('accounts-crm.csv'), '--join-on', 'Company=Company name', '--value-column', 'ARR', '--invited', fixture('accounts-invited.csv')];
    const accounts = [path, '--account-column', 'Company', ...crm, '--today', '2027-01-05'];
    const runs: Array<[string, string[]]> = [
      ['score', ['score', ...accounts, '--weight-column', 'MRR', '--by', 'Plan', '--period', 'quarter', '--json']],
      ['accounts', ['accounts', ...accounts, '--json']],
      ['segment', ['segment', path, ...crm.slice(0, 6), '-c', 'detractors', '--today', '2027-01-05']],
      ['compare', ['compare', path, '--account-column', 'Company', '--weight-column', 'MRR', '--period', 'quarter', '--json']],
    ];
    for (const [what, args] of runs) {
      const one = await run(args, { env: ONE });
      const two = await run(args, { env: TWO });
      expect(one.code, `${what}: ${one.stderr}`).toBe(0);
      expect(two, what).toEqual(one);
    }
    const reports = await Promise.all(
      [ONE, TWO].map(async (env, at) => {
        const out = join(own, `accounts.${at}.html`);
        const result = await run(['report', ...accounts, '--weight-column', 'MRR', '--out', out, '--force', '-q'], { env });
        return { ...result, html: result.code === 0 ? await readFile(out, 'utf8') : '' };
      }),
    );
    expect(reports[0]?.html).toContain('<section id="accounts">');
    expect(reports[1], 'report').toEqual(reports[0]);
  }, 120_000);

  it('stops every part with one plain message when each part fails', async () => {
    // A segment of 20,000 levels is refused by every part: the first error is said once, no thread left running.
    const rows = Array.from({ length: 20_000 }, (_, index) => `${index},${index % 11},${(index % 5) + 1},${(index * 7) % 5 + 1},city${index}`);
    const path = join(dir, 'many-levels.csv');
    await writeFile(path, `id,score,support,price,city\n${rows.join('\n')}\n`);
    // Spawned: a rejection left unhandled would end a real process with a stack trace.
    const two = await runBin(['drivers', path, '--by', 'city', '-q'], { env: TWO });
    expect(two.code).toBe(2);
    expect(two.stderr.trim().split('\n')).toHaveLength(1);
    expect(two.stderr).toMatch(/^nps: error: /);
  });

  it('lets go of the threads it started early when the run stops before reading', async () => {
    // The threads start while the header is read; a column that does not exist stops the run before any part is read.
    const rows = Array.from({ length: 20_000 }, (_, index) => `${index},${index % 11}`);
    const path = join(dir, 'no-such-column.csv');
    await writeFile(path, `id,score\n${rows.join('\n')}\n`);
    // Spawned: a thread left waiting would keep a real process from ending, and the test would time out.
    const two = await runBin(['score', path, '--by', 'plan', '-q'], { env: TWO });
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^nps: error: .*plan/);
    // Two files are read in one pass: no thread starts, and both are read as before.
    const both = await runBin(['score', path, path, '--json', '-q'], { env: TWO });
    expect(both.code).toBe(0);
    expect((JSON.parse(both.stdout) as { responses: number }).responses).toBe(40_000);
  });

  it('reads a file whose customers come on standard input with one thread, as it reads it with one', async () => {
    // Standard input can be read once: a second thread reading the customers for itself found it empty.
    const own = await tempDir();
    const path = await enlarged('accounts-survey.csv', own);
    const args = ['score', path, '--account-column', 'Company', '--customers', '-', '--join-on', 'Company=Company name', '--value-column', 'ARR', '--json'];
    const stdin = await readFile(fixture('accounts-crm.csv'));
    const one = await run(args, { env: ONE, stdin });
    const two = await run(args, { env: TWO, stdin });
    expect(one.code, one.stderr).toBe(0);
    expect(two).toEqual(one);
  });

  it('gives the same with two threads as with one when the file is not cut after all', async () => {
    // Line breaks of CR alone: the file is not cut, and the threads started (and opening it) while its header was
    // read are told to leave; the run reads it in one pass.
    const rows = Array.from({ length: 20_000 }, (_, index) => `${index},${index % 11}`);
    const path = join(dir, 'cr-only.csv');
    await writeFile(path, `id,score\r${rows.join('\r')}\r`);
    const one = await run(['score', path, '--json'], { env: ONE });
    const two = await run(['score', path, '--json'], { env: TWO });
    expect(two).toEqual(one);
    expect((JSON.parse(two.stdout) as { responses: number }).responses).toBe(20_000);
    // Spawned: a real process ends with the same output, whatever its threads are doing as it ends.
    const spawned = await runBin(['score', path, '--json'], { env: TWO });
    expect(spawned).toEqual(one);
  });

  it('reads a stray quote that crosses a cut the ordinary way, with the same result', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `${index},${index % 11},fine`);
    // A quote that opens in the middle of the file and closes 30 lines later, across the cut.
    rows[10_000] = '10000,5,"runs on';
    rows[10_030] = '10030,5,and stops"x';
    const path = join(dir, 'stray.csv');
    await writeFile(path, `id,score,comment\n${rows.join('\n')}\n`);
    const one = await run(['score', path, '--json'], { env: ONE });
    const two = await run(['score', path, '--json'], { env: TWO });
    expect(two).toEqual(one);
    expect(one.stderr).toContain('a quote opens a field');
  });
});
