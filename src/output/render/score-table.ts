import { stylesFor, type Styles } from './styles.js';
import type { GroupRow, Scored } from '../../core/breakdown.js';
import { CATEGORIES, categoryOf, type Category } from '../../core/categories.js';
import type { PeriodRow } from '../../core/periods.js';
import type { ScoreReport } from '../../core/score.js';
import type { Difference, Interval } from '../../core/stats.js';
import type { Summary } from '../../core/summary.js';
import { accountsSection, levelGroupsTable, levelPeriodsTable } from './accounts-table.js';
import { describeAccounting, formatNps, formatPercent, intervalName, shortP, visible, wrap } from './format.js';
import { plainTable } from './plain-table.js';
import { isPeriodWarning, wordWarning } from './warnings.js';
import { quote } from '../../core/clip.js';
import { groupDigits } from '../../core/digits.js';

const LABELS = { promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors' } as const satisfies Record<
  Category,
  string
>;

const BAR_WIDTH = 30;
const SPARKS = '▁▂▃▄▅▆▇█';
/** Width of the −100..+100 axis on which each period's interval is drawn. */
const AXIS_WIDTH = 15;

function paint(styles: Styles, category: Category, text: string): string {
  const colours = { promoters: styles.green, passives: styles.yellow, detractors: styles.red };
  return colours[category](text);
}

export function formatInterval(interval: Interval | undefined): string {
  return interval === undefined ? 'n/a' : `${formatNps(interval.low)} to ${formatNps(interval.high)}`;
}

function levelLabel(interval: Interval | undefined): string {
  return interval === undefined ? '' : `${Math.round(interval.level * 100)}%`;
}

function accounting(summary: Summary, styles: Styles): string {
  const line = `${styles.bold('Rows')}  ${describeAccounting(summary)}`;
  return summary.blank > 0 ? `${line}\n      (a blank score is an unanswered survey: not counted as a detractor)` : line;
}

function categoryTable(summary: Summary, styles: Styles): string {
  const table = plainTable([styles.bold('Group'), styles.bold('Count'), styles.bold('Percent')], [false, true, true]);
  for (const category of CATEGORIES) {
    table.push([paint(styles, category, LABELS[category]), summary.counts[category], formatPercent(summary.percentages[category])]);
  }
  return table.toString();
}

function distributionTable(summary: Summary, styles: Styles): string {
  const table = plainTable([styles.bold('Score'), styles.bold('Count'), styles.bold('Percent'), ''], [true, true, true, false]);
  const largest = Math.max(1, ...summary.distribution);
  summary.distribution.forEach((count, score) => {
    const percent = summary.responses === 0 ? null : (count * 100) / summary.responses;
    const bar = '█'.repeat(Math.round((count / largest) * BAR_WIDTH));
    table.push([score, count, formatPercent(percent), paint(styles, categoryOf(score), bar)]);
  });
  return table.toString();
}

function headline(overall: Scored, styles: Styles): string {
  if (overall.nps === null) return `${styles.bold('NPS')}  n/a: no scored responses, so there is no score`;
  const margin = overall.marginOfError === undefined ? '' : ` ± ${overall.marginOfError.toFixed(1)}`;
  const range = overall.interval ? `  (${levelLabel(overall.interval)} ${intervalName(overall.interval.method)} ${formatInterval(overall.interval)})` : '';
  const responses = overall.responses === 1 ? 'response' : 'responses';
  const line = `${styles.bold('NPS')}  ${styles.bold(formatNps(overall.nps))}${margin}${range}, ${groupDigits(overall.responses)} ${responses}`;
  return offCentre(overall) ? `${line}\n${OFF_CENTRE}` : line;
}

const OFF_CENTRE = 'The interval is not centred on the score: with few responses it leans towards 0.';

/** An interval whose middle is not the score (adjusted Wald with few responses, or clipped at ±100): worth a word. */
function offCentre(row: Scored): boolean {
  if (row.nps === null || row.interval === undefined) return false;
  return Math.abs((row.interval.low + row.interval.high) / 2 - row.nps) >= 0.5;
}

/** "higher" or "lower" than the rest, only when the gap is unlikely to be chance. */
function versusRest(difference: Difference | undefined): string {
  if (difference === undefined || !difference.significant) return '';
  return difference.difference > 0 ? 'higher' : 'lower';
}

/** The p beside "higher"/"lower": ".001", or ".001 (.002)" with the adjusted p the flag rests on. */
function versusRestP(difference: Difference | undefined): string {
  if (difference === undefined || !difference.significant) return '';
  return difference.pAdjusted === null ? shortP(difference.p) : `${shortP(difference.p)} (${shortP(difference.pAdjusted)})`;
}

/** The line under a table of several tests: what they were adjusted for, or that they were not. */
export function adjustmentNote(differences: ReadonlyArray<Difference | undefined>, what: string, label: string): string | undefined {
  const tested = differences.filter((difference) => difference !== undefined);
  if (tested.length < 2) return undefined;
  if (tested.some((difference) => difference.pAdjusted !== null)) {
    // The adjusted p is printed only beside a flagged difference: with none flagged there is nothing to explain.
    if (!tested.some((difference) => difference.significant)) return undefined;
    return `${label}: p adjusted for the ${tested.length} ${what} tested at once (Benjamini-Hochberg).`;
  }
  return `The ${tested.length} ${what} are tested each alone (--no-adjust): some may be flagged by chance.`;
}

/** A terminal shows this many groups at most: a mistaken `--by customer_id` answers at once, and --json has them all. */
const GROUPS_SHOWN = 30;

/** The largest groups, in the breakdown's order (highest NPS first). */
function largestGroups(groups: readonly GroupRow[]): GroupRow[] {
  if (groups.length <= GROUPS_SHOWN) return [...groups];
  const kept = new Set([...groups].sort((a, b) => b.responses - a.responses).slice(0, GROUPS_SHOWN));
  return groups.filter((group) => kept.has(group));
}

function groupsTable(report: ScoreReport, columns: readonly string[], all: GroupRow[], styles: Styles): string {
  const groups = largestGroups(all);
  const level = levelLabel(report.overall.interval) || '95%';
  const adjusted = all.some((group) => group.versusRest !== undefined && group.versusRest.pAdjusted !== null);
  const head = [...columns.map(visible), 'n', 'Prom.', 'Pass.', 'Detr.', 'NPS', `${level} interval`, 'vs rest', adjusted ? 'p (adj.)' : 'p'];
  const table = plainTable(
    head.map((text) => styles.bold(text)),
    head.map((_, index) => index >= columns.length && index < head.length - 2),
    // Long names first give way down to a point; then the three shares (in the JSON still) make room.
    { fit: columns.map((_, index) => index), drop: [1, 2, 3].map((offset) => columns.length + offset) },
  );
  for (const group of groups) {
    const { promoters, passives, detractors } = group.percentages;
    table.push([
      ...columns.map((column) => visible(group.key[column] || '(blank)')),
      group.small ? `${group.responses}*` : group.responses,
      formatPercent(promoters),
      formatPercent(passives),
      formatPercent(detractors),
      formatNps(group.nps),
      formatInterval(group.interval),
      versusRest(group.versusRest),
      versusRestP(group.versusRest),
    ]);
  }
  const notes = ['"vs rest": where a group differs from all other responses by more than chance.'];
  const adjustment = adjustmentNote(all.map((group) => group.versusRest), 'groups', 'In brackets');
  if (adjustment !== undefined) notes.push(adjustment);
  if (groups.some((group) => group.small)) notes.unshift(`* fewer than ${report.minN} responses: read with care.`);
  if (all.length > groups.length) {
    notes.unshift(`… and ${groupDigits(all.length - groups.length)} more groups: the ${groups.length} largest are shown; --json lists all ${groupDigits(all.length)}.`);
    // One response per group: the column is most likely an identifier, not a segment.
    if (all.every((group) => group.responses === 1)) notes.unshift(`Every group has a single response: is ${columns.map((column) => quote(column)).join(',')} an identifier rather than a segment?`);
  }
  return `${table.toString()}\n${notes.join('\n')}`;
}

/** The smallest range of NPS points the sparkline spans, so that a wobble of a point or two looks flat. */
const SPARK_MIN_SPAN = 20;

/** One character per period, higher for a higher NPS. */
export function sparkline(values: ReadonlyArray<number | null>): string {
  const present = values.filter((value): value is number => value !== null);
  const middle = (Math.min(...present) + Math.max(...present)) / 2;
  const span = Math.max(SPARK_MIN_SPAN, Math.max(...present) - Math.min(...present));
  const low = middle - span / 2;
  return values
    .map((value) => {
      if (value === null) return ' ';
      return SPARKS[Math.round(((value - low) / span) * (SPARKS.length - 1))] ?? ' ';
    })
    .join('');
}

/** The interval as a bar on a −100..+100 axis, with the score marked. */
function intervalBar(row: Scored): string {
  if (row.nps === null || row.interval === undefined) return '';
  const at = (value: number): number => Math.round(((value + 100) / 200) * (AXIS_WIDTH - 1));
  const cells: string[] = Array.from({ length: AXIS_WIDTH }, (_, index) => (index === at(0) ? '┊' : ' '));
  for (let index = at(row.interval.low); index <= at(row.interval.high); index += 1) cells[index] = '─';
  cells[at(row.nps)] = '●';
  return `[${cells.join('')}]`;
}

/** "+20.0, may be chance" or "-12.3, real (p = 0.003)": short enough for an 80-column terminal. */
function changeText(change: Difference | undefined): string {
  if (change === undefined) return '';
  if (!change.significant) return `${formatNps(change.difference)}, may be chance`;
  // The p the verdict rests on, adjusted when several changes were tested: the note under the table says so.
  return `${formatNps(change.difference)}, real (p ${shortP(change.pAdjusted ?? change.p)})`;
}

/** The axis over the interval bars: -100 under the left end, 0 under the middle, +100 under the right end. */
function axisHeader(): string {
  const cells = Array.from({ length: AXIS_WIDTH + 2 }, () => ' ');
  const put = (text: string, at: number): void => {
    // The labels are ASCII: one character, one cell.
    for (let offset = 0; offset < text.length; offset += 1) cells[at + offset] = text.charAt(offset);
  };
  put('-100', 0);
  put('0', 1 + (AXIS_WIDTH - 1) / 2);
  put('+100', AXIS_WIDTH + 2 - 4);
  return cells.join('');
}

function periodsTable(report: ScoreReport, periods: PeriodRow[], styles: Styles): string {
  const level = levelLabel(report.overall.interval) || '95%';
  const head = ['Period', 'n', 'NPS', `${level} interval`, axisHeader(), 'Change'];
  const table = plainTable(head.map((text) => styles.bold(text)), [false, true, true, true, false, false]);
  for (const row of periods) {
    table.push([
      row.partial ? `${row.period}†` : row.period,
      row.small ? `${row.responses}*` : row.responses,
      formatNps(row.nps),
      formatInterval(row.interval),
      intervalBar(row),
      changeText(row.change),
    ]);
  }
  const title = report.rollingDays === undefined ? 'Trend' : `Trend (each period scores the ${report.rollingDays} days up to its end)`;
  // Overlapping rolling windows are not tested against each other: no Change column to explain then.
  const notes = periods.some((row) => row.change !== undefined) ? ['Change: from the period before; "real" where it is unlikely to be chance.'] : [];
  const adjustment = adjustmentNote(periods.map((row) => row.change), 'changes', 'p');
  if (adjustment !== undefined) notes.push(adjustment);
  if (periods.some((row) => row.small)) notes.unshift(`* fewer than ${report.minN} responses: no change tested to or from it.`);
  // † marks a partial period; its warning says how partial.
  notes.push(...report.warnings.filter(isPeriodWarning).map((warning) => wrap(`${styles.yellow('Warning:')} ${wordWarning(warning)}`)));
  return `${styles.bold(title)}  ${sparkline(periods.map((row) => (row.small ? null : row.nps)))}\n${table.toString()}\n${notes.join('\n')}`;
}

/** The human summary of `nps score`; `color` only when writing to a terminal. */
export function renderScoreTable(report: ScoreReport, options: { color: boolean; width?: number | undefined }): string {
  const styles = stylesFor(options.color);
  const { summary } = report;
  const sections = [
    [headline(report.overall, styles), ...report.warnings.filter((warning) => !isPeriodWarning(warning)).map((warning) => wrap(`${styles.yellow('Warning:')} ${wordWarning(warning)}`))].join('\n'),
  ];
  const view = report.accounts;
  const accounts = view === undefined ? undefined : accountsSection(view, report.overall, styles);
  if (accounts !== undefined) sections.push(accounts);
  sections.push(accounting(summary, styles), categoryTable(summary, styles));
  report.breakdowns.forEach((breakdown, at) => {
    sections.push(groupsTable(report, breakdown.columns, breakdown.groups, styles));
    const figures = view?.levels.breakdowns[at];
    if (view !== undefined && figures !== undefined && (view.levels.byAccount || view.levels.weightedBy)) {
      sections.push(levelGroupsTable(breakdown.columns, largestGroups(breakdown.groups), figures, view, styles));
    }
  });
  if (report.periods) {
    sections.push(periodsTable(report, report.periods, styles));
    if (view !== undefined && (view.levels.byAccount || view.levels.weightedBy)) sections.push(levelPeriodsTable(report.periods, view, styles));
  }
  sections.push(distributionTable(summary, styles));
  // cli-table3 pads the last column; trailing spaces only get in the way of diffs and pipes.
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}
