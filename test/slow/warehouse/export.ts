import { writeFile } from 'node:fs/promises';
import { seededRandom } from '../../../src/core/random.js';

/**
 * A survey export as a warehouse would hold one, with what makes counting it hard:
 * blank answers written five ways, labels ("10 - Extremely likely", "Extremely likely
 * (10)"), decimals (9.0), values out of range or not numbers at all, timestamps with
 * and without zones, dates that are no dates, blank groups, a header with a space and
 * one with a letter past ASCII, respondents who answered twice, and two ratings for
 * `nps drivers` (labelled, decimal, blank, "Don't know"). The same seed and size always
 * give the same bytes.
 */
export const EXPORT_HEADER = ['respondent_id', 'email', 'submitted at', 'plan', 'Région', 'score', 'support', 'price value', 'comment'] as const;

const PLANS = ['free', 'starter', 'pro', 'team', 'enterprise', ''];
const REGIONS = ['EU', 'US', 'APAC', 'Amérique latine'];
const LABELS: ReadonlyArray<(score: number) => string> = [
  (score) => String(score),
  (score) => String(score),
  (score) => String(score),
  (score) => `${score} - ${score >= 9 ? 'Extremely likely' : score <= 1 ? 'Not at all likely' : 'Likely'}`,
  (score) => `${score >= 9 ? 'Extremely likely' : 'Somewhat likely'} (${score})`,
  (score) => `Not at all likely - ${score}`,
  (score) => `${score}.0`,
  (score) => ` ${score} `,
];
const BLANKS = ['', 'NA', 'n/a', '-', 'null'];
const REJECTED = ['11', '-1', '12', 'abc', '7.5', '1,000', 'ten'];
const ZONES = ['Z', '', '+02:00', '-0500', ' UTC'];

const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

function scoreCell(random: () => number, plan: string): string {
  const draw = random();
  if (draw < 0.05) return BLANKS[Math.floor(random() * BLANKS.length)] ?? '';
  if (draw < 0.08) return REJECTED[Math.floor(random() * REJECTED.length)] ?? '';
  // Plans lean differently, so that --by has differences to test.
  const lean = { free: -1.5, starter: -0.5, pro: 0.8, team: 0.3, enterprise: 1.2 }[plan] ?? 0;
  const score = Math.max(0, Math.min(10, Math.round(7 + lean + (random() + random() + random() - 1.5) * 5)));
  const label = LABELS[Math.floor(random() * LABELS.length)] ?? String;
  return label(score);
}

function dateCell(random: () => number): string {
  const draw = random();
  if (draw < 0.02) return '';
  if (draw < 0.03) return ['2026-02-30', 'not a date', '2026-13-01'][Math.floor(random() * 3)] ?? '';
  // 2025-01-01 to 2026-06-30, spread over eighteen months, at a second of the day.
  const day = Date.UTC(2025, 0, 1) + Math.floor(random() * 546) * 86_400_000;
  if (draw < 0.1) return new Date(day).toISOString().slice(0, 10);
  const moment = new Date(day + Math.floor(random() * 86_400) * 1000).toISOString().slice(0, 19);
  const separator = random() < 0.5 ? 'T' : ' ';
  return `${moment.slice(0, 10)}${separator}${moment.slice(11)}${ZONES[Math.floor(random() * ZONES.length)] ?? ''}`;
}

/** A 1-5 rating that follows the score more or less, written as exports write them. */
function supportCell(random: () => number, score: string): string {
  const draw = random();
  if (draw < 0.04) return ['', 'NA', "Don't know"][Math.floor(random() * 3)] ?? '';
  const base = Number(/\d+/.exec(score)?.[0] ?? 5);
  const value = Math.max(1, Math.min(5, Math.round(base / 2.5 + (random() - 0.5) * 2)));
  if (draw < 0.2) return `${value} - ${value >= 4 ? 'Satisfied' : 'Unsatisfied'}`;
  if (draw < 0.3) return `Very satisfied (${value})`;
  return String(value);
}

/** A 0-10 rating with halves, some written with a decimal comma. */
function priceCell(random: () => number): string {
  if (random() < 0.03) return '';
  const value = Math.round(random() * 20) / 2;
  return random() < 0.1 ? String(value).replace('.', ',') : String(value);
}

/** The export's CSV text: `rows` data rows after the header. */
export function exportCsv(rows: number, seed = 31): string {
  const random = seededRandom(seed);
  const lines = [EXPORT_HEADER.join(',')];
  for (let at = 1; at <= rows; at += 1) {
    const plan = PLANS[Math.floor(random() * PLANS.length)] ?? '';
    // One respondent in ten answered before: the same email as an earlier row, in another case.
    const repeat = at > 100 && random() < 0.1;
    const person = repeat ? Math.floor(random() * (at - 1)) + 1 : at;
    const email = repeat && random() < 0.5 ? `User${person}@Example.com` : `user${person}@example.com`;
    const region = REGIONS[Math.floor(random() * REGIONS.length)] ?? '';
    const comment = random() < 0.3 ? 'Fast, and "really" helpful' : '';
    const score = scoreCell(random, plan);
    lines.push([`R${at}`, email, dateCell(random), plan, region, score, supportCell(random, score), priceCell(random), comment].map(quote).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export async function writeExport(path: string, rows: number, seed?: number): Promise<void> {
  await writeFile(path, exportCsv(rows, seed));
}
