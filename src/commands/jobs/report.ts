import { DriversAccumulator } from '../../core/drivers/accumulator.js';
import { ReportAccumulator, type ReportAccumulatorData, type ReportSettings } from '../../core/report.js';
import { QuestionTallies } from '../../core/themes.js';
import { commentReaderOf, type CommentSettings } from '../../input/comment-reader.js';
import { addingDrivers, type DriverColumn } from '../../input/driver-columns.js';
import type { PartJob } from '../../input/parallel.js';
import { reportEntry } from './level-response.js';

/** `nps report`'s work on each part: the score's tallies, themes, drivers and the people to contact first. */
export interface ReportConfig {
  report: ReportSettings;
  /** Undefined when no input has a comment column. */
  comments: CommentSettings | undefined;
  /** The open questions, the comment first (empty with one). */
  questions: string[];
  drivers: DriverColumn[];
  /** Whether themes are discovered in the comments (--no-discover: not). */
  discover: boolean;
}

export const reportJob: PartJob<ReportConfig, ReportAccumulator, ReportAccumulatorData> = {
  module: 'commands/jobs/report.js',
  name: 'reportJob',
  create: async (config, context) => {
    const themes = config.comments === undefined ? undefined : new QuestionTallies(await commentReaderOf(config.comments), config.questions.length, { discover: config.discover });
    const drivers = config.drivers.length > 0 ? new DriversAccumulator(config.drivers.map((driver) => driver.spec)) : undefined;
    return new ReportAccumulator(config.report, themes, drivers, context.part);
  },
  adder: (acc, config) => {
    const addDrivers = acc.drivers === undefined ? undefined : addingDrivers(config.drivers, acc.drivers);
    return (response) => {
      if (response.periodOnly !== true) addDrivers?.(response);
      acc.add(reportEntry(response));
    };
  },
  toData: (acc) => acc.toData(),
  merge: (into, data) => {
    into.mergeData(data);
  },
};
