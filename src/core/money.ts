/**
 * Amounts as exports write them: `$13,290.00`, `13.290,00 €`, `USD 13,290`, `13 290,00`,
 * `13290`. A currency sign or code and spaces are set aside; then the decimal mark is
 * told from the grouping one: with both `.` and `,` the last is the decimal mark;
 * with one of them written once and followed by exactly three digits it groups
 * thousands (`$13,290`, `13.290 €`), otherwise it is the decimal mark (`1290,5`).
 * Grouped digits must come in threes; an exponent is read (`1.2E+6`). Nothing is guessed
 * beyond that: a cell that is blank, negative, no amount (`NaN`, `Infinity`, `0x10`) or
 * past 10^15 (`1E+308`, which a total would turn into Infinity) says why, and the caller
 * leaves its row out with that reason rather than counting it as zero.
 */
export type Amount = { kind: 'amount'; value: number } | { kind: 'problem'; reason: AmountProblem };

export type AmountProblem = 'blank' | 'negative' | 'not an amount' | 'too large';

/** An amount past this is no amount: 15 digits, all a spreadsheet keeps; totals and squares of amounts stay finite. */
export const MAX_AMOUNT = 1e15;

const CURRENCY_SIGNS = /[$€£¥₹₩₽¢]/gu;
/** A three-letter code before or after the number: USD 100, 100 EUR. */
const CURRENCY_CODE = /^[A-Z]{3}(?=[\s\d.,(−-])|(?<=[\d.,)\s])[A-Z]{3}$/u;
/** Spaces, no-break spaces and apostrophes group digits in some locales (13 290, 13'290). */
const GROUPING_SPACES = /[\s\u00a0\u202f\u2009'’]/gu;
const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '-', '#n/a']);
/** 1.2E+6, 12e3: a number written with an exponent, as a spreadsheet may write a large one. */
const EXPONENT = /^\d+(?:\.\d+)?[eE][-+]?\d+$/u;

export function readAmount(text: string): Amount {
  const trimmed = text.trim();
  if (MISSING.has(trimmed.toLowerCase())) return { kind: 'problem', reason: 'blank' };
  let rest = trimmed.replace(CURRENCY_SIGNS, ' ').trim().replace(CURRENCY_CODE, '').trim();
  let negative = false;
  if (/^\(.*\)$/u.test(rest)) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  if (/^[-−]/u.test(rest) || /[-−]$/u.test(rest)) {
    negative = true;
    rest = rest.replace(/^[-−]|[-−]$/gu, '');
  } else if (rest.startsWith('+')) {
    rest = rest.slice(1);
  }
  const digits = rest.replace(GROUPING_SPACES, '');
  const value = EXPONENT.test(digits) ? Number(digits) : /^\d[\d.,]*$/u.test(digits) && !/[.,]$/u.test(digits) ? plainNumber(digits) : undefined;
  if (value === undefined || !Number.isFinite(value)) return { kind: 'problem', reason: 'not an amount' };
  if (negative && value !== 0) return { kind: 'problem', reason: 'negative' };
  if (value > MAX_AMOUNT) return { kind: 'problem', reason: 'too large' };
  return { kind: 'amount', value };
}

/** "13.290,00" → 13290; undefined when the marks cannot be read one way only. */
function plainNumber(text: string): number | undefined {
  const dot = text.lastIndexOf('.');
  const comma = text.lastIndexOf(',');
  let grouping: string | undefined;
  let decimal: string | undefined;
  if (dot !== -1 && comma !== -1) {
    [decimal, grouping] = dot > comma ? ['.', ','] : [',', '.'];
  } else if (dot !== -1 || comma !== -1) {
    const mark = dot !== -1 ? '.' : ',';
    const count = text.split(mark).length - 1;
    const after = text.length - text.lastIndexOf(mark) - 1;
    // "0,500" is a half: a lone zero is never a group of thousands.
    if (count > 1 || (after === 3 && !/^0[.,]/u.test(text))) grouping = mark;
    else decimal = mark;
  }
  const [whole = '', fraction, extra] = decimal === undefined ? [text] : text.split(decimal);
  if (extra !== undefined || (grouping !== undefined && fraction?.includes(grouping) === true)) return undefined;
  if (grouping !== undefined && !wellGrouped(whole, grouping)) return undefined;
  const value = Number(`${grouping === undefined ? whole : whole.split(grouping).join('')}${fraction === undefined ? '' : `.${fraction}`}`);
  return Number.isFinite(value) ? value : undefined;
}

/** "13,290,000": one to three digits, then groups of three. */
function wellGrouped(whole: string, mark: string): boolean {
  const [first = '', ...groups] = whole.split(mark);
  return /^\d{1,3}$/u.test(first) && groups.every((group) => /^\d{3}$/u.test(group));
}
