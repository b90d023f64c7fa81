import type SentimentClass from 'sentiment';
import type englishModule from 'sentiment/languages/en/index.js';
import { required } from './required.js';

/** sentiment, AFINN-165's English words and their scores (required: see required.ts). */
export const Sentiment = required('sentiment') as typeof SentimentClass;

/** sentiment's English module alone: the words and their scores, -5 to 5. */
export const english = required('sentiment/languages/en/index.js') as typeof englishModule;
