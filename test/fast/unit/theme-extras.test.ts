import { describe, expect, it } from 'vitest';
import { ThemeExtras } from '../../../src/core/theme-extras.js';

/** A side's themes: each theme an answer names counts once, whether its comment mentions it twice or the export names it too. */
describe("a side's themes", () => {
  const reading = (language: string, ...themes: string[]): { language: string; mentions: Array<{ theme: string }> } => ({
    language,
    mentions: themes.map((theme) => ({ theme })),
  });

  it('counts each theme once an answer, its mentions then the export topics, in the order first met', () => {
    const extras = new ThemeExtras(false);
    const side = { name: '2026-03', rank: 1 };
    const given = { topics: ['Billing', 'price', 'Billing'], parents: {}, polarity: undefined };
    extras.add('detractors', { order: 1, side, given }, [
      { text: 'price price support', reading: reading('en', 'price', 'support', 'price') },
      { text: 'more support', reading: reading('en', 'support', 'support') },
    ]);
    extras.add('promoters', { order: 2, side }, [{ text: 'nothing to say', reading: reading('en') }]);
    extras.add('passives', { order: 3, side: { name: '2026-04', rank: 2 } }, [{ text: 'ease', reading: reading('en', 'ease') }]);
    const march = extras.sides.get('2026-03');
    expect(march).toEqual({ rank: 1, comments: 3, themes: { price: 1, support: 2, Billing: 1 } });
    expect(Object.keys(march?.themes ?? {})).toEqual(['price', 'support', 'Billing']);
    expect(extras.sides.get('2026-04')).toEqual({ rank: 2, comments: 1, themes: { ease: 1 } });
    // Nothing was kept for discovery (--no-discover): counting a side builds no sample.
    expect(extras.sample.toData().responses.count).toBe(0);
  });
});
