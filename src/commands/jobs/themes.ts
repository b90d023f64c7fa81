import { QuestionTallies, type QuestionTalliesData } from '../../core/themes.js';
import { responseContext, type ContextSettings } from '../../core/theme-extras.js';
import { commentReaderOf, type CommentSettings } from '../../input/comment-reader.js';
import type { PartJob } from '../../input/parallel.js';

/**
 * `nps themes`'s work on each part: each answer read in its language, its themes and words counted by group, over
 * all the open questions of a response, and question by question when there are several; the responses kept for
 * discovery, each side's themes, and the export's own topics.
 */
export interface ThemesConfig {
  comments: CommentSettings;
  /** The open questions: the comment first, then the others (empty with a single comment column). */
  questions: string[];
  /** Whether themes are discovered in the comments (--no-discover: not). */
  discover: boolean;
  /** The sides compared (inputs, or periods) and the export's topic columns. */
  context: ContextSettings;
}

export const themesJob: PartJob<ThemesConfig, QuestionTallies, QuestionTalliesData> = {
  module: 'commands/jobs/themes.js',
  name: 'themesJob',
  create: async (config) => new QuestionTallies(await commentReaderOf(config.comments), config.questions.length, { discover: config.discover }),
  adder: (tallies, config) => (response) => {
    // The fields named, not the response spread: a copy of every response was most of this line's time at a million rows.
    const place = { input: response.input, line: response.line, day: response.date?.day, cells: response.cells };
    tallies.add(response.score, response.comment, response.answers, responseContext(config.context, place));
  },
  toData: (tallies) => tallies.toData(),
  merge: (into, data) => {
    into.mergeData(data);
  },
};
