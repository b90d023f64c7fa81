import { stylesFor, type Styles } from './styles.js';
import { fixFirstBars, type DriverResult, type DriversResult } from '../../core/drivers/result.js';
import { lowThreshold } from '../../core/rating-columns.js';
import type { Summary } from '../../core/summary.js';
import { textWidth } from './text-width.js';
import { CAUSE_NOTE, describeAccounting, formatLow, formatMean, formatNps, formatShareInterval, formatScaleEnd, visible, wrap } from './format.js';
import { cutToWidth, plainTable } from './plain-table.js';
import { fixFirstWords } from './drivers-words.js';
import { wordWarning } from './warnings.js';
import { quote } from '../../core/clip.js';
import { groupDigits } from '../../core/digits.js';

/** The table fits an 80-column terminal: long driver names are cut to what is left. */
const WIDTH = 80;
const MIN_NAME = 12;

const percent = (value: number): string => `${value.toFixed(1)}%`;
const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

const HEADLINE_INDENT = 9;

function headline(result: DriversResult, paint: Styles): string {
  const { r2, r2Interval, drivers } = result;
  const count = drivers.length === 1 ? '1 driver explains' : `${drivers.length} drivers explain`;
  const interval = r2Interval === null ? '' : `, ${Math.round(r2Interval.level * 100)}% interval ${percent(r2Interval.low * 100)} to ${percent(r2Interval.high * 100)}`;
  const responses = `${groupDigits(result.responses)} ${result.responses === 1 ? 'response' : 'responses'}`;
  // Bold is added after wrapping, so that escape codes never count as width: the share is wrapped as a mark as wide as it.
  const share = percent(r2 * 100);
  const mark = '#'.repeat(share.length);
  const text = wrap(
    `Drivers  ${count} ${mark} of the variance of the 0-10 answer (R²${interval}) in the ${responses} that answered every driver (NPS ${formatNps(result.nps)}).`,
    HEADLINE_INDENT,
  );
  return text.replace('Drivers', paint.bold('Drivers')).replace(` ${mark} `, ` ${paint.bold(share)} `);
}

function driversTable(result: DriversResult, paint: Styles): string {
  const level = Math.round(result.method.level * 100);
  const head = ['Driver', 'Share', `${level}% int.`, 'Effect', 'Mean', 'Low', ''];
  const rows = result.drivers.map((driver) => [
    visible(driver.column),
    percent(driver.importance),
    formatShareInterval(driver.interval),
    driver.coefficient === null ? 'levels' : signed(driver.coefficient),
    driver.performance === null ? '' : formatMean(driver.performance),
    formatLow(driver.performance),
    driver.fixFirst ? 'fix first' : '',
  ]);
  for (const dropped of result.dropped) rows.push([visible(dropped.column), percent(0), '', 'none', '', '', 'constant']);
  const widths = head.map((_, column) => Math.max(...[head, ...rows].map((row) => textWidth(row[column] ?? ''))));
  const others = widths.slice(1).reduce((sum, width) => sum + width + 2, 0);
  const nameWidth = Math.max(MIN_NAME, WIDTH - others);
  const table = plainTable(head.map((text) => paint.bold(text)), [false, true, true, true, true, true, false]);
  for (const row of rows) table.push([cutToWidth(row[0] ?? '', nameWidth), ...row.slice(1)]);
  return table.toString();
}

function lowNote(drivers: readonly DriverResult[]): string {
  const scales = new Map<string, string>();
  for (const driver of drivers) {
    const scale = driver.performance?.scale;
    if (scale === undefined) continue;
    const threshold = Math.floor(lowThreshold(scale) + 1e-9);
    scales.set(`${scale.min}-${scale.max}`, `${formatScaleEnd(scale.min)}-${formatScaleEnd(threshold)} of ${formatScaleEnd(scale.min)}-${formatScaleEnd(scale.max)}`);
  }
  return scales.size === 0 ? '' : ` Low: the bottom third of the scale (${[...scales.values()].join(', ')}).`;
}

function notes(result: DriversResult): string {
  const level = Math.round(result.method.level * 100);
  const how =
    result.method.shapley === 'exact'
      ? 'over every order the drivers could enter a model in'
      : `over ${groupDigits(result.method.permutations ?? 0)} sampled orders (exact up to 12 drivers)`;
  const lines = [
    `Share: the part of the explained variance each driver carries (Shapley values of R², ${how}); the shares add up to 100%. ` +
      (result.method.replicates === 0 ? `${level}% int.: none (see the warning above).` : `${level}% int.: from ${groupDigits(result.method.replicates)} bootstrap replicates.`),
  ];
  // Effect, Mean and fix first are the ratings' columns: segments explain themselves in their own tables.
  const bars = fixFirstBars(result.drivers);
  if (bars !== undefined) {
    lines.push(
      `Effect: points of the 0-10 answer per point of the rating, the other drivers held. Mean: on the rating's own scale.${lowNote(result.drivers)}`,
      bars.few
        ? 'Fix first: at least an equal part of what the ratings explain, and a mean below the middle of the scale.'
        : 'Fix first: a share above the median and a performance below it, among the ratings.',
    );
  }
  const rule = fixFirstWords(result);
  if (rule !== undefined) lines.push(rule);
  lines.push(CAUSE_NOTE);
  return lines.map((line) => wrap(line)).join('\n');
}

function levelsTables(result: DriversResult, paint: Styles): string[] {
  return result.drivers
    .filter((driver) => driver.levels !== undefined)
    .map((driver) => {
      const levels = driver.levels ?? [];
      const base = levels.find((level) => level.base);
      const table = plainTable(['Level', 'n', 'NPS', 'Effect'].map((text) => paint.bold(text)), [false, true, true, true]);
      for (const level of levels) {
        table.push([cutToWidth(visible(level.level), 40), groupDigits(level.responses), formatNps(level.nps), level.base ? 'base' : signed(level.coefficient)]);
      }
      const title = wrap(`${visible(driver.column)}: each level against ${quote(visible(base?.level ?? ''))}, the most common, the other drivers held`);
      return `${paint.bold(title)}\n${table.toString()}`;
    });
}

function accounting(summary: Summary, result: DriversResult, paint: Styles): string {
  const lines = [`${paint.bold('Rows')}  ${describeAccounting(summary)}`];
  const missing = result.missing.filter((one) => one.blank + one.unreadable > 0);
  const complete = `${groupDigits(result.responses)} scored ${result.responses === 1 ? 'response has' : 'responses have'} every driver`;
  if (result.leftOut === 0) {
    lines.push(`      ${complete}`);
  } else {
    const which = missing.map((one) => `${visible(one.column)} ${groupDigits(one.blank + one.unreadable)}`).join(', ');
    lines.push(wrap(`      ${complete}; ${groupDigits(result.leftOut)} left out with a blank driver (${which})`, 6));
  }
  const unreadable = missing.filter((one) => one.unreadable > 0);
  if (unreadable.length > 0) {
    lines.push(wrap(`      (text that is no number counts as blank: ${unreadable.map((one) => `${visible(one.column)} ${one.unreadable}`).join(', ')})`, 6));
  }
  return lines.join('\n');
}

/** The human summary of `nps drivers`; `color` only when writing to a terminal. */
export function renderDriversTable({ summary, result }: { summary: Summary; result: DriversResult }, options: { color: boolean }): string {
  const paint = stylesFor(options.color);
  const warnings = result.warnings.map((warning) => wrap(`Warning: ${visible(wordWarning(warning))}`, 2).replace('Warning:', paint.yellow('Warning:')));
  const sections =
    result.drivers.length === 0
      ? [[`${paint.bold('Drivers')}  n/a: no model could be fitted`, ...warnings].join('\n')]
      : [[headline(result, paint), ...warnings].join('\n'), driversTable(result, paint), notes(result), ...levelsTables(result, paint)];
  sections.push(accounting(summary, result, paint));
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}
