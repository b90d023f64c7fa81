import { Option } from '../libraries/commander.js';
import { buildThemesReport, type ThemesReport } from '../core/themes-report.js';
import { inputError } from '../errors.js';
import { languageWithoutThemes, loadMatcher } from '../input/comment-reader.js';
import { readWith } from '../input/parallel.js';
import type { Io } from '../io.js';
import type { Period } from '../core/periods.js';
import type { SideSplit } from '../core/report.js';
import { vendorColumns } from '../input/vendor-topics.js';
import { themesJob, type ThemesConfig } from './jobs/themes.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  discoverOption,
  FILES_ARGUMENT,
  fiscalStartOf,
  fiscalStartOption,
  GROUPS,
  integerOption,
  jsonOption,
  languageOption,
  periodOption,
  precisionOf,
  precisionOptions,
  type RawPrecisionOptions,
  type RawReadingOptions,
  readingOptions,
  themesOption,
} from './shared/options.js';
import { openResponses, questionsOf, readOutcome, requireDates } from './shared/read.js';

export interface ThemesOptions extends RawReadingOptions, RawPrecisionOptions {
  json?: boolean;
  themes?: string;
  language?: string;
  words: number;
  discover: boolean;
  period?: Period;
  fiscalStart?: number;
}

/** The sides themes are compared on: the periods of --period, else the files when there are two or more. */
function sidesOf(files: readonly string[], options: ThemesOptions): SideSplit | undefined {
  if (options.period !== undefined) return { kind: 'period', period: options.period, fiscalStart: fiscalStartOf(options) };
  return files.length >= 2 ? { kind: 'input', names: files.map((file) => (file === '-' ? 'standard input' : file)) } : undefined;
}

export async function runThemes(files: string[], options: ThemesOptions, io: Io): Promise<Ran<ThemesReport>> {
  const matcher = await loadMatcher(options, io.cwd);
  const sides = sidesOf(files, options);
  const { messages, responses, spec } = await openResponses(files, options, { dates: options.period !== undefined, comments: true, respondents: false, lines: true }, io, undefined, { job: themesJob });
  if (options.period !== undefined) requireDates(responses, '--period');
  for (const opened of responses.inputs) {
    if (opened.choice.columns.comments.length === 0) {
      throw inputError(`${opened.reader.name}: no comment column found; name it with --comment-column`);
    }
  }
  const unknownLanguage = languageWithoutThemes(matcher, options);
  if (unknownLanguage !== undefined) messages.warn(unknownLanguage);
  const config: ThemesConfig = {
    comments: { themes: options.themes, language: options.language, cwd: io.cwd, hasComments: true },
    questions: questionsOf(responses),
    discover: options.discover,
    context: { sides, vendor: vendorColumns(responses.columns) },
  };
  const { totals, acc } = await readWith(files, responses, spec, io, messages, themesJob, config);
  const outcome = readOutcome(messages, totals, options);
  const precision = precisionOf(options);
  const questions = config.questions.map((question, at) => ({ question, tally: acc.byQuestion[at] ?? acc.all }));
  return { outcome, model: buildThemesReport(acc.all, options.words, precision.level, precision.adjust, questions, sides?.kind) };
}

export const themesCommand = defineCommand<ThemesOptions, ThemesReport>({
  name: 'themes',
  description:
    'what the comments are about, each read in its own language: themes per group with examples, how much each theme moves the score, and the words that set detractors apart from promoters',
  argument: FILES_ARGUMENT,
  options: [
    jsonOption('print one JSON object instead of the tables'),
    themesOption(),
    languageOption(),
    discoverOption(),
    periodOption('which themes grew and shrank from the period before the last to the last (with two files or more: from the one before the last to the last)'),
    fiscalStartOption(),
    new Option('--words <n>', 'how many distinguishing words to show each way').argParser(integerOption('--words', 1, 1000)).default(15).helpGroup(GROUPS.output),
    ...precisionOptions().filter((option) => option.long !== '--interval'),
    ...readingOptions(),
  ],
  examples: [
    ['nps themes fixtures/themes-impact.csv', 'each group\'s themes, their impact on the score, the words that set groups apart'],
    ['nps themes fixtures/comments.csv --json', 'the same as one JSON object'],
    ['nps themes fixtures/themes-fr.csv --language fr', 'every comment read as French, without detecting languages'],
    ['nps themes fixtures/discover-q1.csv fixtures/discover-q2.csv', 'which themes grew and shrank from one export to the next'],
  ],
  renderers: {
    json: async () => (await import('../output/render/themes.js')).renderThemesJson,
    table: async () => (await import('../output/render/themes.js')).renderThemesTable,
  },
  run: runThemes,
});
