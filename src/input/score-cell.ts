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

function buildScoreSchema(z: typeof Zod.z, offset: number) {
  return z
    .string()
    .transform((text) => numberInText(text) + offset)
    .pipe(
      z
        .number({ error: 'is not a number from 0 to 10' })
        .int({ error: 'is not a whole number' })
        .min(MIN_SCORE, { error: 'is below 0' })
        .max(MAX_SCORE, { error: 'is above 10' }),
    );
}

type ScoreSchema = ReturnType<typeof buildScoreSchema>;
let zod: typeof Zod.z | undefined;

/**
 * The rule for one score cell; the messages complete `score "…" …`. zod is loaded
 * on first use: most files hold only plain scores, and loading it was a quarter of start-up.
 */
export function scoreSchema(offset = 0): ScoreSchema {
  zod ??= (createRequire(import.meta.url)('zod') as typeof Zod).z;
  return buildScoreSchema(zod, offset);
}

/** How R, pandas and spreadsheets write "no answer": read as blank, like an empty cell. */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-', '#n/a']);
const BLANK: ScoreCell = { kind: 'blank' };

/**
 * Reads score cells, shifted by `offset` (for 1..11 scales): plain cells through a
 * table, anything else through the zod schema. A blank is never a score:
 * `z.coerce.number()` would turn '' into 0, a silent detractor.
 */
export class ScoreReader {
  private readonly plain = new Map<string, ScoreCell>();
  private schema: ScoreSchema | undefined;

  constructor(private readonly offset = 0) {
    for (let written = 0; written <= MAX_SCORE + 1; written += 1) {
      const value = written + offset;
      if (value >= MIN_SCORE && value <= MAX_SCORE) this.plain.set(String(written), { kind: 'score', value });
    }
  }

  read(raw: string): ScoreCell {
    const plain = this.plain.get(raw);
    if (plain !== undefined) return plain;
    const text = raw.trim();
    if (MISSING.has(text.toLowerCase())) return BLANK;
    this.schema ??= scoreSchema(this.offset);
    const result = this.schema.safeParse(text);
    if (result.success) return { kind: 'score', value: result.data };
    const message = result.error.issues[0]?.message ?? 'is not a number from 0 to 10';
    const shifted = this.offset === 0 ? '' : ` after --score-offset ${this.offset}`;
    return { kind: 'invalid', reason: `score ${JSON.stringify(raw)} ${message}${shifted}` };
  }
}

const unshifted = new ScoreReader();

export function readScoreCell(raw: string): ScoreCell {
  return unshifted.read(raw);
}
