import { describe, expect, it } from 'vitest';
import type { Category } from '../../../src/core/categories.js';
import { discoveredFinder } from '../../../src/core/discover-finder.js';
import type { SampledResponse } from '../../../src/core/discover-sample.js';
import { discover } from '../../../src/core/discover.js';
import { withDiscovered } from '../../../src/core/segment.js';

/** A sample of comments in one language, each its own response. */
function sampleOf(language: string, comments: ReadonlyArray<[Category, string]>): SampledResponse[] {
  return comments.map(([category, text], order) => ({ priority: order, order, category, side: undefined, answers: [{ text, language, themes: [] }] }));
}

const FRENCH: Array<[Category, string]> = [
  ['detractors', "La carte de fidélité ne marche jamais en caisse."],
  ['passives', 'Je voudrais plus de points sur la carte de fidélité.'],
  ['promoters', 'La carte de fidélité est très utile.'],
  ['detractors', "Trop d'attente en caisse le samedi."],
  ['passives', 'Attente trop longue en caisse.'],
  ['detractors', 'Les caisses sont toujours saturées, attente interminable.'],
  ['promoters', 'Le personnel est très aimable.'],
  ['promoters', 'Personnel aimable et compétent.'],
  ['passives', 'Le personnel pourrait être plus disponible.'],
  ['promoters', 'Belles plantes, bien arrosées.'],
  ['promoters', 'Des plantes superbes et en bonne santé.'],
  ['passives', 'Les plantes sont un peu chères.'],
];

describe('the discovered themes of a comment, found after discovery', () => {
  it('finds a theme where one of its phrases stands in the comment, in its language, not elsewhere', () => {
    const result = discover(sampleOf('fr', FRENCH), 'fr', []);
    const labels = result.themes.map((theme) => theme.label);
    expect(labels).toEqual(expect.arrayContaining(['plantes', 'personnel']));
    const find = discoveredFinder(result, 'fr');
    // A comment discovery never saw: its words, stemmed, are what is matched.
    expect(find('Le personnel était débordé.', 'fr')).toEqual(['personnel']);
    expect(find('Vos plantes vertes sont magnifiques', 'fr')).toEqual(['plantes']);
    expect(find('Rien à signaler.', 'fr')).toEqual([]);
    // The same words in another language are not the French theme.
    expect(find('Personnel', 'de')).toEqual([]);
    expect(find('', 'fr')).toEqual([]);
  });

  it('reads a comment whose language could not be told in the main language', () => {
    const result = discover(sampleOf('fr', FRENCH), 'fr', []);
    expect(discoveredFinder(result, 'fr')('personnel', 'und')).toEqual(['personnel']);
    expect(discoveredFinder(result, undefined)('personnel', 'und')).toEqual([]);
  });

  it('matches a phrase of two words only where its words stand together, within a run of content words', () => {
    const german: Array<[Category, string]> = Array.from({ length: 12 }, (_, at): [Category, string] =>
      at % 3 === 0 ? ['passives', `Die Kündigungsfrist ist zu lang, Nummer ${at}.`] : ['detractors', `Lange Wartezeit an der Hotline, Fall ${at}.`],
    );
    const result = discover(sampleOf('de', german), 'de', []);
    const find = discoveredFinder(result, 'de');
    expect(find('Die Wartezeit war furchtbar', 'de')).toContain(result.themes.find((theme) => theme.terms.includes('wartezeit'))?.label);
    expect(find('Nichts', 'de')).toEqual([]);
  });
});

describe("segment's themes column with discovered themes", () => {
  it('adds them after the named themes, once, and leaves out those the named themes already say', () => {
    expect(withDiscovered('', ['templates'])).toBe('templates');
    expect(withDiscovered('features', ['templates', 'templates'])).toBe('features; templates');
    expect(withDiscovered('support and service', ['support', 'phone support'])).toBe('support and service; phone support');
    expect(withDiscovered('price and billing (negated)', [])).toBe('price and billing (negated)');
  });

  it("puts them in the first question's part when a survey asks several", () => {
    const questions = ['Why did you give this score?', 'What could we improve?'];
    expect(withDiscovered('Why did you give this score?: features | What could we improve?: price and billing', ['templates'], questions)).toBe(
      'Why did you give this score?: features; templates | What could we improve?: price and billing',
    );
    expect(withDiscovered('What could we improve?: price and billing', ['templates'], questions)).toBe(
      'Why did you give this score?: templates | What could we improve?: price and billing',
    );
    expect(withDiscovered('', ['templates'], questions)).toBe('Why did you give this score?: templates');
  });
});
