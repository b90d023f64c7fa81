import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEXICON_LANGUAGES, profileOf } from '../../../src/core/languages.js';
import { isTestimonialCandidate as readsAsPraise } from '../../../src/core/quotable.js';
import { CommentReader, distinguishingWords, ThemeMatcher, ThemeTally, type DetectLanguage } from '../../../src/core/themes.js';
import { MAX_WORD_LENGTH, READ_CHARS, readPart, splitWords, wordsOf } from '../../../src/core/words.js';
import { loadLanguageDetector } from '../../../src/input/language-detector.js';
import { builtInLexicon, builtInThemes, validateLexicon } from '../../../src/input/lexicon.js';
import { fixture } from '../../helpers.js';

const matcher = new ThemeMatcher(builtInThemes());
const tag = (comment: string, language: string): string[] =>
  matcher.tag(comment, language).map((mention) => (mention.negated ? `${mention.theme} (negated)` : mention.theme));

let detect: DetectLanguage;
beforeAll(async () => {
  detect = await loadLanguageDetector();
});

/** The comments of a fixture written by test/reference/themes_languages_fixture.py: score in column 3, comment in 4. */
function comments(name: string): Array<{ score: number; comment: string }> {
  const rows = parse(readFileSync(fixture(name)), { from_line: 2 }) as string[][];
  return rows.map((row) => ({ score: Number(row[2]), comment: row[3] ?? '' }));
}

/** The words `Intl.Segmenter` finds, lower-cased: the reference the words of nps are held to. */
function segmenterWords(text: string, locale: string): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return [...segmenter.segment(text.normalize('NFC').toLocaleLowerCase(locale).replace(/\u2019/g, "'"))]
    .filter((segment) => segment.isWordLike === true && /\p{L}/u.test(segment.segment))
    .map((segment) => segment.segment);
}

describe('words in every script', () => {
  it('keeps accented letters inside words', () => {
    expect(wordsOf('Prix trop élevés !', profileOf('fr'))).toEqual(['prix', 'trop', 'élevés']);
    expect(wordsOf('Falta información sobre las librerías', profileOf('es'))).toEqual(['falta', 'información', 'sobre', 'las', 'librerías']);
    expect(wordsOf('Größere Abstürze, naïve café', profileOf('de'))).toEqual(['größere', 'abstürze', 'naïve', 'café']);
  });

  it('keeps Cyrillic and Greek words whole', () => {
    expect(wordsOf('Слишком дорого, поддержка медленная', profileOf('ru'))).toEqual(['слишком', 'дорого', 'поддержка', 'медленная']);
    expect(wordsOf('Πολύ ακριβό και αργό', profileOf('el'))).toEqual(['πολύ', 'ακριβό', 'και', 'αργό']);
  });

  it('puts a decomposed accent together with its letter (NFC)', () => {
    expect(wordsOf('e\u0301leve\u0301s', profileOf('fr'))).toEqual(['élevés']);
  });

  it('cuts Japanese and Chinese into dictionary words, not characters', () => {
    expect(splitWords('値段が高すぎる。サポートが遅いです', 'ja').found.map((found) => found.word)).toEqual(['値段', 'が', '高', 'すぎる', 'サポート', 'が', '遅い', 'です']);
    const chinese = splitWords('价格太贵了，客服回复很慢', 'zh').found.map((found) => found.word);
    expect(chinese).toContain('价格');
    expect(chinese.join('')).toBe('价格太贵了客服回复很慢');
    expect(chinese.length).toBeLessThan(10);
  });

  it('splits elisions in French and Italian, not in English', () => {
    expect(wordsOf("L'application n'est pas fiable", profileOf('fr'))).toEqual(['l', 'application', 'n', 'est', 'pas', 'fiable']);
    expect(wordsOf("Manca l'esportazione dell'app", profileOf('it'))).toEqual(['manca', 'l', 'esportazione', 'dell', 'app']);
    expect(wordsOf("It isn't cheap, don’t buy", profileOf('en'))).toEqual(['it', "isn't", 'cheap', "don't", 'buy']);
  });

  it('finds the words Intl.Segmenter finds, in every fixture comment written with spaces', () => {
    for (const name of ['themes-fr.csv', 'themes-es.csv', 'themes-de.csv', 'themes-pt.csv', 'themes-nl.csv', 'themes-mixed.csv']) {
      for (const { comment } of comments(name)) {
        const words = splitWords(comment, 'en');
        if (words.unspaced) continue;
        expect(words.found.map((found) => found.word), comment).toEqual(segmenterWords(comment, 'en'));
      }
    }
  });
});

/** The words and breaks of text with spaces, by the expression splitWords reads them as, character by character. */
function wordsByExpression(text: string): Array<{ word: string; breaks: boolean; stops: boolean }> {
  const found: Array<{ word: string; breaks: boolean; stops: boolean }> = [];
  let breaks = false;
  let stops = false;
  for (const match of text.matchAll(/([\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*)|[.!?;:,()\n\u3001\u3002\uff01\uff1f\uff0c\uff1b\uff1a\u2026]/gu)) {
    const word = match[1];
    if (word === undefined) {
      breaks = true;
      stops ||= /[.!?\n\u3002\uff01\uff1f\u2026]/.test(match[0]);
    } else if (word.length > MAX_WORD_LENGTH) {
      breaks = true;
    } else if (/\p{L}/u.test(word)) {
      found.push({ word, breaks, stops });
      breaks = false;
      stops = false;
    }
  }
  return found;
}

describe('words and breaks, character by character', () => {
  // Letters of several scripts, marks, digits of other scripts, apostrophes, every break, symbols, emoji,
  // a letter outside the Basic Multilingual Plane, and surrogates that pair with nothing.
  const pieces = [...Array.from('aZé9ß'), '\u0301', '\u0663', '\u00b2', 'жΩ', "'", "''", ...Array.from('.!?;:,()\n\u3001\u3002\uff01\uff1f\uff0c\uff1b\uff1a\u2026'), ' ', '-', '"', '\u00a0', '😀', '\u{1d400}', '\ud800', '\udc00', 'x'.repeat(MAX_WORD_LENGTH)];

  it('finds what the expression finds, in random text', () => {
    let seed = 7;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let text = 0; text < 3000; text += 1) {
      const raw = Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)] ?? '').join('');
      const words = splitWords(raw, 'en');
      if (words.unspaced) continue;
      expect(words.found, JSON.stringify(raw)).toEqual(wordsByExpression(words.text));
    }
  });

  it('keeps a word whole across apostrophes between letters, marks and digits only', () => {
    expect(splitWords("it's o'clock r2'5 9'5 'quoted' end'", 'en').found.map((found) => found.word)).toEqual(["it's", "o'clock", "r2'5", 'quoted', 'end']);
  });
});

describe('one endless word', () => {
  const letters = (alphabet: string, length: number): string => Array.from({ length }, (_, index) => alphabet[(index * 7919) % alphabet.length] ?? '').join('');

  it('is no word: not stemmed, matched or counted, and it ends a clause', () => {
    const blob = letters('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 140_000);
    const words = splitWords(`not ${blob} expensive`, 'en');
    expect(words.found).toEqual([
      { word: 'not', breaks: false, stops: false },
      { word: 'expensive', breaks: true, stops: false },
    ]);
    expect(wordsOf(`${'a'.repeat(MAX_WORD_LENGTH)} ${'b'.repeat(MAX_WORD_LENGTH + 1)}`, profileOf('en'))).toEqual(['a'.repeat(MAX_WORD_LENGTH)]);
  });

  it('costs time in proportion to its length, in every script', () => {
    for (const alphabet of ['abcdefghijklmnopqrstuvwxyz', 'абвгдежзийклмнопрстуфхцчшщъыьэюя', '的一是不了人我在有他这为之大来以个中上们', 'กขคงจฉชซญดตถทนบปผพฟภมยรลวศษสหอ']) {
      const started = performance.now();
      const reader = new CommentReader(new ThemeMatcher(builtInThemes()), {});
      reader.read(letters(alphabet, 140_000));
      expect(performance.now() - started, alphabet).toBeLessThan(5000);
    }
  });

  it('a comment is read in its first 10,000 characters', () => {
    const reader = new CommentReader(new ThemeMatcher(builtInThemes()), { language: 'en' });
    const filler = 'lorem ipsum '.repeat(1000);
    expect(reader.read(`too expensive ${filler}`).mentions.map((mention) => mention.theme)).toContain('price and billing');
    expect(reader.read(`${filler} too expensive`).mentions).toEqual([]);
    expect(readPart(`${'a'.repeat(READ_CHARS - 1)}😀`)).toHaveLength(READ_CHARS - 1);
  });

  it('cuts text without spaces into pieces where a mark allows, losing no word', () => {
    const sentence = '价格太贵了，客服回复很慢。';
    const long = sentence.repeat(300);
    const words = splitWords(long, 'zh').found.map((found) => found.word);
    const one = splitWords(sentence, 'zh').found.map((found) => found.word);
    expect(words).toEqual(Array.from({ length: 300 }, () => one).flat());
  });
});

describe('one lexicon for every language', () => {
  it('is written in the format a lexicon of your own is held to, so runs read it without checking it', () => {
    expect(validateLexicon(builtInLexicon(), 'data/themes.json').themes).toEqual(builtInThemes());
  });

  it('has keywords in every language of the lexicon for every theme', () => {
    for (const theme of builtInThemes()) {
      expect(Object.keys(theme.languages ?? {}).sort(), theme.name).toEqual([...LEXICON_LANGUAGES].sort());
    }
  });

  it('counts the price in ten languages to the same theme', () => {
    const said: Array<[string, string]> = [
      ['en', 'The price went up'],
      ['fr', 'Le prix a augmenté'],
      ['es', 'El precio subió'],
      ['de', 'Der Preis ist gestiegen'],
      ['pt', 'O preço subiu'],
      ['it', 'Il prezzo è aumentato'],
      ['nl', 'De prijs is gestegen'],
      ['ru', 'Цена выросла'],
      ['ja', '価格が上がった'],
      ['zh', '价格上涨了'],
    ];
    for (const [language, comment] of said) expect(tag(comment, language), comment).toEqual(['price and billing']);
  });

  it('matches on the stems of each language', () => {
    expect(tag('Les factures arrivent en retard', 'fr')).toEqual(['price and billing']);
    expect(tag('Demasiados errores', 'es')).toEqual(['reliability and bugs']);
    expect(tag('Die Abstürze nerven', 'de')).toEqual(['reliability and bugs']);
    expect(tag('Pagina’s laden traag', 'nl')).toEqual(['speed and performance']);
  });

  it('marks negations in each language, before the word or, in Japanese, after it', () => {
    expect(tag('Pas cher du tout', 'fr')).toEqual(['price and billing (negated)']);
    expect(tag('No es caro', 'es')).toEqual(['price and billing (negated)']);
    expect(tag('Nicht teuer', 'de')).toEqual(['price and billing (negated)']);
    expect(tag('Nessun errore', 'it')).toEqual(['reliability and bugs (negated)']);
    expect(tag('没有客服', 'zh')).toEqual(['support and service (negated)']);
    expect(tag('マニュアルがない', 'ja')).toEqual(['documentation (negated)']);
    expect(tag('Pas cher, mais lent', 'fr')).toEqual(['price and billing (negated)', 'speed and performance']);
  });

  it('keeps each language to its own keywords', () => {
    expect(tag('Prix trop élevés', 'en')).toEqual([]);
    expect(tag('Prix trop élevés', 'fr')).toEqual(['price and billing']);
  });
});

describe('reading each comment in its language', () => {
  const reader = (): CommentReader => new CommentReader(matcher, { detect });

  it('detects the language of full sentences', () => {
    const read = reader();
    expect(read.read("L'application plante tous les matins").language).toBe('fr');
    expect(read.read('La aplicación se cierra cada mañana').language).toBe('es');
    expect(read.read('Die App stürzt jeden Morgen ab').language).toBe('de');
    expect(read.read('値段が高すぎる').language).toBe('ja');
    expect(read.read('Слишком дорого').language).toBe('ru');
  });

  it('lets the keywords decide a short comment the detector is unsure of', () => {
    const read = reader();
    expect(read.read('Trop cher')).toMatchObject({ language: 'fr', mentions: [{ theme: 'price and billing', negated: false }] });
    expect(read.read('Te duur')).toMatchObject({ language: 'nl', mentions: [{ theme: 'price and billing', negated: false }] });
  });

  it('leaves undetermined a comment with no theme and no sure language', () => {
    const read = reader();
    for (const comment of ['ok', '👍👍👍', 'Super 👍']) expect(read.read(comment)).toMatchObject({ language: 'und', mentions: [] });
  });

  it('reads every comment in the language --language sets, without a detector', () => {
    const forced = new CommentReader(matcher, { language: 'fr' });
    expect(forced.read('Trop cher')).toMatchObject({ language: 'fr', mentions: [{ theme: 'price and billing' }] });
    expect(forced.read('Too expensive')).toMatchObject({ language: 'fr', mentions: [] });
  });
});

describe('distinguishing words within each language', () => {
  function tallyOf(...names: string[]): ThemeTally {
    const tally = new ThemeTally(new CommentReader(matcher, { detect }));
    for (const name of names) for (const { score, comment } of comments(name)) tally.add(score, comment);
    return tally;
  }

  it('never shows a fragment of a word: every word is a whole word of some comment', () => {
    for (const name of ['themes-fr.csv', 'themes-es.csv', 'themes-mixed.csv']) {
      // Words as the segmenter finds them, and the two sides of an elision ("l'application").
      const written = new Set(
        comments(name).flatMap(({ comment }) => [...segmenterWords(comment, 'fr'), ...segmenterWords(comment, 'ja')].flatMap((word) => [word, ...word.split("'")])),
      );
      // All words, whatever their z, both ways.
      const { detractors, promoters } = distinguishingWords(tallyOf(name), 100_000, 0);
      const shown = [...detractors, ...promoters].map((entry) => entry.word);
      expect(shown.length).toBeGreaterThan(50);
      const fragments = shown.filter((word) => !written.has(word));
      expect(fragments, name).toEqual([]);
    }
    const french = distinguishingWords(tallyOf('themes-fr.csv'), 100_000, 0);
    const frenchWords = [...french.detractors, ...french.promoters].map((entry) => entry.word);
    expect(frenchWords).toContain('élevés');
    expect(frenchWords).not.toContain('lev');
    const spanish = distinguishingWords(tallyOf('themes-es.csv'), 100_000, 0);
    const spanishWords = [...spanish.detractors, ...spanish.promoters].map((entry) => entry.word);
    // "información" shares its stem with "informes", said more often, which stands for both.
    expect(spanishWords).toEqual(expect.arrayContaining(['librerías', 'informes']));
    expect(spanishWords.filter((word) => ['informaci', 'librer', 'inform'].includes(word))).toEqual([]);
  });

  it('weighs words within their language, and counts undetermined comments with the main one', () => {
    const tally = new ThemeTally(new CommentReader(matcher, { detect }));
    for (let i = 0; i < 6; i += 1) tally.add(1, "L'application plante sans arrêt");
    for (let i = 0; i < 6; i += 1) tally.add(10, "L'application est formidable, je la recommande");
    for (let i = 0; i < 4; i += 1) tally.add(1, 'The app keeps crashing on startup');
    tally.add(10, 'Génial 👍');
    expect(tally.languageCounts()).toEqual([
      { language: 'fr', comments: 12 },
      { language: 'en', comments: 4 },
      { language: 'und', comments: 1 },
    ]);
    const words = distinguishingWords(tally, 20);
    expect(words.detractors.find((entry) => entry.word === 'plante')).toMatchObject({ language: 'fr', detractors: 6, promoters: 0 });
    // "application" is said as often by French promoters as by French detractors: it leans far less.
    const lean = (word: string): number => words.detractors.find((entry) => entry.word === word)?.z ?? 0;
    expect(lean('application')).toBeLessThan(lean('plante') / 3);
    expect(words.promoters.find((entry) => entry.word === 'génial')).toMatchObject({ language: 'fr', promoters: 1 });
  });
});

describe('testimonial candidates in other languages', () => {
  it('takes praise for praise, and a complaint, a negation or a "but" for no praise', () => {
    expect(readsAsPraise('Super produit, je le recommande à tous mes collègues', 'fr')).toBe(true);
    expect(readsAsPraise('Super mais trop cher', 'fr')).toBe(false);
    expect(readsAsPraise('Pas génial', 'fr')).toBe(false);
    expect(readsAsPraise('Excelente servicio, resolvieron todo en minutos', 'es')).toBe(true);
    expect(readsAsPraise('Excelente, pero caro', 'es')).toBe(false);
    expect(readsAsPraise('Tolles Produkt, aber zu teuer', 'de')).toBe(false);
    expect(readsAsPraise('Ottimo prodotto', 'it')).toBe(true);
    expect(readsAsPraise('サポートが最高です', 'ja')).toBe(true);
    expect(readsAsPraise('很好，但是太贵了', 'zh')).toBe(false);
  });

  it('holds a comment of no told language to every list, and does not guess in a language it has none for', () => {
    expect(readsAsPraise('Super 👍', 'und')).toBe(false);
    expect(readsAsPraise('Trop cher', 'und')).toBe(false);
    expect(readsAsPraise('Świetny produkt', 'pl')).toBe(false);
  });
});

describe('chart ids', () => {
  it('keep the letters of every script, so that two charts by Japanese columns differ', async () => {
    const { breakdownChart } = await import('../../../src/output/render/svg.js');
    const ids = ['地域', 'プラン'].map((column) => /<title id="([^"]+)"/.exec(breakdownChart([], [column]))?.[1]);
    expect(ids).toEqual(['nps-by-地域-title', 'nps-by-プラン-title']);
  });
});

describe('language codes', () => {
  it('lists, without loading the stemmers, the same languages the profiles know', async () => {
    const codes = await import('../../../src/core/language-codes.js');
    const languages = await import('../../../src/core/languages.js');
    expect([...codes.KNOWN_LANGUAGES].sort()).toEqual([...languages.PROFILED_LANGUAGES].sort());
    expect([...codes.LEXICON_LANGUAGES].sort()).toEqual([...languages.LEXICON_PROFILES].sort());
  });

  it('names every known language in English, the table the same whatever ICU data Node has', async () => {
    const codes = await import('../../../src/core/language-codes.js');
    expect(Object.keys(codes.LANGUAGE_NAMES).sort()).toEqual([...codes.KNOWN_LANGUAGES].sort());
    expect(profileOf('fr').name).toBe('French');
    expect(profileOf('bn').name).toBe('Bangla');
    expect(profileOf('und').name).toBe('undetermined');
  });

  it('still names a language beyond the known ones, as Intl does', () => {
    expect(profileOf('sw').name).toBe(new Intl.DisplayNames(['en'], { type: 'language' }).of('sw'));
  });
});

describe('stop words', () => {
  it("are each language's list of the stopword package, read one language at a time", async () => {
    const { stopWordsIn } = await import('../../../src/libraries/stopword.js');
    const { createRequire } = await import('node:module');
    const stopword = createRequire(import.meta.url)('stopword') as Record<string, unknown>;
    for (const code of ['eng', 'fra', 'deu', 'jpn', 'zho', 'ara'] as const) {
      expect(stopWordsIn(code)).toEqual(stopword[code]);
    }
    expect(profileOf('de').stopWords.has('und')).toBe(true);
  });
});
