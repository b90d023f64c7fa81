import type { GroupRow } from '../../core/breakdown.js';
import { categoryOf, type Category } from '../../core/categories.js';
import { fixFirstBars, type DriverResult } from '../../core/drivers/result.js';
import type { PeriodRow } from '../../core/periods.js';
import { cutToWidth } from './plain-table.js';
import { hasBidiControl } from '../../core/bidi.js';

/**
 * Charts as plain inline SVG: a few dozen lines per chart, no charting library to
 * ship, nothing loaded from anywhere, the same bytes on every run. Colours are the
 * Okabe-Ito palette, which stays distinct for colour-blind readers; every chart has
 * a title and a description for screen readers, and every mark a tooltip.
 */
export const CATEGORY_COLOURS = { promoters: '#009E73', passives: '#E69F00', detractors: '#D55E00' } as const satisfies Record<
  Category,
  string
>;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text from the input in HTML: isolated in a `<bdi>` when it holds a control of
 * bidirectional text (core/bidi.ts), so that it cannot reorder what stands around it.
 */
export function inputHtml(text: string): string {
  return hasBidiControl(text) ? `<bdi>${escapeXml(text)}</bdi>` : escapeXml(text);
}

/**
 * The same in the plain text of a chart (its labels, tooltips and description), where
 * SVG has no `<bdi>`: between a first-strong isolate (U+2068) and its pop (U+2069).
 */
export function isolatedText(text: string): string {
  return hasBidiControl(text) ? `\u2068${text}\u2069` : text;
}

const fixed = (value: number): string => value.toFixed(1);
const signed = (value: number): string => `${value > 0 ? '+' : ''}${value.toFixed(1)}`;

function svg(width: number, height: number, title: string, description: string, body: string[]): string {
  // Letters of every script: two charts by "地域" and "プラン" must not share one id.
  const id = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="chart">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>` +
    `${body.join('')}</svg>`
  );
}

/** Eleven bars, 0 to 10, each in its group's colour. */
export function distributionChart(distribution: readonly number[], responses: number): string {
  const width = 660;
  const height = 240;
  const left = 40;
  const bottom = 200;
  const barWidth = 50;
  const largest = Math.max(1, ...distribution);
  const body: string[] = [`<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" class="axis"/>`];
  distribution.forEach((count, score) => {
    const barHeight = (count / largest) * 170;
    const x = left + score * (barWidth + 5);
    const share = responses === 0 ? 0 : (count * 100) / responses;
    body.push(
      `<rect x="${x}" y="${fixed(bottom - barHeight)}" width="${barWidth}" height="${fixed(barHeight)}" fill="${CATEGORY_COLOURS[categoryOf(score)]}">` +
        `<title>Score ${score}: ${count} responses (${share.toFixed(1)}%)</title></rect>`,
      `<text x="${x + barWidth / 2}" y="${bottom + 18}" text-anchor="middle">${score}</text>`,
      `<text x="${x + barWidth / 2}" y="${fixed(bottom - barHeight - 5)}" text-anchor="middle" class="small">${count}</text>`,
    );
  });
  const description = distribution.map((count, score) => `${score}: ${count}`).join(', ');
  return svg(width, height, 'Answers from 0 to 10', `Number of responses per score. ${description}.`, body);
}

/**
 * The NPS range a chart shows: the data's, with a margin, rounded out to `step`,
 * always including 0 and never past ±100. Regular ticks every `step` points.
 */
export function axisRange(values: readonly number[], step: number): { low: number; high: number; ticks: number[] } {
  const low = Math.max(-100, Math.floor((Math.min(...values, 0) - 5) / step) * step);
  const high = Math.min(100, Math.ceil((Math.max(...values, 0) + 5) / step) * step);
  const ticks: number[] = [];
  for (let tick = low; tick <= high; tick += step) ticks.push(tick);
  return { low, high, ticks };
}

/** A tick step giving four to ten ticks over a range. */
function stepFor(values: readonly number[]): number {
  const span = Math.max(...values, 0) - Math.min(...values, 0) + 10;
  return [10, 20, 25, 50].find((step) => span / step <= 10) ?? 50;
}

const tickLabel = (tick: number): string => signed(tick).replace('.0', '');

/** One row per group: a dot for the NPS, with its value, on a line for its interval; small groups in grey. The axis is the data's. */
export function breakdownChart(groups: readonly GroupRow[], columns: readonly string[]): string {
  const rowHeight = 28;
  const labelWidth = 180;
  const plotWidth = 420;
  const height = 40 + groups.length * rowHeight;
  const values = groups.flatMap((group) => [group.interval?.low ?? group.nps ?? 0, group.interval?.high ?? group.nps ?? 0]);
  const range = axisRange(values, stepFor(values));
  const x = (nps: number): number => labelWidth + ((nps - range.low) / (range.high - range.low)) * plotWidth;
  const body: string[] = [
    ...range.ticks.map((tick) => `<line x1="${fixed(x(tick))}" y1="10" x2="${fixed(x(tick))}" y2="${height - 20}" class="${tick === 0 ? 'zero' : 'grid'}"/>`),
    ...range.ticks.map((tick) => `<text x="${fixed(x(tick))}" y="${height - 5}" text-anchor="middle" class="small">${tickLabel(tick)}</text>`),
  ];
  groups.forEach((group, index) => {
    const y = 25 + index * rowHeight;
    const label = isolatedText(columns.map((column) => group.key[column] || '(blank)').join(' / '));
    const colour = group.small ? 'var(--muted)' : 'var(--ink)';
    const nps = group.nps ?? 0;
    const interval = group.interval;
    body.push(`<text x="${labelWidth - 10}" y="${y + 4}" text-anchor="end"${group.small ? ' class="muted"' : ''}>${escapeXml(label)} (${group.responses})</text>`);
    if (interval) {
      body.push(`<line x1="${fixed(x(interval.low))}" y1="${y}" x2="${fixed(x(interval.high))}" y2="${y}" stroke="${colour}" stroke-width="3"/>`);
    }
    body.push(
      `<circle cx="${fixed(x(nps))}" cy="${y}" r="6" fill="${colour}"><title>${escapeXml(label)}: NPS ${signed(nps)}` +
        `${interval ? `, interval ${signed(interval.low)} to ${signed(interval.high)}` : ''}, ${group.responses} responses${group.small ? ' (small group)' : ''}</title></circle>`,
      `<text x="${fixed(x(interval?.high ?? nps) + 8)}" y="${y + 4}" class="value">${group.nps === null ? 'n/a' : signed(nps)}</text>`,
    );
  });
  const description = groups.map((group) => `${isolatedText(columns.map((column) => group.key[column]).join(' / '))}: ${signed(group.nps ?? 0)}`).join('; ');
  return svg(labelWidth + plotWidth + 60, height, `NPS by ${columns.map(isolatedText).join(' and ')}`, `Each group's NPS with its interval, highest first. ${description}.`, body);
}

/**
 * NPS per period as a line, its interval as a band, significant changes ringed; regular ticks on the data's range.
 * A period under the minimum is a hollow grey point off the line and the band (two answers at +100 would otherwise
 * pull both), and an empty one only a label.
 */
export function trendChart(periods: readonly PeriodRow[]): string {
  const width = 660;
  const height = 260;
  const left = 50;
  const top = 20;
  const plotHeight = 190;
  const solid = periods.flatMap((row, index) => (row.nps !== null && !row.small ? [{ row, index, nps: row.nps }] : []));
  const faint = periods.flatMap((row, index) => (row.nps !== null && row.small ? [{ row, index, nps: row.nps }] : []));
  const values = [...solid.flatMap(({ row, nps }) => [row.interval?.low ?? nps, row.interval?.high ?? nps]), ...faint.map(({ nps }) => nps)];
  const range = axisRange(values, stepFor(values));
  const y = (nps: number): number => top + ((range.high - nps) / (range.high - range.low)) * plotHeight;
  const step = periods.length > 1 ? (width - left - 30) / (periods.length - 1) : 0;
  const x = (index: number): number => left + index * step + (periods.length > 1 ? 0 : (width - left) / 2);
  const upper = solid.map(({ row, index, nps }) => `${fixed(x(index))},${fixed(y(row.interval?.high ?? nps))}`);
  const lower = solid.map(({ row, index, nps }) => `${fixed(x(index))},${fixed(y(row.interval?.low ?? nps))}`).reverse();
  const body: string[] = [
    ...range.ticks.map((tick) => `<line x1="${left}" y1="${fixed(y(tick))}" x2="${width - 20}" y2="${fixed(y(tick))}" class="${tick === 0 ? 'zero' : 'grid'}"/>`),
    `<polygon points="${[...upper, ...lower].join(' ')}" class="band"><title>Interval of each period</title></polygon>`,
    `<polyline points="${solid.map(({ index, nps }) => `${fixed(x(index))},${fixed(y(nps))}`).join(' ')}" class="line"/>`,
    ...range.ticks.map((tick) => `<text x="${left - 8}" y="${fixed(y(tick) + 4)}" text-anchor="end" class="small">${tickLabel(tick)}</text>`),
  ];
  for (const { row, index, nps } of solid) {
    const significant = row.change?.significant === true;
    body.push(
      `<circle cx="${fixed(x(index))}" cy="${fixed(y(nps))}" r="${significant ? 7 : 4}" class="${significant ? 'significant' : 'point'}">` +
        `<title>${escapeXml(row.period)}: NPS ${signed(nps)} from ${row.responses} responses${significant ? `; a significant change of ${signed(row.change?.difference ?? 0)}` : ''}</title></circle>`,
    );
  }
  for (const { row, index, nps } of faint) {
    body.push(
      `<circle cx="${fixed(x(index))}" cy="${fixed(y(nps))}" r="4" class="faint">` +
        `<title>${escapeXml(row.period)}: NPS ${signed(nps)} from only ${row.responses} ${row.responses === 1 ? 'response' : 'responses'}: too few to lean on</title></circle>`,
    );
  }
  // A label every few periods when there are many: 52 weeks of labels would overlap.
  const every = Math.ceil(periods.length / 13);
  periods.forEach((row, index) => {
    if (index % every !== 0 && index !== periods.length - 1) return;
    body.push(`<text x="${fixed(x(index))}" y="${height - 8}" text-anchor="middle" class="small${row.small || row.nps === null ? ' muted' : ''}">${escapeXml(row.period)}</text>`);
  });
  const description = periods
    .map((row) => `${row.period}: ${row.nps === null ? 'no responses' : signed(row.nps)}${row.small ? ` (only ${row.responses} responses)` : ''}${row.change?.significant ? ' (significant change)' : ''}`)
    .join('; ');
  return svg(width, height, 'NPS over time', `NPS per period with its interval as a band; significant changes ringed. ${description}.`, body);
}

/**
 * Importance against performance, one dot per rating: up is a larger share of the
 * explained variance, right a higher mean on the rating's own scale (bottom to top).
 * The medians cut the plot in four; the top left, important and rated low, is
 * shaded: what to fix first.
 */
export function driversChart(drivers: readonly DriverResult[], shadeCorner = true): string {
  const width = 660;
  const height = 360;
  const left = 60;
  const top = 20;
  const plotWidth = 560;
  const plotHeight = 280;
  const rated = drivers.filter((driver) => driver.performance !== null);
  const top10 = Math.max(10, Math.ceil(Math.max(...rated.map((driver) => driver.interval?.high ?? driver.importance)) / 10) * 10);
  const x = (relative: number): number => left + relative * plotWidth;
  const y = (share: number): number => top + (1 - share / top10) * plotHeight;
  // The same bars as the "fix first" marks of the table: medians, or fixed ones for one or two ratings.
  const bars = fixFirstBars(drivers) ?? { importance: 0, performance: 0, few: false };
  const importance = bars.importance;
  const performance = bars.performance;
  const band = bars.few ? 'at least an equal share, below the middle of the scale' : 'above the median share, below the median performance';
  const ticks = Array.from({ length: top10 / 10 + 1 }, (_, index) => index * 10);
  const body: string[] = [
    // The corner is shaded only when the bars flagged a rating in it: an empty shaded box says nothing.
    ...(shadeCorner
      ? [`<rect x="${fixed(x(0))}" y="${fixed(y(top10))}" width="${fixed(x(performance) - x(0))}" height="${fixed(y(importance) - y(top10))}" class="band"><title>Fix first: ${band}</title></rect>`]
      : []),
    ...ticks.map((tick) => `<line x1="${left}" y1="${fixed(y(tick))}" x2="${left + plotWidth}" y2="${fixed(y(tick))}" class="grid"/>`),
    ...ticks.map((tick) => `<text x="${left - 8}" y="${fixed(y(tick) + 4)}" text-anchor="end" class="small">${tick}%</text>`),
    `<line x1="${fixed(x(performance))}" y1="${top}" x2="${fixed(x(performance))}" y2="${top + plotHeight}" class="zero"/>`,
    `<line x1="${left}" y1="${fixed(y(importance))}" x2="${left + plotWidth}" y2="${fixed(y(importance))}" class="zero"/>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" class="axis"/>`,
    ...(shadeCorner ? [`<text x="${left + 6}" y="${top + 14}" class="small value">Fix first</text>`] : []),
    `<text x="${left + plotWidth - 6}" y="${top + 14}" text-anchor="end" class="small muted">Keep up</text>`,
    `<text x="${left + 6}" y="${top + plotHeight - 6}" class="small muted">Lower priority</text>`,
    `<text x="${left + plotWidth - 6}" y="${top + plotHeight - 6}" text-anchor="end" class="small muted">Doing well</text>`,
    `<text x="${left}" y="${height - 12}" class="small">rated lowest</text>`,
    `<text x="${left + plotWidth / 2}" y="${height - 12}" text-anchor="middle" class="small">Performance: the mean rating on its scale →</text>`,
    `<text x="${left + plotWidth}" y="${height - 12}" text-anchor="end" class="small">rated highest</text>`,
    `<text x="14" y="${top + plotHeight / 2}" text-anchor="middle" class="small" transform="rotate(-90 14 ${top + plotHeight / 2})">Share of what the ratings explain →</text>`,
  ];
  body.push(...driverDots(rated, x, y, { right: width - 4, bottom: top + plotHeight - 4 }));
  const description = rated
    .map((driver) => `${isolatedText(driver.column)}: share ${fixed(driver.importance)}%, performance ${Math.round((driver.performance?.relative ?? 0) * 100)}% of its scale${driver.fixFirst ? ', fix first' : ''}`)
    .join('; ');
  return svg(width, height, 'Importance and performance of each rating', `Each rating's share of the explained variance against its mean rating; the shaded corner is what to fix first. ${description}.`, body);
}

/**
 * Each rating's dot, interval and label. A label goes right of its dot, or left when it
 * would run past the chart's edge, and is cut with "…" only when neither side has room;
 * labels are placed from the most important down, and one that would overlap moves a
 * line down (or up, at the bottom of the plot): no label is ever clipped.
 */
function driverDots(rated: readonly DriverResult[], x: (relative: number) => number, y: (share: number) => number, edges: { right: number; bottom: number }): string[] {
  const LINE = 14;
  const CHAR = 7;
  const body: string[] = [];
  // The dots are obstacles too.
  const placed = rated.map((driver) => {
    const cx = x(driver.performance?.relative ?? 0);
    return { x1: cx - 7, x2: cx + 7, y: y(driver.importance) + 4 };
  });
  const overlaps = (x1: number, x2: number, at: number): boolean => placed.some((label) => Math.abs(label.y - at) < LINE && label.x1 < x2 && x1 < label.x2);
  const labelAt = (cx: number, cy: number, text: string, before: boolean): number => {
    const span = text.length * CHAR;
    const [x1, x2] = before ? [cx - 10 - span, cx - 10] : [cx + 10, cx + 10 + span];
    let at = cy + 4;
    while (overlaps(x1, x2, at) && at + LINE <= edges.bottom) at += LINE;
    if (overlaps(x1, x2, at)) for (at = cy + 4; overlaps(x1, x2, at) && at - LINE >= LINE; ) at -= LINE;
    placed.push({ x1, x2, y: at });
    return at;
  };
  for (const driver of [...rated].sort((a, b) => b.importance - a.importance)) {
    const cx = x(driver.performance?.relative ?? 0);
    const cy = y(driver.importance);
    const roomAfter = edges.right - (cx + 10);
    const roomBefore = cx - 10 - 4;
    const before = driver.column.length * CHAR > roomAfter && roomBefore > roomAfter;
    const label = cutToWidth(driver.column, Math.max(4, Math.floor((before ? roomBefore : roomAfter) / CHAR)));
    const mean = driver.performance === null ? '' : `, mean ${driver.performance.mean.toFixed(1)} on ${driver.performance.scale.min}-${driver.performance.scale.max}`;
    const interval = driver.interval === null ? '' : ` (interval ${fixed(driver.interval.low)}% to ${fixed(driver.interval.high)}%)`;
    if (driver.interval !== null) {
      body.push(`<line x1="${fixed(cx)}" y1="${fixed(y(driver.interval.low))}" x2="${fixed(cx)}" y2="${fixed(y(driver.interval.high))}" stroke="var(--line)" stroke-width="2" opacity="0.5"/>`);
    }
    body.push(
      `<circle cx="${fixed(cx)}" cy="${fixed(cy)}" r="6" class="${driver.fixFirst ? 'significant' : 'point'}"><title>${escapeXml(isolatedText(driver.column))}: share ${fixed(driver.importance)}%${interval}${mean}${driver.fixFirst ? '; fix first' : ''}</title></circle>`,
      `<text x="${fixed(cx + (before ? -10 : 10))}" y="${fixed(labelAt(cx, cy, label, before))}"${before ? ' text-anchor="end"' : ''}>${escapeXml(isolatedText(label))}</text>`,
    );
  }
  return body;
}
