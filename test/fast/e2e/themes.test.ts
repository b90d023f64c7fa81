import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixture, run, tempDir } from '../../helpers.js';

interface Line {
  theme: string;
  comments: number;
  negated: number;
  examples: string[];
}
interface Report {
  comments: Record<string, number>;
  themes: Record<string, Line[]>;
  impact: Array<{ theme: string; mentionedBy: number; share: number; npsWith: number; npsWithout: number; difference: { difference: number; significant: boolean } }>;
  words: { detractors: Array<{ word: string }>; promoters: Array<{ word: string }> };
}

/**
 * fixtures/comments.csv is written by test/reference/themes_fixture.py from phrases
 * that each mention one theme (five comments in two, one negated per theme, fifteen
 * in none); these counts come from that script's bookkeeping, not from nps.
 */
const EXPECTED: Array<[theme: string, detractors: number, passives: number, promoters: number, negated: number]> = [
  ['price and billing', 18, 3, 4, 1],
  ['support and service', 10, 4, 9, 1],
  ['onboarding and setup', 1, 5, 17, 1],
  ['ease of use', 6, 5, 12, 1],
  ['reliability and bugs', 19, 4, 2, 1],
  ['speed and performance', 13, 5, 7, 1],
  ['features', 6, 11, 6, 1],
  ['documentation', 11, 10, 0, 1],
  ['communication', 5, 8, 8, 1],
];

async function report(file: string, ...args: string[]): Promise<Report> {
  const result = await run(['themes', file, '--json', '-q', ...args]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe('nps themes', () => {
  it.each(EXPECTED)('counts %s: %i detractors, %i passives, %i promoters, %i negated', async (theme, detractors, passives, promoters, negated) => {
    const { themes } = await report('fixtures/comments.csv');
    const count = (group: string): number => themes[group]?.find((line) => line.theme === theme)?.comments ?? 0;
    const negatedCount = ['detractors', 'passives', 'promoters'].reduce(
      (sum, group) => sum + (themes[group]?.find((line) => line.theme === theme)?.negated ?? 0),
      0,
    );
    expect([count('detractors'), count('passives'), count('promoters'), negatedCount]).toEqual([detractors, passives, promoters, negated]);
  });

  it('gives the shortest complete comments as examples', async () => {
    const { themes } = await report('fixtures/comments.csv');
    const docs = themes['detractors']?.find((line) => line.theme === 'documentation');
    expect(docs?.examples).toHaveLength(3);
    const lengths = docs?.examples.map((example) => example.length) ?? [];
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(docs?.examples.every((example) => example.split(' ').length >= 3)).toBe(true);
  });

  it('measures how much a theme moves the score (known by construction)', async () => {
    // fixtures/themes-impact.csv: 8 detractors about billing; 12 promoters and 5 passives about nothing in the lexicon.
    const { impact, words } = await report('fixtures/themes-impact.csv');
    const billing = impact.find((line) => line.theme === 'price and billing');
    expect(billing).toMatchObject({ mentionedBy: 8, share: 32, npsWith: -100 });
    expect(billing?.npsWithout).toBeCloseTo((12 * 100) / 17, 6);
    expect(billing?.difference.difference).toBeCloseTo(100 + (12 * 100) / 17, 6);
    expect(billing?.difference.significant).toBe(true);
    expect(words.detractors.map((word) => word.word)).toEqual(['billing', 'mess', 'today']);
    // Passives say "Love it mostly" too: "love" leans to promoters with z under 1.96, so it is not listed.
    expect(words.promoters.map((word) => word.word).sort()).toEqual(['look', 'new']);
  });

  it('gives each theme\'s impact a verdict, and says what the effect is', async () => {
    const result = await run(['themes', 'fixtures/themes-impact.csv', '-q', '--no-discover']);
    expect(result.stdout).toMatch(/^price and billing\s+32\.0%\s+-100\.0\s+\+70\.6\s+-170\.6\s+real \(p < 0\.001\)$/m);
    expect(result.stdout).toContain('Effect: With minus Rest, below zero when the theme goes with');
  });

  it('extends or replaces the lexicon with --themes', async () => {
    const extended = await report('fixtures/themes-impact.csv', '--themes', 'fixtures/themes-extra.json');
    expect(extended.themes['promoters']?.map((line) => line.theme)).toEqual(['design']);
    expect(extended.themes['detractors']?.map((line) => line.theme)).toEqual(['price and billing']);
  });

  it('needs a comment column, and a valid lexicon', async () => {
    const none = await run(['themes', 'fixtures/bom.csv', '--comment-column', 'nope']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no column named "nope" for --comment-column');
    const bad = await run(['themes', 'fixtures/comments.csv', '--themes', 'fixtures/themes-bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('nps: error: --themes fixtures/themes-bad.json: themes.0.terms: must list at least one word\n');
  });

  it('adds a themes column to segment: the named themes, then those discovered in the comments listed', async () => {
    const result = await run(['segment', 'fixtures/comments.csv', '--window', 'all', '-c', 'detractors', '-f', 'json', '-q']);
    const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
    expect(rows.find((row) => row['comment'] === 'Too expensive and too slow.')?.['themes']).toBe('price and billing; speed and performance; slow; expensive');
    expect(rows.find((row) => row['comment'] === 'Not helpful at all.')?.['themes']).toBe('support and service (negated)');
    const named = await run(['segment', 'fixtures/comments.csv', '--window', 'all', '-c', 'detractors', '-f', 'json', '-q', '--no-discover']);
    const plain = JSON.parse(named.stdout) as Array<Record<string, string>>;
    expect(plain.find((row) => row['comment'] === 'Too expensive and too slow.')?.['themes']).toBe('price and billing; speed and performance');
  });

  it("writes segment's discovered themes in every list and format, as themes discovers them", async () => {
    const all = await run(['segment', 'fixtures/discover-en.csv', '--window', 'all', '--json', '-q']);
    const lists = JSON.parse(all.stdout) as Record<string, Array<Record<string, string>>>;
    const themesOf = (comment: string): string | undefined =>
      Object.values(lists)
        .flat()
        .find((row) => row['comment'] === comment)?.['themes'];
    // What no named theme covers: the product's own nouns, found in the comments.
    expect(themesOf('Have a way to hide the sticky notes.')).toBe('sticky notes');
    expect(themesOf('Please let mind maps collapse branches.')).toBe('mind maps');
    expect(themesOf('Would love more templates for roadmaps.')).toBe('features; templates');
    expect(themesOf('The app is slow on large boards.')).toBe('speed and performance; boards');
    // The same labels as nps themes finds in the same comments.
    const themes = await run(['themes', 'fixtures/discover-en.csv', '--json']);
    const labels = (JSON.parse(themes.stdout) as { discovered: Array<{ label: string }> }).discovered.map((theme) => theme.label);
    expect(labels).toEqual(expect.arrayContaining(['templates', 'mind maps', 'sticky notes', 'boards']));
    const csv = await run(['segment', 'fixtures/discover-en.csv', '--window', 'all', '-c', 'passives', '-q']);
    expect(csv.stdout).toContain(',sticky notes,');
    const chosen = await run(['segment', 'fixtures/discover-en.csv', '--window', 'all', '-c', 'passives', '-q', '--columns', 'id,themes', '-f', 'ndjson']);
    expect(chosen.stdout.split('\n')).toContain('{"id":"r14","themes":"mind maps"}');
  });

  it("extends the lexicon language by language, as docs/themes.md's example says", async () => {
    const totals = async (extra: string[]): Promise<Record<string, number>> => {
      const result = await run(['themes', 'fixtures/themes-design.csv', '--json', '--no-discover', ...extra]);
      const themes = (JSON.parse(result.stdout) as { themes: Record<string, Array<{ theme: string; comments: number }>> }).themes;
      const sums: Record<string, number> = {};
      for (const row of Object.values(themes).flat()) sums[row.theme] = (sums[row.theme] ?? 0) + row.comments;
      return sums;
    };
    const own = await totals([]);
    expect(own['design']).toBeUndefined();
    expect(own['price and billing']).toBe(1);
    const extended = await totals(['--themes', 'fixtures/themes-languages.json']);
    expect(extended['design']).toBe(9);
    expect(extended['price and billing']).toBe(3);
  });

  it('adds discovered themes to the lists of a run with a ledger, and not with --no-discover', async () => {
    const folder = await tempDir();
    const args = ['segment', 'fixtures/discover-en.csv', '--window', 'all', '-c', 'passives', '-q', '--columns', 'id,themes', '-f', 'ndjson'];
    const found = await run([...args, '--ledger', join(folder, 'a.csv')]);
    expect(found.stdout.split('\n')).toEqual(expect.arrayContaining(['{"id":"r7","themes":"features; templates"}', '{"id":"r14","themes":"mind maps"}']));
    const named = await run([...args, '--ledger', join(folder, 'b.csv'), '--no-discover']);
    expect(named.stdout.split('\n')).toEqual(expect.arrayContaining(['{"id":"r7","themes":"features"}', '{"id":"r14","themes":""}']));
  });

  it('gives a case the same discovered themes when --new-only lists it alone', async () => {
    const folder = await tempDir();
    const lines = (await readFile(fixture('discover-en.csv'), 'utf8')).trimEnd().split('\n');
    // The first week holds every row but r14; the second adds it, and --new-only lists it alone.
    const week1 = join(folder, 'week1.csv');
    await writeFile(week1, `${lines.filter((line) => !line.startsWith('r14,')).join('\n')}\n`);
    const args = ['--window', 'all', '-c', 'passives', '-q', '--columns', 'id,themes', '-f', 'ndjson'];
    await run(['segment', week1, ...args, '--ledger', join(folder, 'cases.csv')]);
    const alone = await run(['segment', 'fixtures/discover-en.csv', ...args, '--ledger', join(folder, 'cases.csv'), '--new-only']);
    expect(alone.stdout.trim().split('\n')).toEqual(['{"id":"r14","themes":"mind maps"}']);
  });
});
