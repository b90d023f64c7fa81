import type * as PapaModule from 'papaparse';
import { required } from './required.js';

/** papaparse, the CSV parser (required: see required.ts). */
export const Papa = required('papaparse') as typeof PapaModule;
export type { ParseError, ParseStepResult, Parser } from 'papaparse';
