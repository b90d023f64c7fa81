import { describe, expect, it } from 'vitest';
import { run } from '../../helpers.js';

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

  it('adds a themes column to segment', async () => {
    const result = await run(['segment', 'fixtures/comments.csv', '--window', 'all', '-c', 'detractors', '-f', 'json', '-q']);
    const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
    expect(rows.find((row) => row['comment'] === 'Too expensive and too slow.')?.['themes']).toBe('price and billing; speed and performance');
    expect(rows.find((row) => row['comment'] === 'Not helpful at all.')?.['themes']).toBe('support and service (negated)');
  });
});
