import type { Period } from './periods.js';
import type { IntervalMethod } from './stats.js';

/**
 * Something a person should know before leaning on a result, as data: a code and
 * the figures behind it. The core decides when one applies; src/output words it
 * (output/render/warnings.ts), in the terminal, in JSON beside its code, and in the
 * report. Codes are a public contract: docs/json.md lists them.
 */
export type Warning = ScoreWarning | CompareWarning | ThemesWarning | DriversWarning;

/** The precision of one score, or of the periods of a trend. */
export type ScoreWarning =
  | { code: 'single-point-interval'; method: IntervalMethod }
  | { code: 'interval-misses-score'; responses: number }
  | { code: 'few-responses'; responses: number; minimum: number }
  | { code: 'short-scale'; highest: number; responses: number }
  | { code: 'wide-margin'; nps: number; margin: number; change: number }
  | { code: 'small-periods'; periods: string[]; least: number; minimum: number }
  | { code: 'partial-period'; period: string; days: number; of: number };

/** Two samples set side by side. */
export type CompareWarning =
  | { code: 'small-sample'; side: 'A' | 'B'; responses: number; minimum: number }
  | { code: 'periods-apart'; first: string; second: string; period: Period; steps: number };

/** The themes of comments. */
export type ThemesWarning = { code: 'few-mentions'; themes: string[]; least: number; most: number; minimum: number };

/** Key-driver analysis. */
export type DriversWarning =
  | { code: 'driver-constant'; column: string; value: string }
  | { code: 'drivers-incomplete'; leftOut: number; scored: number; column: string; blank: number }
  | { code: 'nothing-to-fit' }
  | { code: 'too-few-to-fit'; responses: number; drivers: number }
  | { code: 'score-constant' }
  | { code: 'few-per-driver'; responses: number; drivers: number; needed: number; perDriver: number }
  | { code: 'drivers-correlated'; first: DriverRef; second: DriverRef; correlation: number }
  | { code: 'drivers-collinear'; columns: string[] }
  | { code: 'no-bootstrap'; drivers: number; replicates: number }
  | { code: 'few-to-resample'; responses: number; columns: number; share: number }
  | { code: 'moments-only'; drivers: number }
  | { code: 'few-replicates'; drivers: number; replicates: number }
  | { code: 'driver-follows-score'; column: string; correlation: number }
  | { code: 'driver-overlaps'; column: string; withOthers: 'lower' | 'higher'; alone: 'lower' | 'higher' };

/** A driver a warning names: a rating column, or one level of a segment. */
export interface DriverRef {
  column: string;
  level?: string;
}

export type WarningCode = Warning['code'];
