import type * as PapaModule from 'papaparse';
import { required } from './required.js';

let loaded: typeof PapaModule | undefined;

/**
 * papaparse, the CSV parser (required: see required.ts), loaded the first time it is asked for:
 * csv-scanner.ts reads well-formed records itself and hands papaparse only those whose quotes
 * are not, so most runs never load it.
 */
export function papa(): typeof PapaModule {
  loaded ??= required('papaparse') as typeof PapaModule;
  return loaded;
}

export type { ParseError } from 'papaparse';
