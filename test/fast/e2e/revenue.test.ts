import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/random.js';
import { run, tempDir } from '../../helpers.js';

/**
 * Revenue at risk never exceeds the customers' total value, however many times an
 * account answers: random surveys (accounts answering from zero to many times, the
 * same people answering again, blank and unreadable answers, companies the CRM does
 * not know) joined to a random CRM (ARR written as exports write money, some of it
 * unreadable, customers that never answered). Seeded (REVENUE_SEED) and bounded by
 * a number of cases (REVENUE_CASES), not by time, as the fuzz tests are.
 */
const SEED = Number(process.env['REVENUE_SEED'] ?? 20261207);
const CASES = Number(process.env['REVENUE_CASES'] ?? 60);

interface Generated {
  survey: string;
  crm: string;
  /** The sum of the CRM's readable ARR: what revenue at risk may never exceed. */
  total: number;
}

function generate(random: () => number): Generated {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const companies = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, at) => `Company ${String.fromCharCode(65 + at)}`);
  let total = 0;
  const crm = ['Company name,ARR'];
  for (const company of companies) {
    if (random() < 0.1) continue;
    const arr = Math.floor(random() * 500_000);
    const written = pick([`$${arr.toLocaleString('en-US')}`, `${arr.toLocaleString('de-DE')},00 €`, String(arr), 'unknown']);
    if (written !== 'unknown') total += arr;
    crm.push(`${company},"${written}"`);
  }
  const people = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, at) => ({ email: `p${at}@x.example`, company: random() < 0.05 ? 'Stranger Inc' : pick(companies) }));
  const survey = ['email,Company,date,score'];
  const rows = Math.floor(random() * 80);
  for (let row = 0; row < rows; row += 1) {
    const person = pick(people);
    const day = 1 + Math.floor(random() * 28);
    const score = pick(['0', '3', '6', '7', '8', '9', '10', '', 'n/a']);
    survey.push(`${person.email},${random() < 0.05 ? '' : person.company},2026-03-${String(day).padStart(2, '0')},${score}`);
  }
  return { survey: `${survey.join('\n')}\n`, crm: `${crm.join('\n')}\n`, total };
}

describe('revenue at risk over random files', () => {
  it(`never exceeds the customers' total value, and segment says the same (${CASES} cases, seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const folder = await tempDir();
    let withRisk = 0;
    for (let at = 0; at < CASES; at += 1) {
      const generated = generate(random);
      const survey = join(folder, `survey-${at}.csv`);
      const crm = join(folder, `crm-${at}.csv`);
      await writeFile(survey, generated.survey);
      await writeFile(crm, generated.crm);
      const joined = ['--customers', crm, '--join-on', 'Company=Company name', '--value-column', 'ARR'];
      const result = await run(['score', survey, ...joined, '--account-column', 'Company', '--json', '-q']);
      if (result.code !== 0) {
        // A survey with no scored row, or a CRM with no readable company, stops with a reason: nothing is at risk.
        expect(result.code, `case ${at}: ${result.stderr}`).toBe(2);
        continue;
      }
      const score = JSON.parse(result.stdout) as { revenueAtRisk?: { detractors: number; passives: number; promoters: number; total: number }; coverage?: { answered: number; total: number } };
      const revenue = score.revenueAtRisk;
      if (revenue === undefined) continue;
      const context = `case ${at} (seed ${SEED})`;
      expect(revenue.detractors + revenue.passives, context).toBeLessThanOrEqual(generated.total + 1e-6);
      expect(revenue.detractors + revenue.passives + revenue.promoters, context).toBeCloseTo(revenue.total, 6);
      expect(revenue.total, context).toBeLessThanOrEqual((score.coverage?.answered ?? 0) + 1e-6);
      expect(score.coverage?.total, context).toBeCloseTo(generated.total, 6);
      if (revenue.detractors > 0) withRisk += 1;
      const segment = await run(['segment', survey, ...joined, '--account-column', 'Company', '-c', 'detractors', '--today', '2026-04-01']);
      const amount = revenue.detractors.toLocaleString('en-US', { maximumFractionDigits: 2 });
      expect(segment.stderr, context).toContain(`: ${amount} with detractors (`);
    }
    // The property is not met by luck of files with nothing at risk.
    expect(withRisk).toBeGreaterThan(CASES / 3);
  });
});
