import { parse } from 'csv-parse/sync';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

interface Sentiment {
  positive: number;
  negative: number;
  mixed: number;
  unknown: number;
  net: number | null;
}
interface Discovered {
  label: string;
  terms: string[];
  comments: number;
  byCategory: Record<string, { comments: number; weight: number }>;
  nps: number | null;
  parent: string | null;
  sentiment: Sentiment;
  examples: string[];
}
interface Suggestion {
  label: string;
  terms: string[];
  comments: number;
  byCategory: { passives: number; detractors: number };
  nps: number | null;
  examples: string[];
}
interface Line {
  theme: string;
  comments: number;
  negated: number;
  sentiment: Sentiment;
}
interface Report {
  comments: Record<string, number>;
  themes: Record<string, Line[]>;
  discovered: Discovered[];
  unthemed: number | null;
  suggestions: Suggestion[];
  given: Array<{ topic: string; parent: string | null; comments: number; sentiment: Sentiment }>;
  change: null | { by: string; before: { name: string; comments: number }; after: { name: string; comments: number }; themes: Array<{ theme: string; kind: string; difference: { difference: number; significant: boolean } | null }> };
}

async function themes(...args: string[]): Promise<Report> {
  const result = await run(['themes', ...args, '--json', '-q']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const labels = (report: Report, top = 15): string[] => report.discovered.slice(0, top).map((theme) => theme.label);
const named = (report: Report, theme: string): Line[] => Object.values(report.themes).flatMap((lines) => lines.filter((line) => line.theme === theme));

describe('discovered themes', () => {
  it('finds what a whiteboard product\'s users talk about, in their own words', async () => {
    const report = await themes('fixtures/discover-en.csv');
    expect(labels(report, 6)).toEqual(expect.arrayContaining(['templates', 'mind maps', 'sticky notes', 'dark mode']));
    const templates = report.discovered.find((theme) => theme.label === 'templates');
    expect(templates?.comments).toBe(10);
    expect(templates?.parent).toBeNull();
    expect(templates?.byCategory['promoters']?.comments).toBe(6);
    expect(templates?.examples.length).toBeGreaterThan(0);
    expect(templates?.examples.every((example) => /templates/i.test(example))).toBe(true);
    // A theme whose comments mostly ask for features is filed under features.
    expect(report.discovered.find((theme) => theme.label === 'tables')?.parent).toBe('features');
  });

  it('labels a theme as written, never as a stem, in French and German', async () => {
    const french = await themes('fixtures/discover-fr.csv');
    expect(labels(french)).toEqual(expect.arrayContaining(['plantes', 'personnel', 'caisse']));
    const checkout = french.discovered.find((theme) => theme.label === 'caisse');
    expect(checkout?.nps).toBe(-100);
    expect(checkout?.sentiment.net).toBeLessThan(0);
    // Plants are no crash: "plantes" files nothing under reliability.
    expect(named(french, 'reliability and bugs')).toEqual([]);
    const german = await themes('fixtures/discover-de.csv');
    expect(labels(german)).toEqual(expect.arrayContaining(['vorlagen', 'berichte', 'mobile app']));
    expect(german.discovered.find((theme) => theme.label === 'berichte')?.parent).not.toBe('features');
  });

  it('counts the comments no theme covers, and none are counted with --no-discover', async () => {
    const report = await themes('fixtures/discover-en.csv');
    expect(report.unthemed).toBe(4);
    const text = (await run(['themes', 'fixtures/discover-en.csv', '-q'])).stdout;
    expect(text).toContain('Unthemed  4 of 50 comments (8.0%) mention no theme, named or discovered');
    expect(text).toContain('Discovered themes');
    const off = await themes('fixtures/discover-en.csv', '--no-discover');
    expect(off.unthemed).toBeNull();
    expect(off.discovered).toEqual([]);
    expect(off.suggestions).toEqual([]);
    const offText = (await run(['themes', 'fixtures/discover-en.csv', '-q', '--no-discover'])).stdout;
    expect(offText).not.toContain('Discovered themes');
    expect(offText).not.toContain('Unthemed');
  });

  it('tells support praised from support complained about', async () => {
    const report = await themes('fixtures/discover-en.csv');
    const support = (group: string): Sentiment | undefined => report.themes[group]?.find((line) => line.theme === 'support and service')?.sentiment;
    expect(support('detractors')?.net).toBeLessThan(0);
    expect(support('promoters')?.net).toBeGreaterThan(0);
    const board = report.discovered.find((theme) => theme.label === 'boards' || theme.label === 'large boards');
    expect(board?.sentiment.net).toBeLessThan(0);
  });

  it('pools what passives and detractors ask for', async () => {
    const report = await themes('fixtures/discover-en.csv');
    expect(report.suggestions[0]).toMatchObject({ label: 'dark mode', comments: 4, byCategory: { passives: 4, detractors: 0 } });
    expect(report.suggestions.map((suggestion) => suggestion.label)).toContain('templates');
    for (const suggestion of report.suggestions) expect(suggestion.nps ?? 0).toBeLessThanOrEqual(0);
    const german = await themes('fixtures/discover-de.csv');
    expect(german.suggestions.map((suggestion) => suggestion.label)).toEqual(expect.arrayContaining(['vorlagen', 'mobile app']));
  });

  it('says which themes grew and shrank from one export to the next', async () => {
    const report = await themes('fixtures/discover-q1.csv', 'fixtures/discover-q2.csv');
    const line = (theme: string): { difference: number; significant: boolean } | null | undefined => report.change?.themes.find((one) => one.theme === theme)?.difference;
    expect(report.change?.by).toBe('input');
    expect(line('churn and renewal')).toMatchObject({ significant: true });
    expect(line('churn and renewal')?.difference).toBeCloseTo(40, 5);
    expect(line('templates')?.significant).toBe(true);
    expect(line('templates')?.difference).toBeLessThan(0);
    expect(line('sticky notes')?.significant).toBe(false);
    const text = (await run(['themes', 'fixtures/discover-q1.csv', 'fixtures/discover-q2.csv', '-q'])).stdout;
    expect(text).toMatch(/^churn and renewal\s+0\.0%\s+40\.0%\s+\+40\.0\s+grew/m);
    expect(text).toMatch(/^"templates"\s+40\.0%\s+5\.0%\s+-35\.0\s+shrank/m);
  });

  it('compares the last period with the one before under --period', async () => {
    const report = await themes('fixtures/report-sample.csv', '--period', 'quarter');
    expect(report.change).toMatchObject({ by: 'period', before: { name: '2025-Q3', comments: 112 }, after: { name: '2025-Q4', comments: 115 } });
    expect(report.change?.themes.map((line) => line.theme)).toContain('reliability and bugs');
    expect((await themes('fixtures/report-sample.csv')).change).toBeNull();
  });

  it('keeps the terminal within 80 columns and each example on one line', async () => {
    for (const file of ['fixtures/discover-en.csv', 'fixtures/discover-fr.csv', 'fixtures/discover-de.csv']) {
      const text = (await run(['themes', file, '-q'])).stdout;
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      expect(text).toContain('…');
    }
    const report = await themes('fixtures/discover-en.csv');
    // The JSON keeps each example whole.
    expect(report.discovered.flatMap((theme) => theme.examples)).toContain('Have a way to hide the sticky notes.');
  });

  it('counts the topics and sentiment a Qualtrics export carries', async () => {
    const report = await themes('fixtures/discover-qualtrics.csv');
    expect(report.given.find((topic) => topic.topic === 'Customer Support')).toMatchObject({ parent: 'Service', comments: 3 });
    expect(report.given.find((topic) => topic.topic === 'Customer Support')?.sentiment.net).toBeLessThan(0);
    expect(report.given.find((topic) => topic.topic === 'Templates')).toMatchObject({ comments: 2, parent: 'Features' });
    // The topics column is no comment.
    expect(report.comments['promoters']).toBe(3);
  });
});

describe('nps segment --out', () => {
  it("writes what passives and detractors ask for beside the lists, and its header only with --no-discover, so no older run's list is left", async () => {
    const out = await tempDir();
    const result = await run(['segment', 'fixtures/discover-en.csv', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`nps: wrote 3 suggestions of passives and detractors to ${join(out, 'suggestions.csv')}`);
    const [header, first] = parse(await readFile(join(out, 'suggestions.csv'), 'utf8')) as string[][];
    expect(header).toEqual(['suggestion', 'asked', 'passives', 'detractors', 'nps', 'language', 'terms', 'examples']);
    expect(first?.slice(0, 6)).toEqual(['dark mode', '4', '4', '0', '0', 'en']);
    expect(first?.[7]).toContain('Please add dark mode.');
    const refused = await run(['segment', 'fixtures/discover-en.csv', '--out', out]);
    expect(refused.code).toBe(2);
    const off = await tempDir();
    expect((await run(['segment', 'fixtures/discover-en.csv', '--out', off, '--no-discover'])).code).toBe(0);
    expect((await readdir(off)).sort()).toEqual(['detractors.csv', 'passives.csv', 'promoters.csv', 'suggestions.csv']);
    expect(await readFile(join(off, 'suggestions.csv'), 'utf8')).toBe('suggestion,asked,passives,detractors,nps,language,terms,examples\n');
    // A run with suggestions, then one without comments: the folder never keeps the first run's.
    expect((await run(['segment', 'fixtures/discover-en.csv', '--out', off, '--force'])).code).toBe(0);
    expect((await readFile(join(off, 'suggestions.csv'), 'utf8')).split('\n').length).toBeGreaterThan(2);
    expect((await run(['segment', 'fixtures/compare-a.csv', '--out', off, '--force'])).code).toBe(0);
    expect(await readFile(join(off, 'suggestions.csv'), 'utf8')).toBe('suggestion,asked,passives,detractors,nps,language,terms,examples\n');
  });
});

describe('nps report with discovered themes', () => {
  it('lists them with the suggestions, examples in full', async () => {
    const out = join(await tempDir(), 'discover.html');
    const result = await run(['report', 'fixtures/discover-en.csv', '--out', out, '-q']);
    expect(result.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('<section id="suggestions">');
    expect(html).toContain('<td>dark mode</td>');
    expect(html).toContain('Discovered in the comments');
    expect(html).toContain('4 of 50 comments (8.0%) mention no theme');
    expect(html).toContain('Have a way to hide the sticky notes.');
  });
});
