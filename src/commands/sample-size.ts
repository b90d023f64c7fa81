import { Option } from '../libraries/commander.js';
import { responsesForDifference, responsesForMargin, WORST_CASE_MIX, type Counts } from '../core/stats.js';
import { inputError } from '../errors.js';
import type { SampleSizeReport } from '../output/render/sample-size.js';
import { defineCommand, type Ran } from './shared/definition.js';
import { confidenceOption, GROUPS, jsonOption, numberOption } from './shared/options.js';
import { SUCCESS } from './shared/outcome.js';

export interface SampleSizeOptions {
  margin?: number;
  difference?: number;
  mix?: Counts;
  power: number;
  confidence: string;
  json?: boolean;
}

/** "50/30/20": shares of promoters, passives and detractors in percent. */
export function parseMix(value: string): Counts {
  const parts = value.split('/').map((part) => part.trim());
  const numbers = parts.map(Number);
  const [promoters, passives, detractors] = numbers;
  const valid =
    parts.length === 3 &&
    parts.every((part) => /^\d+(?:\.\d+)?$/.test(part)) &&
    Math.abs(numbers.reduce((a, b) => a + b, 0) - 100) < 0.01;
  if (!valid || promoters === undefined || passives === undefined || detractors === undefined) {
    throw inputError(`--mix takes promoters/passives/detractors in percent adding up to 100, such as 50/30/20, not ${JSON.stringify(value)}`);
  }
  return { promoters: promoters / 100, passives: passives / 100, detractors: detractors / 100 };
}

function orRefuse(responses: number | undefined): number {
  if (responses === undefined) throw inputError('no survey of fewer than 100 million responses gets there: ask for a wider margin or a larger difference');
  return responses;
}

export function runSampleSize(_files: string[], options: SampleSizeOptions): Promise<Ran<SampleSizeReport>> {
  if (options.margin === undefined && options.difference === undefined) {
    throw inputError('say what the sample is for: --margin POINTS (how precise one score must be) or --difference POINTS (the gap to detect)');
  }
  const level = Number(options.confidence);
  const need = (compute: (mix: Counts) => number | undefined) => ({
    worstCase: orRefuse(compute(WORST_CASE_MIX)),
    forMix: options.mix === undefined ? null : orRefuse(compute(options.mix)),
  });
  const report: SampleSizeReport = {
    confidence: level,
    power: options.power,
    mix: options.mix ?? null,
    margin: options.margin === undefined ? undefined : { points: options.margin, responses: need((mix) => responsesForMargin(options.margin ?? 0, level, mix)) },
    difference:
      options.difference === undefined
        ? undefined
        : { points: options.difference, responsesPerGroup: need((mix) => responsesForDifference(options.difference ?? 0, level, options.power, mix)) },
  };
  return Promise.resolve({ outcome: SUCCESS, model: report });
}

export const sampleSizeCommand = defineCommand<SampleSizeOptions, SampleSizeReport>({
  name: 'sample-size',
  description: 'how many responses a survey needs: for a given margin of error, or to tell two groups apart',
  options: [
    new Option('--margin <points>', 'the margin of error wanted, in NPS points (e.g. 5 for ± 5)').argParser(numberOption('--margin', 0.1, 200)).helpGroup(GROUPS.statistics),
    new Option('--difference <points>', 'the smallest gap between two groups worth detecting, in NPS points').argParser(numberOption('--difference', 0.1, 200)).helpGroup(GROUPS.statistics),
    new Option('--mix <p/p/d>', 'the expected percent of promoters/passives/detractors, e.g. 50/30/20 (the worst case is always shown)').argParser(parseMix).helpGroup(GROUPS.statistics),
    new Option('--power <power>', 'with --difference: the chance of detecting a real gap of that size').argParser(numberOption('--power', 0.5, 0.99)).default(0.8).helpGroup(GROUPS.statistics),
    confidenceOption('confidence level'),
    jsonOption('print one JSON object'),
  ],
  examples: [
    ['nps sample-size --margin 5', 'responses needed for an NPS within ± 5 points'],
    ['nps sample-size --difference 10 --mix 50/30/20', 'responses per group to tell a 10-point gap from chance'],
  ],
  renderers: {
    json: async () => (await import('../output/render/sample-size.js')).renderSampleSizeJson,
    table: async () => (await import('../output/render/sample-size.js')).renderSampleSize,
  },
  run: runSampleSize,
});
