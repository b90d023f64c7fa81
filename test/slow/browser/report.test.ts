import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from '../../helpers.js';

/** Debian's Chromium; .ci/run installs it. Without it, only CI must fail: elsewhere the test says it is skipped. */
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env['CI'] === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run should have installed it`);

/** Flags for a sandboxed root session on a machine with no network, as its documentation advises. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!available)('nps report in a real browser', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The report in a page of 900 pixels that may load nothing but itself: what it tried to load, and its errors. */
  async function open(out: string): Promise<{ page: Page; outside: string[]; consoleErrors: string[] }> {
    if (browser === undefined) throw new Error('the browser did not start');
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const outside: string[] = [];
    const consoleErrors: string[] = [];
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`file://${out}`);
    return { page, outside, consoleErrors };
  }

  it('shows every section, loads nothing from anywhere, and agrees with nps score', async () => {
    const dir = await tempDir();
    const out = join(dir, 'report.html');
    const written = await run(['report', 'fixtures/report-sample.csv', '--by', 'plan', '--period', 'month', '--out', out, '-q', '--today', '2026-11-24']);
    expect(written.code).toBe(0);
    const score = JSON.parse((await run(['score', 'fixtures/report-sample.csv', '--period', 'month', '--json', '-q'])).stdout) as {
      nps: number;
      rows: number;
      responses: number;
      periods: Array<{ period: string; nps: number; responses: number }>;
    };
    const compared = JSON.parse((await run(['compare', 'fixtures/report-sample.csv', '--period', 'month', '--json', '-q'])).stdout) as { verdict: string };

    const { page, outside, consoleErrors } = await open(out);

    // With --period, the headline is the last month's score, set against the month before as nps compare sets them.
    const shown = (nps: number): string => `${nps > 0 ? '+' : ''}${(Math.round(nps * 10) / 10).toFixed(1)}`;
    const last = score.periods.at(-1);
    expect(await page.textContent('#nps-value')).toBe(shown(last?.nps ?? NaN));
    expect(await page.textContent('#nps-of')).toContain(`all ${score.responses} responses together: ${shown(score.nps)}`);
    const [, previous] = score.periods.slice(-2).map((period) => period.period);
    expect(await page.textContent('#change-verdict')).toBe(compared.verdict.replace(' in A ', ` in ${score.periods.at(-2)?.period ?? ''} `).replace(' in B', ` in ${previous ?? ''}`));
    expect(await page.textContent('#accounting')).toContain(`${score.rows} rows read = ${score.responses} scored`);
    const headings = await page.$$eval('h2', (nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(headings).toEqual([
      '2025-12 against 2025-11',
      'Answers from 0 to 10',
      'Over time, by month',
      'By plan',
      'What the comments are about',
      'What passives and detractors ask for',
      'Most urgent detractors (top 20)',
      'Promoters to ask now (newest 20)',
      'Passives to ask what would earn a 9 or 10 (newest 20)',
    ]);
    expect(await page.textContent('#provenance')).toBe('From fixtures/report-sample.csv, 600 rows read; made on 2026-11-24 by nps.');
    // The by-group chart prints each group's NPS, on an axis scaled to the data with regular ticks.
    const byPlan = page.locator('section.breakdown svg');
    const values = await byPlan.locator('text.value').allTextContents();
    expect(values).toHaveLength(await page.locator('section.breakdown svg circle').count());
    expect(values.every((value) => /^[+-]?\d+\.\d$/.test(value))).toBe(true);
    const ticks = (svg: string) => page.locator(`${svg} text.small`).allTextContents();
    const planTicks = (await ticks('section.breakdown svg')).map(Number);
    expect(planTicks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(planTicks.slice(1).map((tick, at) => tick - (planTicks[at] ?? 0))).size).toBe(1);
    expect(Math.min(...planTicks) > -100 || Math.max(...planTicks) < 100).toBe(true);
    // The trend's axis has regular ticks too.
    const trendTicks = (await ticks('#trend svg')).filter((text) => /^[+-]?\d+$/.test(text)).map(Number);
    expect(trendTicks.length).toBeGreaterThanOrEqual(4);
    expect(new Set(trendTicks.slice(1).map((tick, at) => tick - (trendTicks[at] ?? 0))).size).toBe(1);
    // Every chart carries a title and a description for screen readers.
    const charts = await page.$$eval('svg.chart', (nodes) =>
      nodes.map((node) => [node.querySelector('title')?.textContent ?? '', node.querySelector('desc')?.textContent ?? '']),
    );
    expect(charts).toHaveLength(3);
    expect(charts.every(([title, description]) => (title ?? '') !== '' && (description ?? '') !== '')).toBe(true);
    expect(await page.locator('#distribution rect').count()).toBe(11);
    expect(await page.locator('#urgent tbody tr, #urgent tr').count()).toBeGreaterThan(1);

    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
    const shots = join(ROOT, 'test-output');
    await mkdir(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(shots, 'report-dark.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('shows the accounts after the headline, with the figures of nps score and nps accounts', async () => {
    const out = join(await tempDir(), 'accounts.html');
    const options = ['--account-column', 'Company', '--customers', 'fixtures/accounts-crm.csv', '--join-on', 'Company=Company name', '--value-column', 'ARR', '--invited', 'fixtures/accounts-invited.csv'];
    const written = await run(['report', 'fixtures/accounts-survey.csv', ...options, '--weight-column', 'MRR', '--out', out, '-q', '--today', '2027-01-05']);
    expect(written.code, written.stderr).toBe(0);
    const score = JSON.parse((await run(['score', 'fixtures/accounts-survey.csv', ...options, '--weight-column', 'MRR', '--json', '-q'])).stdout) as {
      accounts: { count: number; nps: number; twoOrMoreDetractors: number };
      weighted: { nps: number };
      responseRate: { silentAccounts: Array<{ account: string }> };
    };
    const escalate = JSON.parse((await run(['accounts', 'fixtures/accounts-survey.csv', ...options, '--escalate', '--json', '-q'])).stdout) as Array<{ account: string; value: number }>;

    const { page, outside, consoleErrors } = await open(out);
    const headings = await page.$$eval('h2', (nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(headings.slice(0, 2)).toEqual(['Accounts', 'Answers from 0 to 10']);
    expect(await page.$$eval('#accounts h3', (nodes) => nodes.map((node) => node.textContent ?? ''))).toEqual([
      `Accounts with two or more detractors (${score.accounts.twoOrMoreDetractors})`,
      'Every account, those with a detractor first',
      `Invited accounts that did not answer (${score.responseRate.silentAccounts.length})`,
    ]);
    const text = (await page.textContent('#accounts')) ?? '';
    const shown = (nps: number): string => `${nps > 0 ? '+' : ''}${nps.toFixed(1)}`;
    expect(text).toContain(`${score.accounts.count} accounts (Company), each counted once: NPS ${shown(score.accounts.nps)}`);
    expect(text).toContain(`by MRR: NPS ${shown(score.weighted.nps)}`);
    // The escalation table starts as nps accounts --escalate does; the silent accounts as score --json lists them.
    const firstCells = (table: number) => page.locator('#accounts table').nth(table).locator('tr').nth(1).locator('td').allTextContents();
    const [escalated] = escalate;
    expect((await firstCells(0))[0]).toBe(escalated?.account);
    expect((await firstCells(0)).at(-1)).toBe(escalated?.value.toLocaleString('en-US'));
    expect((await firstCells(2))[0]).toBe(score.responseRate.silentAccounts[0]?.account);
    // Nothing wider than the page.
    expect(await page.$eval('html', (root) => root.scrollWidth)).toBeLessThanOrEqual(900);

    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
    const shots = join(ROOT, 'test-output');
    await mkdir(shots, { recursive: true });
    await page.locator('#accounts').screenshot({ path: join(shots, 'report-accounts.png') });
    await page.close();
  }, 60_000);
});
