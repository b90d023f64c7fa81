import { stylesFor } from './styles.js';
import { CATEGORIES } from '../../core/categories.js';
import type { AccountLevel } from '../../core/accounts.js';
import type { CompareReport } from '../../core/compare.js';
import type { LevelComparison } from '../../core/compare-levels.js';
import type { WeightedScore } from '../../core/weights.js';
import type { Movement } from '../../core/movement.js';
import type { Interval } from '../../core/stats.js';
import { formatNps, formatP, intervalName, plural, visible, wrap } from './format.js';
import { plainTable } from './plain-table.js';
import { differenceJson, scoredJson } from './score-json.js';
import { formatInterval } from './score-table.js';
import { warningJson, wordWarning } from './warnings.js';

/** B − A of accounts or weights, as JSON: the figures of each side and the z-test. */
function levelJson(comparison: LevelComparison<AccountLevel | WeightedScore> | undefined, side: (one: AccountLevel | WeightedScore) => object): object | null {
  if (comparison === undefined) return null;
  const difference = comparison.difference;
  return {
    a: comparison.a === undefined ? null : side(comparison.a),
    b: comparison.b === undefined ? null : side(comparison.b),
    difference:
      difference === undefined
        ? null
        : { difference: difference.difference, interval: difference.interval === null ? null : { low: difference.interval.low, high: difference.interval.high, level: difference.interval.level }, z: difference.z, p: difference.p, significant: difference.significant },
  };
}

const sideJson = (side: AccountLevel | WeightedScore): object => {
  const interval = side.interval === undefined ? null : { low: side.interval.low, high: side.interval.high, level: side.interval.level, method: side.interval.method, standardError: side.interval.standardError };
  return 'count' in side ? { count: side.count, nps: side.nps, interval } : { nps: side.nps, interval, effectiveN: side.effectiveN, responses: side.responses, totalWeight: side.total };
};

export function renderCompareJson(report: CompareReport): string {
  const levels: Record<string, unknown> = {};
  if (report.accounts !== undefined) levels['accounts'] = levelJson(report.accounts, sideJson);
  if (report.weighted !== undefined) levels['weighted'] = { column: report.weighted.column, ...levelJson(report.weighted, sideJson) };
  const json = {
    a: { file: report.a.file, ...scoredJson(report.a) },
    b: { file: report.b.file, ...scoredJson(report.b) },
    difference: differenceJson(report.difference),
    verdict: headlineWords(report),
    headline: report.headline ?? null,
    test: decidingTest(report),
    paired: report.paired === undefined ? null : { respondents: report.paired.respondents, ...(differenceJson(report.paired.difference) ?? {}) },
    movement: report.movement ?? null,
    warnings: report.warnings.map(warningJson),
    ...levels,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** True when the paired test decides though the two-sample one was run: the same people answered both times. */
function pairedDecides(report: CompareReport): boolean {
  return report.headline?.decidedBy === 'both' && report.paired !== undefined && !report.test.startsWith('paired');
}

/** The name of the test behind the headline. */
function decidingTest(report: CompareReport): string {
  if (!pairedDecides(report) || report.paired === undefined) return report.test;
  return `paired z-test on the ${report.paired.respondents} respondents in both: the mean change of each one's group`;
}

/** The test behind the headline, with the two-sample one beside it when the paired one decides. */
export function testWords(report: CompareReport, level: string): string {
  if (!pairedDecides(report)) return report.test;
  const everyone = report.difference;
  const interval = everyone === undefined ? '' : `, ${intervalText(everyone.interval, level)}`;
  return `${decidingTest(report)}; the two-sample test on everyone gives p ${formatP(everyone?.p ?? 1)}${interval}`;
}

/** "95% interval -0.3 to +20.3", or what stands in its place when the exact test decides. */
function intervalText(interval: Interval | null, level: string): string {
  return interval === null ? 'few responses: an exact test, no interval' : `${level} interval ${formatInterval(interval)}`;
}

const moved = (points: number): string => (points > 0 ? `rose ${points.toFixed(1)} points` : points < 0 ? `fell ${(-points).toFixed(1)} points` : 'did not move');
const chance = (significant: boolean, p: number): string => (significant ? `unlikely to be chance (p ${formatP(p)})` : `that could be chance (p ${formatP(p)})`);

/**
 * The one verdict to quote, in words: the change of NPS between the two scores shown, and the test it rests on. When
 * the people in both are not (nearly) all who answered, what the paired test says of them follows, and whether the
 * change is theirs or comes from who answered.
 */
export function headlineWords(report: CompareReport, names: { a: string; b: string } = { a: 'A', b: 'B' }): string {
  const headline = report.headline;
  if (headline === undefined) return report.verdict;
  const change = `NPS ${moved(headline.points)}, from ${formatNps(headline.from)} in ${names.a} to ${formatNps(headline.to)} in ${names.b}`;
  if (headline.decidedBy === 'both') {
    const theirs = report.paired?.difference.difference;
    const own = theirs === undefined ? '' : ` (their own change: ${formatNps(Math.round(theirs * 10) / 10)})`;
    return `${change}: ${chance(headline.significant, headline.p)}. The ${headline.inBoth} respondents in both answered both times${own}, so the paired test decides.`;
  }
  const everyone = `${change}, among everyone who answered (${report.a.responses} and ${report.b.responses}): ${chance(headline.significant, headline.p)}.`;
  const paired = report.paired;
  if (paired === undefined) return everyone;
  const theirs = paired.difference;
  const agree = theirs.significant === headline.significant && Math.sign(theirs.difference) === Math.sign(headline.points);
  const why = agree ? 'the same people moved as everyone did' : 'the change of NPS is the one above; the rest of it comes from who answered, not from the same people changing their minds';
  return `${everyone} Among the ${paired.respondents} who answered both times, it ${moved(Math.round(theirs.difference * 10) / 10)}, ${chance(theirs.significant, theirs.p)}: ${why}.`;
}

/** "10 promoters became detractors; 35 detractors were won back (now passives or promoters)." */
export function movementWords(movement: Movement): string {
  const lost = movement.promoters.detractors;
  const wonBack = movement.detractors.promoters + movement.detractors.passives;
  return `${plural(lost, 'promoter')} became ${lost === 1 ? 'a detractor' : 'detractors'}; ${plural(wonBack, 'detractor')} ${wonBack === 1 ? 'was' : 'were'} won back (now passives or promoters).`;
}

export function renderCompareTable(report: CompareReport, options: { color: boolean }): string {
  const paint = stylesFor(options.color);
  const level = `${Math.round(report.level * 100)}%`;
  const head = ['', visible(report.sampleKind), 'n', 'NPS', `${level} ${intervalName(report.a.interval?.method ?? 'adjusted-wald')}`].map((text) => paint.bold(text));
  const samples = plainTable(head, [false, false, true, true, true], { fit: [1] });
  for (const [label, sample] of [['A', report.a], ['B', report.b]] as const) {
    samples.push([label, visible(sample.file), sample.responses, formatNps(sample.nps), formatInterval(sample.interval)]);
  }
  const sections = [samples.toString()];
  if (report.difference) {
    // The interval of the test that decides: the paired one when the same people answered both times.
    const paired = report.headline?.decidedBy === 'both' && !report.test.startsWith('paired') ? report.paired : undefined;
    const points = report.headline?.points ?? report.difference.difference;
    const detail =
      paired === undefined
        ? intervalText(report.difference.interval, level)
        : `the ${paired.respondents} in both: ${formatNps(paired.difference.difference)}, ${intervalText(paired.difference.interval, level)}`;
    sections.push(`${paint.bold('B − A')}  ${formatNps(points)} points  (${detail})`);
  }
  const words = headlineWords(report);
  sections.push(report.test === '' ? paint.bold(wrap(words)) : `${paint.bold(wrap(words))}\n${wrap(`Test: ${testWords(report, level)}.`)}`);
  if (report.warnings.length > 0) sections.push(report.warnings.map((warning) => wrap(`${paint.yellow('Warning:')} ${visible(wordWarning(warning))}`)).join('\n'));
  const levels = levelLines(report, level);
  if (levels !== undefined) sections.push(levels);
  if (report.movement) {
    const movement = report.movement;
    const table = plainTable(
      ['In A \\ in B', ...CATEGORIES].map((text) => paint.bold(text)),
      [false, true, true, true],
    );
    for (const from of CATEGORIES) table.push([from, ...CATEGORIES.map((to) => movement[from][to])]);
    sections.push(`${paint.bold('Respondents in both')}\n${table.toString()}\n${wrap(movementWords(movement))}`);
  }
  return `${sections.join('\n\n').replace(/ +$/gm, '')}\n`;
}

/** "By account (Company): …" and "Weighted by MRR: …": the other views of B − A, each with its own test. */
function levelLines(report: CompareReport, level: string): string | undefined {
  const lines: string[] = [];
  const describe = (title: string, comparison: LevelComparison<AccountLevel | WeightedScore>, sizes: (side: AccountLevel | WeightedScore) => string, test: string): void => {
    const { a, b, difference } = comparison;
    if (a === undefined || b === undefined || difference === undefined) {
      lines.push(wrap(`${title}: a side has too few ${title.startsWith('Weighted') ? 'weights' : 'accounts'} for a test.`));
      return;
    }
    const interval = difference.interval === null ? '' : ` (${level} interval ${formatInterval(difference.interval)})`;
    const verdict = difference.significant ? `unlikely to be chance (p ${formatP(difference.p)})` : `that could be chance (p ${formatP(difference.p)})`;
    lines.push(wrap(`${title}: ${formatNps(a.nps)} in A (${sizes(a)}), ${formatNps(b.nps)} in B (${sizes(b)}); B\u00a0−\u00a0A ${formatNps(difference.difference)}${interval}: ${verdict}.`), wrap(test));
  };
  if (report.accounts !== undefined) describe('Each account once', report.accounts, (side) => ('count' in side ? plural(side.count, 'account') : ''), 'Test: two-sample z-test on the account means.');
  if (report.weighted !== undefined) {
    describe(`Weighted by ${visible(report.weighted.column)}`, report.weighted, (side) => ('effectiveN' in side ? `effective n ${Math.round(side.effectiveN)}` : ''), 'Test: two-sample z-test, linearisation standard errors.');
  }
  return lines.length === 0 ? undefined : lines.join('\n');
}
