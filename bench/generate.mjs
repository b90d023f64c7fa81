// Writes a deterministic survey export of N rows with the quirks real exports have:
// quoted commas, doubled quotes and line breaks in comments, 2% blank scores, a date,
// a plan, a region, an account (40,000 distinct values, for --by on many groups) and
// six 1-5 ratings that go with the score, each more or less (1% of them blank), for
// `nps drivers`. The comments are as varied as people's (see commentFor): a third are
// blank, the rest mostly different from one another. The same N always gives the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
// The same seeded generator as `segment --sample`; `npm run bench` builds dist/ first.
import { seededRandom } from '../dist/core/random.js';

const PLANS = ['free', 'starter', 'pro', 'team', 'enterprise'];
const REGIONS = ['EU', 'US', 'APAC', 'LATAM'];
const ACCOUNTS = 40_000;

/** What people write about, each in the ways they name it. */
const TOPICS = [
  ['support', 'the support team', 'customer support', 'your support people', 'the help desk'],
  ['the price', 'pricing', 'the cost', 'the new pricing', 'the annual plan'],
  ['the dashboard', 'the new dashboard', 'the home screen', 'the main view'],
  ['the reports', 'reporting', 'the weekly report', 'the charts'],
  ['onboarding', 'the setup', 'getting started', 'the training sessions', 'the migration'],
  ['the mobile app', 'the iPhone app', 'the Android app', 'the app on my phone'],
  ['search', 'the search', 'finding old tickets', 'the filters'],
  ['the Slack integration', 'the Salesforce sync', 'the API', 'the Zapier connector', 'the HubSpot integration'],
  ['billing', 'the invoices', 'the billing page', 'payments'],
  ['loading', 'page loads', 'performance', 'the editor'],
  ['CSV export', 'the export', 'exporting to Excel', 'the PDF export'],
  ['the notifications', 'email alerts', 'the reminders', 'the daily digest'],
  ['permissions', 'user roles', 'SSO', 'the admin settings'],
  ['the documentation', 'the help articles', 'the tutorials', 'the changelog'],
];
const PRAISE = [
  'is great', 'works well', 'is really helpful', 'saves us hours every week', 'is so easy to use', 'has been excellent',
  'is the best part', 'got much better this year', 'just works', 'is fast and reliable', 'made our lives easier',
  'is worth every penny', 'is intuitive', 'answered within minutes', 'is exactly what we needed',
];
const COMPLAINTS = [
  'is too slow', 'keeps crashing', 'is confusing', 'costs too much for a small team', 'was slow to answer',
  'is missing basic features', 'broke after the last update', 'takes forever to load', 'is hard to find',
  'never works on my phone', 'is buggy', 'went up again without notice', 'logs me out all the time',
  'lost some of our data', 'needs a lot of work', 'is a pain to set up', 'does not sync reliably',
];
const REQUESTS = [
  'please add dark mode', 'I wish {topic} had more options', 'would love a way to schedule {topic}', 'add SSO please',
  'we need better permissions', 'bring back the old layout', 'let us customise {topic}', 'an offline mode would help',
  'more integrations please', 'a cheaper plan for nonprofits would be nice',
];
const CONTEXT = [
  'We have used it for {n} years.', 'Our team of {n} uses it every day.', 'We moved from a competitor {n} months ago.',
  'I log in about {n} times a day.', 'We run {n} projects in it.', 'Been a customer since 20{y}.',
];
const SHORT = ['ok', 'Great', 'good', 'Fine', 'Nothing to add', 'Love it', 'meh', 'n/a', 'no comment', 'All good', 'Thanks!', 'Good product'];
/** A few comments in other languages, as an international customer base writes them. */
const ELSEWHERE = [
  'Le support est trop lent.', 'Très bon produit, je recommande.', 'Le prix a encore augmenté.',
  'El precio es demasiado alto.', 'Muy fácil de usar, gracias.', 'La aplicación se cierra sola.',
  'Die App stürzt ständig ab.', 'Sehr gutes Produkt, schneller Support.', 'Zu teuer für kleine Teams.',
];

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** One clause about a topic: praise or a complaint, leaning on how the person scored. */
function clause(rand, score) {
  const topic = pick(rand, pick(rand, TOPICS));
  const praise = rand() < (score === undefined ? 0.5 : score >= 9 ? 0.85 : score >= 7 ? 0.55 : 0.15);
  return { topic, text: `${topic} ${pick(rand, praise ? PRAISE : COMPLAINTS)}`, praise };
}

/**
 * A comment as people write them: blank a third of the time; a word or two; one to
 * three sentences on the product's topics, praising or complaining as the score leans,
 * with requests, context and numbers; sometimes in another language, in lower case, with
 * no full stop or with exclamation marks; now and then with a comma, quotes or a line break.
 */
function commentFor(rand, score) {
  const roll = rand();
  if (roll < 0.34) return '';
  if (roll < 0.44) return pick(rand, SHORT);
  if (roll < 0.47) return pick(rand, ELSEWHERE);
  const sentences = [];
  const first = clause(rand, score);
  if (rand() < 0.3) {
    const second = clause(rand, score);
    sentences.push(`${capital(first.text)}, ${second.praise === first.praise ? 'and' : 'but'} ${second.text}`);
  } else sentences.push(capital(first.text));
  if (rand() < 0.25) sentences.push(capital(pick(rand, REQUESTS).replace('{topic}', pick(rand, pick(rand, TOPICS)))));
  if (rand() < 0.2) sentences.push(pick(rand, CONTEXT).replace('{n}', String(2 + Math.floor(rand() * 40))).replace('{y}', String(10 + Math.floor(rand() * 15)).padStart(2, '0')));
  const end = rand() < 0.15 ? '!!' : rand() < 0.25 ? '' : '.';
  let text = sentences.map((sentence, at) => (at === sentences.length - 1 ? `${sentence}${end}` : sentence.endsWith('.') ? sentence : `${sentence}.`)).join(rand() < 0.04 ? '\n' : ' ');
  if (rand() < 0.15) text = text.toLowerCase();
  if (rand() < 0.03) text = text.replace(first.topic, `"${first.topic}"`);
  return text;
}

/** A cell as CSV writes it: quoted when it holds a delimiter, a quote or a line break. */
const csvCell = (text) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

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
export const GENERATOR_VERSION = 3;

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
    const comment = csvCell(commentFor(rand, value));
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
