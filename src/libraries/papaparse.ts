import type * as PapaModule from 'papaparse';
import { requiredWhenUsed } from './required.js';

/**
 * papaparse, the CSV parser (required: see required.ts), loaded the first time it is asked for:
 * csv-scanner.ts reads well-formed records itself and hands papaparse only those whose quotes
 * are not, so most runs never load it.
 */
export const papa = requiredWhenUsed('papaparse') as () => typeof PapaModule;

export type { ParseError } from 'papaparse';
