import type { DriverSpec } from '../../core/drivers/accumulator.js';
import type { DriversResult } from '../../core/drivers/result.js';
import { formatScaleEnd, visible } from './format.js';
import { quote } from '../../core/clip.js';

/** Drivers named one by one in the stderr line before the rest are counted. */
const LISTED = 12;

export interface DriversChoice {
  /** The rating columns were found by their content, not named with --columns. */
  found: boolean;
  /** Say that --columns chooses others (the report reads ratings itself and takes no --columns). */
  hint: boolean;
}

/** One line saying which columns are the drivers, as `score` says which column is the score. */
export function describeDrivers(drivers: readonly DriverSpec[], choice: DriversChoice): string {
  const list = (columns: readonly DriverSpec[]): string => {
    const names = columns.slice(0, LISTED).map((column) => quote(visible(column.name)));
    return columns.length > LISTED ? `${names.join(', ')} and ${columns.length - LISTED} more` : names.join(', ');
  };
  const ratings = drivers.filter((driver) => driver.kind === 'rating');
  const groups = drivers.filter((driver) => driver.kind === 'categorical');
  const parts: string[] = [];
  if (ratings.length > 0) parts.push(`${choice.found ? 'the rating columns ' : ''}${list(ratings)}${choice.found && choice.hint ? ' (choose others with --columns)' : ''}`);
  if (groups.length > 0) parts.push(`${list(groups)} as groups`);
  return `drivers: ${parts.join(', and ')}`;
}

/**
 * Why the flagged rating is flagged when the bars alone flag none, or why no rating is:
 * a sentence under the table and in the report, so that an empty "fix first" is never
 * left unexplained. Undefined when the bars decided.
 */
export function fixFirstWords(result: DriversResult): string | undefined {
  const rule = result.fixFirstRule;
  if (rule.kind === 'bars') return undefined;
  if (rule.kind === 'most-to-gain') {
    const driver = result.drivers.find((one) => one.column === rule.column);
    const mean = driver?.performance === null || driver === undefined ? '' : `, mean ${driver.performance.mean.toFixed(1)} of ${formatScaleEnd(driver.performance.scale.max)}`;
    return (
      `Fix first: ${quote(rule.column)}. No rating is both above the median share and below the median performance; ` +
      `of the most important, it has the most to gain (${(driver?.importance ?? 0).toFixed(1)}% of what the ratings explain${mean}).`
    );
  }
  const why = {
    'no-ratings': 'there is no rating on a scale among the drivers',
    'at-the-top': 'every rating that matters most is already rated at the top of its scale',
    'no-lever': 'the ratings that matter most go with lower scores when the others are held, so none is a lever to pull',
  }[rule.why];
  return `No rating to fix first: ${why}.`;
}
