import { englishWith } from '../libraries/sentiment.js';
import { profileOf, UNDETERMINED_LANGUAGE, type LanguageProfile } from './languages.js';
import { readPart, splitWords, tokensIn, wordsFor, wordsOf, type Words } from './words.js';

/**
 * Whether a promoter's comment reads as praise, worth asking to publish as a
 * testimonial. In English, words are scored by the AFINN-165 list (Nielsen 2011,
 * through the `sentiment` package), which also turns "not bad" around; to it are
 * added the complaints NPS comments are made of and AFINN leaves neutral. A comment
 * reads as praise when its words sum above zero and none of them is negative:
 * "Love it" is praise, "Great, but it crashes" and "Crashed twice, lost work" are not.
 *
 * AFINN is English, and would take "Super, mais trop cher" for praise. In the other
 * languages with keywords a comment is praise when it has a word of praise and no
 * complaint, no negation and no "but" ("mais", "aber"…): wary on purpose, since a
 * testimonial asked of an unhappy customer does harm. A comment whose language could
 * not be told is held to every language's words at once; one in a language without
 * such words (Polish, Swedish…) is not taken for praise.
 */
export const COMPLAINTS: Record<string, number> = Object.fromEntries(
  [
    'crash', 'crashes', 'crashed', 'crashing', 'bug', 'bugs', 'buggy', 'slow', 'slower', 'laggy', 'lag', 'expensive',
    'pricey', 'overpriced', 'broken', 'breaks', 'outage', 'outages', 'glitch', 'glitches', 'freezes', 'froze', 'unusable',
    'confusing', 'clunky', 'missing', 'downtime', 'errors', 'error', 'fails', 'failed', 'failing',
  ].map((word) => [word, -2]),
);

/** Words of praise and of complaint per language, matched on stems (inside the text in Japanese and Chinese). */
export const CUES: Record<string, { praise: string; complaint: string }> = {
  fr: {
    praise: 'super génial géniale excellent excellente parfait parfaite top adore adorons recommande recommander bravo merci formidable incroyable impeccable efficace satisfait satisfaite ravi ravie content contente bien agréable pratique bon bonne meilleur meilleure facile',
    complaint: 'cher chère chers lent lente lenteur bug bugs plante panne erreur problème compliqué compliquée manque dommage déçu déçue nul nulle mauvais mauvaise difficile',
  },
  es: {
    praise: 'excelente genial perfecto perfecta encanta encantado encantada recomiendo recomendable fantástico increíble maravilloso bueno buena buen buenísimo gracias satisfecho satisfecha feliz bien top súper super mejor fácil',
    complaint: 'caro cara caros lento lenta error fallo falla problema complicado complicada difícil falta malo mala mal pésimo lamentable decepcionado decepcionada horrible',
  },
  de: {
    praise: 'super toll tolle klasse prima perfekt ausgezeichnet hervorragend großartig empfehlen empfehle begeistert zufrieden gut gute danke top spitze liebe',
    complaint: 'teuer teure langsam fehler absturz abstürze problem probleme kompliziert umständlich fehlt fehlen schlecht leider enttäuscht mangelhaft',
  },
  pt: {
    praise: 'excelente ótimo ótima otimo perfeito perfeita adoro amo recomendo maravilhoso incrível fantástico bom boa obrigado obrigada satisfeito satisfeita top super',
    complaint: 'caro cara lento lenta erro falha problema complicado difícil falta ruim péssimo decepcionado trava travando',
  },
  it: {
    praise: 'ottimo ottima eccellente perfetto perfetta fantastico adoro consiglio consigliato bravi grazie soddisfatto soddisfatta bello bella buono buona bene top super',
    complaint: 'caro cara costoso lento lenta errore problema complicato difficile manca mancano pessimo male deluso delusa bloccato blocca brutto',
  },
  nl: {
    praise: 'super geweldig uitstekend perfect top fantastisch aanrader aanbevelen tevreden blij goed goede prima bedankt dank fijn handig',
    complaint: 'duur dure traag langzaam fout fouten probleem problemen storing ingewikkeld lastig ontbreekt mist slecht jammer teleurgesteld',
  },
  ru: {
    praise: 'отлично отличный отличное супер прекрасно замечательно рекомендую нравится люблю спасибо хорошо хороший удобно удобный доволен довольна',
    complaint: 'дорого дорогой медленно медленный ошибка ошибки проблема проблемы сложно неудобно плохо ужасно баг глючит тормозит жаль',
  },
  ja: {
    praise: '素晴らしい 最高 満足 便利 良い いい 好き おすすめ オススメ ありがとう 助かって 快適 使いやすい 丁寧',
    complaint: '高すぎ 遅い 不具合 バグ エラー 不便 使いにくい 分かりにくい わかりにくい 残念 不満 問題 重い',
  },
  zh: {
    praise: '很好 非常好 满意 推荐 喜欢 方便 好用 优秀 棒 赞 谢谢 完美 很快',
    complaint: '贵 慢 问题 错误 崩溃 卡顿 难用 复杂 差 失望 缺少',
  },
};

interface CueSet {
  profile: LanguageProfile;
  praise: ReadonlySet<string>;
  complaint: ReadonlySet<string>;
}

const cueSets = new Map<string, CueSet>();

/** A language's cues, stemmed as its comments are (or, in Japanese and Chinese, as text). */
function cuesOf(language: string): CueSet | undefined {
  const found = cueSets.get(language);
  if (found !== undefined) return found;
  const cues = CUES[language];
  if (cues === undefined) return undefined;
  const profile = profileOf(language);
  const stems = (words: string): ReadonlySet<string> =>
    new Set(profile.unspaced ? words.split(' ') : words.split(' ').flatMap((word) => wordsOf(word, profile).map(profile.stem)));
  const set = { profile, praise: stems(cues.praise), complaint: stems(cues.complaint) };
  cueSets.set(language, set);
  return set;
}

type Verdict = 'praise' | 'complaint' | 'neither';

/** What a comment's words say in one language: a complaint, a negation or a "but" outweighs any praise. */
function verdictIn(comment: string, split: Words, cues: CueSet): Verdict {
  const { profile } = cues;
  const words = wordsFor(split, comment, profile);
  const has = (set: ReadonlySet<string>): boolean => {
    if (profile.unspaced) return [...set].some((cue) => words.text.includes(cue));
    return tokensIn(words, profile).some((token) => set.has(profile.stem(token.word)));
  };
  const negated = profile.unspaced
    ? [...profile.negators, ...profile.clauseWords].some((word) => words.text.includes(word))
    : words.found.some(({ word }) => profile.negators.has(word) || profile.clauseWords.has(word));
  if (negated || has(cues.complaint)) return 'complaint';
  return has(cues.praise) ? 'praise' : 'neither';
}

/** AFINN with the complaints above. */
const withComplaints = englishWith('en-nps-complaints', COMPLAINTS);

/**
 * Short comments repeat ("Great product", "Love it"): their verdict is kept, as the
 * language of a short comment is, up to a bound so that memory stays flat.
 */
const SHORT_COMMENT = 48;
const KEPT_VERDICTS = 50_000;
const englishVerdicts = new Map<string, Verdict>();

function englishPraise(comment: string): Verdict {
  const short = comment.length <= SHORT_COMMENT;
  const kept = short ? englishVerdicts.get(comment) : undefined;
  if (kept !== undefined) return kept;
  const verdict = analyzedPraise(comment);
  if (short && englishVerdicts.size < KEPT_VERDICTS) englishVerdicts.set(comment, verdict);
  return verdict;
}

function analyzedPraise(comment: string): Verdict {
  const result = withComplaints(comment);
  if (result.negative.length > 0) return 'complaint';
  return result.score > 0 ? 'praise' : 'neither';
}

/** Whether the comment reads as praise; `language` is its ISO 639-1 code, `und` when it could not be told. */
export function readsAsPraise(whole: string, language = 'en'): boolean {
  const comment = readPart(whole);
  if (comment.trim() === '') return false;
  if (language === 'en') return englishPraise(comment) === 'praise';
  if (language !== UNDETERMINED_LANGUAGE) {
    const cues = cuesOf(language);
    return cues !== undefined && verdictIn(comment, splitWords(comment, cues.profile.locale), cues) === 'praise';
  }
  const split = splitWords(comment);
  const verdicts = [englishPraise(comment)];
  for (const code of Object.keys(CUES)) {
    const cues = cuesOf(code);
    if (cues !== undefined) verdicts.push(verdictIn(comment, split, cues));
  }
  return verdicts.includes('praise') && !verdicts.includes('complaint');
}
