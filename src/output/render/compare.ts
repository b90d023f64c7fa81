import { Chalk } from 'chalk';
import { CATEGORIES } from '../../core/categories.js';
import type { CompareReport } from '../../core/compare.js';
import { formatNps, visible } from './format.js';
import { plainTable } from './plain-table.js';
import { differenceJson, scoredJson } from './score-json.js';
import { formatInterval } from './score-table.js';

export function renderCompareJson(report: CompareReport): string {
  const json = {
    a: { file: report.a.file, ...scoredJson(report.a) },
    b: { file: report.b.file, ...scoredJson(report.b) },
    difference: differenceJson(report.difference),
    verdict: report.verdict,
    movement: report.movement ?? null,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function renderCompareTable(report: CompareReport, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const level = `${Math.round(report.level * 100)}%`;
  const head = ['', visible(report.sampleKind), 'n', 'NPS', `${level} interval`].map((text) => chalk.bold(text));
  const samples = plainTable(head, [false, false, true, true, true]);
  for (const [label, sample] of [['A', report.a], ['B', report.b]] as const) {
    samples.push([label, visible(sample.file), sample.responses, formatNps(sample.nps), formatInterval(sample.interval)]);
  }
  const sections = [samples.toString()];
  if (report.difference) {
    sections.push(
      `${chalk.bold('B − A')}  ${formatNps(report.difference.difference)} points  (${level} interval ${formatInterval(report.difference.interval)})`,
    );
  }
  sections.push(chalk.bold(report.verdict));
  if (report.movement) {
    const movement = report.movement;
    const table = plainTable(
      ['In A \\ in B', ...CATEGORIES].map((text) => chalk.bold(text)),
      [false, true, true, true],
    );
    for (const from of CATEGORIES) table.push([from, ...CATEGORIES.map((to) => movement[from][to])]);
    const lost = movement.promoters.detractors;
    const wonBack = movement.detractors.promoters + movement.detractors.passives;
    sections.push(
      `${chalk.bold('Respondents in both')}\n${table.toString()}\n` +
        `${lost} promoters became detractors; ${wonBack} detractors were won back (now passives or promoters).`,
    );
  }
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}
