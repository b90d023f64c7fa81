import { createRequire } from 'node:module';

/**
 * The CommonJS libraries `nps` uses are required, not imported. An `import` of a
 * CommonJS module has Node scan its whole source for the names it exports before it
 * loads it; for a library of a few hundred KB that is 5–18 ms of a run's start, for
 * nothing (measured: papaparse 18 ms imported, 4 ms required; stopword 33 and 15).
 * Each library has its own module here, so a command loads only those it uses, and any
 * layer may use them.
 */
export const required = createRequire(import.meta.url);

/**
 * A library required the first time it is asked for, not when its module is loaded: for
 * one that most runs never use (papaparse, a language's stemmer), which would
 * cost every run its load.
 */
export function requiredWhenUsed(id: string): () => unknown {
  let loaded: unknown;
  return () => (loaded ??= required(id) as unknown);
}
