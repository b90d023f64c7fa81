import { describe, expect, it } from 'vitest';
import { LEXICON_LANGUAGES } from '../../../src/core/languages.js';
import { ThemeMatcher, type LanguageIndexData } from '../../../src/core/theme-matcher.js';
import { builtInIndex, builtInThemes } from '../../../src/input/lexicon.js';

const COMMENTS: Record<string, string> = {
  en: 'Support never answered and the pricing is not cheap, but onboarding was quick',
  fr: "Le support ne répond jamais, le prix est trop cher et l'appli plante",
  es: 'El soporte no responde y el precio es caro; la aplicación se cierra sola',
  de: 'Der Support antwortet nie, der Preis ist zu hoch und die App stürzt ab',
  ja: 'サポートが遅い。価格が高くない',
  zh: '客服太慢，价格不贵',
};

describe('the built-in themes indexed by the build', () => {
  it('holds, in every language, what stemming the terms at run time gives', () => {
    const fresh = new ThemeMatcher(builtInThemes());
    for (const code of LEXICON_LANGUAGES) {
      const made = builtInIndex(code);
      expect(made, `dist/theme-index/${code}.json (npm run build writes it)`).toBeDefined();
      expect(made).toEqual(JSON.parse(JSON.stringify(fresh.indexData(code))));
    }
  });

  it('tags comments as the index made at run time does', () => {
    const ahead = new ThemeMatcher(builtInThemes(), builtInIndex);
    const fresh = new ThemeMatcher(builtInThemes());
    for (const [code, comment] of Object.entries(COMMENTS)) {
      expect(ahead.tag(comment, code).length, code).toBeGreaterThan(0);
      expect(ahead.tag(comment, code), code).toEqual(fresh.tag(comment, code));
    }
  });

  it('is not taken for themes whose terms differ', () => {
    // An index made ahead for other terms (an edited lexicon before a build): "cost" alone is no term of these themes.
    const themes = [{ name: 'price', terms: [], languages: { en: ['invoice'] } }];
    const stale: LanguageIndexData = {
      terms: [['price', ['cost']]],
      byFirstStem: [['cost', [{ theme: 'price', stems: ['cost'], words: ['cost'] }]]],
      inText: [],
    };
    const matcher = new ThemeMatcher(themes, () => stale);
    expect(matcher.tag('The cost is high', 'en')).toEqual([]);
    expect(matcher.tag('The invoices are wrong', 'en').map((mention) => mention.theme)).toEqual(['price']);
  });

  it('reads no file for a code that is not a language code', () => {
    expect(builtInIndex('../../package')).toBeUndefined();
    expect(builtInIndex('xx')).toBeUndefined();
  });
});
