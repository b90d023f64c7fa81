import { escapeControl } from '../../core/bidi.js';
import type { Performance, ShareInterval } from '../../core/drivers/result.js';
import type { Summary } from '../../core/summary.js';
import { wrapText } from './text-width.js';

/** NPS as people write it: one decimal and a sign, "+40.0", "-12.5", "0.0". */
export function formatNps(nps: number | null): string {
  if (nps === null) return 'n/a';
  const rounded = Math.round(nps * 10) / 10;
  if (rounded === 0) return '0.0';
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)}`;
}

export function formatPercent(percent: number | null): string {
  return percent === null ? 'n/a' : `${percent.toFixed(1)}%`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * rows read = scored + blank + rejected (+ partial + duplicates), in words, so every
 * row is seen to be accounted for; the last two are named only where there are some.
 */
export function describeAccounting(
  counts: Pick<Summary, 'rows' | 'responses' | 'blank' | 'rejected' | 'partial' | 'duplicates'> & { excluded?: number },
): string {
  const partial = counts.partial > 0 ? ` + ${counts.partial} partial` : '';
  const duplicates = counts.duplicates > 0 ? ` + ${counts.duplicates} ${counts.duplicates === 1 ? 'duplicate' : 'duplicates'}` : '';
  const excluded = (counts.excluded ?? 0) > 0 ? ` + ${counts.excluded} excluded` : '';
  return `${plural(counts.rows, 'row')} read = ${counts.responses} scored + ${counts.blank} blank + ${counts.rejected} rejected${partial}${duplicates}${excluded}`;
}

/** p-values as people can read them: "0.058", "< 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

/**
 * Text from the input as a terminal shows it harmlessly: control characters (an
 * escape sequence in a cell could move the cursor or retitle the window) and the
 * controls of bidirectional text (which make a name read as another: core/bidi.ts)
 * are shown as `\u001b`-style escapes; tabs and line breaks in a cell as `\t` and `\n`.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\t') return '\\t';
    return escapeControl(char);
  });
}

/** A p-value in three places with no leading zero, for narrow columns: ".003", "<.001". */
export function shortP(p: number): string {
  return p < 0.001 ? '<.001' : p.toFixed(3).replace(/^0/, '');
}

/**
 * The p a verdict rests on, in a narrow column: "p = 0.003" alone, or the raw p beside the
 * adjusted one when several were tested together ("p .001, adj. .004").
 */
export function pBesideAdjusted(difference: { p: number; pAdjusted: number | null }): string {
  if (difference.pAdjusted === null) return `p ${formatP(difference.p)}`;
  return `p ${shortP(difference.p)}, adj. ${shortP(difference.pAdjusted)}`;
}

/** "adjusted-Wald interval", "Wald interval", "credible interval": the interval named by its method. */
export function intervalName(method: 'adjusted-wald' | 'wald' | 'bayes'): string {
  return { 'adjusted-wald': 'adjusted-Wald interval', wald: 'Wald interval', bayes: 'credible interval' }[method];
}

/** A no-break space: "p = 0.057" stays on one line, the line breaking only at ordinary spaces. */
const KEEP = '\u00a0';

/** "p = 0.057", "(p < 0.001": joined by no-break spaces, so that no line breaks inside them. */
function keepTogether(text: string): string {
  return text.replace(/(^|[\s(])p ([=<]) (?=\S)/g, (_match, before: string, sign: string) => `${before}p${KEEP}${sign}${KEEP}`);
}

/**
 * Prose wrapped at word boundaries to fit a terminal of `width` columns (80: what a
 * terminal opens with), measured as a terminal shows it (wide characters count two,
 * colours none), as wrap-ansi wraps (text-width.ts); lines after the first of each paragraph are indented
 * by `indent`. A word longer than the line stays whole; lines break where the text
 * breaks them too.
 */
export function wrap(text: string, indent = 0, width = 80): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lead = /^ */.exec(paragraph)?.[0] ?? '';
      const body = keepTogether(paragraph.slice(lead.length));
      const [first = '', ...rest] = wrapText(`${lead}${body}`, width, { trim: false }).split('\n');
      if (rest.length === 0) return first;
      // The lines after the first are wrapped again to the width their indent leaves.
      const remainder = wrapText(rest.map((line) => line.trim()).join(' '), Math.max(1, width - indent)).split('\n');
      return [first.trimEnd(), ...remainder.map((line) => `${' '.repeat(indent)}${line}`)].join('\n');
    })
    .join('\n')
    .replaceAll(KEEP, ' ');
}

/** Said wherever drivers are shown. */
export const CAUSE_NOTE = 'Association in this survey, not proof of cause: a driver may stand for something else its answers go with.';

/** A scale's end as written: "5", "0", "2.5". */
export const formatScaleEnd = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** A share's interval, in points: "28.0–40.2". */
export function formatShareInterval(interval: ShareInterval | null): string {
  return interval === null ? 'n/a' : `${interval.low.toFixed(1)}–${interval.high.toFixed(1)}`;
}

/** "3.2 (1-5)": the mean on its own scale. */
export function formatMean(performance: Performance): string {
  return `${performance.mean.toFixed(1)} (${formatScaleEnd(performance.scale.min)}-${formatScaleEnd(performance.scale.max)})`;
}

/** "31%" of low ratings; empty for a driver with no ratings, or too many distinct values to count. */
export function formatLow(performance: Performance | null): string {
  return performance === null || performance.low === null ? '' : `${performance.low.toFixed(0)}%`;
}
