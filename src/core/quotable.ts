import { englishWith, Sentiment } from '../libraries/sentiment.js';
import { profileOf, UNDETERMINED_LANGUAGE } from './languages.js';
import { readsAsPraise } from './praise.js';
import { QUOTABLE_CUES, type QuotableCues } from './quotable-cues.js';

/**
 * Whether a promoter's comment is a testimonial candidate: praise a company could quote
 * as written. Wary on purpose, since asking an unhappy customer for a quote does harm,
 * and a quote with a request or a caveat in it cannot be used: a comment is a candidate
 * only when nothing in it is a request or wish, a caveat ("but", "though"), a condition
 * ("as long as"), a complaint, faint praise, praise of someone else (the courier, the
 * city) or personal data (an email, a phone number, someone's full name); and when it
 * says something specific enough to stand alone ("Great!" does not). In English the
 * complaints are also AFINN-165's negative words (Nielsen 2011, through `sentiment`).
 * A complaint word after a negation ("no downtime", "sans souci", "ohne Probleme") is
 * praise, not a complaint. Languages without cues (or undetermined) are held to the
 * cues of every language at once.
 */

/** What keeps a comment from being quoted; undefined when it is a candidate. */
export type NotQuotable = 'empty' | 'long' | 'personal-data' | 'request' | 'caveat' | 'conditional' | 'complaint' | 'not-praise' | 'faint' | 'third-party' | 'vague';

interface CompiledCues {
  request: RegExp;
  caveat: RegExp;
  conditional: RegExp;
  complaint: RegExp;
  faint: RegExp;
  faintPhrases: RegExp;
  thirdParty: RegExp;
  usage: RegExp;
  health: RegExp;
  praise: RegExp;
  implicit: RegExp;
  troubles: RegExp;
  generic: ReadonlySet<string>;
  /** Generic praise of several words ("keep it up", "from start to finish"), taken out before the words are counted. */
  genericPhrases: RegExp;
  things: ReadonlySet<string>;
  stopWords: ReadonlySet<string>;
}

const compiled = new Map<string, CompiledCues>();

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The alternatives of a list of phrases, normalised; `*` ends a word with any letters. */
const alternativesOf = (list: readonly string[]): string =>
  list.map((phrase) => escape(normalise(phrase.replace(/\*$/, '')).trim()) + (phrase.endsWith('*') ? "[\\p{L}']*" : '')).join('|');

/** One expression for a list of phrases, on whole words of normalised text; an empty list matches nothing. */
function phrases(list: readonly string[]): RegExp {
  return list.length === 0 ? /(?!)/gu : new RegExp(`(?<= )(?:${alternativesOf(list)})(?= )`, 'gu');
}

/** The cues of every language that has them: what a comment of no language told is held to. */
function everyLanguagesCues(): CompiledCues[] {
  return Object.keys(QUOTABLE_CUES).flatMap((code) => cuesFor(code) ?? []);
}

function cuesFor(language: string): CompiledCues | undefined {
  const found = compiled.get(language);
  if (found !== undefined) return found;
  const cues: QuotableCues | undefined = QUOTABLE_CUES[language];
  if (cues === undefined) return undefined;
  const set: CompiledCues = {
    request: phrases(cues.request),
    caveat: phrases(cues.caveat),
    conditional: phrases(cues.conditional),
    complaint: phrases(cues.complaint),
    faint: phrases(cues.faint),
    faintPhrases: phrases(cues.faint.filter((phrase) => phrase.includes(' '))),
    thirdParty: phrases(cues.thirdParty),
    usage: phrases(cues.usage),
    health: phrases(cues.health),
    praise: phrases(cues.praise),
    implicit: phrases(cues.implicit),
    troubles: phrases(cues.troubles),
    generic: new Set(cues.generic.map((word) => normalise(word).trim())),
    genericPhrases: phrases([...cues.generic, ...cues.things].filter((phrase) => phrase.includes(' '))),
    things: new Set(cues.things.map((word) => normalise(word).trim())),
    stopWords: profileOf(language).stopWords,
  };
  compiled.set(language, set);
  return set;
}

/** Lower case, one kind of apostrophe, words apart by single spaces, a space at each end: what the phrases are matched on. */
function normalise(text: string): string {
  const words = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'+%/]+/gu, ' ')
    // French and Italian elide an article or pronoun into the next word ("d'attente", "l'appli"): the word is matched alone.
    .replace(/(?<![\p{L}'])(qu|[cdjlmnst])'(?=\p{L})/gu, "$1' ")
    .trim();
  return ` ${words} `;
}

/** Words that turn a complaint word that follows into praise: "no downtime", "without a problem", "keine Wartezeit". */
const NEGATIONS = new Set([
  'no', 'zero', 'without', 'never', 'not', 'nobody', "didn't", "don't", 'keine', 'kein', 'keinen', 'ohne', 'nie', 'nicht', 'aucun', 'aucune', 'sans', 'pas',
  'jamais', 'sin', 'ningún', 'ninguna', 'nunca', 'sem', 'nenhum', 'nenhuma', 'kaum',
  // "less expensive", "moins cher", "weniger teuer": the complaint made smaller is praise.
  'less', 'moins', 'weniger', 'menos',
]);

/** Words saying a trouble was put right: a problem "solved the same day" is praise of the one who solved it. */
const RESOLVED = /(?<= )(?:solved|fixed|sorted|resolv\p{L}*|gelöst|behoben|erledigt|geklärt|résolu\p{L}*|réglé\p{L}*|resuelt\p{L}*|solucion\p{L}*)(?= )/u;

/** A trouble said to be absent: "no fees", "zero downtime", "keine Wartezeit", "sans coupure". */
function troubleGone(text: string, set: CompiledCues): boolean {
  for (const match of matchesOf(text, set.troubles)) if (negated(text, match.index)) return true;
  return false;
}

/** Whether a negation stands among the words just before `at`: an elided article ("d'") is no word here. */
function negated(text: string, at: number): boolean {
  const words = text.slice(0, at).trim().split(' ').filter((word) => !word.endsWith("'"));
  // Five words back ("not a single minute of waiting"), but not past a "but" or an "and": "no fees and the app slow" complains.
  const contrast = words.findLastIndex((word) => CONTRASTS.has(word));
  return words.slice(Math.max(contrast + 1, words.length - 5)).some((word) => NEGATIONS.has(word));
}

/** Words that turn a sentence around: a negation before them does not reach past them. */
const CONTRASTS = new Set(['but', 'though', 'aber', 'doch', 'mais', 'pero', 'mas', 'porém', 'and', 'und', 'et', 'y', 'e']);

/** A speed: a number (or one, two…) of minutes, hours or days, after "in", "within", "innerhalb", "en", "em". */
const QUICK = /(?<= )(?:in|within|under|took|takes|innerhalb|binnen|dauert|en|em|dans|nach|after)(?: (?:von|de|d'|of|less than|moins d'?|unter|nur))? (?:\d+|one|two|three|a|an|une?|zwei|drei|einer|einem|dos|tres|uma?|duas) (?:min|mins|minutes?|minuten|minutos|heures?|hours?|stunden?|horas?|seconds?|sekunden|secondes?|segundos)(?= )/u;

/** Whether a complaint phrase is found that no negation just before it turns around, in a sentence that puts nothing right. */
function complains(comment: string, expression: RegExp): boolean {
  // A clause at a time: "No fees, the app slow" complains of the app, whatever the fees.
  for (const sentence of comment.split(/[.!;,\n]+/u)) {
    const text = normalise(sentence);
    if (RESOLVED.test(text)) continue;
    for (const match of matchesOf(text, expression)) if (!negated(text, match.index)) return true;
  }
  return false;
}

/** The cues' expressions are global and shared: each search starts from the start, whatever the last one left. */
const found = (text: string, expression: RegExp): boolean => {
  expression.lastIndex = 0;
  return expression.test(text);
};

/** Every match of a cue's expression: matchAll would start where the last search (`found`) left off. */
const matchesOf = (text: string, expression: RegExp): IterableIterator<RegExpExecArray> => {
  expression.lastIndex = 0;
  return text.matchAll(expression);
};

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/u;
const PHONE = /(?:\+|\b)\d(?:[\d\s\-/().]*\d){7,}/u;
/** Every phone number of a comment: matchAll takes a global expression (and copies it, so it is shared safely). */
const PHONES = new RegExp(PHONE.source, 'gu');
const YEARS = /^(?:19|20)\d\d\s?[-–/]\s?(?:19|20)\d\d$/u;

/** A phone number: eight digits and more in a row, spaced or not; a span of years ("2015-2024") is none. */
function callsOut(comment: string): boolean {
  return [...comment.matchAll(PHONES)].some((match) => !YEARS.test(match[0].trim()));
}

/** What follows a name before the role it gives: "our", "notre", "unsere", "nuestra", "nossa", "the". */
const POSSESSIVES = 'our|my|notre|ma|mon|nos|mes|unser|unsere|unserem|unseren|meine|mein|nuestra|nuestro|nuestras|nuestros|mi|nossa|nosso|minha|meu';
/** Words for someone's role at a company, in the five languages: what follows a name and its comma. */
const ROLES = [
  'manager|advisor|adviser|consultant|agent|representative|technician|engineer|coordinator|specialist|nurse|teacher|trainer|instructor|broker',
  'conseill(?:er|ère)|technicien(?:ne)?|gestionnaire|interlocut(?:eur|rice)|format(?:eur|rice)|infirmi(?:er|ère)',
  '(?:kunden)?(?:betreuer|berater|ansprechpartner)(?:in)?|techniker(?:in)?|sachbearbeiter(?:in)?',
  'asesora?|gestora?|ejecutiv[oa]|enfermer[oa]',
  'consultora?|gerente|atendente|assessora?|corretora?|enfermeir[oa]',
].join('|');
const NAME = String.raw`\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`;
/**
 * A name opening a sentence, a comma, then their role: "Marie Lefebvre, notre conseillère",
 * "Sarah Whitfield, account manager", "Jonas Becker, unser Kundenbetreuer" (not "Customer
 * Support, quick and friendly", "Sunny Bay, our favourite resort", "Hotel Adlon, unser
 * Lieblingshotel": a possessive alone does not tell a person from a place).
 */
const NAME_THEN_ROLE = new RegExp(`^\\s*(${NAME}) (${NAME}), (?:(?:${POSSESSIVES}) )?(?:\\p{L}+ )?(?=(?:${ROLES})(?!\\p{L}))`, 'iu');

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'miss', 'herr', 'frau', 'm', 'mme', 'mlle', 'sr', 'sra', 'srta', 'don', 'doña', 'prof']);
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;
/** A name as written: capital, then small letters, hyphenated once at most ("Jean-Pierre"); the 'i' flag of NAME_THEN_ROLE does not hold it. */
const CAPITALISED_NAME = /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;

/** Someone's full name: two capitalised words inside a sentence, not after a title ("Dr Lambert" is fine; "Sarah Whitfield" is not). */
function namesSomeone(comment: string, language: string): boolean {
  for (const sentence of comment.split(/[.!?;:\n]+/u)) {
    const words = sentence.trim().split(/[\s,]+/u);
    for (let at = 1; at + 1 < words.length; at += 1) {
      const [first = '', second = ''] = [words[at], words[at + 1]];
      if (!CAPITALISED.test(first) || !CAPITALISED.test(second) || TITLES.has(first.toLowerCase())) continue;
      const title = TITLES.has((words[at - 1] ?? '').toLowerCase().replace(/\.$/, ''));
      // German writes every noun with a capital: there, only a title before the pair says it is a name.
      if (language === 'de' ? title : !title) return true;
    }
    // A name opening a sentence, then a role: "Sarah Whitfield in billing".
    const [first = '', second = '', third = ''] = words;
    if (language !== 'de' && CAPITALISED.test(first) && CAPITALISED.test(second) && /^(?:in|at|from|du|de|von|aus|à|en|da|do)$/u.test(third)) return true;
    // Or a name, a comma and who they are: "Marie Lefebvre, notre conseillère" (not "Customer Support, quick and friendly").
    const opening = NAME_THEN_ROLE.exec(sentence);
    const named = opening !== null && CAPITALISED_NAME.test(opening[1] ?? '') && CAPITALISED_NAME.test(opening[2] ?? '');
    if (named && !ordinaryWord(opening[1] ?? '') && !ordinaryWord(opening[2] ?? '')) {
      return true;
    }
  }
  return false;
}

/** A word the cues of some language know (a stop word, praise, a generic thing): no one's name. */
function ordinaryWord(word: string): boolean {
  const text = normalise(word);
  const bare = text.trim();
  return everyLanguagesCues().some(
    (set) => set.stopWords.has(bare) || set.generic.has(bare) || set.things.has(bare) || found(text, set.praise) || found(text, set.complaint),
  );
}

/**
 * Faint praise and nothing more: "ok" and "passt" alone ("passt perfekt" is not), "good
 * enough" ("good enough, fast and friendly" is not).
 */
function faintOnly(text: string, set: CompiledCues, sets: readonly CompiledCues[]): boolean {
  if (!found(text, set.faint)) return false;
  const withoutPhrases = text.replace(set.faintPhrases, ' ');
  if (!found(withoutPhrases, set.faint)) {
    // A faint phrase alone: one word of praise beside it outweighs it ("it works perfectly", "pas mal du tout, livraison rapide").
    return !praises(withoutPhrases, sets) && praisedIn(withoutPhrases, sets) === 0;
  }
  // A faint word ("ok", "bien", "decent"): generic praise outweighs it as before ("muito bom", "passt perfekt"), and so
  // does praise of two things ("decent, intuitive and reliable"); praise of one does not ("normal, sin problemas").
  return !praises(text, sets) && praisedIn(withoutPhrases.replace(set.faint, ' '), sets) < 2;
}

/** How many different words of praise a text has. */
function praisedIn(text: string, sets: readonly CompiledCues[]): number {
  const words = new Set<string>();
  for (const other of sets) for (const match of matchesOf(text, other.praise)) words.add(match[0]);
  return words.size;
}

/** Whether a word of praise is in the comment. */
function praises(text: string, cues: readonly CompiledCues[]): boolean {
  return text
    .trim()
    .split(' ')
    .some((word) => cues.some((set) => set.generic.has(word)));
}

/** Specific enough to stand alone: at least two words that are neither stop words nor generic praise ("keep it up", "show de bola" count as one). */
function specific(text: string, cues: readonly CompiledCues[], stopWords: ReadonlySet<string> = new Set()): boolean {
  const content = cues
    .reduce((rest, set) => rest.replace(set.genericPhrases, ' '), text)
    .trim()
    .split(' ')
    .filter((word) => word.length > 1 && !/^\d+$/.test(word) && !word.endsWith("'") && !stopWords.has(word))
    .filter((word) => !cues.some((set) => set.stopWords.has(word) || set.generic.has(word) || set.things.has(word)));
  return content.length >= 2;
}

/** AFINN as it is. */
const afinn = new Sentiment();

/**
 * Words AFINN scores −2 or lower that, in a promoter's comment, mostly tell a trouble the
 * company took away ("zero pain", "when I lost my wallet", "nervous about dentists") or
 * mean something else ("worth it for that alone").
 */
const NOT_COMPLAINTS = { alone: 0, problem: 0, problems: 0, cried: 0, nervous: 0, lost: 0, hard: 0, pain: 0, worried: 0, stress: 0, stressed: 0, fear: 0, scared: 0 };

/** AFINN's mild words (−1: "pay", "dropped", "no") are too common in praise to tell a complaint by. */
const AFINN_COMPLAINT = -2;

/** AFINN with NOT_COMPLAINTS' words scored 0. */
const afinnWithoutTroublesTakenAway = englishWith('en-nps-not-complaints', NOT_COMPLAINTS);

function afinnPraises(comment: string): boolean {
  return afinn.analyze(comment).calculation.some((entry) => Object.values(entry).some((score) => score >= AFINN_PRAISE));
}

/** AFINN's words of +2 and more; +1 ("yes", "please") is no praise. */
const AFINN_PRAISE = 2;

/** A part rated low on a ten-point scale: "Teacher 10/10, textbook 4/10" is a mixed comment. */
const LOW_MARK = /(?<![\d.])([0-6])\s*\/\s*10\b/u;

function afinnComplains(comment: string): boolean {
  return afinnWithoutTroublesTakenAway(comment).calculation.some((entry) => Object.values(entry).some((score) => score <= AFINN_COMPLAINT));
}

/** The longest comment that may be quoted: a testimonial is read in a glance. */
export const QUOTE_CHARS = 1_000;

/** Why a promoter's comment cannot be quoted, or undefined when it can; `language` is its ISO 639-1 code, `und` when unknown. */
export function whyNotQuotable(comment: string, language = 'en'): NotQuotable | undefined {
  // A quote is a few sentences; a longer text is not one, and is never searched (a pasted document would take minutes).
  if (comment.length > QUOTE_CHARS) return 'long';
  const text = normalise(comment);
  if (text.trim() === '') return 'empty';
  const own = language === UNDETERMINED_LANGUAGE ? undefined : cuesFor(language);
  const sets = own === undefined ? everyLanguagesCues() : [own];
  const first = whyNotQuotableAnywhere(comment, language);
  if (first !== undefined) return first;
  if (sets.some((set) => found(text, set.request))) return 'request';
  if (wishes(text, own === undefined ? UNDETERMINED_LANGUAGE : language) || ASKS.test(text)) return 'request';
  if (sets.some((set) => found(text, set.conditional))) return 'conditional';
  if (sets.some((set) => found(text, set.caveat))) return 'caveat';
  if (sets.some((set) => complains(comment, set.complaint)) || ((own === undefined || language === 'en') && afinnComplains(comment)) || LOW_MARK.test(comment)) return 'complaint';
  if (sets.some((set) => found(text, set.usage)) && !praises(text, sets)) return 'not-praise';
  // "ok", "passt", "correct" are faint praise alone; "passt perfekt" is not.
  if (sets.some((set) => faintOnly(text, set, sets))) return 'faint';
  if (sets.some((set) => found(text, set.health))) return 'personal-data';
  if (sets.some((set) => found(text, set.thirdParty)) || hostRecommends(comment, own === undefined ? undefined : language)) return 'third-party';
  if (!specific(text, sets)) return 'vague';
  // A candidate is praise: it has a word of praise, or says it without one.
  const praised = sets.some((set) => found(text, set.praise) || found(text, set.implicit) || troubleGone(text, set)) || QUICK.test(text);
  if (!praised && !((own === undefined || language === 'en') && afinnPraises(comment))) return 'not-praise';
  return undefined;
}

/**
 * Whether a promoter's comment is a testimonial candidate. Languages with no cues here
 * but words of praise and complaint for the themes (Italian, Dutch, Russian, Japanese,
 * Chinese) are read by those: praise with no complaint, negation or "but".
 */
export function isTestimonialCandidate(comment: string, language = 'en'): boolean {
  if (language !== UNDETERMINED_LANGUAGE && QUOTABLE_CUES[language] === undefined) return quotableWithoutCues(comment, language);
  return whyNotQuotable(comment, language) === undefined;
}

/** What rules a comment out in any language: personal data, irony, a question. */
function whyNotQuotableAnywhere(comment: string, language: string): NotQuotable | undefined {
  if (EMAIL.test(comment) || callsOut(comment) || namesSomeone(comment, language) || REFERENCE.test(comment)) return 'personal-data';
  if (IRONY.test(comment)) return 'not-praise';
  if (comment.includes('?')) return 'request';
  return undefined;
}

/**
 * A comment in a language with no cues here (or a short one taken for it, as "Alles top"
 * is for Dutch): praise by that language's words, nothing ruled out anywhere, and
 * specific by every language's generic words and its own stop words.
 */
function quotableWithoutCues(comment: string, language: string): boolean {
  if (comment.length > QUOTE_CHARS) return false;
  const text = normalise(comment);
  const every = everyLanguagesCues();
  const profile = profileOf(language);
  // Words are not spaced apart in Japanese or Chinese: there, no count of words tells how specific a comment is.
  const specificEnough = profile.unspaced || specific(text, every, profile.stopWords);
  return whyNotQuotableAnywhere(comment, language) === undefined && specificEnough && readsAsPraise(comment, language);
}

/**
 * The mood of a wish, by the verb's form rather than a list of requests: English
 * "would", "could" or "should" before a verb of having or changing ("would make it
 * perfect", "could use a dark mode"); the conditional of Spanish (-aría, -iría, -dría)
 * and Portuguese (-aria, -eria, -iria, "podiam"); French and German conditionals of
 * wanting, needing and being ("serait", "manquerait", "wäre", "könnte"). Praise
 * speaks in the conditional too, and is left out: recommending, coming back and
 * buying again ("I would definitely recommend", "lo recomendaría", "voltaria com
 * certeza"), and "could not be happier", "hätte nicht besser sein können".
 */
const MOOD: Record<string, RegExp> = {
  en: /(?<= )(?:(?:would|could|should)(?: \p{L}+)?? (?:be|make|made|like|love|help|have|add|need|want|prefer|appreciate|improve|benefit|use)|wishlist|wish list|counting on|can't wait for)(?= )/gu,
  es: /(?<= )\p{L}+(?:aría|iría|dría|arían|irían|drían)(?= )/gu,
  pt: /(?<= )(?:\p{L}+(?:aria|eria|iria|ariam|eriam|iriam)|podiam|deviam)(?= )/gu,
  fr: /(?<= )(?:serait|seraient|serais|pourrait|pourraient|pourriez|faudrait|manquerait|manqueraient|aimerais|aimerait|aimerions|voudrais|voudrait|souhaiterais|souhaiterait|rendrait|ajouterais|préférerais|mériterait)(?= )/gu,
  de: /(?<= )(?:würde|würden|wäre|wären|hätte|hätten|könnte|könnten|müsste|müssten|sollte|sollten|wunschliste)(?= )/gu,
};
/** Praise in the conditional: recommending, coming back, choosing or buying again, and nothing better to wish for. */
const PRAISING_MOOD = new RegExp(
  [
    String.raw`(?:would|could|should)(?: \p{L}+)?? (?:recommend|buy|use it again|come back|return|go back|choose|do it again|not be without|be lost without)`,
    String.raw`(?:could|couldn't|could not|can't|cannot)(?: not)? (?:be|have been|ask for) (?:happier|better|more)`,
    String.raw`(?:recomend|volv|repet|compr|contrat|eleg|escog|indic|volt|escolh|voltar|us)\p{L}*(?:aría|iría|aria|eria|iria)`,
    String.raw`(?:hätte|hätten|könnte|könnten|wäre|wären|würde)(?: \p{L}+){0,2} (?:nicht|kaum) (?:besser|schöner|zufriedener)`,
    String.raw`(?:pourrait|pourraient|serait)(?: pas| rien)(?: \p{L}+)? (?:mieux|rêver)`,
    String.raw`(?:não|nada) (?:podia|poderia|seria) (?:ser )?(?:melhor|mais)`,
  ]
    .map((alternative) => `(?<= )(?:${alternative})(?= )`)
    .join('|'),
  'gu',
);
/** Nouns and adjectives that end like a conditional. */
const NOT_MOOD = new Set([
  'categoria', 'maioria', 'loteria', 'padaria', 'pizzaria', 'livraria', 'secretaria', 'portaria', 'parceria', 'galeria', 'bateria', 'engenharia', 'hamburgueria',
  'sorveteria', 'papelaria', 'barbearia', 'cervejaria', 'lavanderia', 'churrascaria', 'cafeteria', 'drogaria', 'mercearia', 'joalheria', 'relojoaria',
  'ourivesaria', 'tesouraria', 'confeitaria', 'doceria', 'floricultura', 'história', 'diária', 'diaria', 'categoría', 'alegría', 'librería', 'panadería',
  'peluquería', 'cafetería', 'lavandería', 'batería', 'galería', 'tontería', 'cervecería', 'mayoría', 'frutería', 'joyería', 'consultoría', 'asesoría',
  'tutoría', 'mentoría', 'consultoria', 'assessoria', 'auditoria', 'auditoría', 'ferretería', 'carnicería', 'pastelería', 'relojería', 'zapatería',
  'pizzería', 'hamburguesería', 'sastrería', 'mensajería', 'cristalería', 'energia', 'garantia', 'garantía', 'academia', 'maria', 'praia', 'fria', 'cria',
  'categorías', 'librerías', 'galerías', 'criteria', 'pizzeria', 'bacteria', 'cafeteria',
]);
function wishes(text: string, language: string): boolean {
  // Text whose language could not be told is held to English's: other languages' endings would catch English nouns.
  const mood = MOOD[language === UNDETERMINED_LANGUAGE ? 'en' : language];
  if (mood === undefined) return false;
  const praised = [...text.matchAll(PRAISING_MOOD)].map((match) => [match.index, match.index + match[0].length] as const);
  return [...text.matchAll(mood)].some((match) => !NOT_MOOD.has(match[0]) && !praised.some(([start, end]) => match.index + match[0].length > start && match.index < end));
}

/** Faces that say the words mean their opposite ("Great, the update moved every button 🙃"), and the openings of English irony. */
const IRONY = /[\u{1F643}\u{1F644}\u{1F612}\u{1F611}\u{1F624}]|^\s*(?:oh (?:great|sure|wonderful|joy|brilliant|perfect)|yeah,? right)\b/iu;
/**
 * An order, account or ticket number: "#48213", "58-20194", "48213-7", "order 482139",
 * "Bestellnummer 48213" (not a span of years, "2015-2024").
 */
const REFERENCE = new RegExp(
  [
    String.raw`#\s?(?:\p{L}{1,4}-?)?\d{3,}`,
    // "58-20194", "48213-7"; not a span of years ("2015-2024"), a season ("2023-24") or a range ("500-5000 seats").
    String.raw`\b(?!(?:19|20)\d\d-(?:19|20)\d\d\b)(?:\d{2,}-\d{5,}|\d{5,}-\d{1,2})\b`,
    // A word that is itself a number's mark: "Bestellnummer 4821", "numéro de commande 4821", "order number 4821".
    // The space between is bounded: unbounded runs of optional spaces backtrack in cubic time on a long blank.
    String.raw`\b(?:bestellnummer|kundennummer|auftragsnummer|rechnungsnummer|vertragsnummer|ticketnummer|(?:order|ticket|case|reference|invoice|customer|account) (?:number|no\.?|nr\.?)|numéro de (?:commande|dossier|client|ticket)|n° de (?:commande|dossier)|número de (?:pedido|cliente|encomenda|ticket|caso))[\s:#]{0,4}\d{3,}`,
    // A word for one, then a number of five digits and more that is not a year: "ticket 48213", "Bestellung 583920",
    // "my order 582931"; not "season ticket 2025", "encomenda 1000 convites", "battery case 10000mAh" or "we order 25000 labels".
    String.raw`\b(?:ticket|pedido|encomenda|commande|bestellung|auftrag|vorgang|dossier|case)[\s:]{0,3}\d{5,}\b`,
    String.raw`(?<!\b(?:we|i|you|they|to|will|can|always|often|usually|also)\s)\border[\s:]{0,3}\d{5,}\b`,
    String.raw`\bn[º°][\s.]{0,3}\d{3,}`,
  ].join('|'),
  'iu',
);
/** French "merci de…" and "pensez à…" with a verb: "Merci de remettre l'export" asks, where "merci de votre aide" thanks. */
const ASKS = /(?<= )(?:merci (?:de|d') (?!votre |notre |leur |tout |avoir |être |etre )\p{L}+(?:er|ir|re)|pensez à)(?= )/u;

/** Words that open a clause rather than end a noun: "and the host suggested" is the host's own doing. */
const CLAUSE_WORDS = 'and|but|because|so|when|as|then|while|since|after|before|until|if|or|also|where|once|that|which';

/** Who points a guest elsewhere: a venue, a hotel's reception, a host, a guide. */
const HOSTS: Record<string, string> = {
  en: 'venue|hotel|reception|receptionist|front desk|concierge|host|hosts|guide|tour guide|landlord',
  de: 'location|hotel|rezeption|gastgeber|gastgeberin|vermieter|vermieterin|reiseleiter|reiseleiterin|concierge',
  fr: "hôtel|réception|réceptionniste|hôte|hôtes|concierge|guide|propriétaire",
  es: 'hotel|recepción|recepcionista|anfitrión|anfitriona|guía|conserje|dueño|dueña',
  pt: 'hotel|recepção|receção|rececionista|recepcionista|anfitrião|anfitriã|guia|pousada|dono|dona',
};

/**
 * What a host recommended, said as a relative clause, the one shape that tells it from
 * praise of the host itself: "the photographer the venue recommended" (not "the hotel is
 * highly recommended"), "den uns die Location empfohlen hat", "que l'hôtel nous a
 * conseillé", "que la recepción nos recomendó" (not "una amiga que nos recomendó el
 * hotel", where the hotel is what was recommended), "que a recepção indicou"; and
 * "recommended by the hotel".
 */
const HOST_RECOMMENDS: Record<string, RegExp> = Object.fromEntries(
  Object.entries({
    en: [
      String.raw`(?!(?:CLAUSE_WORDS) )\p{L}+ (?:that |which )?the (?:HOSTS) (?:had )?(?:recommended|suggested|booked)(?=(?: \p{L}+){0,4} (?:was|were|is|are|made|turned) | $)`,
      String.raw`(?:recommended|suggested) by (?:the|our) (?:HOSTS)`,
    ],
    de: [
      String.raw`(?:den|die|das|dem) (?:uns |mir )?(?:der|die|das|unsere?|unser) (?:HOSTS)(?: \p{L}+){0,2} (?:empfohlen|vermittelt|vorgeschlagen|gebucht) (?:hat|hatte)`,
      String.raw`(?:empfohlen|vorgeschlagen) (?:von der|vom|von unserem|von unserer) (?:HOSTS)`,
    ],
    fr: [
      String.raw`que (?:l' |la |le |notre )(?:HOSTS) (?:nous |m' |vous )?(?:a |avait |ont )?(?:recommandé|recommandée|recommandés|conseillé|conseillée|conseillés|indiqué|indiquée)(?= (?:était|est|fut|a été|valait) | $)`,
      String.raw`(?:recommandé|recommandée|conseillé|conseillée) par (?:l' |la |le |notre )(?:HOSTS)`,
    ],
    es: [
      String.raw`que (?:el |la )(?:HOSTS) (?:nos |me )?(?:recomendó|recomendaron|sugirió|indicó)(?= (?:fue|era|es|estaba|está|resultó) | $)`,
      String.raw`(?:recomendado|recomendada|sugerido|sugerida) por (?:el |la |nuestro |nuestra )(?:HOSTS)`,
    ],
    pt: [
      String.raw`que (?:a |o )(?:HOSTS) (?:nos |me )?(?:indicou|indicaram|recomendou|recomendaram|sugeriu)(?= (?:foi|era|é|estava|está|ficou) | $)`,
      String.raw`(?:indicado|indicada|recomendado|recomendada) (?:pela|pelo) (?:HOSTS)`,
    ],
  }).map(([language, shapes]) => [
    language,
    new RegExp(shapes.map((shape) => `(?<= )(?:${shape.replaceAll('HOSTS', HOSTS[language] ?? '').replaceAll('CLAUSE_WORDS', CLAUSE_WORDS)})(?= )`).join('|'), 'u'),
  ]),
);

/** Whether a comment praises what a host recommended; `language` undefined holds it to every language's shapes. */
function hostRecommends(comment: string, language: string | undefined): boolean {
  const shapes = language === undefined ? Object.values(HOST_RECOMMENDS) : [HOST_RECOMMENDS[language]].filter((shape) => shape !== undefined);
  // A clause at a time: "Wonderful stay, the host suggested great walks" is the host's own doing, and a relative clause ends its clause.
  return comment.split(/[.!?;,:\n]+/u).some((clause) => {
    const text = normalise(clause);
    return shapes.some((shape) => shape.test(text));
  });
}

