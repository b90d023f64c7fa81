/**
 * A number with its thousands grouped by commas, as `toLocaleString('en-US')` writes it:
 * "12,345", "-1,000". Whole numbers are grouped here; the first `toLocaleString` of a run
 * loads the locale's number data (about 20 ms, a tenth of a run on a small file), so it is
 * left to the rare number with a fraction or too large for plain digits.
 */
export function groupDigits(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/gu, ',');
  return value < 0 ? `-${digits}` : digits;
}
