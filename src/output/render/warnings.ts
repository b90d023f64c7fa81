import type { DriverRef, DriversWarning, Warning } from '../../core/warnings.js';
import { quote } from '../../core/clip.js';
import { groupDigits } from '../../core/digits.js';
import { plural } from './format.js';

/**
 * Each warning of the core in plain words: one sentence a person can act on. The
 * terminal, the JSON (beside its code and figures) and the report all say it so.
 */

const responses = (count: number): string => `${groupDigits(count)} ${count === 1 ? 'response' : 'responses'}`;
const drivers = (count: number): string => `${count} ${count === 1 ? 'driver' : 'drivers'}`;

function driverName(ref: DriverRef): string {
  return ref.level === undefined ? quote(ref.column) : `${quote(ref.column)} = ${quote(ref.level)}`;
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** Warnings about the periods of a trend, which a renderer shows beside the trend rather than the headline. */
export function isPeriodWarning(warning: Warning): boolean {
  return warning.code === 'small-periods' || warning.code === 'partial-period';
}

export function wordWarning(warning: Warning): string {
  switch (warning.code) {
    case 'single-point-interval':
      return (
        `the ${warning.method === 'wald' ? 'Wald interval' : 'interval'} is a single point because every answer is in one group; ` +
        'it says nothing of the uncertainty: use --interval adjusted-wald'
      );
    case 'interval-misses-score':
      return `with ${responses(warning.responses)} the interval does not even hold the score itself: read it as "too few to say"`;
    case 'few-responses':
      return `only ${responses(warning.responses)}: at least ${warning.minimum} are needed for a score to lean on`;
    case 'short-scale':
      return (
        `every one of the ${responses(warning.responses)} is ${warning.highest} or less: this looks like a rating on a shorter scale, ` +
        'not the 0–10 question NPS is asked on, and its NPS means nothing; name the 0–10 column with --score-column'
      );
    case 'wide-margin':
      return `NPS ${Math.round(warning.nps)} ± ${warning.margin.toFixed(1)}: changes under ${warning.change} points may be chance at this size`;
    case 'small-sample':
      return `${warning.side} has only ${responses(warning.responses)}: at least ${warning.minimum} in each are needed for a difference to lean on`;
    case 'periods-apart':
      return (
        `${warning.first} and ${warning.second} are ${warning.steps} ${warning.period}s apart: ` +
        `the change between them is not a change from one ${warning.period} to the next`
      );
    case 'small-periods': {
      const [only] = warning.periods;
      const names = warning.periods.length === 1 ? `${only ?? ''} has only ${responses(warning.least)}` : `${warning.periods.length} periods (${listed(warning.periods)}) have as few as ${responses(warning.least)}`;
      return `${names}, under ${warning.minimum}: shown, but not tested against the periods beside them; read with care`;
    }
    case 'partial-period':
      return `${warning.period} is partial: the answers span only ${warning.days} of its ${warning.of} days, so its score may not compare with a whole period's`;
    case 'few-mentions': {
      const range = warning.least === warning.most ? `${warning.least}` : `${warning.least} to ${warning.most}`;
      const [only] = warning.themes;
      const names = warning.themes.length === 1 ? `"${only ?? ''}"` : `${warning.themes.length} themes (${warning.themes.join(', ')})`;
      return `too few respondents to lean on the impact of ${names}: ${range} on the smaller side, under ${warning.minimum}`;
    }
    default:
      return wordDriversWarning(warning);
  }
}

function tooFewToResample(warning: Extract<DriversWarning, { code: 'few-to-resample' }>): string {
  const percent = Math.round(100 * warning.share);
  const share = percent === 100 && warning.share < 1 ? 'over 99%' : `${percent}%`;
  return (
    `no interval: ${warning.responses} complete responses are too few to resample. In ${share} ` +
    `of the bootstrap's samples the model (${plural(warning.columns, 'column')} and a mean) would fit every response exactly`
  );
}

function wordDriversWarning(warning: DriversWarning): string {
  switch (warning.code) {
    case 'drivers-incomplete': {
      const share = Math.round((warning.leftOut * 100) / warning.scored);
      const kept = warning.scored - warning.leftOut;
      return (
        `${groupDigits(warning.leftOut)} of ${responses(warning.scored)} (${share}%) have a blank driver and are left out: ` +
        `the shares describe the ${groupDigits(kept)} who rated every driver, who may not answer like the rest. ` +
        `${quote(warning.column)} is blank in ${groupDigits(warning.blank)}: --columns without it keeps more`
      );
    }
    case 'driver-constant':
      return `${quote(warning.column)} is the same in every complete response (${warning.value}): dropped, share 0`;
    case 'nothing-to-fit':
      return 'no scored response has every driver answered: there is nothing to fit';
    case 'too-few-to-fit':
      return `${warning.responses} complete ${warning.responses === 1 ? 'response is' : 'responses are'} too few to fit ${drivers(warning.drivers)}`;
    case 'score-constant':
      return 'every complete response gives the same score: there is nothing to explain';
    case 'few-per-driver':
      return (
        `only ${groupDigits(warning.responses)} complete responses for ${drivers(warning.drivers)}: ` +
        `at least ${warning.needed} (${warning.perDriver} per driver) are needed for shares to lean on`
      );
    case 'drivers-correlated':
      return (
        `${driverName(warning.first)} and ${driverName(warning.second)} correlate at ${warning.correlation.toFixed(2)}: ` +
        'the share they carry together is split between them, and each alone may matter more than its share says'
      );
    case 'drivers-collinear':
      return (
        `${listed(warning.columns.map((column) => quote(column)))} are collinear (one is a combination of the others): ` +
        'their shares come from a pseudo-inverse and are not to be told apart'
      );
    case 'moments-only':
      return `no interval: the shares of ${drivers(warning.drivers)} come from a warehouse's sums, and intervals need the rows themselves (run nps drivers on an export for them)`;
    case 'no-bootstrap':
      return `no interval: with ${drivers(warning.drivers)} the bootstrap would take too long (${warning.replicates} replicates at most)`;
    case 'few-to-resample':
      return tooFewToResample(warning);
    case 'few-replicates':
      return `intervals from only ${warning.replicates} bootstrap replicates (${drivers(warning.drivers)}): read them as rough`;
    case 'driver-follows-score':
      return (
        `${quote(warning.column)} follows the score almost exactly (r = ${warning.correlation.toFixed(2)}): if it is computed from it ` +
        '(an NPS group, the score recoded), leave it out with --columns'
      );
    case 'driver-overlaps':
      return (
        `${quote(warning.column)}: with the other drivers held, higher ratings go with ${warning.withOthers} scores, ` +
        `though alone they go with ${warning.alone} ones: it overlaps with other drivers`
      );
    default: {
      const unknown: never = warning;
      return String(unknown);
    }
  }
}

/** A warning as JSON shows it: its code, its words, then its figures. */
export function warningJson(warning: Warning): Record<string, unknown> {
  const { code, ...figures } = warning;
  return { code, message: wordWarning(warning), ...figures };
}
