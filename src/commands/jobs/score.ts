import { LevelAccumulator, type LevelData, type LevelSettings } from '../../core/levels.js';
import { ScoreAccumulator, type BreakdownSpec, type ScoreData } from '../../core/score.js';
import type { PartJob } from '../../input/parallel.js';
import { levelResponse } from './level-response.js';

/** `nps score`'s work on each part of the input: tallies per group of each `--by`, per day for `--period`, and per account and weight when asked. */
export interface ScoreConfig {
  breakdowns: BreakdownSpec[];
  byDay: boolean;
  /** Accounts, weights and values (--account-column, --weight-column, --value-column); undefined without them. */
  levels?: LevelSettings | undefined;
}

export interface ScoreParts {
  score: ScoreAccumulator;
  levels: LevelAccumulator | undefined;
}

export interface ScorePartsData {
  score: ScoreData;
  levels: LevelData | undefined;
}

export const scoreJob: PartJob<ScoreConfig, ScoreParts, ScorePartsData> = {
  module: 'commands/jobs/score.js',
  name: 'scoreJob',
  create: (config) => ({ score: new ScoreAccumulator(config.breakdowns, config.byDay), levels: config.levels === undefined ? undefined : new LevelAccumulator(config.levels) }),
  // Plain scores need only the row accounting: no response is handed over one by one.
  adder: ({ score, levels }) => {
    if (!score.needsResponses && levels === undefined) return undefined;
    return (response) => {
      if (score.needsResponses) score.add({ score: response.score, cells: response.cells, day: response.date?.day, periodOnly: response.periodOnly });
      levels?.add(levelResponse(response));
    };
  },
  toData: (acc) => ({ score: acc.score.toData(), levels: acc.levels?.toData() }),
  merge: (into, data) => {
    into.score.mergeData(data.score);
    if (data.levels !== undefined) into.levels?.mergeData(data.levels);
  },
};
