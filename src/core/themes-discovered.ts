import { CATEGORIES, type Category } from './categories.js';
import { discover, type DiscoveredTheme, type DiscoveryResult } from './discover.js';
import { netSentiment, type SentimentCounts } from './sentiment.js';
import { compareCounts, subtractCounts, type Counts, type Difference } from './stats.js';
import { npsOf } from './summary.js';
import { pooledSuggestions, type Suggestion } from './suggestions.js';
import type { ThemeTally } from './themes.js';

/**
 * The parts of the themes report that read the comments as a whole once all are in:
 * the discovered themes, the comments no theme covers, the pooled suggestions, and the
 * topics the export gave. In a file too large to hold, these come from the sample of
 * responses (discover-sample.ts): counts are scaled to the file, group by group, and
 * the tests of impact are made on the sample as it is.
 */

/** A theme's impact on the score: those who mention it against the rest. */
export interface ImpactOf {
  mentionedBy: number;
  /** Share of all scored respondents, 0..100. */
  share: number;
  npsWith: number | null;
  npsWithout: number | null;
  difference: Difference | undefined;
}

export interface DiscoveredLine extends Omit<DiscoveredTheme, 'respondents' | 'sides' | 'sentiment'> {
  sentiment: SentimentCounts & { net: number | null };
  impact: ImpactOf;
}

export interface SuggestionLine extends Omit<Suggestion, 'respondents'> {
  /** Share of the passives' and detractors' comments that ask for it, 0..100. */
  share: number;
}

/** A topic the export gave (Qualtrics' Topics): counted as a theme, with the export's sentiment. */
export interface GivenLine {
  topic: string;
  parent: string | null;
  comments: number;
  byCategory: Record<Category, number>;
  nps: number | null;
  sentiment: SentimentCounts & { net: number | null };
  impact: ImpactOf;
}

/** When discovery read a sample of the responses with comments: how many, of how many. */
export interface SampleNote {
  responses: number;
  of: number;
}

export interface Discovered {
  discovered: DiscoveredLine[];
  suggestions: SuggestionLine[];
  given: GivenLine[];
  /** Comments no theme covers (named, discovered or given); null when discovery is off. */
  unthemed: number | null;
  sampled: SampleNote | null;
  /** The raw discovery, for themes over time. */
  result: DiscoveryResult | undefined;
  /** Each group's scale from the sample to the file: 1 when every response was read. */
  scale: Record<Category, number>;
}

/** Impact as the named themes' is worked out: those who mention against the rest, untested here (the family is adjusted together). */
export function impactOf(withTheme: Counts, all: Counts, level: number): ImpactOf {
  const responses = all.promoters + all.passives + all.detractors;
  const mentionedBy = withTheme.promoters + withTheme.passives + withTheme.detractors;
  const rest = subtractCounts(all, withTheme);
  return {
    mentionedBy,
    share: responses === 0 ? 0 : (mentionedBy * 100) / responses,
    npsWith: npsOf(withTheme),
    npsWithout: npsOf(rest),
    difference: compareCounts(withTheme, rest, level),
  };
}

const scaled = (counts: Counts, scale: Record<Category, number>): Counts => ({
  promoters: Math.round(counts.promoters * scale.promoters),
  passives: Math.round(counts.passives * scale.passives),
  detractors: Math.round(counts.detractors * scale.detractors),
});

function sampledScale(tally: ThemeTally, sampled: Counts, complete: boolean): Record<Category, number> {
  const scale = { promoters: 1, passives: 1, detractors: 1 };
  if (complete) return scale;
  for (const category of CATEGORIES) scale[category] = sampled[category] === 0 ? 1 : tally.comments[category] / sampled[category];
  return scale;
}

/** The respondents the sample stands for, group by group: the base of the discovered themes' impact. */
function sampledAll(tally: ThemeTally, respondents: Counts, complete: boolean): Counts {
  if (complete) return tally.all;
  const withComments = tally.extras?.withComments ?? tally.all;
  const ratio = (category: Category): number => (withComments[category] === 0 ? 0 : respondents[category] / withComments[category]);
  return { promoters: Math.round(tally.all.promoters * ratio('promoters')), passives: Math.round(tally.all.passives * ratio('passives')), detractors: Math.round(tally.all.detractors * ratio('detractors')) };
}

function givenLines(tally: ThemeTally, level: number): GivenLine[] {
  return [...(tally.extras?.given ?? [])]
    .map(([topic, given]): GivenLine => ({
      topic,
      parent: given.parent,
      comments: given.comments.promoters + given.comments.passives + given.comments.detractors,
      byCategory: { ...given.comments },
      nps: npsOf(given.respondents),
      sentiment: { ...given.sentiment, net: netSentiment(given.sentiment) },
      impact: impactOf(given.respondents, tally.all, level),
    }))
    .sort((a, b) => b.comments - a.comments || a.topic.localeCompare(b.topic));
}

/** Everything read from the whole of the comments: discovered themes, suggestions, coverage, the export's topics. */
export function discoveredOf(tally: ThemeTally, level: number): Discovered {
  const given = givenLines(tally, level);
  const extras = tally.extras;
  const none = { promoters: 1, passives: 1, detractors: 1 };
  if (extras?.discover !== true) return { discovered: [], suggestions: [], given, unthemed: null, sampled: null, result: undefined, scale: none };
  const { responses, complete } = extras.sample.responses();
  const result = discover(responses, tally.mainLanguage(), tally.matcher.names);
  const sampledComments: Counts = { promoters: 0, passives: 0, detractors: 0 };
  const sampledRespondents: Counts = { promoters: 0, passives: 0, detractors: 0 };
  for (const response of responses) {
    sampledComments[response.category] += response.answers.length;
    sampledRespondents[response.category] += 1;
  }
  const scale = sampledScale(tally, sampledComments, complete);
  const base = sampledAll(tally, sampledRespondents, complete);
  const discovered = result.themes.map((theme): DiscoveredLine => {
    const byCategory = { ...theme.byCategory };
    for (const category of CATEGORIES) byCategory[category] = { ...byCategory[category], comments: Math.round(byCategory[category].comments * scale[category]) };
    const comments = CATEGORIES.reduce((sum, category) => sum + byCategory[category].comments, 0);
    const { label, language, terms, nps, parent, sentiment, examples } = theme;
    return { label, language, terms, comments, byCategory, nps, parent, sentiment, examples, impact: impactOf(theme.respondents, base, level) };
  });
  return { discovered, suggestions: suggestionLines(result, scale), given, unthemed: unthemedOf(result, sampledComments, scale), sampled: complete ? null : { responses: responses.length, of: extras.withComments.promoters + extras.withComments.passives + extras.withComments.detractors }, result, scale };
}

function suggestionLines(result: DiscoveryResult, scale: Record<Category, number>): SuggestionLine[] {
  const asking = result.documents.filter((document) => document.category !== 'promoters').length;
  return pooledSuggestions(result.documents, result.vocabularies).map((suggestion): SuggestionLine => {
    const byCategory = { passives: Math.round(suggestion.byCategory.passives * scale.passives), detractors: Math.round(suggestion.byCategory.detractors * scale.detractors) };
    const { label, language, terms, nps, examples } = suggestion;
    return { label, language, terms, comments: byCategory.passives + byCategory.detractors, byCategory, nps, examples, share: asking === 0 ? 0 : (suggestion.comments * 100) / asking };
  });
}

/** Comments with no theme at all: no named theme, no discovered one, no topic of the export's (in the sample, scaled). */
function unthemedOf(result: DiscoveryResult, sampledComments: Counts, scale: Record<Category, number>): number {
  const unthemed: Counts = { ...sampledComments };
  result.documents.forEach((document, at) => {
    if (document.themes.length > 0 || result.themed[at] === true) unthemed[document.category] -= 1;
  });
  // Answers read in no language have no document: their named themes are none, so they stay unthemed.
  const counted = scaled(unthemed, scale);
  return counted.promoters + counted.passives + counted.detractors;
}
