import { Option, type Command } from 'commander';
import type { Precision } from '../core/breakdown.js';
import { CONFIDENCE_LEVELS, INTERVAL_METHODS, type IntervalMethod } from '../core/stats.js';
import { inputError } from '../errors.js';

/** How sure the printed intervals are, and how they are computed: shared by every command that prints an NPS. */
export interface PrecisionOptions {
  confidence: string;
  interval: IntervalMethod;
}

export function addPrecisionOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--confidence <level>', 'confidence level of the intervals')
        .choices(CONFIDENCE_LEVELS.map((level) => level.toFixed(2)))
        .default('0.95'),
    )
    .addOption(
      new Option('--interval <method>', 'how intervals are computed (see the README)')
        .choices(Object.keys(INTERVAL_METHODS))
        .default('adjusted-wald'),
    );
}

export function precisionOf(options: PrecisionOptions): Precision {
  return { level: Number(options.confidence), method: options.interval };
}

/** A whole or decimal number given to an option, or a usage error that names the option. */
export function numberOption(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max) {
      throw inputError(`${option} takes a number from ${min} to ${max}, not ${JSON.stringify(value)}`);
    }
    return number;
  };
}
