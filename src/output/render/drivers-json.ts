import type { DriversResult } from '../../core/drivers/result.js';
import type { Summary } from '../../core/summary.js';
import { warningJson } from './warnings.js';

/**
 * The documented `nps drivers --json` object (docs/drivers.md); its field names are
 * a public contract: `drivers`, `r2`, `responses`, `leftOut` and `warnings`, and
 * beside them the row accounting of `nps score --json`.
 */
export function toDriversJson(summary: Summary, result: DriversResult): object {
  return {
    responses: result.responses,
    leftOut: result.leftOut,
    nps: result.nps,
    r2: result.r2,
    r2Interval: result.r2Interval,
    drivers: result.drivers.map((driver) => ({
      column: driver.column,
      kind: driver.kind,
      importance: driver.importance,
      interval: driver.interval,
      direction: driver.direction,
      performance: driver.performance,
      fixFirst: driver.fixFirst,
      coefficient: driver.coefficient,
      correlation: driver.correlation,
      r2Share: driver.r2Share,
      ...(driver.levels === undefined ? {} : { levels: driver.levels }),
    })),
    fixFirstRule: result.fixFirstRule,
    dropped: result.dropped,
    missing: result.missing,
    method: result.method,
    warnings: result.warnings.map(warningJson),
    rows: summary.rows,
    scored: summary.responses,
    blank: summary.blank,
    rejected: summary.rejected,
    partial: summary.partial,
    duplicates: summary.duplicates,
    excluded: summary.excluded,
  };
}

export function renderDriversJson({ summary, result }: { summary: Summary; result: DriversResult }): string {
  return `${JSON.stringify(toDriversJson(summary, result), null, 2)}\n`;
}
