import type { DriverSpec } from '../../core/drivers/accumulator.js';
import { visible } from './format.js';
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
