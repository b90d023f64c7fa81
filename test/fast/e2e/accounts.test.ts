import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../../helpers.js';

/**
 * A B2B survey (fixtures/make-accounts.py: several respondents per company, MRR on
 * every row written as exports write money, a few cells that are no amount, a CRM and
 * the contacts invited) against the figures of test/reference/accounts.py, which
 * reads the same files with Python's csv module and computes every figure with none
 * of nps's code. Rerun both scripts after changing either.
 */
interface Range {
  low: number;
  high: number;
  standardError: number;
}
interface Slice {
  accounts: { count: number; nps: number; interval: Range };
  weighted: { nps: number; interval: Range; effectiveN: number; responses: number; totalWeight: number };
}
interface Revenue {
  detractors: number;
  passives: number;
  promoters: number;
  total: number;
  accounts: Record<'promoters' | 'passives' | 'detractors', number>;
}
interface RateRow {
  invited: number;
  responded: number;
  rate: number;
}
interface ListedAccount {
  account: string;
  responses: number;
  respondents: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  latestDetractors: number;
  category: string;
  value: number | null;
  valuesDiffer: boolean;
  escalate: boolean;
}
interface Reference {
  survey: Slice & {
    responses: number;
    nps: number;
    accounts: Slice['accounts'] & { twoOrMoreDetractors: number };
    clusterInterval: Range & { clusters: number };
    designEffect: number;
    weighted: Slice['weighted'] & { leftOut: Array<{ line: number; reason: string }> };
    revenueAtRisk: Revenue;
    byPlan: Record<string, Slice>;
    byQuarter: Record<string, Slice>;
    compareQuarters: Record<'accounts' | 'weighted', { difference: number; p: number; interval: [number, number] }>;
    list: ListedAccount[];
  };
  crm: {
    weighted: Slice['weighted'];
    revenueAtRisk: Revenue;
    coverage: { answered: number; total: number; share: number; customers: number; answeredCustomers: number };
    responseRate: RateRow & { notInvited: number; byAccount: Record<string, RateRow>; byPlan: Record<string, RateRow>; silentAccounts: Array<{ account: string; invited: number; value: number }> };
  };
}

const reference = JSON.parse(await readFile(join(ROOT, 'test', 'reference', 'accounts.json'), 'utf8')) as Reference;
const SURVEY = 'fixtures/accounts-survey.csv';
const CRM = ['--customers', 'fixtures/accounts-crm.csv', '--join-on', 'Company=Company name'];
const TOLERANCE = 1e-6;

/** Every number of `actual` within 1e-6 of `expected`'s, field by field (fields `expected` does not have are not compared). */
function agrees(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), `${path}: ${String(actual)} against ${expected}`).toBeLessThan(TOLERANCE);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((item, at) => agrees((actual as unknown[])[at], item, `${path}[${at}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    for (const [key, value] of Object.entries(expected)) agrees((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(actual, path).toBe(expected);
  }
}

async function json(args: readonly string[]): Promise<{ json: Record<string, unknown>; stderr: string }> {
  const result = await run([...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return { json: JSON.parse(result.stdout) as Record<string, unknown>, stderr: result.stderr };
}

const { leftOut, ...weightedFigures } = reference.survey.weighted;

describe('accounts and weights: agreement with the independent reference', () => {
  it('scores each account once, the responses with accounts as clusters, and the score weighted by MRR', async () => {
    const { json: score } = await json(['score', SURVEY, '--account-column', 'Company', '--weight-column', 'MRR']);
    const survey = reference.survey;
    agrees(score, { responses: survey.responses, nps: survey.nps, designEffect: survey.designEffect });
    agrees(score['accounts'], survey.accounts);
    agrees(score['clusterInterval'], survey.clusterInterval);
    agrees(score['weighted'], { ...weightedFigures, leftOut: leftOut.length });
    agrees(score['revenueAtRisk'], survey.revenueAtRisk);
  });

  it('leaves out each row whose weight is blank, negative or no amount, naming its line', async () => {
    const { stderr } = await json(['score', SURVEY, '--account-column', 'Company', '--weight-column', 'MRR']);
    const words = { blank: /is (blank|missing)/, negative: /is negative/, 'not an amount': /is not an amount/ } as const;
    const said = stderr.split('\n').filter((line) => line.includes('left out of the weighted figures'));
    expect(said).toHaveLength(leftOut.length);
    leftOut.forEach((row, at) => {
      expect(said[at]).toContain(`fixtures/accounts-survey.csv line ${row.line}: MRR`);
      expect(said[at]).toMatch(words[row.reason as keyof typeof words]);
    });
  });

  it('gives each group of --by and each period the same figures as the reference', async () => {
    const { json: score } = await json(['score', SURVEY, '--account-column', 'Company', '--weight-column', 'MRR', '--by', 'Plan', '--period', 'quarter']);
    const groups = score['groups'] as Array<{ key: { Plan: string } } & Slice>;
    expect(groups.map((group) => group.key.Plan).sort()).toEqual(Object.keys(reference.survey.byPlan).sort());
    for (const group of groups) agrees(group, reference.survey.byPlan[group.key.Plan]);
    const periods = score['periods'] as Array<{ period: string } & Slice>;
    expect(periods.map((period) => period.period)).toEqual(Object.keys(reference.survey.byQuarter));
    for (const period of periods) agrees(period, reference.survey.byQuarter[period.period]);
  });

  it('compares the quarters each account once and weighted, with the matching tests', async () => {
    const { json: compare } = await json(['compare', SURVEY, '--period', 'quarter', '--account-column', 'Company', '--weight-column', 'MRR']);
    for (const view of ['accounts', 'weighted'] as const) {
      const expected = reference.survey.compareQuarters[view];
      const difference = (compare[view] as { difference: { difference: number; p: number; interval: { low: number; high: number } } }).difference;
      agrees(difference, { difference: expected.difference, p: expected.p, interval: { low: expected.interval[0], high: expected.interval[1] } });
      const sides = compare[view] as { a: { nps: number }; b: { nps: number } };
      agrees(sides.a.nps, reference.survey.byQuarter['2026-Q3']?.[view].nps);
      agrees(sides.b.nps, reference.survey.byQuarter['2026-Q4']?.[view].nps);
    }
  });

  it('weights by ARR joined from the CRM, counts each account\'s ARR once, and gives the coverage and the response rate', async () => {
    const { json: score } = await json(['score', SURVEY, ...CRM, '--account-column', 'Company', '--weight-column', 'ARR', '--invited', 'fixtures/accounts-invited.csv', '--by', 'Plan']);
    const crm = reference.crm;
    agrees(score['weighted'], { ...crm.weighted, leftOut: (crm.weighted as unknown as { leftOut: unknown[] }).leftOut.length });
    agrees(score['revenueAtRisk'], crm.revenueAtRisk);
    agrees(score['coverage'], crm.coverage);
    const { byAccount, byPlan, silentAccounts, ...overall } = crm.responseRate;
    const rate = score['responseRate'] as { byAccount: Array<RateRow & { name: string }>; bySegment: Array<{ column: string; groups: Array<RateRow & { name: string }> }>; silentAccounts: unknown[] };
    agrees(rate, overall);
    expect(rate.byAccount).toHaveLength(Object.keys(byAccount).length);
    for (const row of rate.byAccount) agrees(row, byAccount[row.name]);
    expect(rate.bySegment.map((segment) => segment.column)).toEqual(['Plan']);
    for (const row of rate.bySegment[0]?.groups ?? []) agrees(row, byPlan[row.name]);
    agrees(rate.silentAccounts, silentAccounts);
  });

  it('lists every account with its respondents\' mix, its group and its value, as the reference does', async () => {
    const result = await run(['accounts', SURVEY, '--account-column', 'Company', '--value-column', 'MRR', '--json', '-q']);
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as Array<{ account: string; latest: { detractors: number } } & Record<string, unknown>>;
    const byName = new Map(reference.survey.list.map((row) => [row.account, row]));
    expect(listed.map((row) => row.account).sort()).toEqual([...byName.keys()].sort());
    for (const row of listed) {
      const { latestDetractors, ...expected } = byName.get(row.account) ?? ({} as ListedAccount);
      agrees(row, expected, row.account);
      expect(row.latest.detractors, row.account).toBe(latestDetractors);
    }
    // Escalations first in the order of work: the accounts with a detractor come before the others.
    const firstCalm = listed.findIndex((row) => row['category'] !== 'detractors');
    expect(listed.slice(firstCalm).every((row) => row['category'] !== 'detractors')).toBe(true);
  });

  it('says the same revenue at risk in segment\'s stderr line and under the score', async () => {
    const revenue = reference.crm.revenueAtRisk;
    const amount = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    const expected = `${amount(revenue.detractors)} with detractors (${revenue.accounts.detractors} accounts), ${amount(revenue.passives)} with passives (${revenue.accounts.passives})`;
    const segment = await run(['segment', SURVEY, ...CRM, '--value-column', 'ARR', '-c', 'detractors', '--today', '2027-01-05']);
    expect(segment.stderr).toContain(`nps: revenue at risk (ARR, each customer once, by "Company"): ${expected}, of ${amount(revenue.total)} that answered`);
    const withAccounts = await run(['segment', SURVEY, ...CRM, '--account-column', 'Company', '--value-column', 'ARR', '-c', 'detractors', '--today', '2027-01-05']);
    expect(withAccounts.stderr).toContain(`nps: revenue at risk (ARR, each account once, by "Company"): ${expected}`);
    const table = await run(['score', SURVEY, ...CRM, '--account-column', 'Company', '--value-column', 'ARR', '-q']);
    expect(table.stdout.replace(/\s+/g, ' ')).toContain(`each account once: ${expected}`);
  });

  it('says the same revenue at risk, each account once, when the cases go to a ledger', async () => {
    const revenue = reference.crm.revenueAtRisk;
    const amount = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    const expected = `${amount(revenue.detractors)} with detractors (${revenue.accounts.detractors} accounts), ${amount(revenue.passives)} with passives (${revenue.accounts.passives})`;
    const ledger = join(await tempDir(), 'cases.csv');
    const result = await run(['segment', SURVEY, ...CRM, '--account-column', 'Company', '--value-column', 'ARR', '--ledger', ledger, '--today', '2027-01-05']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`nps: revenue at risk (ARR, each account once, by "Company"): ${expected}, of ${amount(revenue.total)} that answered`);
  });
});

describe('the report\'s accounts section', () => {
  it('gives the same figures as the reference: the accounts, revenue at risk, coverage and the silent accounts', async () => {
    const out = join(await tempDir(), 'accounts.html');
    const result = await run(['report', SURVEY, ...CRM, '--account-column', 'Company', '--weight-column', 'MRR', '--value-column', 'ARR', '--invited', 'fixtures/accounts-invited.csv', '--out', out, '-q']);
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    const section = /<section id="accounts">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const text = section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replaceAll('&#39;', "'");
    const amount = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
    const { revenueAtRisk: revenue, coverage, responseRate } = reference.crm;
    const accounts = reference.survey.accounts;
    expect(text).toContain(`${accounts.count} accounts (Company), each counted once: NPS ${accounts.nps > 0 ? '+' : ''}${accounts.nps.toFixed(1)}`);
    expect(text).toContain(`${accounts.twoOrMoreDetractors} accounts with two or more detractors`);
    expect(text).toContain(`Accounts with two or more detractors (${accounts.twoOrMoreDetractors})`);
    const signed = (value: number): string => `${value > 0 ? '+' : ''}${value.toFixed(1)}`;
    const { clusterInterval: clusters, designEffect, weighted } = reference.survey;
    expect(text).toContain(`with accounts as clusters: 95% interval ${signed(clusters.low)} to ${signed(clusters.high)} (design effect ${designEffect.toFixed(2)}`);
    expect(text).toContain(
      `Weighted by MRR: NPS ${signed(weighted.nps)} (95% interval ${signed(weighted.interval.low)} to ${signed(weighted.interval.high)}), effective n ${Math.round(weighted.effectiveN)} of ${weighted.responses}`,
    );
    expect(text).toContain(`${amount(revenue.detractors)} with detractors (${revenue.accounts.detractors} accounts), ${amount(revenue.passives)} with passives (${revenue.accounts.passives})`);
    expect(text).toContain(`${(coverage.share * 100).toFixed(1)}% of the customers' ARR answered`);
    expect(text).toContain(`${responseRate.responded} of ${responseRate.invited} contacts answered`);
    const [largest] = responseRate.silentAccounts;
    expect(text).toContain(`Invited accounts that did not answer (${responseRate.silentAccounts.length}) Account Contacts invited ARR ${largest?.account ?? ''} ${largest?.invited ?? 0} ${amount(largest?.value ?? 0)}`);
  });
});

describe('accounts: what is never guessed, and clear errors', () => {
  it('proposes a column that looks like the account on stderr, and never uses it unasked', async () => {
    const result = await run(['score', SURVEY, '--json']);
    expect(result.stderr).toContain('nps: "Company" looks like each response\'s account: --account-column Company');
    const score = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(score['accounts']).toBeUndefined();
    expect(score['clusterInterval']).toBeUndefined();
  });

  it('stops on an account column that is not there, listing the headers (exit 2)', async () => {
    const result = await run(['score', SURVEY, '--account-column', 'Customer']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: fixtures/accounts-survey.csv: no column named "Customer" for --account-column; the headers are: 1 "Response ID"');
  });

  it('stops on a weight column that holds no amount at all (exit 2), after naming the rows', async () => {
    const result = await run(['score', SURVEY, '--weight-column', 'Plan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: warning: fixtures/accounts-survey.csv line 2: Plan "Starter" is not an amount: the row is left out of the weighted figures');
    expect(result.stderr).toContain('nps: warning: ... and 534 more rows left out of the weighted figures');
    expect(result.stderr).toContain('nps: error: --weight-column Plan: no scored response has a weight above zero');
  });

  it('stops on a weight column whose every weight is 0 (exit 2)', async () => {
    const file = join(await tempDir(), 'zero.csv');
    await writeFile(file, 'email,Company,score,MRR\na@x.example,A,9,0\nb@x.example,B,3,"$0.00"\n');
    const result = await run(['score', file, '--account-column', 'Company', '--weight-column', 'MRR']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: --weight-column MRR: no scored response has a weight above zero');
  });

  it('reads --invited as the other side files are: a row of the wrong width is named by its line, and fails --strict', async () => {
    const file = join(await tempDir(), 'invited.csv');
    await writeFile(file, 'email,Company\na@x.example,Fabrikam Inc.\nb@x.example,Fabrikam Inc.,extra\n');
    const result = await run(['score', SURVEY, '--account-column', 'Company', '--invited', file, '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('invited.csv line 3: rejected: has 3 fields but the header has 2');
    const strict = await run(['score', SURVEY, '--account-column', 'Company', '--invited', file, '--strict', '-q']);
    expect(strict.code, strict.stderr).toBe(3);
  });

  it('lists the silent accounts alone with --silent, and says only what it listed', async () => {
    const args = ['accounts', SURVEY, '--account-column', 'Company', '--invited', 'fixtures/accounts-invited.csv', '--silent'];
    const result = await run(args);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.split(',').includes('silent'))).toBe(true);
    expect(result.stderr).toContain(`nps: listed ${rows.length} silent accounts by "Company": invited, and no one answered`);
    expect(result.stderr).not.toContain('have two or more detractors');
  });

  it('asks for an account column in nps accounts, proposing the one that looks like it', async () => {
    const result = await run(['accounts', SURVEY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: nps accounts lists each account: name the column of accounts with --account-column COLUMN ("Company" looks like one: --account-column Company)');
  });

  it('refuses a value with nothing to count it once by', async () => {
    const result = await run(['score', SURVEY, '--value-column', 'MRR']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: --value-column counts each account\'s value once: name the accounts with --account-column COLUMN');
  });

  it('refuses accounts and weights on counts, which have no responses', async () => {
    const result = await run(['score', 'fixtures/sample.csv', '--counts', '--account-column', 'Company']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('accounts, weights and values need the responses themselves, not counts');
  });
});
