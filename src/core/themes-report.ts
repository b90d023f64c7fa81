import type { Category } from './categories.js';
import { FEW_RESPONSES } from './breakdown.js';
import { profileOf } from './languages.js';
import { criticalValue } from './normal.js';
import { emptySentiment, netSentiment, type SentimentCounts } from './sentiment.js';
import { adjustFamily, type Difference } from './stats.js';
import { themesChange, type ThemesChange } from './themes-change.js';
import { discoveredOf, impactOf, type DiscoveredLine, type GivenLine, type SampleNote, type SuggestionLine } from './themes-discovered.js';
import { distinguishingWords, type DistinguishingWord, type ThemeTally } from './themes.js';
import type { ThemesWarning } from './warnings.js';

export interface ThemeLine {
  theme: string;
  comments: number;
  /** Share of the group's comments, 0..100. */
  share: number;
  negated: number;
  examples: string[];
  /** Its mentions by sentiment, and the net: % positive − % negative of those whose sentiment could be read. */
  sentiment: SentimentCounts & { net: number | null };
}

export interface ThemeImpact {
  theme: string;
  mentionedBy: number;
  /** Share of all scored respondents, 0..100. */
  share: number;
  npsWith: number | null;
  npsWithout: number | null;
  /** The rest minus those who mention it, with its test: positive when the theme drags the score down. */
  difference: Difference | undefined;
}

/** A language comments were read in, and how many. */
export interface LanguageLine {
  /** ISO 639-1; `und` for comments too short or too mixed to tell. */
  language: string;
  /** In English: "French", "undetermined". */
  name: string;
  comments: number;
}

/** Everything `nps themes` reports; also the themes part of `nps report`. */
export interface ThemesReport {
  responses: number;
  /** The languages comments were read in, most comments first, `und` last. */
  languages: LanguageLine[];
  /** `detected` when each comment's language was detected, else the code --language set. */
  languageSource: string;
  /** The language undetermined comments' words were counted with, when there were any. */
  mainLanguage: string | null;
  /** The confidence level of the tests and of the distinguishing words. */
  level: number;
  /** Plain sentences: themes mentioned by too few respondents for their impact to be leaned on; how the tests were adjusted. */
  warnings: ThemesWarning[];
  comments: Record<Category, number>;
  themes: Record<Category, ThemeLine[]>;
  impact: ThemeImpact[];
  words: { detractors: DistinguishingWord[]; promoters: DistinguishingWord[] };
  /** With several open questions, each one's themes by group; empty with one. */
  questions: QuestionThemes[];
  /** Themes found in the comments themselves, the most mentioned first (empty with --no-discover). */
  discovered: DiscoveredLine[];
  /** Comments no theme covers; null with --no-discover (then only the named themes would count). */
  unthemed: number | null;
  /** What passives and detractors ask for, the most asked first. */
  suggestions: SuggestionLine[];
  /** The export's own topics (Qualtrics' Topics column), with its sentiment. */
  given: GivenLine[];
  /** The last input or period against the one before; null with one input and no --period. */
  change: ThemesChange | null;
  /** When discovery read a sample of a very large file; null when it read every response. */
  sampled: SampleNote | null;
}

/** The themes of the answers to one open question, by group. */
export interface QuestionThemes {
  question: string;
  comments: Record<Category, number>;
  themes: Record<Category, ThemeLine[]>;
}

/** One question's themes: the tally of its answers alone. */
export function questionThemes(question: string, tally: ThemeTally): QuestionThemes {
  return {
    question,
    comments: { ...tally.comments },
    themes: { promoters: themeLines(tally, 'promoters'), passives: themeLines(tally, 'passives'), detractors: themeLines(tally, 'detractors') },
  };
}

function themeLines(tally: ThemeTally, category: Category): ThemeLine[] {
  const comments = tally.comments[category];
  return tally.matcher.names
    .map((theme): ThemeLine => {
      const stats = tally.byCategory.get(theme)?.[category] ?? { comments: 0, negated: 0, examples: [], sentiment: emptySentiment() };
      const share = comments === 0 ? 0 : (stats.comments * 100) / comments;
      return { theme, comments: stats.comments, share, negated: stats.negated, examples: stats.examples, sentiment: { ...stats.sentiment, net: netSentiment(stats.sentiment) } };
    })
    .filter((line) => line.comments > 0)
    .sort((a, b) => b.comments - a.comments || a.theme.localeCompare(b.theme));
}

/**
 * `level` is the confidence level of every test of a theme's impact (the run's
 * --confidence); the impacts are one family of tests, adjusted together unless
 * `adjust` is off, and the distinguishing words are those past the same level.
 */
export function buildThemesReport(
  tally: ThemeTally,
  wordsShown: number,
  level: number,
  adjust = true,
  questions: ReadonlyArray<{ question: string; tally: ThemeTally }> = [],
  sides?: 'input' | 'period',
): ThemesReport {
  const responses = tally.all.promoters + tally.all.passives + tally.all.detractors;
  const themes = { promoters: themeLines(tally, 'promoters'), passives: themeLines(tally, 'passives'), detractors: themeLines(tally, 'detractors') };
  const impact = tally.matcher.names.map((theme): ThemeImpact => ({ theme, ...impactOf(tally.mentioners.get(theme) ?? { promoters: 0, passives: 0, detractors: 0 }, tally.all, level) }));
  impact.sort((a, b) => (b.difference?.difference ?? -Infinity) - (a.difference?.difference ?? -Infinity));
  const found = discoveredOf(tally, level);
  // Every theme's impact is one family of tests, named, discovered and given alike.
  const family = [...impact.map((line) => line.difference), ...found.discovered.map((line) => line.impact.difference), ...found.given.map((line) => line.impact.difference)];
  const adjusted = adjust ? adjustFamily(family, level) : family;
  const lines = impact.map((line, at) => ({ ...line, difference: adjusted[at] }));
  const discovered = found.discovered.map((line, at) => ({ ...line, impact: { ...line.impact, difference: adjusted[impact.length + at] } }));
  const given = found.given.map((line, at) => ({ ...line, impact: { ...line.impact, difference: adjusted[impact.length + discovered.length + at] } }));
  const change = sides === undefined || tally.extras === undefined ? undefined : themesChange(tally.extras.sides, sides, { names: tally.matcher.names, given: given.map((line) => line.topic) }, found.result, level, adjust);
  const warnings = fewMentionsWarnings(lines, responses);
  const words = distinguishingWords(tally, wordsShown, criticalValue(level));
  const languages = tally.languageCounts().map(({ language, comments }) => ({ language, name: profileOf(language).name, comments }));
  return {
    responses,
    languages,
    languageSource: tally.reader.forced ?? 'detected',
    mainLanguage: tally.mainLanguage() ?? null,
    level,
    warnings,
    comments: { ...tally.comments },
    themes,
    impact: lines,
    words,
    questions: questions.length < 2 ? [] : questions.map((one) => questionThemes(one.question, one.tally)),
    discovered,
    unthemed: found.unthemed,
    suggestions: found.suggestions,
    given,
    change: change ?? null,
    sampled: found.sampled,
  };
}

/**
 * One warning for the themes whose impact rests on too few respondents (on either side):
 * nine themes of 25 mentions each are one fact, not nine lines to read.
 */
function fewMentionsWarnings(lines: readonly ThemeImpact[], responses: number): ThemesWarning[] {
  const few = lines.filter((line) => line.mentionedBy > 0 && (line.mentionedBy < FEW_RESPONSES || responses - line.mentionedBy < FEW_RESPONSES));
  if (few.length === 0) return [];
  const sides = few.map((line) => Math.min(line.mentionedBy, responses - line.mentionedBy));
  return [{ code: 'few-mentions', themes: few.map((line) => line.theme), least: Math.min(...sides), most: Math.max(...sides), minimum: FEW_RESPONSES }];
}
