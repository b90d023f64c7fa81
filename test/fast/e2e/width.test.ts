import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, run, tempDir } from '../../helpers.js';

/**
 * Text output fits 80 columns with the names real exports carry: vendors' file names,
 * companies with their legal form, plans with their billing terms, long questions.
 */
const Q3 = 'delighted-export-2026-07-01-to-2026-09-30.csv';
const Q4 = 'delighted-export-2026-10-01-to-2026-12-31.csv';
let dir = '';

beforeAll(async () => {
  dir = await tempDir();
  await copyFile(fixture('quarters-q3.csv'), join(dir, Q3));
  await copyFile(fixture('quarters-q4.csv'), join(dir, Q4));
  await copyFile(fixture('quarters-crm.csv'), join(dir, 'crm.csv'));
  // A ledger with keys for case ids and the owners a team types.
  const owner = 'Marie-Claire Dubois-Fontaine, Customer Success EMEA (Paris office)';
  const cases = Array.from({ length: 3 }, (_, at) => `nps-4f9c2a7d81e3b6${at}0,detractors,2,2026-11-0${at + 1} 09:00 UTC,,,2026-11-0${at + 2} 09:00 UTC,,contacted,"${owner}",,,`);
  await writeFile(join(dir, 'ledger.csv'), ['case_id,category,score,date,respondent,comment,respond_by,previous_case,status,owner,note,contacted_on,resolved_on', ...cases, ''].join('\r\n'));
});

const COMMANDS = [
  ['score', Q3, '--by', 'Company'],
  ['score', Q3, '--by', 'Plan', '--period', 'month'],
  ['score', Q3, '--customers', 'crm.csv', '--join-on', 'Email=email', '--by', 'Account owner,Plan'],
  ['score', Q3, Q4, '--period', 'month', '--dedupe', 'latest'],
  ['compare', Q3, Q4],
  ['compare', Q3, Q4, '--dedupe', 'latest'],
  ['compare', Q3, '--by', 'Company', '--values', 'Acme,Initech'],
  ['themes', Q3],
  ['drivers', Q3],
  ['columns', Q3],
  ['followup', 'ledger.csv', '--today', '2026-11-20'],
];

describe('80 columns on real names', () => {
  it.each(COMMANDS.map((args) => [args.join(' '), args] as const))('nps %s', async (_, args) => {
    const result = await run(args[0] === 'columns' || args[0] === 'followup' ? args : [...args, '-q'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const widest = lines.reduce((best, line) => (stringWidth(line) > stringWidth(best) ? line : best), '');
    expect(stringWidth(widest), widest).toBeLessThanOrEqual(80);
  });

  it('keeps every name whole in the JSON', async () => {
    const result = await run(['score', Q3, '--by', 'Company', '--json', '-q'], { cwd: dir });
    const groups = (JSON.parse(result.stdout) as { groups: Array<{ key: { Company: string } }> }).groups;
    expect(groups.map((group) => group.key.Company)).toContain('Northwind Logistics International GmbH & Co. KG');
  });
});

describe('help at a terminal that reports no size', () => {
  it.each(['score', 'segment', 'followup', 'themes', 'report'])('wraps nps %s --help at 80 columns, and at the width a terminal reports', async (command) => {
    // A pseudo-terminal opened without a size (script, some editors' shells) reports 0 columns.
    const unsized = await run([command, '--help'], { tty: true, columns: 0 });
    expect(Math.max(...unsized.stdout.split('\n').map((line) => stringWidth(line)))).toBeLessThanOrEqual(80);
    const wide = await run([command, '--help'], { tty: true, columns: 120 });
    const widest = Math.max(...wide.stdout.split('\n').map((line) => stringWidth(line)));
    expect(widest).toBeLessThanOrEqual(120);
    expect(widest).toBeGreaterThan(80);
  });
});
