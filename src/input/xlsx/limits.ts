import { quote } from '../../core/clip.js';
import { inputError } from '../../errors.js';
import { groupDigits } from '../../core/digits.js';

/**
 * What a workbook may unzip to. A zip says how large each part is, and a zip bomb
 * says it truthfully or not: a few megabytes that inflate to gigabytes. Each part is
 * held to the size its zip directory declares as it inflates, and, before it
 * inflates at all, that declared size to a ratio of its zipped size and the whole
 * workbook to a ceiling. Both can be raised (docs/messages.md): NPS_UNZIP_RATIO and
 * NPS_UNZIP_MB.
 */
export interface UnzipLimits {
  /** A part may unzip to at most this many times its zipped size (past RATIO_FREE_BYTES). */
  ratio: number;
  /** The parts read of one workbook may unzip to at most this many bytes in all. */
  bytes: number;
}

/** Excel's last column is XFD, the 16,384th. */
export const MAX_COLUMNS = 16_384;

/** Real sheets unzip to 5 to 30 times their size; a deflate stream can reach about 1,000. */
export const DEFAULT_UNZIP_RATIO = 100;
/** 2,000 MB of XML: about a million rows of 60 columns, past what Excel itself opens comfortably. */
export const DEFAULT_UNZIP_MB = 2000;
/** Parts this small are not held to the ratio: a few megabytes of repeated text cost nothing. */
const RATIO_FREE_BYTES = 10_000_000;

/**
 * A text in a cell (or in the table of shared texts) longer than this is no cell: Excel
 * holds at most 32,767 characters in one. The same bound as one row of a CSV file.
 */
export const MAX_TEXT_CHARS = 16 * 1024 * 1024;

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value ?? fallback);
  return Number.isFinite(number) && number > 0 ? number : fallback;
}

/** The limits, from NPS_UNZIP_RATIO and NPS_UNZIP_MB when they are set (a number above 0), else the defaults. */
export function unzipLimits(env: Record<string, string | undefined>): UnzipLimits {
  return { ratio: positive(env['NPS_UNZIP_RATIO'], DEFAULT_UNZIP_RATIO), bytes: positive(env['NPS_UNZIP_MB'], DEFAULT_UNZIP_MB) * 1_000_000 };
}

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: bytes < 10_000_000 ? 1 : 0 })} MB`;

/** Refuses, before inflating it, a part whose declared size is out of proportion, or that would pass the ceiling. */
export function checkDeclared(
  name: string,
  part: { path: string; zipped: number; size: number },
  inflatedBefore: number,
  limits: UnzipLimits,
): void {
  const ratio = part.size / Math.max(1, part.zipped);
  if (part.size > RATIO_FREE_BYTES && ratio > limits.ratio) {
    throw inputError(
      `${name}: ${quote(part.path)} would unzip from ${megabytes(part.zipped)} to ${megabytes(part.size)}, ${groupDigits(Math.round(ratio))} times its size, ` +
        `as a zip bomb does; if you trust the file, set NPS_UNZIP_RATIO above ${Math.ceil(ratio)} (docs/messages.md)`,
    );
  }
  if (inflatedBefore + part.size > limits.bytes) {
    throw inputError(
      `${name}: the workbook would unzip to more than ${megabytes(limits.bytes)} (${quote(part.path)} alone to ${megabytes(part.size)}); ` +
        `if you trust the file, set NPS_UNZIP_MB above ${Math.ceil((inflatedBefore + part.size) / 1_000_000)} (docs/messages.md), or save the sheet as "CSV UTF-8"`,
    );
  }
}

/** A part that inflates past the size its zip directory declares is a forged or damaged zip: stopped at once. */
export function oversized(declared: number): Error {
  return new Error(`it unzips to more than the ${groupDigits(declared)} bytes its zip directory declares`);
}

/** A text longer than any cell can hold: stopped before it fills the memory (said as a damaged part). */
export function textTooLong(): Error {
  return new Error(`it holds a text longer than ${groupDigits(MAX_TEXT_CHARS)} characters, where a cell holds at most 32,767`);
}
