import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { run } from '../../helpers.js';

/**
 * Random exports, each checked against an independent count: the generator knows
 * what every row holds, and csv-parse, a reader this project does not use,
 * confirms that the text is the CSV the generator meant. Seeded (FUZZ_SEED
 * changes the seed) and bounded by a number of cases (FUZZ_CASES), not by time, so
 * that every machine checks the same exports.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261124);
const CASES = Number(process.env['FUZZ_CASES'] ?? 400);

type Kind = 'score' | 'blank' | 'rejected';

interface Export {
  text: string;
  expected: { rows: number; responses: number; blank: number; rejected: number };
  records: number;
}

function generate(random: () => number): Export {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const endings = ['\n', '\r\n', '\r'] as const;
  const width = 2 + Math.floor(random() * 5);
  const scoreAt = Math.floor(random() * width);
  const otherNames = ['plan', 'Plan', 'region', '', 'note', 'note', 'city '];
  const header = Array.from({ length: width }, (_, index) => (index === scoreAt ? 'score' : pick(otherNames)));
  const quoteIfNeeded = (cell: string): string => (/[",\r\n]/.test(cell) || cell.startsWith(' ') ? `"${cell.replaceAll('"', '""')}"` : cell);
  const freeText = (): string =>
    pick(['ok', 'a, b', 'say "hi"', 'two\nlines', 'three\r\nmixed\rlines', 'ünïcödé', '', '😀 emoji', 'tab\there']);
  const scoreCell = (): [string, Kind] => {
    const roll = random();
    if (roll < 0.55) return [String(Math.floor(random() * 11)), 'score'];
    if (roll < 0.65) return [pick(['10 - Extremely likely', 'Not at all likely - 0', ' 9 ', '9.0', '7 (Likely)']), 'score'];
    if (roll < 0.8) return [pick(['', 'NA', 'n/a', 'null', '-']), 'blank'];
    return [pick(['abc', '-1', '7.5', '1,000', 'Q3', '12']), 'rejected'];
  };
  const lines = [header.map(quoteIfNeeded).join(',')];
  const expected = { rows: 0, responses: 0, blank: 0, rejected: 0 };
  const count = Math.floor(random() * 60);
  for (let row = 0; row < count; row += 1) {
    if (random() < 0.05) lines.push('');
    const [score, kind] = scoreCell();
    const cells = header.map((_, index) => (index === scoreAt ? score : freeText()));
    expected.rows += 1;
    if (kind === 'score') expected.responses += 1;
    else if (kind === 'blank') expected.blank += 1;
    else expected.rejected += 1;
    lines.push(cells.map(quoteIfNeeded).join(','));
  }
  const text = lines.map((line) => `${line}${pick(endings)}`).join('');
  return { text, expected, records: count };
}

describe('random exports', () => {
  it('account for every row exactly as an independent count does', async () => {
    const random = seededRandom(SEED);
    for (let cases = 1; cases <= CASES; cases += 1) {
      const sample = generate(random);
      const reference = parse(sample.text, { record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, relax_column_count: true }) as string[][];
      expect(reference.length - 1, `csv-parse on case ${cases} (seed ${SEED})`).toBe(sample.records);
      // A 1..11 check could stop a file that happens to have 12s and no 0: --score-offset 0 says the scale is 0-10.
      const result = await run(['score', '-', '--json', '-q', '--score-offset', '0'], { stdin: sample.text });
      // A file whose every score is rejected scored nothing: that is an error, never a result.
      if (sample.expected.responses === 0 && sample.expected.rejected > 0) {
        expect(result.code, `case ${cases} (seed ${SEED}): ${result.stderr}`).toBe(2);
        expect(result.stderr).toContain('every answer in the score column "score" was rejected');
        continue;
      }
      expect(result.code, `case ${cases} (seed ${SEED}): ${result.stderr}`).toBe(0);
      const json = JSON.parse(result.stdout) as Record<string, number>;
      expect({ rows: json['rows'], responses: json['responses'], blank: json['blank'], rejected: json['rejected'] }, `case ${cases} (seed ${SEED})\n${JSON.stringify(sample.text)}`).toEqual(
        sample.expected,
      );
    }
  });
});
