import { Chalk } from 'chalk';
import { CATEGORIES } from '../../core/categories.js';
import type { ThemeImpact, ThemesReport } from '../../core/themes-report.js';
import type { DistinguishingWord } from '../../core/themes.js';
import { differenceJson } from './score-json.js';
import { formatNps, formatP, plural } from './format.js';
import { plainTable } from './plain-table.js';

export function renderThemesJson(report: ThemesReport): string {
  const json = {
    ...report,
    impact: report.impact.map(({ difference, ...rest }) => ({ ...rest, difference: differenceJson(difference) })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const LABELS = { promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors' } as const;

/** "billing: mentioned by 12% of respondents; the NPS of the rest is 6.1 points higher". */
export function impactSentence(impact: ThemeImpact): string {
  const share = `${impact.share.toFixed(0)}% of respondents`;
  const difference = impact.difference;
  if (difference === undefined) return `${impact.theme}: mentioned by ${share}`;
  const points = Math.abs(difference.difference).toFixed(1);
  const direction = difference.difference >= 0 ? 'higher' : 'lower';
  const chance = difference.significant ? `p ${formatP(difference.p)}` : `could be chance, p ${formatP(difference.p)}`;
  return `${impact.theme}: mentioned by ${share}; the NPS of the rest is ${points} points ${direction} (${chance})`;
}

function wordsTable(title: string, entries: DistinguishingWord[], chalk: InstanceType<typeof Chalk>): string {
  const table = plainTable([chalk.bold(title), chalk.bold('z'), chalk.bold('Detractors'), chalk.bold('Promoters')], [false, true, true, true]);
  for (const entry of entries) table.push([entry.word, entry.z.toFixed(1), entry.detractors, entry.promoters]);
  return table.toString();
}

export function renderThemesTable(report: ThemesReport, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const counted = CATEGORIES.map((category) => `${report.comments[category]} from ${category}`).join(', ');
  const sections = [`${chalk.bold('Comments')}  ${counted} (of ${plural(report.responses, 'scored response')})`];
  for (const category of [...CATEGORIES].reverse()) {
    const lines = report.themes[category];
    const table = plainTable([chalk.bold('Theme'), chalk.bold('Comments'), chalk.bold('Share'), chalk.bold('Negated')], [false, true, true, true]);
    const examples: string[] = [];
    for (const line of lines) {
      table.push([line.theme, line.comments, `${line.share.toFixed(1)}%`, line.negated]);
      examples.push(`  ${line.theme}: ${line.examples.map((example) => JSON.stringify(example.replace(/\s+/g, ' '))).join('; ')}`);
    }
    const body = lines.length === 0 ? 'no theme found in these comments' : `${table.toString()}\n${chalk.dim('Examples')}\n${examples.join('\n')}`;
    sections.push(`${chalk.bold(`${LABELS[category]} (${plural(report.comments[category], 'comment')})`)}\n${body}`);
  }
  const impacts = report.impact.filter((impact) => impact.mentionedBy > 0);
  const impactTable = plainTable(
    ['Theme', 'Mentioned by', 'NPS with', 'NPS without', 'Rest minus with'].map((text) => chalk.bold(text)),
    [false, true, true, true, true],
  );
  for (const impact of impacts) {
    impactTable.push([impact.theme, `${impact.share.toFixed(1)}%`, formatNps(impact.npsWith), formatNps(impact.npsWithout), formatNps(impact.difference?.difference ?? null)]);
  }
  sections.push(`${chalk.bold('Theme impact')}\n${impactTable.toString()}\n${impacts.map(impactSentence).join('\n')}`);
  sections.push(
    `${chalk.bold("Words that set detractors apart (Monroe et al.'s weighted log-odds, z)")}\n${wordsTable('Detractors', report.words.detractors, chalk)}`,
    `${chalk.bold('Words that set promoters apart')}\n${wordsTable('Promoters', report.words.promoters, chalk)}`,
  );
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}
