import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

describe('nps report (file)', () => {
  it('writes one self-contained page: no script, nothing fetched, text escaped', async () => {
    const dir = await tempDir();
    const survey = join(process.cwd(), 'fixtures', 'followup-survey.csv');
    const result = await run(['report', survey, '--out', 'r.html', '--title', 'Q4 <review>', '-q'], { cwd: dir });
    expect(result.code).toBe(0);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<title>Q4 &lt;review&gt;</title>');
    expect(html).not.toMatch(/<script|<link |@import|url\(|src=/i);
    // 3 promoters, 2 passives, 4 detractors: (3 - 4) / 9.
    expect(html).toContain('id="nps-value">-11.1<');
  });

  it('shows a comment holding markup as text, never as markup', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'markup.csv'), 'email,score,comment\nm@example.com,2,"<img src=x onerror=alert(1)> & more"\n');
    const result = await run(['report', 'markup.csv', '--out', 'r.html', '-q'], { cwd: dir });
    expect(result.code).toBe(0);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; more');
    expect(html).not.toContain('<img');
  });

  it('never replaces a file without --force, and leaves no temporary file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'r.html'), 'keep');
    const refused = await run(['report', `${process.cwd()}/fixtures/sample.csv`, '--out', 'r.html'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('nps: error: r.html already exists; use --force to replace it');
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toBe('keep');
    const forced = await run(['report', `${process.cwd()}/fixtures/sample.csv`, '--out', 'r.html', '--force', '-q'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(await readdir(dir)).toEqual(['r.html']);
  });

  it('needs --out, a file', async () => {
    const missing = await run(['report', 'fixtures/sample.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-o, --out <file>' not specified");
    const dash = await run(['report', 'fixtures/sample.csv', '--out', '-']);
    expect(dash.stderr).toBe('nps: error: --out takes a file name such as report.html\n');
  });

  it('shows what moves the score when the file has ratings, with the shares of nps drivers', async () => {
    const dir = await tempDir();
    const result = await run(['report', join(process.cwd(), 'fixtures', 'drivers-survey.csv'), '--out', 'r.html'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nps: drivers: the rating columns "support", "ease_of_use", "price", "reliability", "onboarding"\n');
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    const section = /<section id="drivers">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(section).toContain('<h2>What moves the score</h2>');
    expect(section).toContain('<title id="importance-and-performance-of-each-rating-title">');
    const drivers = JSON.parse((await run(['drivers', 'fixtures/drivers-survey.csv', '--json', '-q'])).stdout) as { drivers: Array<{ column: string; importance: number; fixFirst: boolean }> };
    const shares = [...section.matchAll(/<tr><td>([^<]+)<\/td><td class="num">([\d.]+)%<\/td>/g)].map((match) => [match[1], Number(match[2])]);
    expect(shares).toEqual(drivers.drivers.map((driver) => [driver.column, Number(driver.importance.toFixed(1))]));
    expect(section).toContain('<td>fix first</td>');
    expect(section).toContain('not proof of cause');
  });

  it('takes no --by column as a driver: it is a segment of the report', async () => {
    const dir = await tempDir();
    const result = await run(['report', join(process.cwd(), 'fixtures', 'drivers-survey.csv'), '--by', 'support', '--out', 'r.html'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nps: drivers: the rating columns "ease_of_use", "price", "reliability", "onboarding"\n');
  });

  it('has no drivers section when the file has no rating column', async () => {
    const dir = await tempDir();
    const result = await run(['report', join(process.cwd(), 'fixtures', 'report-sample.csv'), '--out', 'r.html', '-q'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, 'r.html'), 'utf8')).not.toContain('id="drivers"');
  });
});
