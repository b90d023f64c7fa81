import type { Category } from './categories.js';
import { compareCounts, subtractCounts, type Difference } from './stats.js';
import { npsOf } from './summary.js';
import { distinguishingWords, type DistinguishingWord, type ThemeTally } from './themes.js';

export interface ThemeLine {
  theme: string;
  comments: number;
  /** Share of the group's comments, 0..100. */
  share: number;
  negated: number;
  examples: string[];
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

/** Everything `nps themes` reports; also the themes part of `nps report`. */
export interface ThemesReport {
  responses: number;
  comments: Record<Category, number>;
  themes: Record<Category, ThemeLine[]>;
  impact: ThemeImpact[];
  words: { detractors: DistinguishingWord[]; promoters: DistinguishingWord[] };
}

function themeLines(tally: ThemeTally, category: Category): ThemeLine[] {
  const comments = tally.comments[category];
  return tally.matcher.names
    .map((theme): ThemeLine => {
      const stats = tally.byCategory.get(theme)?.[category] ?? { comments: 0, negated: 0, examples: [] };
      const share = comments === 0 ? 0 : (stats.comments * 100) / comments;
      return { theme, comments: stats.comments, share, negated: stats.negated, examples: stats.examples };
    })
    .filter((line) => line.comments > 0)
    .sort((a, b) => b.comments - a.comments || a.theme.localeCompare(b.theme));
}

/** `level` is the confidence level of every test of a theme's impact, the run's `--confidence`. */
export function buildThemesReport(tally: ThemeTally, wordsShown: number, level: number): ThemesReport {
  const responses = tally.all.promoters + tally.all.passives + tally.all.detractors;
  const themes = { promoters: themeLines(tally, 'promoters'), passives: themeLines(tally, 'passives'), detractors: themeLines(tally, 'detractors') };
  const impact = tally.matcher.names.map((theme): ThemeImpact => {
    const withTheme = tally.mentioners.get(theme) ?? { promoters: 0, passives: 0, detractors: 0 };
    const rest = subtractCounts(tally.all, withTheme);
    const mentionedBy = withTheme.promoters + withTheme.passives + withTheme.detractors;
    return {
      theme,
      mentionedBy,
      share: responses === 0 ? 0 : (mentionedBy * 100) / responses,
      npsWith: npsOf(withTheme),
      npsWithout: npsOf(rest),
      difference: compareCounts(withTheme, rest, level),
    };
  });
  impact.sort((a, b) => (b.difference?.difference ?? -Infinity) - (a.difference?.difference ?? -Infinity));
  return { responses, comments: { ...tally.comments }, themes, impact, words: distinguishingWords(tally, wordsShown) };
}

