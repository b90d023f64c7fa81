import { CATEGORIES } from '../../core/categories.js';
import type { ListedResponse, ReportData } from '../../core/report.js';
import type { ThemesReport } from '../../core/themes-report.js';
import { CAUSE_NOTE, describeAccounting, formatLow, formatMean, formatNps, formatPercent, formatShareInterval, pBesideAdjusted, plural } from './format.js';
import { breakdownChart, CATEGORY_COLOURS, distributionChart, driversChart, inputHtml, trendChart } from './svg.js';
import { impactSentence, languagesSentence } from './themes.js';
import { formatNet } from './themes-discovered.js';
import { headlineWords, movementWords, testWords } from './compare.js';
import { accountsSection } from './report-accounts.js';
import { cell, headRow } from './html-table.js';
import { fixFirstWords } from './drivers-words.js';
import { isPeriodWarning, wordWarning } from './warnings.js';
import type { Warning } from '../../core/warnings.js';
import type { Scored } from '../../core/breakdown.js';
import { groupDigits } from '../../core/digits.js';

const LABELS = { promoters: 'Promoters (9–10)', passives: 'Passives (7–8)', detractors: 'Detractors (0–6)' } as const;

/** Light and dark, screen and paper: the page never needs anything but itself. */
const STYLE = `
:root { --ink: #1d1f24; --muted: #8a8f98; --bg: #ffffff; --panel: #f4f5f7; --band: rgba(0, 114, 178, 0.18); --line: #0072B2; color-scheme: light dark; }
@media (prefers-color-scheme: dark) { :root { --ink: #e8e9ec; --muted: #8d929b; --bg: #15171b; --panel: #1f2228; --band: rgba(86, 180, 233, 0.25); --line: #56B4E9; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 860px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--muted); padding-bottom: 4px; }
.files, .muted, figcaption { color: var(--muted); }
.headline { background: var(--panel); border-radius: 8px; padding: 16px 20px; }
.nps { font-size: 48px; font-weight: 700; margin: 0; }
.warning { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--panel); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } td.due { white-space: nowrap; }
svg.chart { max-width: 100%; height: auto; } svg text { fill: var(--ink); font: 12px system-ui, sans-serif; } svg text.small { font-size: 11px; } svg text.muted { fill: var(--muted); }
svg .axis, svg .zero, svg .grid { stroke: var(--muted); stroke-width: 1; } svg .zero { stroke-dasharray: 3 3; } svg .grid { opacity: 0.25; } svg text.value { font-weight: 600; }
svg .band { fill: var(--band); stroke: none; } svg .line { fill: none; stroke: var(--line); stroke-width: 2; }
svg .point { fill: var(--line); } svg .faint { fill: none; stroke: var(--muted); stroke-width: 2; } svg .significant { fill: var(--bg); stroke: var(--line); stroke-width: 3; }
.legend span { display: inline-block; margin-right: 16px; } .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
@media print { body { background: #fff; color: #000; } main { max-width: none; } section { break-inside: avoid; } }
`;

const warningLine = (warning: Warning): string => `<p class="warning">⚠ ${inputHtml(wordWarning(warning))}</p>`;

/** How sure the score is, in one sentence. */
function sureSentence(scoredPart: Scored): string {
  const interval = scoredPart.interval;
  if (scoredPart.nps === null) return 'There are no scored responses, so there is no score.';
  if (!interval) return '';
  return `With ${Math.round(interval.level * 100)}% confidence, the NPS of everyone these ${scoredPart.responses} respondents stand for lies between ${formatNps(interval.low)} and ${formatNps(interval.high)} (± ${(scoredPart.marginOfError ?? 0).toFixed(1)} points).`;
}

function groupsTable(counts: Scored['counts'], responses: number): string {
  const share = (count: number): string => formatPercent(responses === 0 ? 0 : (count * 100) / responses);
  return `<table aria-label="Groups">${headRow(['Group'], ['Responses', true], ['Share', true])}
${CATEGORIES.map((category) => `<tr>${cell(LABELS[category])}${cell(counts[category], true)}${cell(share(counts[category]), true)}</tr>`).join('\n')}
</table>`;
}

/** The score to quote: of everyone, or, with two files or periods, of the last one, set against the one before. */
function headline(data: ReportData): string {
  const { overall, summary, warnings } = data.score;
  const range = data.dateRange ? `<p>Answers from ${data.dateRange.first} to ${data.dateRange.last}.</p>` : '';
  const change = data.change;
  const shown = change === undefined ? overall : change.b;
  const of =
    change === undefined
      ? ''
      : `<p id="nps-of">${inputHtml(`NPS of ${change.b.file} (${plural(change.b.responses, 'response')}), the last ${sideWord(data)}; all ${plural(overall.responses, 'response')} together: ${formatNps(overall.nps)}.`)}</p>`;
  const verdict = change === undefined ? '' : `<p id="change-verdict"><strong>${inputHtml(headlineWords(change, { a: change.a.file, b: change.b.file }))}</strong></p>`;
  return `<section id="headline" class="headline" aria-label="Headline">
<p class="nps" id="nps-value">${inputHtml(formatNps(shown.nps))}</p>
${of}${verdict}<p>${inputHtml(sureSentence(shown))}</p>
${warnings.filter((warning) => !isPeriodWarning(warning)).map(warningLine).join('\n')}
<p id="accounting">${inputHtml(describeAccounting(summary))}.</p>
${range}
${groupsTable(shown.counts, shown.responses)}</section>`;
}

const sideWord = (data: ReportData): string => (data.score.period === undefined ? 'file' : data.score.period);

/** The last file or period against the one before: both scores, the change, its test, and who moved between groups. */
function changeSection(data: ReportData): string {
  const change = data.change;
  if (change === undefined) return '';
  const level = `${Math.round(change.level * 100)}%`;
  const rows = [change.a, change.b].map(
    (side) =>
      `<tr>${cell(side.file)}${cell(side.responses, true)}${cell(formatNps(side.nps), true)}${cell(side.interval ? `${formatNps(side.interval.low)} to ${formatNps(side.interval.high)}` : 'n/a', true)}` +
      `${CATEGORIES.map((category) => cell(formatPercent(side.percentages[category]), true)).join('')}</tr>`,
  );
  const movement = change.movement;
  const moved =
    movement === undefined
      ? ''
      : `<h3>Respondents in both</h3><table>${headRow([`In ${change.a.file} \\ in ${change.b.file}`], ...CATEGORIES.map((category): [string, boolean] => [category, true]))}` +
        `${CATEGORIES.map((from) => `<tr>${cell(from)}${CATEGORIES.map((to) => cell(movement[from][to], true)).join('')}</tr>`).join('')}</table><p>${inputHtml(movementWords(movement))}</p>`;
  const test = change.test === '' ? '' : `<p class="muted">${inputHtml(`Test: ${testWords(change, level)}.`)}</p>`;
  return `<section id="change"><h2>${inputHtml(`${change.b.file} against ${change.a.file}`)}</h2>
<p><strong>${inputHtml(headlineWords(change, { a: change.a.file, b: change.b.file }))}</strong></p>${test}
${change.warnings.map(warningLine).join('\n')}
<table>${headRow([change.sampleKind], ['n', true], ['NPS', true], [`${level} interval`, true], ['Promoters', true], ['Passives', true], ['Detractors', true])}${rows.join('')}</table>
${moved}</section>`;
}

/** What reading the files warned of, as the terminal said it: rows with no date, repeated answers left out, and the like. */
function notesSection(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  return `<section id="notes"><h2>Notes on the data</h2><ul>${notes.map((note) => `<li>${inputHtml(note)}</li>`).join('')}</ul></section>`;
}

function distribution(data: ReportData): string {
  const { summary } = data.score;
  const legend = CATEGORIES.map((category) => `<span><i class="swatch" style="background:${CATEGORY_COLOURS[category]}"></i>${inputHtml(LABELS[category])}</span>`).join('');
  return `<section id="distribution"><h2>Answers from 0 to 10</h2>
<figure>${distributionChart(summary.distribution, summary.responses)}<figcaption class="legend">${legend}</figcaption></figure></section>`;
}

function trend(data: ReportData): string {
  const periods = data.score.periods;
  if (!periods || periods.length === 0) return '';
  const rows = periods.map((row) => {
    const change = row.change ? `${formatNps(row.change.difference)} (${row.change.significant ? 'real' : 'could be chance'}, ${pBesideAdjusted(row.change)})` : '';
    const marks = `${row.partial ? ' (partial)' : ''}${row.small ? ' (small)' : ''}`;
    return `<tr${row.small ? ' class="muted"' : ''}>${cell(`${row.period}${marks}`)}${cell(row.responses, true)}${cell(formatNps(row.nps), true)}${cell(row.interval ? `${formatNps(row.interval.low)} to ${formatNps(row.interval.high)}` : 'n/a', true)}${cell(change)}</tr>`;
  });
  return `<section id="trend"><h2>Over time, by ${inputHtml(data.score.period ?? '')}</h2>
${data.score.warnings.filter(isPeriodWarning).map(warningLine).join('\n')}
<figure>${trendChart(periods)}<figcaption>The band is the interval of each period; a ringed point is a change from the period before that is unlikely to be chance; a hollow grey point is a period under ${data.score.minN} responses, left out of the line and of the tests.</figcaption></figure>
<table>${headRow(['Period'], ['n', true], ['NPS', true], ['Interval', true], ['Change'])}${rows.join('')}</table></section>`;
}

function breakdown(data: ReportData): string {
  return data.score.breakdowns
    .filter((entry) => entry.groups.length > 0)
    .map(
      ({ columns, groups }) => `<section class="breakdown"><h2>By ${inputHtml(columns.join(' and '))}</h2>
<figure>${breakdownChart(groups, columns)}<figcaption>Dots are each group's NPS, lines its interval; groups under ${data.score.minN} responses are grey.</figcaption></figure></section>`,
    )
    .join('\n');
}

function drivers(data: ReportData): string {
  const result = data.drivers;
  if (result === undefined || result.drivers.length === 0) return '';
  const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
  const rows = result.drivers.map(
    (driver) =>
      `<tr>${cell(driver.column)}${cell(`${driver.importance.toFixed(1)}%`, true)}${cell(formatShareInterval(driver.interval), true)}` +
      `${cell(driver.coefficient === null ? '' : signed(driver.coefficient), true)}${cell(driver.performance === null ? '' : formatMean(driver.performance), true)}` +
      `${cell(formatLow(driver.performance), true)}${cell(driver.fixFirst ? 'fix first' : '')}</tr>`,
  );
  const level = Math.round(result.method.level * 100);
  const rule = fixFirstWords(result);
  const intro = `The ${result.drivers.length} ratings explain ${(result.r2 * 100).toFixed(1)}% of the variance of the 0–10 answer, in the ${result.responses} responses that answered all of them (${result.leftOut} left out with a blank rating). Each rating's share of that is its Shapley value; the shares add up to 100%.`;
  return `\n<section id="drivers"><h2>What moves the score</h2>
<p>${inputHtml(intro)}</p>
${result.warnings.map((warning) => `<p class="warning">⚠ ${inputHtml(wordWarning(warning))}</p>`).join('\n')}
${rule === undefined ? '' : `<p id="fix-first">${inputHtml(rule)}</p>`}
<figure>${driversChart(result.drivers, result.fixFirstRule.kind === 'bars')}<figcaption>Up: a larger share; right: a higher mean rating. ${result.method.replicates > 0 ? `Lines are ${level}% intervals; ringed` : 'No intervals (see above); ringed'} ratings are to fix first${result.fixFirstRule.kind === 'bars' ? ': above the median share and below the median performance (the shaded corner)' : ''}.</figcaption></figure>
<table>${headRow(['Rating'], ['Share', true], [`${level}% interval`, true], ['Per point', true], ['Mean', true], ['Low', true], [''])}${rows.join('')}</table>
<p class="muted">${inputHtml(`Per point: points of the 0–10 answer per point of the rating, the others held. Low: ratings in the bottom third of the scale. ${CAUSE_NOTE}`)}</p></section>`;
}

function themes(data: ReportData): string {
  const report = data.themes;
  if (!report) return '';
  const perGroup = [...CATEGORIES].reverse().map((category) => {
    const lines = report.themes[category].slice(0, 5);
    const rows = lines.map((line) => `<tr>${cell(line.theme)}${cell(line.comments, true)}${cell(`${line.share.toFixed(0)}%`, true)}${cell(line.examples[0] ?? '')}</tr>`);
    return `<h3>${inputHtml(LABELS[category])}: ${report.comments[category]} comments</h3>
${lines.length === 0 ? '<p class="muted">No theme found.</p>' : `<table>${headRow(['Theme'], ['Comments', true], ['Share', true], ['Example'])}${rows.join('')}</table>`}`;
  });
  const impact = report.impact.filter((line) => line.mentionedBy > 0).map((line) => `<li>${inputHtml(impactSentence(line))}</li>`);
  const languages = `<p class="muted">Languages: ${inputHtml(languagesSentence(report))}.</p>`;
  return `<section id="themes"><h2>What the comments are about</h2>${languages}${unthemedHtml(report)}${report.warnings.map(warningLine).join('\n')}${perGroup.join('\n')}
${questionsHtml(report)}${discoveredHtml(report)}<h3>How much each theme moves the score</h3><ul>${impact.join('')}</ul></section>
${suggestionsHtml(report)}`;
}

/** Discovered themes the report lists: the most mentioned. */
const REPORT_DISCOVERED = 15;

function unthemedHtml(report: ThemesReport): string {
  if (report.unthemed === null) return '';
  const comments = report.comments.promoters + report.comments.passives + report.comments.detractors;
  const share = comments === 0 ? 0 : (report.unthemed * 100) / comments;
  return `<p class="muted" id="unthemed">${inputHtml(`${report.unthemed} of ${plural(comments, 'comment')} (${share.toFixed(1)}%) mention no theme, named or discovered.`)}</p>`;
}

/** The themes found in the comments themselves, each with its examples in full. */
function discoveredHtml(report: ThemesReport): string {
  if (report.discovered.length === 0) return '';
  const rows = report.discovered
    .slice(0, REPORT_DISCOVERED)
    .map((line) => `<tr>${cell(line.label)}${cell(line.comments, true)}${cell(formatNps(line.nps), true)}${cell(formatNet(line.sentiment.net), true)}${cell(line.parent ?? '')}${cell(line.examples.join(' / '))}</tr>`);
  return `<h3>Discovered in the comments' own words</h3><table>${headRow(['Theme'], ['Comments', true], ['NPS', true], ['Net', true], ['Under'], ['Examples'])}${rows.join('')}</table>
<p class="muted">NPS: of those who mention it. Net: % positive − % negative of its mentions. Under: the named theme most of its comments also mention.</p>`;
}

/** What passives and detractors ask for, pooled: the list a product team works from. */
function suggestionsHtml(report: ThemesReport): string {
  if (report.unthemed === null) return '';
  const rows = report.suggestions.map(
    (line) => `<tr>${cell(line.label)}${cell(line.comments, true)}${cell(line.byCategory.passives, true)}${cell(line.byCategory.detractors, true)}${cell(formatNps(line.nps), true)}${cell(line.examples.join(' / '))}</tr>`,
  );
  const body = rows.length === 0 ? '<p class="muted">No request comes back in their comments.</p>' : `<table>${headRow(['Suggestion'], ['Asked', true], ['Passives', true], ['Detractors', true], ['NPS', true], ['Examples'])}${rows.join('')}</table>`;
  return `<section id="suggestions"><h2>What passives and detractors ask for</h2>${body}</section>`;
}

/** Each open question's themes by group, when the survey asks several. */
function questionsHtml(report: ThemesReport): string {
  if (report.questions.length === 0) return '';
  const blocks = report.questions.map((question) => {
    const rows = [...CATEGORIES].reverse().map((category) => {
      const lines = question.themes[category].slice(0, 5).map((line) => `${line.theme} (${line.comments})`);
      return `<tr>${cell(LABELS[category])}${cell(question.comments[category], true)}${cell(lines.length === 0 ? 'no theme' : lines.join(', '))}</tr>`;
    });
    return `<h4>${inputHtml(question.question)}</h4><table>${headRow(['Group'], ['Answers', true], ['Themes'])}${rows.join('')}</table>`;
  });
  return `<h3>By question</h3>${blocks.join('\n')}`;
}



function people(id: string, title: string, rows: ListedResponse[], withDeadline: boolean): string {
  const body = rows.map(
    (row) => `<tr>${cell(row.respondent || '(anonymous)')}${cell(row.score, true)}${cell(row.comment)}${withDeadline ? `<td class="due">${inputHtml(row.respondBy || 'no date')}</td><td class="due">${inputHtml(row.status)}</td>` : ''}</tr>`,
  );
  const head = withDeadline ? headRow(['Respondent'], ['Score', true], ['Comment'], ['Respond by'], ['Status']) : headRow(['Respondent'], ['Score', true], ['Comment']);
  return `<section id="${id}"><h2>${inputHtml(title)}</h2>${rows.length === 0 ? '<p class="muted">None.</p>' : `<table>${head}${body.join('')}</table>`}</section>`;
}

/** Passives: the question to ask them, what their comments are about, and the newest of them. */
function passivesSection(data: ReportData): string {
  const themes = data.themes?.themes.passives.slice(0, 3).map((line) => `${line.theme} (${line.share.toFixed(0)}%)`) ?? [];
  const about = themes.length === 0 ? '' : `<p>Their comments are most about ${inputHtml(themes.join(', '))}.</p>`;
  const intro = `<p>${inputHtml(`${data.score.summary.counts.passives} passives (7–8). Ask them: "What would we need to do to earn a 9 or 10 from you next time?"`)}</p>${about}`;
  return people('passives', `Passives to ask what would earn a 9 or 10 (newest ${data.passives.length})`, data.passives, false).replace('</h2>', `</h2>${intro}`);
}

/**
 * One HTML file with everything inline: no script, no font, no image fetched from anywhere.
 * Every text goes through `inputHtml`, which isolates text from the input that holds a
 * control of bidirectional text (the same as `escapeXml` for any other).
 */
export function renderReportHtml(data: ReportData, notes: readonly string[] = []): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${inputHtml(data.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${inputHtml(data.title)}</h1><p class="files" id="provenance">From ${inputHtml(data.files.join(', '))}, ${inputHtml(groupDigits(data.score.summary.rows))} rows read; made on ${inputHtml(data.generated)} by nps.</p></header>
${headline(data)}
${changeSection(data)}${accountsSection(data)}
${distribution(data)}
${trend(data)}
${breakdown(data)}${drivers(data)}
${themes(data)}
${people('urgent', `Most urgent detractors (top ${data.urgent.length})`, data.urgent, true)}
${people('promoters', `Promoters to ask now (newest ${data.promoters.length})`, data.promoters, false)}
${passivesSection(data)}
${notesSection(notes)}
</main>
</body>
</html>
`;
}
