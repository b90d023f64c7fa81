import type { Styles } from './styles.js';
import { CATEGORIES } from '../../core/categories.js';
import type { ThemeChangeLine } from '../../core/themes-change.js';
import type { ThemesReport } from '../../core/themes-report.js';
import { quote } from '../../core/clip.js';
import { differenceJson } from './score-json.js';
import { formatNps, pBesideAdjusted, plural, visible, wrap } from './format.js';
import { cutToWidth, LINE_WIDTH, plainTable } from './plain-table.js';

/** The themes report's parts read from the comments as a whole, as text: discovered themes, suggestions, topics, change. */

type Paint = Styles;

/** Discovered themes listed in the terminal; the JSON and the report list them all. */
const SHOWN = 15;
/** Themes each group talks about most in its own way, by c-TF-IDF. */
const OWN_WORDS = 5;
const LABELS = { promoters: 'Promoters', passives: 'Passives', detractors: 'Detractors' } as const;

/** A net sentiment, "+40" or "-12", or "" when none could be read. */
export function formatNet(net: number | null): string {
  if (net === null) return '';
  const rounded = Math.round(net);
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** A discovered theme as the tables name it: its own words, in quotes. */
export const quoted = (label: string): string => `"${label}"`;

/** One line per example, cut at the terminal's edge: the JSON and the report keep them whole. */
export function exampleLine(label: string, examples: readonly string[]): string {
  return cutToWidth(`  ${label}: ${examples.map((example) => quote(example.replace(/\s+/g, ' '))).join('; ')}`, LINE_WIDTH);
}

/** "Unthemed  38 of 441 comments (8.6%) mention no theme, named or discovered". */
export function unthemedLine(report: ThemesReport, paint: Paint): string | undefined {
  if (report.unthemed === null) return undefined;
  const comments = report.comments.promoters + report.comments.passives + report.comments.detractors;
  const share = comments === 0 ? 0 : (report.unthemed * 100) / comments;
  return wrap(`${paint.bold('Unthemed')}  ${report.unthemed} of ${plural(comments, 'comment')} (${share.toFixed(1)}%) mention no theme, named or discovered`, 10);
}

function ownWords(report: ThemesReport): string {
  return [...CATEGORIES]
    .reverse()
    .map((category) => {
      const own = report.discovered
        .filter((line) => line.byCategory[category].comments > 0)
        .sort((a, b) => b.byCategory[category].weight - a.byCategory[category].weight || a.label.localeCompare(b.label))
        .slice(0, OWN_WORDS)
        .map((line) => line.label);
      return wrap(`  ${LABELS[category]}: ${own.length === 0 ? 'none' : own.join(', ')}`, 4);
    })
    .join('\n');
}

export function discoveredText(report: ThemesReport, paint: Paint): string | undefined {
  if (report.unthemed === null) return undefined;
  const title = paint.bold('Discovered themes (in the comments\' own words)');
  if (report.discovered.length === 0) return `${title}\nnone: no phrase comes back often enough in these comments`;
  const table = plainTable(['Theme', 'Comments', 'NPS', 'Net', 'Under'].map((text) => paint.bold(text)), [false, true, true, true, false], { fit: [0, 4] });
  const shown = report.discovered.slice(0, SHOWN);
  for (const line of shown) table.push([line.label, line.comments, formatNps(line.nps), formatNet(line.sentiment.net), line.parent ?? '']);
  const more = report.discovered.length > SHOWN ? `\n${report.discovered.length - SHOWN} more in --json` : '';
  const examples = shown.filter((line) => line.examples.length > 0).map((line) => exampleLine(line.label, line.examples));
  const notes = [wrap('NPS: of those who mention it. Net: % positive − % negative of its mentions. Under: the named theme most of its comments also mention.')];
  if (report.sampled !== null) notes.push(wrap(`Read from a sample of ${report.sampled.responses} of the ${report.sampled.of} responses with comments; counts are scaled to the file.`));
  return [
    `${title}\n${table.toString()}${more}`,
    `${paint.dim('Most their own (c-TF-IDF)')}\n${ownWords(report)}`,
    examples.length === 0 ? '' : `${paint.dim('Examples')}\n${examples.join('\n')}`,
    notes.join('\n'),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

export function suggestionsText(report: ThemesReport, paint: Paint): string | undefined {
  if (report.unthemed === null) return undefined;
  const title = paint.bold('What passives and detractors ask for');
  if (report.suggestions.length === 0) return `${title}\nno request comes back in their comments`;
  const table = plainTable(['Suggestion', 'Asked', 'Passives', 'Detractors', 'NPS'].map((text) => paint.bold(text)), [false, true, true, true, true], { fit: [0] });
  const shown = report.suggestions.slice(0, SHOWN);
  for (const line of shown) table.push([line.label, line.comments, line.byCategory.passives, line.byCategory.detractors, formatNps(line.nps)]);
  const examples = shown.filter((line) => line.examples.length > 0).map((line) => exampleLine(line.label, line.examples));
  return `${title}\n${table.toString()}${examples.length === 0 ? '' : `\n${paint.dim('Examples')}\n${examples.join('\n')}`}`;
}

export function givenText(report: ThemesReport, paint: Paint): string | undefined {
  if (report.given.length === 0) return undefined;
  const table = plainTable(['Topic', 'Comments', 'NPS', 'Net', 'Parent'].map((text) => paint.bold(text)), [false, true, true, true, false], { fit: [0, 4] });
  for (const line of report.given.slice(0, SHOWN)) table.push([visible(line.topic), line.comments, formatNps(line.nps), formatNet(line.sentiment.net), visible(line.parent ?? '')]);
  const more = report.given.length > SHOWN ? `\n${report.given.length - SHOWN} more in --json` : '';
  return `${paint.bold('Topics the export gives')}\n${table.toString()}${more}`;
}

/** Rows of the change table: every theme that moved for sure, then the largest moves, up to SHOWN. */
function changeRows(themes: readonly ThemeChangeLine[]): ThemeChangeLine[] {
  const sure = themes.filter((line) => line.difference?.significant === true);
  const rest = themes.filter((line) => line.difference?.significant !== true).sort((a, b) => Math.abs(b.difference?.difference ?? 0) - Math.abs(a.difference?.difference ?? 0));
  const rows = [...sure, ...rest].slice(0, Math.max(SHOWN, sure.length));
  return rows.sort((a, b) => (b.difference?.difference ?? 0) - (a.difference?.difference ?? 0));
}

export function changeText(report: ThemesReport, paint: Paint): string | undefined {
  const change = report.change;
  if (change === null) return undefined;
  const title = wrap(`${paint.bold('Themes from')} ${change.before.name} (${plural(change.before.comments, 'comment')}) ${paint.bold('to')} ${change.after.name} (${plural(change.after.comments, 'comment')})`);
  const table = plainTable(['Theme', 'Before', 'After', 'Change', 'Verdict'].map((text) => paint.bold(text)), [false, true, true, true, false], { fit: [0] });
  const rows = changeRows(change.themes);
  for (const line of rows) {
    const difference = line.difference;
    const verdict = difference === undefined ? '' : difference.significant ? `${difference.difference > 0 ? 'grew' : 'shrank'} (${pBesideAdjusted(difference)})` : 'may be chance';
    const points = difference === undefined ? '' : `${difference.difference >= 0 ? '+' : ''}${difference.difference.toFixed(1)}`;
    table.push([line.kind === 'discovered' ? quoted(line.theme) : visible(line.theme), `${line.before.share.toFixed(1)}%`, `${line.after.share.toFixed(1)}%`, points, verdict]);
  }
  const more = change.themes.length > rows.length ? `\n${change.themes.length - rows.length} more in --json` : '';
  const note = wrap('Before, After: share of each side\'s comments that mention the theme. Change: in points. Themes in quotes are discovered ones.');
  return `${title}\n${table.toString()}${more}\n${note}`;
}

/** The JSON of the parts above: each test as `nps compare` writes one. */
export function discoveredJson(report: ThemesReport): object {
  const impactJson = (line: { impact: { difference: Parameters<typeof differenceJson>[0] } }): object => ({
    ...line,
    impact: { ...line.impact, difference: differenceJson(line.impact.difference) },
  });
  return {
    discovered: report.discovered.map(impactJson),
    unthemed: report.unthemed,
    suggestions: report.suggestions,
    given: report.given.map(impactJson),
    change:
      report.change === null
        ? null
        : { ...report.change, themes: report.change.themes.map((line) => ({ ...line, difference: differenceJson(line.difference) })) },
    sampled: report.sampled,
  };
}
