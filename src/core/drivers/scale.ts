/**
 * Each rating enters the cross-products scaled by a power of two, 2^-exponent, chosen
 * so that its values stay near 1 whatever their size: a rating of 1e155 squared is
 * past the largest double, and its share fell to 0 with no warning. The shares, R²
 * and every correlation are the same at any scale of a driver; the effect per point
 * and the mean are given back in the rating's own units. Ordinary ratings keep the
 * exponent 0, so their sums are exactly what they were; a power of two scales with
 * no rounding, so the sums do not depend on when a rating was rescaled, nor on how
 * a file was cut for reading in parallel.
 */

/** A rating whose scaled value reaches this (or starts below its inverse) is rescaled. */
const SCALE_LIMIT = 2 ** 64;

/** The power of two at or below |value|: the exponent that brings it to [1, 2). */
export function exponentOf(value: number): number {
  return Math.floor(Math.log2(Math.abs(value)));
}

/** `value` scaled by 2^-exponent; a power of two divides without rounding (in two steps, so that 2^exponent itself stays finite). */
export function scaled(value: number, exponent: number): number {
  if (exponent === 0) return value;
  const half = Math.trunc(exponent / 2);
  return value / 2 ** half / 2 ** (exponent - half);
}

/**
 * The exponent a rating's column should have once `value` is added to it: the same
 * unless the value, scaled, is too large (or, for a column that holds only zeros so
 * far, too small) to be squared and summed safely.
 */
export function exponentFor(value: number, exponent: number, holdsValues: boolean): number {
  if (value === 0 || !Number.isFinite(value)) return exponent;
  const size = Math.abs(scaled(value, exponent));
  if (size >= SCALE_LIMIT) return exponentOf(value);
  if (!holdsValues && size < 1 / SCALE_LIMIT) return exponentOf(value);
  return exponent;
}

/**
 * Multiplies every cross-product of `column` by 2^-shift in every group (its square
 * by 2^-2·shift) and its values in the kept rows: the sums as if the column had been
 * scaled by its new exponent from the start.
 */
export function rescaleColumn(
  sums: Float64Array,
  layout: { groups: number; stride: number; dim: number },
  column: number,
  shift: number,
  rows: ReadonlyArray<{ entries: number[] }> | undefined,
): void {
  const { groups, stride, dim } = layout;
  for (let group = 0; group < groups; group += 1) {
    const base = group * stride * stride;
    for (let other = 0; other < dim; other += 1) {
      const at = other <= column ? base + other * stride + column : base + column * stride + other;
      const once = scaled(sums[at] ?? 0, shift);
      sums[at] = other === column ? scaled(once, shift) : once;
    }
  }
  for (const row of rows ?? []) {
    for (let at = 0; at < row.entries.length; at += 2) if (row.entries[at] === column) row.entries[at + 1] = scaled(row.entries[at + 1] ?? 0, shift);
  }
}
