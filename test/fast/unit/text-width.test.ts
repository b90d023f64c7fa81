import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { groupDigits } from '../../../src/core/digits.js';
import { isNarrow, textWidth, wrapText } from '../../../src/output/render/text-width.js';

/** Every character the narrow path counts, one by one. */
function narrowCharacters(): string[] {
  const found: string[] = [];
  for (let code = 0x20; code <= 0x2fff; code += 1) {
    const character = String.fromCodePoint(code);
    if (isNarrow(character)) found.push(character);
  }
  return found;
}

describe('text width and wrapping, as string-width and wrap-ansi give them', () => {
  const narrow = narrowCharacters();

  it('counts one column for each character it measures by counting, as string-width does', () => {
    expect(narrow.length).toBeGreaterThan(1500);
    const wider = narrow.filter((character) => stringWidth(character) !== 1);
    expect(wider.map((character) => character.codePointAt(0)?.toString(16))).toEqual([]);
  });

  it('leaves wide characters, emoji, combining marks and colours to string-width', () => {
    for (const text of ['日本語のコメント', 'Great 👍', 'e\u0301te\u0301', '\u001b[1m日本\u001b[22m', 'soft\u00adhyphen', '◽ box']) {
      expect(isNarrow(text)).toBe(false);
      expect(textWidth(text)).toBe(stringWidth(text));
    }
    expect(textWidth('NPS −12.5 ± 3.1 · “Prix” — déçu')).toBe(stringWidth('NPS −12.5 ± 3.1 · “Prix” — déçu'));
    // Colours take no column, measured by counting or not.
    expect(textWidth('\u001b[1mbold\u001b[22m and \u001b[33mWarning:\u001b[39m')).toBe(stringWidth('\u001b[1mbold\u001b[22m and \u001b[33mWarning:\u001b[39m'));
  });

  it('wraps as wrap-ansi does, on 3,000 seeded texts of narrow characters, trimmed or not', () => {
    const random = seededRandom(20261206);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const pieces = ['a', 'word', 'longerword', 'x'.repeat(30), ' ', '  ', '\u00a0', 'déjà', '−12.5', '“quoted”', '…', '\n', 'Ω', 'Ж', '→'];
    for (let run = 0; run < 3000; run += 1) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, () => (random() < 0.3 ? pick(narrow) : pick(pieces))).join(random() < 0.7 ? ' ' : '');
      const columns = 1 + Math.floor(random() * 90);
      const trim = random() < 0.5;
      expect(wrapText(text, columns, { trim }), JSON.stringify({ text, columns, trim })).toBe(wrapAnsi(text, columns, { hard: false, trim }));
    }
  });

  it('wraps text it does not measure by counting with wrap-ansi itself', () => {
    const text = '\u001b[31mred words\u001b[39m and 日本語 and more words to wrap';
    expect(wrapText(text, 12)).toBe(wrapAnsi(text, 12, { hard: false, trim: true }));
  });
});

describe('digits grouped by thousands', () => {
  it("write every number as toLocaleString('en-US') does", () => {
    const random = seededRandom(7);
    const values = [0, 1, -1, 999, 1000, -1000, 12345, 1234567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1.5, -1234.5678, 1e21, Number.NaN, Infinity];
    for (let run = 0; run < 2000; run += 1) values.push(Math.round((random() - 0.5) * 10 ** Math.floor(random() * 16)));
    for (const value of values) expect(groupDigits(value), String(value)).toBe(Object.is(value, -0) ? '0' : value.toLocaleString('en-US'));
    // A rounded small loss is no "-0".
    expect(groupDigits(-0)).toBe('0');
  });
});
