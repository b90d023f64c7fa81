import { describe, expect, it } from 'vitest';
import { CommentReader, ThemeMatcher, ThemeTally, distinguishingWords } from '../../../src/core/themes.js';
import { builtInThemes } from '../../../src/input/lexicon.js';

const matcher = new ThemeMatcher(builtInThemes());
const tag = (comment: string, language = 'en'): string[] =>
  matcher.tag(comment, language).map((mention) => (mention.negated ? `${mention.theme} (negated)` : mention.theme));

describe('ThemeMatcher', () => {
  it('matches on stems: crashes, crashed and crash are one word', () => {
    expect(tag('It crashed twice')).toEqual(['reliability and bugs']);
    expect(tag('Constant crashes')).toEqual(['reliability and bugs']);
  });

  it('matches phrases word by word', () => {
    expect(tag('Great value for money')).toEqual(['price and billing']);
    expect(tag('The value is unclear')).toEqual([]);
    expect(tag('Getting started was quick')).toEqual(['onboarding and setup', 'speed and performance']);
  });

  it('marks negated mentions: "not helpful", "no bugs", "never slow", "didn\'t"', () => {
    expect(tag('Not helpful at all')).toEqual(['support and service (negated)']);
    expect(tag('No bugs so far')).toEqual(['reliability and bugs (negated)']);
    expect(tag('It was never really slow')).toEqual(['speed and performance (negated)']);
    expect(tag("Didn't need any setup")).toEqual(['onboarding and setup (negated)']);
  });

  it('keeps a negation inside its clause, and counts a theme negated only when every mention is', () => {
    expect(tag('Not cheap, but fast')).toEqual(['price and billing (negated)', 'speed and performance']);
    expect(tag('Support was not helpful')).toEqual(['support and service']);
    expect(tag('No complaints about the price')).toEqual(['price and billing']);
  });

  it('reads a missing thing as a complaint about it, and a missing trouble as praise', () => {
    expect(tag('No phone support on Starter is a dealbreaker.')).toEqual(['support and service']);
    expect(tag('No documentation to speak of')).toEqual(['documentation']);
    expect(tag('No bugs, no crashes')).toEqual(['reliability and bugs (negated)']);
  });

  it('hears churn, renewal and lost data, which a customer success lead must see', () => {
    expect(tag("We're evaluating cheaper alternatives, the renewal quote was a shock.")).toContain('churn and renewal');
    expect(tag('We are switching to a competitor next month')).toEqual(['churn and renewal']);
    expect(tag('The sync breaks every week, we lose data.')).toEqual(['reliability and bugs', 'data loss']);
    expect(tag('Wir kündigen zum Vertragsende', 'de')).toEqual(['churn and renewal']);
    expect(tag('Résiliation prévue, on part chez un concurrent', 'fr')).toEqual(['churn and renewal']);
  });

  it('files a product noun alone under no feature request, and an ask for it under features', () => {
    expect(tag('The reports are slow')).toEqual(['speed and performance']);
    expect(tag('Love the export and the dashboard')).toEqual([]);
    expect(tag('Die Berichte sind viel zu langsam', 'de')).toEqual(['speed and performance']);
    expect(tag('Better support for tables')).toEqual(['features']);
    expect(tag('Please add a dashboard')).toEqual(['features']);
  });

  it('reads a French shop\'s plants as plants, and a crash as a crash', () => {
    expect(tag('Belles plantes, bien entretenues', 'fr')).toEqual([]);
    expect(tag("L'application plante tout le temps", 'fr')).toEqual(['reliability and bugs']);
  });

  it('finds no theme in small talk', () => {
    expect(tag('Thanks, keep it up!')).toEqual([]);
  });
});

describe('distinguishingWords', () => {
  it('puts words only detractors use on their side, and words only promoters use on theirs', () => {
    const tally = new ThemeTally(new CommentReader(matcher, { language: 'en' }));
    for (let i = 0; i < 6; i += 1) tally.add(1, 'The sync keeps failing');
    for (let i = 0; i < 6; i += 1) tally.add(10, 'Wonderful colleagues');
    for (let i = 0; i < 3; i += 1) tally.add(8, 'The sync is fine');
    const words = distinguishingWords(tally, 15);
    // "sync" is in 6 detractor comments and no promoter one, but passives use it too:
    // it leans to detractors, less than the words only they use.
    expect(words.detractors.map((word) => word.word)).toEqual(['failing', 'keeps', 'sync']);
    expect(words.detractors[2]?.z).toBeLessThan(words.detractors[0]?.z ?? 0);
    expect(words.promoters.map((word) => word.word)).toEqual(['colleagues', 'wonderful']);
    expect(words.promoters.every((word) => word.z < 0 && word.detractors === 0)).toBe(true);
  });

  it('counts no word with a digit: ticket and order numbers would grow the counts with every row', () => {
    const tally = new ThemeTally(new CommentReader(matcher, { language: 'en' }));
    for (let i = 0; i < 6; i += 1) tally.add(1, `Ticket INC00${1000 + i} still open after 3 days`);
    for (let i = 0; i < 6; i += 1) tally.add(10, 'Wonderful colleagues');
    const words = distinguishingWords(tally, 50, 0);
    expect(words.detractors.map((word) => word.word).sort()).toEqual(['days', 'open', 'ticket']);
  });
});

describe('theme examples', () => {
  /** A seeded generator (mulberry32), so that a failure can be run again. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const WORDS = ['slow', 'rude', 'late', 'Éric', 'eric', 'again', 'today', 'never', 'really', 'ok'];
  const comment = (next: () => number): string => {
    const words = Array.from({ length: 1 + Math.floor(next() * 5) }, () => WORDS[Math.floor(next() * WORDS.length)] ?? 'ok');
    return `Support was ${words.join(' ')}`;
  };
  /** The three shortest comments, each once, ties in collation order: what a reader sees. */
  const shortest = (comments: readonly string[]): string[] =>
    [...new Set(comments)].sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, 3);
  const examplesOf = (tally: ThemeTally): string[] | undefined => tally.byCategory.get('support and service')?.detractors.examples;

  it('are the three shortest comments, whatever their order, and the same when the parts are merged', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const next = random(seed);
      const comments = Array.from({ length: 20 + Math.floor(next() * 200) }, () => comment(next));
      const whole = new ThemeTally(new CommentReader(matcher, { language: 'en' }));
      for (const text of comments) whole.add(2, text);
      expect(examplesOf(whole), `seed ${seed}`).toEqual(shortest(comments));

      const cut = Math.floor(next() * comments.length);
      const [first, second] = [comments.slice(0, cut), comments.slice(cut)].map((part) => {
        const tally = new ThemeTally(new CommentReader(matcher, { language: 'en' }));
        for (const text of part) tally.add(2, text);
        return tally;
      });
      first?.mergeData(second?.toData() ?? new ThemeTally(new CommentReader(matcher, { language: 'en' })).toData());
      expect(first && examplesOf(first), `seed ${seed}, merged`).toEqual(shortest(comments));
    }
  });
});

describe('sentiment per theme mention', () => {
  const sentimentOf = (language: string, comments: ReadonlyArray<[score: number, text: string]>, theme: string, group: 'promoters' | 'detractors'): { positive: number; negative: number; mixed: number; unknown: number } | undefined => {
    const tally = new ThemeTally(new CommentReader(matcher, { language }));
    for (const [score, text] of comments) tally.add(score, text);
    return tally.byCategory.get(theme)?.[group].sentiment;
  };

  it('reads each mention by the sentence it stands in, so support praised is told from support complained about', () => {
    const comments: Array<[number, string]> = [
      [10, 'Support was great and kind.'],
      [9, 'Excellent support. Pricing is awful though.'],
      [2, 'Support was terrible. The app is nice.'],
      [1, 'Awful support, never answers.'],
      [3, 'Support is ok but slow and unhelpful.'],
    ];
    expect(sentimentOf('en', comments, 'support and service', 'promoters')).toEqual({ positive: 2, negative: 0, mixed: 0, unknown: 0 });
    expect(sentimentOf('en', comments, 'price and billing', 'promoters')).toEqual({ positive: 0, negative: 1, mixed: 0, unknown: 0 });
    expect(sentimentOf('en', comments, 'support and service', 'detractors')?.negative).toBeGreaterThanOrEqual(2);
    expect(sentimentOf('en', comments, 'support and service', 'detractors')?.positive).toBe(0);
  });

  it('reads French and German with their own words of praise and complaint', () => {
    expect(sentimentOf('fr', [[10, 'Le support est super, merci.'], [2, 'Support nul et lent.']], 'support and service', 'promoters')).toEqual({ positive: 1, negative: 0, mixed: 0, unknown: 0 });
    expect(sentimentOf('fr', [[2, 'Support nul et lent.']], 'support and service', 'detractors')?.negative).toBe(1);
    expect(sentimentOf('de', [[1, 'Der Support ist schlecht.']], 'support and service', 'detractors')?.negative).toBe(1);
  });
});

describe('ThemeTally: word counts', () => {
  const comments: Array<[number, string]> = [
    [2, 'Support never answers. Supporting us is their job, the supporters say.'],
    [10, 'Great support, answered in minutes; the app is fast'],
    [3, 'Billing charged us twice and support ignored the bills'],
    [9, 'Fast, fast, fast: the fastest app we use. Support rocks'],
    [6, 'Order 12345 arrived late, supports nothing we need'],
  ];
  const entries = (words: ThemeTally['words']): unknown =>
    [...words].map(([language, counts]) => [
      language,
      Object.fromEntries(Object.entries(counts.counts).map(([group, map]) => [group, [...map]])),
      [...counts.spellings].map(([stem, spellings]) => [stem, [...spellings]]),
    ]);
  const reader = new CommentReader(new ThemeMatcher(builtInThemes()), { language: 'en' });
  /** A tally of `comments`, one after another. */
  const tallied = (options: { slotsKept?: number } = {}): ThemeTally => {
    const tally = new ThemeTally(reader, options);
    for (const [score, text] of comments) tally.add(score, text);
    return tally;
  };

  it('counts each stem per group and each spelling, in the order words were first met', () => {
    const en = tallied().words.get('en');
    // By hand: detractors (2, 3 and 6) wrote Support, Supporting, supporters, support and supports; promoters Support twice.
    expect(en?.counts.detractors.get('support')).toBe(5);
    expect(en?.counts.promoters.get('support')).toBe(2);
    expect(en?.counts.passives.size).toBe(0);
    expect([...(en?.spellings.get('support') ?? [])]).toEqual([['support', 4], ['supporting', 1], ['supporters', 1], ['supports', 1]]);
    expect([...(en?.spellings.get('fast') ?? [])]).toEqual([['fast', 4]]);
    expect(en?.counts.promoters.get('fastest')).toBe(1);
    // Stop words and numbers do not count.
    expect(en?.counts.detractors.has('the')).toBe(false);
    expect(en?.counts.detractors.has('12345')).toBe(false);
  });

  it('gives the same counts asked once at the end, asked along the way, and merged from parts', () => {
    const once = tallied();
    const along = new ThemeTally(reader);
    const asked: unknown[] = [];
    for (const [score, text] of comments) {
      along.add(score, text);
      asked.push(entries(along.words));
    }
    expect(entries(along.words)).toEqual(entries(once.words));
    expect(asked.at(-1)).toEqual(entries(once.words));
    const first = new ThemeTally(reader);
    const second = new ThemeTally(reader);
    comments.slice(0, 2).forEach(([score, text]) => first.add(score, text));
    comments.slice(2).forEach(([score, text]) => second.add(score, text));
    first.mergeData(structuredClone(second.toData()));
    expect(entries(first.words)).toEqual(entries(once.words));
  });

  it('counts the same, in the same order, once its slots for written words are full', () => {
    const once = tallied();
    for (const kept of [0, 3, 8, 20]) expect(entries(tallied({ slotsKept: kept }).words), `${kept} slots`).toEqual(entries(once.words));
  });
});
