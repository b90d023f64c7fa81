// Writes a deterministic survey export of N rows with the quirks real exports have:
// quoted commas, doubled quotes and line breaks in comments, 2% blank scores, a date,
// a plan, a region, an account (40,000 distinct values, for --by on many groups) and
// six 1-5 ratings that go with the score, each more or less (1% of them blank), for
// `nps drivers`. The same N always gives the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
// The same seeded generator as `segment --sample`; `npm run bench` builds dist/ first.
import { seededRandom } from '../dist/core/random.js';

const PLANS = ['free', 'starter', 'pro', 'team', 'enterprise'];
const REGIONS = ['EU', 'US', 'APAC', 'LATAM'];
const ACCOUNTS = 40_000;
const COMMENTS = [
  'Great product',
  'Support was slow to answer',
  '"Too expensive, for what it does"',
  '"The new dashboard is ""amazing"""',
  '"Setup was painless.\nWould recommend, mostly."',
  'ok',
  '',
  '"Crashed twice, lost work"',
  'Love the reports',
  '',
];
/** The ratings, and how closely each follows the score (0: not at all, 1: entirely). */
const RATINGS = [
  ['support', 0.7],
  ['ease_of_use', 0.55],
  ['price', 0.4],
  ['reliability', 0.3],
  ['speed', 0.2],
  ['onboarding', 0.1],
];

/** Bumped when the columns change, so that a file generated before is not timed as if it were this one. */
export const GENERATOR_VERSION = 2;

/** A 1-5 rating that follows the score (0-10, or undefined when blank) as closely as `follows` says. */
function ratingFor(rand, score, follows) {
  if (rand() < 0.01) return '';
  const position = follows * ((score ?? 5) / 10) + (1 - follows) * rand();
  return String(Math.min(5, 1 + Math.floor(position * 5)));
}

/** Scores skewed as real NPS answers are: many 8-10, a tail of detractors. */
const SCORE_WEIGHTS = [3, 1, 1, 2, 2, 4, 5, 9, 18, 22, 33];

export function scoreFor(rand) {
  const total = SCORE_WEIGHTS.reduce((a, b) => a + b, 0);
  let pick = rand() * total;
  for (let score = 0; score < SCORE_WEIGHTS.length; score += 1) {
    pick -= SCORE_WEIGHTS[score];
    if (pick < 0) return score;
  }
  return 10;
}

export async function generate(path, rows, seed = 42) {
  const rand = seededRandom(seed);
  const out = createWriteStream(path);
  out.write(`response_id,email,created_at,plan,region,account,score,${RATINGS.map(([name]) => name).join(',')},comment\n`);
  const start = Date.UTC(2025, 0, 1);
  let batch = '';
  for (let i = 0; i < rows; i += 1) {
    const blank = rand() < 0.02;
    const value = blank ? undefined : scoreFor(rand);
    const score = value === undefined ? '' : String(value);
    const ratings = RATINGS.map(([, follows]) => ratingFor(rand, value, follows)).join(',');
    const day = new Date(start + Math.floor(rand() * 365 * 86400) * 1000).toISOString().slice(0, 19) + 'Z';
    const plan = PLANS[Math.floor(rand() * PLANS.length)];
    const region = REGIONS[Math.floor(rand() * REGIONS.length)];
    const comment = rand() < 0.05 ? COMMENTS[4] : COMMENTS[Math.floor(rand() * COMMENTS.length)];
    const account = `A${String(Math.floor(rand() * ACCOUNTS)).padStart(5, '0')}`;
    batch += `R_${(1000000000 + i).toString(36)},user${i}@example.com,${day},${plan},${region},${account},${score},${ratings},${comment}\n`;
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.write(batch);
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, rows] = process.argv.slice(2);
  await generate(path, Number(rows));
}
