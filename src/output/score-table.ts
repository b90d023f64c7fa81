import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { CATEGORIES, categoryOf, type Category } from '../core/categories.js';
import type { Summary } from '../core/summary.js';
import { describeAccounting, formatNps, formatPercent } from './format.js';

const LABELS = { promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors' } as const satisfies Record<
  Category,
  string
>;

const BAR_WIDTH = 30;

/** A table with no rules, so it reads as plain aligned text and survives copy and paste. */
function plainTable(head: string[], alignRight: boolean[]): Table.Table {
  const blank = '';
  return new Table({
    head,
    colAligns: alignRight.map((right) => (right ? 'right' : 'left')),
    chars: {
      top: blank, 'top-mid': blank, 'top-left': blank, 'top-right': blank,
      bottom: blank, 'bottom-mid': blank, 'bottom-left': blank, 'bottom-right': blank,
      left: blank, 'left-mid': blank, mid: blank, 'mid-mid': blank,
      right: blank, 'right-mid': blank, middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
}

function paint(chalk: ChalkInstance, category: Category, text: string): string {
  const colours = { promoters: chalk.green, passives: chalk.yellow, detractors: chalk.red };
  return colours[category](text);
}

function accounting(summary: Summary, chalk: ChalkInstance): string {
  const line = `${chalk.bold('Rows')}  ${describeAccounting(summary)}`;
  return summary.blank > 0 ? `${line}\n      (a blank score is an unanswered survey: not counted as a detractor)` : line;
}

function categoryTable(summary: Summary, chalk: ChalkInstance): string {
  const table = plainTable([chalk.bold('Group'), chalk.bold('Count'), chalk.bold('Percent')], [false, true, true]);
  for (const category of CATEGORIES) {
    table.push([
      paint(chalk, category, LABELS[category]),
      summary.counts[category],
      formatPercent(summary.percentages[category]),
    ]);
  }
  return table.toString();
}

function distributionTable(summary: Summary, chalk: ChalkInstance): string {
  const table = plainTable([chalk.bold('Score'), chalk.bold('Count'), chalk.bold('Percent'), ''], [true, true, true, false]);
  const largest = Math.max(1, ...summary.distribution);
  summary.distribution.forEach((count, score) => {
    const percent = summary.responses === 0 ? null : (count * 100) / summary.responses;
    const bar = '█'.repeat(Math.round((count / largest) * BAR_WIDTH));
    table.push([score, count, formatPercent(percent), paint(chalk, categoryOf(score), bar)]);
  });
  return table.toString();
}

function headline(summary: Summary, chalk: ChalkInstance): string {
  if (summary.nps === null) return `${chalk.bold('NPS')}  n/a: no scored responses, so there is no score`;
  return `${chalk.bold('NPS')}  ${chalk.bold(formatNps(summary.nps))}  from ${summary.responses} ${
    summary.responses === 1 ? 'response' : 'responses'
  }`;
}

/** The human summary of `nps score`; `color` only when writing to a terminal. */
export function renderScoreTable(summary: Summary, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const sections = [
    headline(summary, chalk),
    accounting(summary, chalk),
    categoryTable(summary, chalk),
    distributionTable(summary, chalk),
  ];
  // cli-table3 pads the last column; trailing spaces only get in the way of diffs and pipes.
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}
