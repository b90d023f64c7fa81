import { Command } from 'commander';
import { CATEGORIES, type Category } from '../core/categories.js';
import { compareCounts, subtractCounts, type Difference } from '../core/stats.js';
import { npsOf } from '../core/summary.js';
import { emptyTally } from '../core/tally.js';
import { distinguishingWords, ThemeMatcher, ThemeTally, type DistinguishingWord } from '../core/themes.js';
import { inputError, type ExitCode } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { loadThemes } from '../input/lexicon.js';
import { emptyEvidence, scanResponses } from '../input/responses.js';
import { Messages } from '../output/messages.js';
import { addInputOptions, checkInputNames, exitForRejections, finishReading, openInput, type InputOptions } from './inputs.js';
import { numberOption } from './precision.js';

export interface ThemesOptions extends InputOptions {
  json?: boolean;
  themes?: string;
  words: number;
}

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

export interface ThemesReport {
  responses: number;
  comments: Record<Category, number>;
  themes: Record<Category, ThemeLine[]>;
  impact: ThemeImpact[];
  words: { detractors: DistinguishingWord[]; promoters: DistinguishingWord[] };
}

export function buildThemesReport(tally: ThemeTally, wordsShown: number): ThemesReport {
  const responses = tally.all.promoters + tally.all.passives + tally.all.detractors;
  const themes = Object.fromEntries(
    CATEGORIES.map((category) => {
      const lines = tally.matcher.names
        .map((theme): ThemeLine => {
          const stats = tally.byCategory.get(theme)?.[category] ?? { comments: 0, negated: 0, examples: [] };
          const comments = tally.comments[category];
          return { theme, comments: stats.comments, share: comments === 0 ? 0 : (stats.comments * 100) / comments, negated: stats.negated, examples: stats.examples };
        })
        .filter((line) => line.comments > 0)
        .sort((a, b) => b.comments - a.comments || a.theme.localeCompare(b.theme));
      return [category, lines];
    }),
  ) as Record<Category, ThemeLine[]>;
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
      difference: compareCounts(withTheme, rest, 0.95),
    };
  });
  impact.sort((a, b) => (b.difference?.difference ?? -Infinity) - (a.difference?.difference ?? -Infinity));
  return { responses, comments: { ...tally.comments }, themes, impact, words: distinguishingWords(tally, wordsShown) };
}

export async function runThemes(files: string[], options: ThemesOptions, io: Io): Promise<ExitCode> {
  checkInputNames(files);
  const messages = new Messages(io.stderr, options.quiet === true);
  const tally = new ThemeTally(new ThemeMatcher(await loadThemes(options.themes, io.cwd)));
  const counts = emptyTally();
  const evidence = emptyEvidence();
  for (const file of files) {
    const opened = await openInput(file, io, options, messages);
    const commentIndex = opened.choice.columns.comment;
    if (commentIndex === undefined) {
      throw inputError(`${opened.reader.name}: no comment column found; name it with --comment-column`);
    }
    await scanResponses(opened, options, counts, evidence, {
      onRejected: (rejection) => messages.rejected(rejection),
      onWarning: (text) => messages.warn(text),
      onScored: (row) => {
        tally.add(row.score, row.cells[commentIndex] ?? '');
      },
    });
  }
  finishReading(counts, evidence, options, messages);
  const report = buildThemesReport(tally, options.words);
  const { renderThemesJson, renderThemesTable } = await import('../output/themes.js');
  const rendered = options.json === true ? renderThemesJson(report) : renderThemesTable(report, { color: wantsColor(io.stdout, io.env) });
  await writeAll(io.stdout, rendered);
  return exitForRejections(options, counts.rejected, messages);
}

export function themesCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('themes')
    .description('what the comments are about: themes per group with examples, how much each theme moves the score, and the words that set detractors apart from promoters')
    .argument('<file...>', 'CSV files to read together; "-" reads standard input')
    .option('--json', 'print one JSON object instead of the tables')
    .option('--themes <file>', 'a JSON lexicon replacing or extending the built-in themes (see data/themes.json)')
    .option('--words <n>', 'how many distinguishing words to show each way', numberOption('--words', 1, 1000), 15);
  return addInputOptions(command).action(async (files: string[], options: ThemesOptions) => {
    done(await runThemes(files, options, io));
  });
}
