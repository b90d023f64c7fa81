import type { DiscoveryResult } from './discover.js';
import { adjustFamily, testedDifference, type Difference } from './stats.js';
import type { SideThemes } from './theme-extras.js';

/**
 * Themes between two exports or two periods: the share of comments mentioning each
 * theme on the last side against the one before, tested as two proportions (the
 * Agresti-Caffo interval: one mention and one comment without added to each side, which
 * keeps small counts honest), the tests of all themes adjusted together by
 * Benjamini-Hochberg, so that a theme flagged as grown or shrunk is seldom chance.
 */
export interface ThemeShare {
  comments: number;
  /** Share of the side's comments, 0..100. */
  share: number;
}

export interface ThemeChangeLine {
  theme: string;
  kind: 'named' | 'discovered' | 'given';
  before: ThemeShare;
  after: ThemeShare;
  /** The share after minus the share before, in points, with its test. */
  difference: Difference | undefined;
}

export interface ThemesChange {
  /** How the sides were cut: by input file, or by period. */
  by: 'input' | 'period';
  before: { name: string; comments: number };
  after: { name: string; comments: number };
  themes: ThemeChangeLine[];
}

/** Two proportions' difference in points, with its test; undefined when a side has no comment. */
export function compareShares(before: { hits: number; n: number }, after: { hits: number; n: number }, level: number): Difference | undefined {
  if (before.n === 0 || after.n === 0) return undefined;
  const difference = ((after.hits / after.n) - before.hits / before.n) * 100;
  const adjusted = (side: { hits: number; n: number }): number => (side.hits + 1) / (side.n + 2);
  const [a, b] = [adjusted(before), adjusted(after)];
  const standardError = Math.sqrt((a * (1 - a)) / (before.n + 2) + (b * (1 - b)) / (after.n + 2)) * 100;
  return testedDifference(difference, standardError, level, (b - a) * 100);
}

const shareOf = (comments: number, total: number): ThemeShare => ({ comments, share: total === 0 ? 0 : (comments * 100) / total });

/** Comments and discovered-theme mentions on each side, from the sample. */
function discoveredSides(result: DiscoveryResult | undefined): Map<string, number> {
  const sides = new Map<string, number>();
  for (const document of result?.documents ?? []) if (document.side !== undefined) sides.set(document.side, (sides.get(document.side) ?? 0) + 1);
  return sides;
}

/** The last side against the one before; undefined with fewer than two sides. */
export function themesChange(
  sides: ReadonlyMap<string, SideThemes>,
  by: 'input' | 'period',
  named: { names: readonly string[]; given: readonly string[] },
  result: DiscoveryResult | undefined,
  level: number,
  adjust: boolean,
): ThemesChange | undefined {
  const ordered = [...sides].sort((x, y) => x[1].rank - y[1].rank || x[0].localeCompare(y[0]));
  const [before, after] = ordered.slice(-2);
  if (ordered.length < 2 || before === undefined || after === undefined) return undefined;
  const [beforeName, beforeSide] = before;
  const [afterName, afterSide] = after;
  const lines: ThemeChangeLine[] = [];
  const line = (theme: string, kind: ThemeChangeLine['kind'], hits: [number, number], n: [number, number]): void => {
    if (hits[0] + hits[1] === 0) return;
    lines.push({ theme, kind, before: shareOf(hits[0], n[0]), after: shareOf(hits[1], n[1]), difference: compareShares({ hits: hits[0], n: n[0] }, { hits: hits[1], n: n[1] }, level) });
  };
  const n: [number, number] = [beforeSide.comments, afterSide.comments];
  for (const theme of named.names) line(theme, 'named', [beforeSide.themes[theme] ?? 0, afterSide.themes[theme] ?? 0], n);
  for (const topic of named.given) line(topic, 'given', [beforeSide.themes[topic] ?? 0, afterSide.themes[topic] ?? 0], n);
  const sampled = discoveredSides(result);
  const sampledN: [number, number] = [sampled.get(beforeName) ?? 0, sampled.get(afterName) ?? 0];
  for (const theme of result?.themes ?? []) line(theme.label, 'discovered', [theme.sides[beforeName] ?? 0, theme.sides[afterName] ?? 0], sampledN);
  const adjusted = adjust ? adjustFamily(lines.map((one) => one.difference), level) : lines.map((one) => one.difference);
  const themes = lines.map((one, at) => ({ ...one, difference: adjusted[at] }));
  themes.sort((x, y) => (y.difference?.difference ?? 0) - (x.difference?.difference ?? 0) || x.theme.localeCompare(y.theme));
  return { by, before: { name: beforeName, comments: beforeSide.comments }, after: { name: afterName, comments: afterSide.comments }, themes };
}
