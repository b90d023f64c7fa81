import { createRequire } from 'node:module';
import type * as Zod from 'zod';
import { MAX_SCORE, MIN_SCORE } from '../core/categories.js';

export type ScoreCell =
  | { kind: 'score'; value: number }
  | { kind: 'blank' }
  | { kind: 'invalid'; reason: string };

const NUMBER = /[-+]?\d+(?:[.,]\d+)?/g;
const WHOLE_NUMBER_TEXT = /^[-+]?\d+(?:[.,]\d+)?$/;
const HAS_LETTER = /\p{L}/u;

/**
 * The number a cell holds: the cell itself, or the one number at the start or end
 * of a label such as "10 - Extremely likely" or "Not at all likely - 0".
 * NaN when there is none, so validation names the cell as not a number.
 */
export function numberInText(text: string): number {
  if (!HAS_LETTER.test(text)) return WHOLE_NUMBER_TEXT.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
  const numbers = text.match(NUMBER) ?? [];
  const only = numbers.length === 1 ? numbers[0] : undefined;
  if (only === undefined) return Number.NaN;
  const trimmed = text.replace(/^[\s([]+|[\s)\].]+$/g, '');
  const atEdge = trimmed.startsWith(only) || trimmed.endsWith(only);
  return atEdge ? Number(only.replace(',', '.')) : Number.NaN;
}

function buildScoreSchema(z: typeof Zod.z) {
  return z
    .string()
    .transform(numberInText)
    .pipe(
      z
        .number({ error: 'is not a number from 0 to 10' })
        .int({ error: 'is not a whole number' })
        .min(MIN_SCORE, { error: 'is below 0' })
        .max(MAX_SCORE, { error: 'is above 10' }),
    );
}

let schema: ReturnType<typeof buildScoreSchema> | undefined;

/**
 * The rule for one score cell; the messages complete `score "…" …`. Built on first
 * use: most files hold only plain scores, and loading zod is a quarter of start-up.
 */
export function scoreSchema(): ReturnType<typeof buildScoreSchema> {
  schema ??= buildScoreSchema((createRequire(import.meta.url)('zod') as typeof Zod).z);
  return schema;
}

/** The cells nearly every row holds, decided without the cost of full validation. */
const PLAIN_SCORES = new Map<string, ScoreCell>(
  Array.from({ length: MAX_SCORE + 1 }, (_, value) => [String(value), { kind: 'score', value }]),
);
const BLANK: ScoreCell = { kind: 'blank' };

/** Blank means unanswered and is never a score: `z.coerce.number()` would turn '' into a detractor. */
export function readScoreCell(raw: string): ScoreCell {
  const plain = PLAIN_SCORES.get(raw);
  if (plain !== undefined) return plain;
  const text = raw.trim();
  if (text === '') return BLANK;
  const result = scoreSchema().safeParse(text);
  if (result.success) return { kind: 'score', value: result.data };
  const message = result.error.issues[0]?.message ?? 'is not a number from 0 to 10';
  return { kind: 'invalid', reason: `score ${JSON.stringify(raw)} ${message}` };
}
