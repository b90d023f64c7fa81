import { Chalk } from 'chalk';
import { CATEGORIES } from '../../core/categories.js';
import type { CompareReport } from '../../core/compare.js';
import type { Interval } from '../../core/stats.js';
import { formatNps, formatP, intervalName, plural, visible, wrap } from './format.js';
import { plainTable } from './plain-table.js';
import { differenceJson, scoredJson } from './score-json.js';
import { formatInterval } from './score-table.js';
import { warningJson, wordWarning } from './warnings.js';

export function renderCompareJson(report: CompareReport): string {
  const json = {
    a: { file: report.a.file, ...scoredJson(report.a) },
    b: { file: report.b.file, ...scoredJson(report.b) },
    difference: differenceJson(report.difference),
    verdict: report.verdict,
    test: report.test,
    paired: report.paired === undefined ? null : { respondents: report.paired.respondents, ...(differenceJson(report.paired.difference) ?? {}) },
    movement: report.movement ?? null,
    warnings: report.warnings.map(warningJson),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** "95% interval -0.3 to +20.3", or what stands in its place when the exact test decides. */
function intervalText(interval: Interval | null, level: string): string {
  return interval === null ? 'few responses: an exact test, no interval' : `${level} interval ${formatInterval(interval)}`;
}

/** What the paired test says when the same people answered both times: the test to trust then, whichever way it goes. */
function pairedNote(paired: NonNullable<CompareReport['paired']>, level: string): string {
  const difference = paired.difference;
  const verdict = difference.significant ? `unlikely to be chance (p ${formatP(difference.p)})` : `which could be chance (p ${formatP(difference.p)})`;
  return wrap(
    `Paired: the ${paired.respondents} respondents who answered both times moved ${formatNps(difference.difference)} points ` +
      `(${intervalText(difference.interval, level)}), ${verdict}. When the same people answer twice, ` +
      'this is the test to trust; --paired makes it the verdict.',
  );
}

export function renderCompareTable(report: CompareReport, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const level = `${Math.round(report.level * 100)}%`;
  const head = ['', visible(report.sampleKind), 'n', 'NPS', `${level} ${intervalName(report.a.interval?.method ?? 'adjusted-wald')}`].map((text) => chalk.bold(text));
  const samples = plainTable(head, [false, false, true, true, true]);
  for (const [label, sample] of [['A', report.a], ['B', report.b]] as const) {
    samples.push([label, visible(sample.file), sample.responses, formatNps(sample.nps), formatInterval(sample.interval)]);
  }
  const sections = [samples.toString()];
  if (report.difference) {
    sections.push(
      `${chalk.bold('B − A')}  ${formatNps(report.difference.difference)} points  (${intervalText(report.difference.interval, level)})`,
    );
  }
  sections.push(report.test === '' ? chalk.bold(wrap(report.verdict)) : `${chalk.bold(wrap(report.verdict))}\n${wrap(`Test: ${report.test}.`)}`);
  if (report.paired !== undefined && !report.test.startsWith('paired')) sections.push(pairedNote(report.paired, level));
  if (report.warnings.length > 0) sections.push(report.warnings.map((warning) => wrap(`${chalk.yellow('Warning:')} ${visible(wordWarning(warning))}`)).join('\n'));
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
        wrap(`${plural(lost, 'promoter')} became ${lost === 1 ? 'a detractor' : 'detractors'}; ${plural(wonBack, 'detractor')} ${wonBack === 1 ? 'was' : 'were'} won back (now passives or promoters).`),
    );
  }
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}
