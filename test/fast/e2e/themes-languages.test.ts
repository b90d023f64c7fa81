import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

interface Report {
  responses: number;
  languages: Array<{ language: string; name: string; comments: number }>;
  languageSource: string;
  mainLanguage: string | null;
  comments: Record<string, number>;
  impact: Array<{ theme: string; mentionedBy: number }>;
  words: { detractors: Array<{ word: string; language: string }>; promoters: Array<{ word: string; language: string }> };
}

async function report(file: string, ...args: string[]): Promise<Report> {
  const result = await run(['themes', file, '--json', '-q', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

const THEMES = [
  'price and billing', 'support and service', 'onboarding and setup', 'ease of use', 'reliability and bugs',
  'speed and performance', 'features', 'documentation', 'communication',
] as const;

/**
 * The comments of fixtures/themes-*.csv were written for them, each with the themes
 * a reader finds in it (test/reference/themes_languages_fixture.py); these are the
 * counts of that hand reading, in the order of THEMES, not anything nps computed.
 */
const HAND: Record<string, { comments: number; themes: number[] }> = {
  'themes-fr.csv': { comments: 84, themes: [15, 12, 9, 11, 10, 10, 8, 6, 4] },
  'themes-es.csv': { comments: 70, themes: [11, 11, 6, 11, 10, 10, 7, 5, 5] },
  'themes-de.csv': { comments: 14, themes: [3, 2, 1, 3, 2, 2, 3, 1, 0] },
  'themes-pt.csv': { comments: 14, themes: [3, 2, 1, 2, 2, 3, 1, 1, 0] },
  'themes-it.csv': { comments: 14, themes: [3, 2, 1, 3, 2, 2, 2, 1, 0] },
  'themes-nl.csv': { comments: 14, themes: [3, 2, 1, 3, 2, 2, 2, 1, 0] },
  'themes-mixed.csv': { comments: 26, themes: [7, 7, 1, 3, 2, 5, 1, 1, 0] },
};

/** How far, in points of the comments, a theme's share may stray from the hand count: words the lexicon lacks, or has too many of. */
const TOLERANCE = 3;

function shares(found: Report, file: string): Array<[theme: string, hand: number, nps: number]> {
  const hand = HAND[file];
  if (hand === undefined) throw new Error(`no hand count for ${file}`);
  return THEMES.map((theme, at) => {
    const mentionedBy = found.impact.find((line) => line.theme === theme)?.mentionedBy ?? 0;
    return [theme, ((hand.themes[at] ?? 0) * 100) / hand.comments, (mentionedBy * 100) / hand.comments];
  });
}

describe('themes in other languages', () => {
  it.each(['themes-fr.csv', 'themes-es.csv'])('finds the themes of %s within a few points of the hand count', async (file) => {
    const found = await report(`fixtures/${file}`);
    expect(Object.values(found.comments).reduce((sum, count) => sum + count, 0)).toBe(HAND[file]?.comments);
    for (const [theme, hand, nps] of shares(found, file)) expect(Math.abs(nps - hand), `${theme}: hand ${hand.toFixed(1)}%, nps ${nps.toFixed(1)}%`).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each(['themes-de.csv', 'themes-pt.csv', 'themes-it.csv', 'themes-nl.csv'])('finds the themes of %s, a comment or so apart from the hand count', async (file) => {
    const found = await report(`fixtures/${file}`);
    const comments = HAND[file]?.comments ?? 0;
    // Fourteen comments: one comment is 7 points.
    for (const [theme, hand, nps] of shares(found, file)) expect(Math.abs(nps - hand) * comments / 100, theme).toBeLessThanOrEqual(1.01);
  });

  it('says which languages it read the comments in', async () => {
    const french = await report('fixtures/themes-fr.csv');
    expect(french.languageSource).toBe('detected');
    expect(french.languages[0]).toMatchObject({ language: 'fr', name: 'French' });
    expect(french.languages[0]?.comments).toBeGreaterThanOrEqual(82);
    expect(french.languages.map((line) => line.language).every((code) => code === 'fr' || code === 'und')).toBe(true);
    const spanish = await report('fixtures/themes-es.csv');
    expect(spanish.languages).toEqual([{ language: 'es', name: 'Spanish', comments: 70 }]);
  });

  it('reads each comment of a mixed file in its own language, emoji and all', async () => {
    const found = await report('fixtures/themes-mixed.csv');
    const count = Object.fromEntries(found.languages.map((line) => [line.language, line.comments]));
    // By hand: en 5, fr 4, es 4, de 3, ja 4, zh 2, ru 1, el 1, and 2 with no words ("👍👍👍", "ok").
    expect(count).toMatchObject({ fr: 4, es: 4, de: 3, ja: 4, zh: 2, ru: 1, el: 1 });
    expect((count['en'] ?? 0) + (count['und'] ?? 0)).toBe(7);
    expect(count['und']).toBeLessThanOrEqual(3);
    expect(found.mainLanguage).not.toBe('und');
    for (const [theme, hand, nps] of shares(found, 'themes-mixed.csv')) expect(Math.abs(nps - hand), theme).toBeLessThanOrEqual(4);
  });

  it('prints the languages in the table', async () => {
    const result = await run(['themes', 'fixtures/themes-mixed.csv', '-q']);
    // The line wraps at 80 columns under its own start.
    expect(result.stdout.replace(/\n {11}/g, ' ')).toMatch(/^Languages {2}English 4, Spanish 4, French 4, Japanese 4, German 3, Chinese 2, Greek 1, Russian 1, undetermined 3 \(too short to tell; their words count with English/m);
  });

  it('reads every comment in one language with --language, detecting none', async () => {
    const found = await report('fixtures/themes-fr.csv', '--language', 'FR');
    expect(found.languageSource).toBe('fr');
    expect(found.languages).toEqual([{ language: 'fr', name: 'French', comments: 84 }]);
    const table = await run(['themes', 'fixtures/themes-fr.csv', '--language', 'fr', '-q']);
    expect(table.stdout).toContain('Languages  all read as French (--language fr)');
    // The French keywords do not apply to Japanese comments read as French.
    const forced = await report('fixtures/themes-mixed.csv', '--language', 'fr');
    expect(forced.impact.find((line) => line.theme === 'price and billing')?.mentionedBy).toBe(1);
  });

  it('refuses a language it does not know', async () => {
    const result = await run(['themes', 'fixtures/themes-fr.csv', '--language', 'french']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--language takes a two-letter language code such as en, fr, es, de, pt, it, nl, ru, ja, zh');
  });

  it('takes a lexicon with terms per language, and says which codes it knows', async () => {
    const dir = await tempDir();
    const survey = join(dir, 'design.csv');
    await writeFile(survey, 'score,comment\n2,Le design est vieillot\n9,Me encanta el diseño nuevo\n10,Love the dark mode\n1,Die Preiserhöhung ist zu hoch\n3,Encore une Preiserhöhung\n');
    const found = await report(survey, '--themes', 'fixtures/themes-languages.json');
    const design = found.impact.find((line) => line.theme === 'design');
    expect(design?.mentionedBy).toBe(3);
    // "Preiserhöhung" is a German term: in a French comment it is no keyword.
    expect(found.impact.find((line) => line.theme === 'price and billing')?.mentionedBy).toBe(1);
    const lexicon = join(dir, 'bad.json');
    await writeFile(lexicon, JSON.stringify({ themes: [{ name: 'design', terms: { fr: ['couleur'], xx: ['colour'] } }] }));
    const bad = await run(['themes', survey, '--themes', lexicon]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('themes.0.terms.xx: is not a language code nps has keywords for (en, fr, es, de, pt, it, nl, ru, ja, zh, or "any")');
    await writeFile(lexicon, JSON.stringify({ themes: [{ name: 'design', terms: { fr: [] } }] }));
    expect((await run(['themes', survey, '--themes', lexicon])).stderr).toContain('themes.0.terms.fr: must list at least one word');
  });

  it("fills segment's themes column in each comment's language, and takes no complaint for praise", async () => {
    const result = await run(['segment', 'fixtures/themes-mixed.csv', '--window', 'all', '-c', 'detractors', '-f', 'json', '-q']);
    const rows = JSON.parse(result.stdout) as Array<Record<string, string>>;
    const themesOf = (comment: string): string | undefined => rows.find((row) => row['comment'] === comment)?.['themes'];
    expect(themesOf('値段が高すぎる')).toBe('price and billing');
    expect(themesOf('Слишком дорого, поддержка отвечает медленно')).toBe('price and billing; support and service; speed and performance');
    // Looking elsewhere is the start of churn, as a customer success lead reads it.
    expect(themesOf('Prix trop élevés, on regarde ailleurs')).toBe('price and billing; churn and renewal');
    const promoters = JSON.parse((await run(['segment', 'fixtures/themes-fr.csv', '--window', 'all', '-c', 'promoters', '-f', 'json', '-q'])).stdout) as Array<Record<string, string>>;
    const candidate = (comment: string): string | undefined => promoters.find((row) => row['commentaire'] === comment)?.['testimonial_candidate'];
    expect(candidate('Simple et efficace, je recommande')).toBe('yes');
    expect(candidate('Super produit, très facile à prendre en main')).toBe('yes');
    // Praise with a negation: nps stays wary.
    expect(candidate('Pas cher pour tout ce que ça fait')).toBe('no');
  });

  it('says the languages in the HTML report', async () => {
    const dir = await tempDir();
    const out = join(dir, 'report.html');
    const result = await run(['report', 'fixtures/themes-mixed.csv', '--out', out, '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('<p class="muted">Languages: English 4, Spanish 4, French 4, Japanese 4, German 3, Chinese 2, Greek 1, Russian 1, undetermined 3');
  });

  it('says when --language names a language the themes have no keyword in', async () => {
    const result = await run(['themes', 'fixtures/themes-mixed.csv', '--language', 'pl', '-q']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('nps: warning: --language pl: the themes have no keywords in this language');
    const french = await run(['themes', 'fixtures/themes-mixed.csv', '--language', 'fr', '-q']);
    expect(french.stderr).not.toContain('no keywords');
  });
});
