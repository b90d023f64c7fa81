import { stylesFor, type Styles } from './styles.js';
import { CATEGORIES } from '../../core/categories.js';
import type { ThemeImpact, ThemesReport } from '../../core/themes-report.js';
import type { DistinguishingWord } from '../../core/themes.js';
import { differenceJson } from './score-json.js';
import { formatNps, formatP, pBesideAdjusted, plural, visible, wrap } from './format.js';
import { cutToWidth, plainTable } from './plain-table.js';
import { changeText, discoveredJson, discoveredText, exampleLine, formatNet, givenText, quoted, suggestionsText, unthemedLine } from './themes-discovered.js';
import { adjustmentNote } from './score-table.js';
import { warningJson, wordWarning } from './warnings.js';

export function renderThemesJson(report: ThemesReport): string {
  const json = {
    ...report,
    impact: report.impact.map(({ difference, ...rest }) => ({ ...rest, difference: differenceJson(difference) })),
    warnings: report.warnings.map(warningJson),
    ...discoveredJson(report),
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
  const p = difference.pAdjusted === null ? `p ${formatP(difference.p)}` : `p ${formatP(difference.p)}, adjusted ${formatP(difference.pAdjusted)}`;
  const chance = difference.significant ? p : `could be chance, ${p}`;
  return `${impact.theme}: mentioned by ${share}; the NPS of the rest is ${points} points ${direction} (${chance})`;
}

/** Discovered themes in the impact table, the most mentioned: the JSON has every one's. */
const DISCOVERED_IMPACTS = 10;

/** Themes shown per group of each question, most mentioned first. */
const QUESTION_THEMES = 5;

/** Each open question, and the themes its answers mention in each group: what a group likes apart from what it asks for. */
function questionsText(report: ThemesReport): string {
  return report.questions
    .map((question) => {
      const groups = [...CATEGORIES].reverse().map((category) => {
        const lines = question.themes[category].slice(0, QUESTION_THEMES).map((line) => `${line.theme} ${line.comments}`);
        return wrap(`  ${LABELS[category]} (${plural(question.comments[category], 'answer')}): ${lines.length === 0 ? 'no theme' : lines.join(', ')}`, 4);
      });
      return [visible(JSON.stringify(cutToWidth(question.question, 70))), ...groups].join('\n');
    })
    .join('\n');
}


/** "real (p = 0.003)" or "may be chance": the p the verdict rests on (adjusted, unless --no-adjust). */
function verdict(impact: ThemeImpact): string {
  const difference = impact.difference;
  if (difference === undefined) return '';
  return difference.significant ? `real (${pBesideAdjusted(difference)})` : 'may be chance';
}

function wordsTable(title: string, entries: DistinguishingWord[], paint: Styles, level: number, withLanguage: boolean): string {
  if (entries.length === 0) return `no word sets them apart at ${Math.round(level * 100)}% confidence`;
  const head = [title, ...(withLanguage ? ['Language'] : []), 'Lean', 'Detractors', 'Promoters'];
  const table = plainTable(head.map((text) => paint.bold(text)), [false, ...(withLanguage ? [false] : []), true, true, true]);
  // The lean is |z|: the table's title says which way; the JSON keeps the sign (positive towards detractors).
  for (const entry of entries) table.push([entry.word, ...(withLanguage ? [entry.language] : []), Math.abs(entry.z).toFixed(1), entry.detractors, entry.promoters]);
  return table.toString();
}

/** "English 20, French 3, undetermined 2 (too short to tell: their words count with English)". */
export function languagesSentence(report: ThemesReport): string {
  if (report.languages.length === 0) return 'no comment';
  if (report.languageSource !== 'detected') {
    return `all read as ${report.languages[0]?.name ?? report.languageSource} (--language ${report.languageSource})`;
  }
  const counted = report.languages.map((line) => `${line.name} ${line.comments}`).join(', ');
  const undetermined = report.languages.some((line) => line.language === 'und');
  const main = report.languages.find((line) => line.language === report.mainLanguage);
  if (!undetermined) return counted;
  const where = main === undefined ? '' : `; their words count with ${main.name}`;
  return `${counted} (too short to tell${where}; --language sets one language for all)`;
}

export function renderThemesTable(report: ThemesReport, options: { color: boolean }): string {
  const paint = stylesFor(options.color);
  const counted = CATEGORIES.map((category) => `${report.comments[category]} from ${category}`).join(', ');
  const unthemed = unthemedLine(report, paint);
  const sections = [
    `${wrap(`${paint.bold('Comments')}  ${counted} (of ${plural(report.responses, 'scored response')})`, 11)}\n${wrap(`${paint.bold('Languages')}  ${languagesSentence(report)}`, 11)}${unthemed === undefined ? '' : `\n${unthemed}`}`,
  ];
  for (const category of [...CATEGORIES].reverse()) {
    const lines = report.themes[category];
    const table = plainTable(['Theme', 'Comments', 'Share', 'Negated', 'Net'].map((text) => paint.bold(text)), [false, true, true, true, true]);
    const examples: string[] = [];
    for (const line of lines) {
      table.push([line.theme, line.comments, `${line.share.toFixed(1)}%`, line.negated, formatNet(line.sentiment.net)]);
      // One line each, cut at the terminal's edge: the JSON and the report keep every example whole.
      if (line.examples.length > 0) examples.push(exampleLine(line.theme, line.examples));
    }
    // No comment of three words or more: no Examples heading over nothing.
    const shown = examples.length === 0 ? '' : `\n${paint.dim('Examples')}\n${examples.join('\n')}`;
    const body = lines.length === 0 ? 'no theme found in these comments' : `${table.toString()}${shown}`;
    sections.push(`${paint.bold(`${LABELS[category]} (${plural(report.comments[category], 'comment')})`)}\n${body}`);
  }
  if (report.questions.length > 0) sections.push(`${paint.bold('By question')}\n${questionsText(report)}`);
  for (const part of [discoveredText(report, paint), suggestionsText(report, paint), givenText(report, paint)]) if (part !== undefined) sections.push(part);
  const impacts = [
    ...report.impact.filter((impact) => impact.mentionedBy > 0),
    ...report.discovered.slice(0, DISCOVERED_IMPACTS).map((line) => ({ theme: quoted(line.label), ...line.impact })),
    ...report.given.map((line) => ({ theme: line.topic, ...line.impact })),
  ].sort((a, b) => (b.difference?.difference ?? -Infinity) - (a.difference?.difference ?? -Infinity));
  const impactTable = plainTable(
    ['Theme', 'Share', 'With', 'Rest', 'Effect', 'Verdict'].map((text) => paint.bold(text)),
    [false, true, true, true, true, false],
    { fit: [0] },
  );
  for (const impact of impacts) {
    // With minus Rest: a theme that goes with a lower score shows below zero (the JSON's difference is Rest minus With).
    const effect = impact.difference === undefined ? null : -impact.difference.difference;
    impactTable.push([impact.theme, `${impact.share.toFixed(1)}%`, formatNps(impact.npsWith), formatNps(impact.npsWithout), formatNps(effect), verdict(impact)]);
  }
  const notes = [
    wrap('Share: of respondents, those who mention the theme. With: their NPS. Rest: the NPS of the others. Effect: With minus Rest, below zero when the theme goes with a lower score.'),
  ];
  if (report.discovered.length > 0) notes.push(wrap('Themes in quotes are discovered ones.'));
  const adjustment = adjustmentNote(impacts.map((impact) => impact.difference), 'themes', 'adj.');
  if (adjustment !== undefined) notes.push(adjustment);
  sections.push(`${paint.bold('Theme impact')}\n${impactTable.toString()}\n${notes.join('\n')}`);
  const change = changeText(report, paint);
  if (change !== undefined) sections.push(change);
  // A language column only when the words come from comments in more than one language.
  const withLanguage = new Set([...report.words.detractors, ...report.words.promoters].map((entry) => entry.language)).size > 1;
  sections.push(
    `${paint.bold('Words that set detractors apart (Lean: in standard errors)')}\n${wordsTable('Detractors', report.words.detractors, paint, report.level, withLanguage)}`,
    `${paint.bold('Words that set promoters apart')}\n${wordsTable('Promoters', report.words.promoters, paint, report.level, withLanguage)}`,
  );
  if (report.warnings.length > 0) sections.push(report.warnings.map((warning) => wrap(`${paint.yellow('Warning:')} ${visible(wordWarning(warning))}`)).join('\n'));
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}
