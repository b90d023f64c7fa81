import { ThemeTally, type ThemeTallyData } from '../../core/themes.js';
import { commentReaderOf, type CommentSettings } from '../../input/comment-reader.js';
import type { PartJob } from '../../input/parallel.js';

/** `nps themes`'s work on each part: each comment read in its language, its themes and words counted by group. */
export const themesJob: PartJob<CommentSettings, ThemeTally, ThemeTallyData> = {
  module: 'commands/jobs/themes.js',
  name: 'themesJob',
  create: async (settings) => new ThemeTally(await commentReaderOf(settings)),
  adder: (tally) => (response) => {
    tally.add(response.score, response.comment);
  },
  toData: (tally) => tally.toData(),
  merge: (into, data) => {
    into.mergeData(data);
  },
};
