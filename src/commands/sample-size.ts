import { Command, Option } from 'commander';
import { responsesForDifference, responsesForMargin, varianceOfMix, WORST_CASE_VARIANCE, type Counts } from '../core/stats.js';
import { CONFIDENCE_LEVELS } from '../core/stats.js';
import { inputError, type ExitCode, EXIT } from '../errors.js';
import { writeAll, type Io } from '../io.js';
import { numberOption } from './precision.js';

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
  const parts = value.split('/').map((part) => Number(part.trim()));
  const [promoters, passives, detractors] = parts;
  const valid =
    parts.length === 3 && parts.every((part) => Number.isFinite(part) && part >= 0) && Math.abs(parts.reduce((a, b) => a + b, 0) - 100) < 0.01;
  if (!valid || promoters === undefined || passives === undefined || detractors === undefined) {
    throw inputError(`--mix takes promoters/passives/detractors in percent adding up to 100, such as 50/30/20, not ${JSON.stringify(value)}`);
  }
  return { promoters: promoters / 100, passives: passives / 100, detractors: detractors / 100 };
}

interface Need {
  worstCase: number;
  forMix: number | null;
}

export async function runSampleSize(options: SampleSizeOptions, io: Io): Promise<ExitCode> {
  if (options.margin === undefined && options.difference === undefined) {
    throw inputError('say what the sample is for: --margin POINTS (how precise one score must be) or --difference POINTS (the gap to detect)');
  }
  const level = Number(options.confidence);
  const mixVariance = options.mix && varianceOfMix(options.mix);
  const need = (compute: (variance: number) => number): Need => ({
    worstCase: compute(WORST_CASE_VARIANCE),
    forMix: mixVariance === undefined ? null : compute(mixVariance),
  });
  const margin = options.margin === undefined ? undefined : need((variance) => responsesForMargin(options.margin ?? 0, level, variance));
  const difference =
    options.difference === undefined
      ? undefined
      : need((variance) => responsesForDifference(options.difference ?? 0, level, options.power, variance));
  if (options.json === true) {
    const json = {
      confidence: level,
      power: options.power,
      mix: options.mix ?? null,
      margin: margin && { points: options.margin, responses: margin },
      difference: difference && { points: options.difference, responsesPerGroup: difference },
    };
    await writeAll(io.stdout, `${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines: string[] = [];
  const percent = `${Math.round(level * 100)}%`;
  const mixText = options.mix
    ? `with ${options.mix.promoters * 100}% promoters, ${options.mix.passives * 100}% passives and ${options.mix.detractors * 100}% detractors`
    : '';
  if (margin) {
    lines.push(`For an NPS within ± ${options.margin} points (${percent} confidence):`);
    lines.push(`  ${margin.worstCase.toLocaleString('en-US')} responses in the worst case (half promoters, half detractors)`);
    if (margin.forMix !== null) lines.push(`  ${margin.forMix.toLocaleString('en-US')} responses ${mixText}`);
  }
  if (difference) {
    lines.push(
      `To detect a ${options.difference}-point difference between two groups (${percent} confidence, ${Math.round(options.power * 100)}% power):`,
    );
    lines.push(`  ${difference.worstCase.toLocaleString('en-US')} responses in each group in the worst case`);
    if (difference.forMix !== null) lines.push(`  ${difference.forMix.toLocaleString('en-US')} responses in each group ${mixText}`);
  }
  await writeAll(io.stdout, `${lines.join('\n')}\n`);
  return EXIT.ok;
}

export function sampleSizeCommand(io: Io, done: (code: ExitCode) => void): Command {
  return new Command('sample-size')
    .description('how many responses a survey needs: for a given margin of error, or to tell two groups apart')
    .option('--margin <points>', 'the margin of error wanted, in NPS points (e.g. 5 for ± 5)', numberOption('--margin', 0.1, 200))
    .option('--difference <points>', 'the smallest gap between two groups worth detecting, in NPS points', numberOption('--difference', 0.1, 200))
    .option('--mix <p/p/d>', 'the expected percent of promoters/passives/detractors, e.g. 50/30/20 (the worst case is always shown)', parseMix)
    .option('--power <power>', 'with --difference: the chance of detecting a real gap of that size', numberOption('--power', 0.5, 0.99), 0.8)
    .addOption(new Option('--confidence <level>', 'confidence level').choices(CONFIDENCE_LEVELS.map((level) => level.toFixed(2))).default('0.95'))
    .option('--json', 'print one JSON object')
    .action(async (options: SampleSizeOptions) => {
      done(await runSampleSize(options, io));
    });
}
