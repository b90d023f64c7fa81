import type * as YauzlModule from 'yauzl';
import { required } from './required.js';

/** yauzl, the zip reader of workbooks (required: see required.ts). */
export const yauzl = required('yauzl') as typeof YauzlModule;
export type { Entry, ZipFile } from 'yauzl';
