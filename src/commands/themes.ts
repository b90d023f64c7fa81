import { Option } from 'commander';
import { defineCommand } from '../cli/command.js';
import type { Outcome } from '../cli/exit-code.js';
import { GROUPS, inputOptions, integerOption, jsonOption, languageOption, precisionOf, precisionOptions, themesOption, type RawInputOptions, type RawPrecisionOptions } from '../cli/options.js';
import { buildThemesReport } from '../core/themes-report.js';
import { ThemeTally } from '../core/themes.js';
import { inputError } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { commentReader, loadMatcher } from '../input/comment-reader.js';
import { openResponses, readOutcome } from './read.js';

export interface ThemesOptions extends RawInputOptions, RawPrecisionOptions {
  json?: boolean;
  themes?: string;
  language?: string;
  words: number;
}

export async function runThemes(files: string[], options: ThemesOptions, io: Io): Promise<Outcome> {
  const matcher = await loadMatcher(options, io.cwd);
  const { messages, responses } = await openResponses(files, options, { dates: false, comments: true, respondents: false }, io);
  for (const opened of responses.inputs) {
    if (opened.choice.columns.comments.length === 0) {
      throw inputError(`${opened.reader.name}: no comment column found; name it with --comment-column`);
    }
  }
  const tally = new ThemeTally(await commentReader(matcher, options, true, (text) => messages.warn(text)));
  const totals = await responses.read((response) => {
    tally.add(response.score, response.comment);
  });
  const outcome = readOutcome(messages, totals, options);
  const precision = precisionOf(options);
  const report = buildThemesReport(tally, options.words, precision.level, precision.adjust);
  const { renderThemesJson, renderThemesTable } = await import('../output/render/themes.js');
  const rendered = options.json === true ? renderThemesJson(report) : renderThemesTable(report, { color: wantsColor(io.stdout, io) });
  await writeAll(io.stdout, rendered);
  return outcome;
}

export const themesCommand = defineCommand<ThemesOptions>({
  name: 'themes',
  description:
    'what the comments are about, each read in its own language: themes per group with examples, how much each theme moves the score, and the words that set detractors apart from promoters',
  argument: { name: '<file...>', description: 'CSV files or Excel workbooks (.xlsx) to read together; "-" reads standard input' },
  options: [
    jsonOption('print one JSON object instead of the tables'),
    themesOption(),
    languageOption(),
    new Option('--words <n>', 'how many distinguishing words to show each way').argParser(integerOption('--words', 1, 1000)).default(15).helpGroup(GROUPS.output),
    ...precisionOptions().filter((option) => option.long !== '--interval'),
    ...inputOptions(),
  ],
  examples: [
    ['nps themes fixtures/themes-impact.csv', 'the themes of each group, their impact on the score, the words that set groups apart'],
    ['nps themes fixtures/comments.csv --json', 'the same as one JSON object'],
    ['nps themes fixtures/themes-fr.csv --language fr', 'every comment read as French, without detecting languages'],
  ],
  run: runThemes,
});
