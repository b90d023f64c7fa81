import { Option } from '../libraries/commander.js';
import { driversFromMoments } from '../core/drivers/moments.js';
import { type DriversResult } from '../core/drivers/result.js';
import { summarize, type Summary } from '../core/summary.js';
import { chooseDrivers } from '../input/driver-columns.js';
import { inputError } from '../errors.js';
import { readWith } from '../input/parallel.js';
import type { Io } from '../io.js';
import { describeDrivers } from '../output/render/drivers-words.js';
import { driversJob } from './jobs/drivers.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  byOption,
  collectNames,
  confidenceOption,
  FILES_ARGUMENT,
  GROUPS,
  integerOption,
  jsonOption,
  type RawReadingOptions,
  readingOptions,
} from './shared/options.js';
import { readDriverMoments } from './shared/counts.js';
import { completedPausing, openResponses, readOutcome } from './shared/read.js';

/** What `nps drivers` prints: the row accounting, and the drivers' shares and performance. */
export interface DriversModel {
  summary: Summary;
  result: DriversResult;
}

export interface DriversOptions extends RawReadingOptions {
  json?: boolean;
  columns?: string[];
  by?: string[][];
  confidence: string;
  seed: number;
  moments?: boolean;
}

export async function runDrivers(files: string[], options: DriversOptions, io: Io): Promise<Ran<DriversModel>> {
  if (options.moments === true) {
    if (options.columns !== undefined || options.by !== undefined) throw inputError('--columns and --by are given to nps sql --drivers: with --moments the drivers are those it counted');
    const read = await readDriverMoments(files, options, io);
    const result = driversFromMoments(read.moments, { level: Number(options.confidence), seed: options.seed });
    return { outcome: read.outcome, model: { summary: summarize(read.tally), result } };
  }
  const { messages, responses, spec } = await openResponses(files, options, { dates: false, comments: false, respondents: false, lines: true }, io, undefined, { job: driversJob });
  const { drivers, found } = chooseDrivers(responses, options.columns, options.by ?? []);
  messages.info(describeDrivers(drivers.map((driver) => driver.spec), { found, hint: true }));
  // Each response is read for its drivers' cells alone: no other is made text.
  spec.cellsRead = drivers.flatMap((driver) => driver.indexes);
  const read = await readWith(files, responses, spec, io, messages, driversJob, { drivers });
  const outcome = readOutcome(messages, read.totals, options);
  const result = await completedPausing(read.acc.resultSteps({ level: Number(options.confidence), seed: options.seed }));
  return { outcome, model: { summary: summarize(read.totals.tally), result } };
}

export const driversCommand = defineCommand<DriversOptions, DriversModel>({
  name: 'drivers',
  description:
    'what moves the score: how much of the 0-10 answer each other rating (or segment) accounts for, how each performs, and what to fix first',
  argument: FILES_ARGUMENT,
  options: [
    jsonOption(),
    new Option('--columns <columns>', 'the drivers: columns named or numbered, repeat or separate with commas (default: every rating column)')
      .argParser(collectNames('--columns'))
      .helpGroup(GROUPS.statistics),
    byOption('a segment column (plan, region) as a driver, a group of its levels (repeat for several; a,b for one crossed segment)'),
    confidenceOption('confidence level of the intervals on each share'),
    new Option('--seed <n>', 'the seed of the bootstrap: the same file and seed give the same intervals')
      .argParser(integerOption('--seed', 0, 2 ** 32 - 1))
      .default(1)
      .helpGroup(GROUPS.statistics),
    new Option('--moments', 'the files are the moments nps sql --drivers counted in a warehouse: shares without intervals').helpGroup(GROUPS.input),
    ...readingOptions(),
  ],
  examples: [
    ['nps drivers fixtures/drivers-survey.csv', 'which ratings go with the score, how each performs, and what to fix first'],
    ['nps drivers fixtures/drivers-survey.csv --columns support,price --by plan', 'chosen ratings, and the plan as a driver'],
    ['nps drivers fixtures/drivers-survey.csv --json | jq ".drivers[0].column"', 'the strongest driver, for a script'],
  ],
  renderers: {
    json: async () => (await import('../output/render/drivers-json.js')).renderDriversJson,
    table: async () => (await import('../output/render/drivers-table.js')).renderDriversTable,
  },
  run: runDrivers,
});
