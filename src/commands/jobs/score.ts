import { ScoreAccumulator, type BreakdownSpec, type ScoreData } from '../../core/score.js';
import type { PartJob } from '../../input/parallel.js';

/** `nps score`'s work on each part of the input: tallies per group of each `--by`, and per day for `--period`. */
export interface ScoreConfig {
  breakdowns: BreakdownSpec[];
  byDay: boolean;
}

export const scoreJob: PartJob<ScoreConfig, ScoreAccumulator, ScoreData> = {
  module: 'commands/jobs/score.js',
  name: 'scoreJob',
  create: (config) => new ScoreAccumulator(config.breakdowns, config.byDay),
  // Plain scores need only the row accounting: no response is handed over one by one.
  adder: (acc) => (acc.needsResponses ? (response) => acc.add({ score: response.score, cells: response.cells, day: response.date?.day, periodOnly: response.periodOnly }) : undefined),
  toData: (acc) => acc.toData(),
  merge: (into, data) => {
    into.mergeData(data);
  },
};
