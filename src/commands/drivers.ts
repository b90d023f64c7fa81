import { Option } from 'commander';
import { defineCommand } from '../cli/command.js';
import type { Outcome } from '../cli/exit-code.js';
import {
  byOption,
  collectNames,
  confidenceOption,
  GROUPS,
  inputOptions,
  integerOption,
  jsonOption,
  type RawInputOptions,
} from '../cli/options.js';
import { DriversAccumulator } from '../core/drivers.js';
import { summarize } from '../core/summary.js';
import { addingDrivers, chooseDrivers } from '../input/driver-columns.js';
import { readDriversInParallel } from '../input/parallel.js';
import { Responses } from '../input/responses.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { describeDrivers } from '../output/render/drivers-table.js';
import { openResponses, readOutcome } from './read.js';

export interface DriversOptions extends RawInputOptions {
  json?: boolean;
  columns?: string[];
  by?: string[][];
  confidence: string;
  seed: number;
}

export async function runDrivers(files: string[], options: DriversOptions, io: Io): Promise<Outcome> {
  const { messages, responses, spec } = await openResponses(files, options, { dates: false, comments: false, respondents: false, lines: true }, io);
  const { drivers, found } = chooseDrivers(responses, options.columns, (options.by ?? []).flat());
  messages.info(describeDrivers(drivers.map((driver) => driver.spec), found));
  const specs = drivers.map((driver) => driver.spec);
  try {
    // A large file is read by every core, as `score` reads it; otherwise (standard input, --dedupe…) the ordinary way.
    const job = { kind: 'drivers' as const, drivers };
    const parallel = await readDriversInParallel(responses, spec, io, job, (bytes, total, rows) => messages.progress(bytes, total, rows));
    messages.progressDone();
    let read = parallel;
    if (read === undefined) {
      const acc = new DriversAccumulator(specs);
      const source = responses.consumed ? await Responses.open(files, spec, io, messages.silent()) : responses;
      const totals = await source.read(addingDrivers(drivers, acc));
      read = { totals, acc };
    }
    const outcome = readOutcome(messages, read.totals, options);
    const result = read.acc.result({ level: Number(options.confidence), seed: options.seed });
    const summary = summarize(read.totals.tally);
    const rendered =
      options.json === true
        ? (await import('../output/render/drivers-json.js')).renderDriversJson(summary, result)
        : (await import('../output/render/drivers-table.js')).renderDriversTable(summary, result, { color: wantsColor(io.stdout, io) });
    await writeAll(io.stdout, rendered);
    return outcome;
  } finally {
    messages.progressDone();
  }
}

export const driversCommand = defineCommand<DriversOptions>({
  name: 'drivers',
  description:
    'what moves the score: how much of the 0-10 answer each other rating (or segment) accounts for, how each performs, and what to fix first',
  argument: { name: '<file...>', description: 'CSV files or Excel workbooks (.xlsx) to read together; "-" reads standard input' },
  options: [
    jsonOption(),
    new Option('--columns <columns>', 'the drivers: columns named or numbered, repeat or separate with commas (default: every rating column)')
      .argParser(collectNames('--columns'))
      .helpGroup(GROUPS.statistics),
    byOption('segment columns (plan, region) as drivers, each a group of its levels; repeat or separate with commas'),
    confidenceOption('confidence level of the intervals on each share'),
    new Option('--seed <n>', 'the seed of the bootstrap: the same file and seed give the same intervals')
      .argParser(integerOption('--seed', 0, 2 ** 32 - 1))
      .default(1)
      .helpGroup(GROUPS.statistics),
    ...inputOptions(),
  ],
  examples: [
    ['nps drivers fixtures/drivers-survey.csv', 'which ratings go with the score, how each performs, and what to fix first'],
    ['nps drivers fixtures/drivers-survey.csv --columns support,price --by plan', 'chosen ratings, and the plan as a driver'],
    ['nps drivers fixtures/drivers-survey.csv --json | jq ".drivers[0].column"', 'the strongest driver, for a script'],
  ],
  run: runDrivers,
});
