import type * as StopwordModule from 'stopword';
import { required } from './required.js';

/** stopword, the lists of stop words per language (required: see required.ts). */
export const stopwords = required('stopword') as typeof StopwordModule;
