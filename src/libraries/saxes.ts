import type * as SaxesModule from 'saxes';
import { required } from './required.js';

/** saxes, the streaming XML parser of workbooks (required: see required.ts). */
export const { SaxesParser } = required('saxes') as typeof SaxesModule;
