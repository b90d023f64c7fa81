import { COUNT_COLUMNS, SCORE_COLUMNS } from '../counts.js';
import { isBlank, LEADING_NUMBER, TRAILING_NUMBER, unclosed } from './cells.js';
import type { Dialect, Pattern } from './dialects.js';

/**
 * `nps sql --drivers a,b,c`: the moments of key-driver analysis, counted in the
 * warehouse. Over the complete responses (scored, kept by the filters and --dedupe,
 * every driver answered with a number), n, the sums and the cross-products of the
 * ratings and the score (X'X and X'y with the intercept), each rating's lowest and
 * highest value and whether all are whole; and, over every scored response, each
 * driver's blanks and values that are no number. `nps drivers --moments` computes the
 * Shapley shares of R² from them; the bootstrap intervals need the rows themselves.
 */

export const driversSet = (drivers: readonly string[]): string => `drivers:${drivers.join(',')}`;

/** The columns of the moments, for drivers numbered from 1 (x1, x2…) and the score (y). */
export const MOMENT_COLUMNS = {
  n: 'nps_n',
  promoters: 'nps_promoters',
  detractors: 'nps_detractors',
  leftOut: 'nps_left_out',
  sum: (a: string) => `nps_sum_${a}`,
  product: (a: string, b: string) => `nps_sum_${a}_${b}`,
  min: (x: string) => `nps_min_${x}`,
  max: (x: string) => `nps_max_${x}`,
  whole: (x: string) => `nps_whole_${x}`,
  blank: (x: string) => `nps_blank_${x}`,
  unreadable: (x: string) => `nps_unreadable_${x}`,
} as const;

/** A rating written as a number: 4, 4.5, -1, 4,5 (src/input/rating-cell.ts). */
const RATING_NUMBER: Pattern = '[-+]?[0-9]+([.,][0-9]{1,2})?';

/**
 * A rating cell's value as a number, NULL when it is blank or no number: a number,
 * or the number of a labelled answer ("4 - Satisfied", "Very satisfied (5)").
 */
export function ratingValue(d: Dialect, text: string): string {
  const open = unclosed(text);
  const lead = `CASE WHEN SUBSTR(${text}, 2, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN SUBSTR(${text}, 1, 2) ELSE SUBSTR(${text}, 1, 1) END`;
  const last = `LENGTH(${open})`;
  const trail = `CASE WHEN SUBSTR(${open}, ${last} - 1, 1) IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') THEN SUBSTR(${open}, ${last} - 1, 2) ELSE SUBSTR(${open}, ${last}, 1) END`;
  return [
    'CASE',
    `  WHEN ${d.matches(text, RATING_NUMBER)} THEN ${d.real(`REPLACE(${text}, ',', '.')`)}`,
    `  WHEN ${d.matches(text, LEADING_NUMBER)} THEN ${d.real(lead)}`,
    `  WHEN ${d.matches(text, TRAILING_NUMBER)} THEN ${d.real(trail)}`,
    'END',
  ].join('\n');
}

/** The drivers' cells, read: what the first step of the query adds for --drivers. */
export function driverCells(d: Dialect, drivers: readonly string[]): string[] {
  return drivers.flatMap((name, at) => {
    const text = `TRIM(COALESCE(${d.text(d.identifier(name))}, ''))`;
    return [`${text} AS nps_text_x${at + 1}`];
  });
}

/** The drivers' values and states, from the texts `driverCells` read. */
export function driverValues(d: Dialect, drivers: readonly string[]): string[] {
  return drivers.flatMap((_, at) => {
    const x = `x${at + 1}`;
    const text = `nps_text_${x}`;
    const blank = isBlank(text, `LOWER(${text})`);
    return [`CASE WHEN ${blank} THEN NULL ELSE ${ratingValue(d, text)} END AS nps_${x}`, `CASE WHEN ${blank} THEN 1 ELSE 0 END AS nps_isblank_${x}`];
  });
}

/**
 * The SELECT of the one row `--drivers` returns, after the query's steps (`nps_final`):
 * the row accounting of the whole table, as in its `all` row, and the moments.
 */
export function momentsSelect(d: Dialect, drivers: readonly string[]): string {
  const xs = drivers.map((_, at) => `x${at + 1}`);
  const scored = `nps_final_class = 'scored'`;
  const complete = [scored, ...xs.map((x) => `nps_${x} IS NOT NULL`)].join(' AND ');
  const sum = (expression: string, name: string): string => `COALESCE(SUM(CASE WHEN ${complete} THEN ${expression} END), 0) AS ${name}`;
  const count = (condition: string, name: string): string => `COUNT(CASE WHEN ${condition} THEN 1 END) AS ${name}`;
  const value = (x: string): string => (x === 'y' ? d.real('nps_score') : `nps_${x}`);
  const columns = [
    `${d.literal(driversSet(drivers))} AS ${COUNT_COLUMNS.set}`,
    ...SCORE_COLUMNS.map((name, score) => count(`${scored} AND nps_score = ${score}`, name)),
    count(`nps_final_class = 'blank'`, COUNT_COLUMNS.blank),
    count(`nps_final_class = 'rejected'`, COUNT_COLUMNS.rejected),
    count(`nps_final_class = 'duplicate'`, COUNT_COLUMNS.duplicates),
    count(`nps_final_class = 'excluded'`, COUNT_COLUMNS.excluded),
    count(complete, MOMENT_COLUMNS.n),
    count(`${complete} AND nps_score >= 9`, MOMENT_COLUMNS.promoters),
    count(`${complete} AND nps_score <= 6`, MOMENT_COLUMNS.detractors),
    count(`${scored} AND NOT (${xs.map((x) => `nps_${x} IS NOT NULL`).join(' AND ') || '1 = 1'})`, MOMENT_COLUMNS.leftOut),
    sum(value('y'), MOMENT_COLUMNS.sum('y')),
    sum(`${value('y')} * ${value('y')}`, MOMENT_COLUMNS.product('y', 'y')),
  ];
  xs.forEach((x, at) => {
    columns.push(
      sum(value(x), MOMENT_COLUMNS.sum(x)),
      sum(`${value(x)} * ${value('y')}`, MOMENT_COLUMNS.product(x, 'y')),
      ...xs.slice(at).map((other) => sum(`${value(x)} * ${value(other)}`, MOMENT_COLUMNS.product(x, other))),
      `MIN(CASE WHEN ${complete} THEN nps_${x} END) AS ${MOMENT_COLUMNS.min(x)}`,
      `MAX(CASE WHEN ${complete} THEN nps_${x} END) AS ${MOMENT_COLUMNS.max(x)}`,
      `MIN(CASE WHEN ${complete} THEN CASE WHEN nps_${x} = FLOOR(nps_${x}) THEN 1 ELSE 0 END END) AS ${MOMENT_COLUMNS.whole(x)}`,
      count(`${scored} AND nps_isblank_${x} = 1`, MOMENT_COLUMNS.blank(x)),
      count(`${scored} AND nps_isblank_${x} = 0 AND nps_${x} IS NULL`, MOMENT_COLUMNS.unreadable(x)),
    );
  });
  return `SELECT\n${columns.map((column) => `  ${column}`).join(',\n')}\nFROM nps_final`;
}
