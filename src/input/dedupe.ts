import { supersedes, type Stamp } from '../core/latest.js';
import { periodOf, type Period } from '../core/periods.js';
import type { Response, Responses } from './responses.js';

/**
 * Within what one answer per respondent is kept: the whole run, each side of a
 * comparison (each input, each value of a column) or each period of a trend. A person
 * who answered in both quarters keeps an answer in each: one answer per person means
 * one per person on each side.
 */
export type DedupeScope = { kind: 'all' } | { kind: 'input' } | { kind: 'column'; index: number } | { kind: 'period'; period: Period; fiscalStart: number };

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

/** Under --dedupe: whether the next scored response, of this respondent, is the one kept. */
export type KeepRow = (respondent: string) => boolean;

type Winner = Stamp;

/**
 * The first of two passes: finds, for every respondent, the scored response to keep,
 * by its date and time as the one date policy reads them, or by position in the
 * input when it has none. Responses are numbered in reading order, which the second
 * pass repeats exactly, since it reads the same inputs through the same filters.
 */
export async function planDedupe(firstPass: Responses, mode: Exclude<DedupeMode, 'none'>, scope: DedupeScope = { kind: 'all' }): Promise<KeepRow> {
  const winners = new Map<string, Winner>();
  let ordinal = 0;
  await firstPass.read((response) => {
    ordinal += 1;
    if (response.respondent === '') return;
    const candidate = { time: response.date?.time, ordinal };
    const key = scope.kind === 'all' ? response.respondent : `${response.respondent}\u001f${sideOf(scope, response)}`;
    const best = winners.get(key);
    if (best === undefined || supersedes(candidate, best, mode)) winners.set(key, candidate);
  });
  const keepers = new Set([...winners.values()].map((winner) => winner.ordinal));
  let seen = 0;
  return (respondent) => {
    seen += 1;
    // Rows with no respondent cannot repeat anyone: they always count.
    return respondent === '' || keepers.has(seen);
  };
}
