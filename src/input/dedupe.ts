import { supersedes, type Stamp } from '../core/latest.js';
import { periodOf, type Period } from '../core/periods.js';
import type { Response, Responses } from './responses.js';

/**
 * Within what one answer per respondent is kept: the whole run, each side of a
 * comparison (each input, each value of a column, each period) or, for a trend, the
 * whole run and each period at once. A person who answered in both quarters keeps an
 * answer in each: one answer per person means one per person on each side.
 */
export type DedupeScope =
  | { kind: 'all' }
  | { kind: 'input' }
  | { kind: 'column'; index: number }
  | { kind: 'period' | 'trend'; period: Period; fiscalStart: number };

/** The side of a response a scope puts it on: '' for the whole run. */
export function sideOf(scope: DedupeScope, response: Pick<Response, 'input' | 'cells' | 'date'>): string {
  switch (scope.kind) {
    case 'all':
      return '';
    case 'input':
      return String(response.input);
    case 'column':
      return response.cells[scope.index] ?? '';
    default:
      return response.date === undefined ? '' : periodOf(response.date.day, scope.period, scope.fiscalStart).key;
  }
}

/** Which answer of a respondent who answered more than once counts; `none` counts them all. */
export const DEDUPE_MODES = {
  none: 'count every response',
  latest: 'keep each respondent’s newest scored response',
  first: 'keep each respondent’s oldest scored response',
} as const satisfies Record<string, string>;
export type DedupeMode = keyof typeof DEDUPE_MODES;

/**
 * Under --dedupe, what becomes of the next scored response of this respondent: it
 * counts; it counts only in its period's figures (a trend: the person answered again
 * in a later month, whose answer is the one kept overall); or it is left out.
 */
export type Kept = 'counted' | 'period-only' | 'left-out';
export type KeepRow = (respondent: string) => Kept;

type Winner = Stamp;

/**
 * The first of two passes: finds, for every respondent, the scored response to keep,
 * by its date and time as the one date policy reads them, or by position in the
 * input when it has none. Responses are numbered in reading order, which the second
 * pass repeats exactly, since it reads the same inputs through the same filters.
 */
export async function planDedupe(firstPass: Responses, mode: Exclude<DedupeMode, 'none'>, scope: DedupeScope = { kind: 'all' }): Promise<KeepRow> {
  const whole = new Map<string, Winner>();
  const bySide = new Map<string, Winner>();
  const offer = (winners: Map<string, Winner>, key: string, candidate: Winner): void => {
    const best = winners.get(key);
    if (best === undefined || supersedes(candidate, best, mode)) winners.set(key, candidate);
  };
  let ordinal = 0;
  await firstPass.read((response) => {
    ordinal += 1;
    if (response.respondent === '') return;
    const candidate = { time: response.date?.time, ordinal };
    if (scope.kind === 'all' || scope.kind === 'trend') offer(whole, response.respondent, candidate);
    if (scope.kind !== 'all') offer(bySide, `${response.respondent}\u001f${sideOf(scope, response)}`, candidate);
  });
  // A trend counts each person once in the whole run's figures, and once in each period's.
  const counted = new Set([...(scope.kind === 'all' || scope.kind === 'trend' ? whole : bySide).values()].map((winner) => winner.ordinal));
  const inPeriod = scope.kind === 'trend' ? new Set([...bySide.values()].map((winner) => winner.ordinal)) : new Set<number>();
  let seen = 0;
  return (respondent) => {
    seen += 1;
    // Rows with no respondent cannot repeat anyone: they always count.
    if (respondent === '' || counted.has(seen)) return 'counted';
    return inPeriod.has(seen) ? 'period-only' : 'left-out';
  };
}
