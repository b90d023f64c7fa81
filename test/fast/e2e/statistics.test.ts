import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

/**
 * Expected figures come from test/reference/reference.py, which computes them with
 * Python's statistics.NormalDist and none of this project's code.
 */
interface Group {
  key: Record<string, string>;
  responses: number;
  nps: number;
  interval: { low: number; high: number };
  small: boolean;
  versusRest: { difference: number; p: number; pAdjusted: number | null; significant: boolean };
}
interface PeriodJson {
  period: string;
  start: string;
  end: string;
  responses: number;
  nps: number | null;
  interval: { low: number; high: number };
  change: { difference: number; p: number; significant: boolean } | null;
}


/** Text output wraps prose at 80 columns: a sentence is looked for with its line breaks as spaces. */
const prose = (text: string): string => text.replace(/(?<!\n)\n(?!\n)/g, ' ');
describe('nps score --by', () => {
  it('scores each group with its interval, highest first, and tests it against the rest', async () => {
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--by', 'plan', '--json', '-q']);
    expect(result.code).toBe(0);
    const groups = (JSON.parse(result.stdout) as { groups: Group[] }).groups;
    expect(groups.map((group) => group.key)).toEqual([{ plan: 'pro' }, { plan: 'team' }, { plan: 'free' }]);
    const [pro, team, free] = groups;
    expect(pro).toMatchObject({ responses: 40, nps: 40, small: false });
    expect(pro?.interval.low).toBeCloseTo(13.2865, 3);
    expect(pro?.interval.high).toBeCloseTo(61.1322, 3);
    expect(pro?.versusRest.difference).toBeCloseTo(54, 6);
    expect(pro?.versusRest.p).toBeCloseTo(0.00132093, 6);
    // Three groups tested at once: Benjamini-Hochberg, as reference.py computes it.
    expect(pro?.versusRest.pAdjusted).toBeCloseTo(0.0019814, 6);
    expect(pro?.versusRest.significant).toBe(true);
    expect(team).toMatchObject({ responses: 10, nps: 30, small: true });
    expect(team?.versusRest.p).toBeCloseTo(0.338905, 5);
    expect(team?.versusRest.pAdjusted).toBeCloseTo(0.338905, 5);
    expect(team?.versusRest.significant).toBe(false);
    expect(free?.nps).toBe(-25);
    expect(free?.interval.high).toBeCloseTo(1.3638, 3);
    expect(free?.versusRest.p).toBeCloseTo(0.00015656, 7);
    expect(free?.versusRest.pAdjusted).toBeCloseTo(0.00046969, 7);
  });

  it('prints the breakdown as a table, marking small groups and real differences', async () => {
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--by', 'plan', '-q']);
    expect(result.stdout).toMatch(/^pro\s+40\s+60\.0%\s+20\.0%\s+20\.0%\s+\+40\.0\s+\+13\.3 to \+61\.1\s+higher\s+\.001 \(\.002\)$/m);
    expect(result.stdout).toMatch(/^team\s+10\*\s+50\.0%\s+30\.0%\s+20\.0%\s+\+30\.0\s+-19\.1 to \+65\.2$/m);
    expect(result.stdout).toMatch(/^free\s+40\s+25\.0%\s+25\.0%\s+50\.0%\s+-25\.0\s+-47\.9 to \+1\.4\s+lower\s+<\.001 \(<\.001\)$/m);
    expect(result.stdout).toContain('* fewer than 30 responses: read with care.');
  });

  it('groups by several columns and refuses an unknown one', async () => {
    const both = await run(['score', 'fixtures/sample.csv', '--by', 'plan,date', '--json', '-q']);
    const keys = (JSON.parse(both.stdout) as { groups: Group[] }).groups.map((group) => group.key);
    expect(keys).toContainEqual({ plan: 'pro', date: '2026-10-01' });
    const missing = await run(['score', 'fixtures/sample.csv', '--by', 'country']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nps: error: fixtures/sample.csv: no column named "country" for --by; the headers are:');
  });
});

describe('nps score --period', () => {
  it('scores each month, with the change and its significance, telling month-first dates from the file', async () => {
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--period', 'month', '--json', '-q']);
    expect(result.code).toBe(0);
    const periods = (JSON.parse(result.stdout) as { periods: PeriodJson[] }).periods;
    expect(periods.map((row) => [row.period, row.start, row.end, row.responses, row.nps])).toEqual([
      ['2026-01', '2026-01-01', '2026-01-31', 45, 0],
      ['2026-02', '2026-02-01', '2026-02-28', 45, 20],
    ]);
    expect(periods[0]?.interval.high).toBeCloseTo(24.3288, 3);
    expect(periods[1]?.interval.low).toBeCloseTo(-5.3421, 3);
    expect(periods[0]?.change).toBeNull();
    expect(periods[1]?.change?.difference).toBeCloseTo(20, 6);
    expect(periods[1]?.change?.p).toBeCloseTo(0.252264, 5);
    expect(periods[1]?.change?.significant).toBe(false);
  });

  it('draws the trend with each interval', async () => {
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--period', 'month', '-q']);
    expect(result.stdout).toMatch(/^Trend {2}[▁-█]{2}$/m);
    expect(result.stdout).toMatch(/^2026-02\s+45\s+\+20\.0\s+-5\.3 to \+42\.8\s+\[[ ─●┊]+\]\s+\+20\.0, may be chance$/m);
  });

  it('scores rolling windows ending with each period', async () => {
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--period', 'month', '--rolling', '90d', '--json', '-q']);
    const periods = (JSON.parse(result.stdout) as { periods: PeriodJson[] }).periods;
    // The 90 days up to the end of February hold both months.
    expect(periods.map((row) => row.responses)).toEqual([45, 90]);
    expect(periods[1]?.nps).toBe(10);
    expect(periods[1]?.change).toBeNull();
  });

  it('stops when slashed dates could be either order, and accepts --date-format', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ambiguous.csv'), 'date,score\n3/4/2026,10\n5/6/2026,3\n');
    const refused = await run(['score', 'ambiguous.csv', '--period', 'month'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'nps: error: dates such as 3/4/2026 could be month first or day first, and no date in the input tells which; ' +
        'add --date-format m/d/yyyy or --date-format d/m/yyyy',
    );
    const dayFirst = await run(['score', 'ambiguous.csv', '--period', 'month', '--date-format', 'd/m/yyyy', '--json', '-q'], { cwd: dir });
    const periods = (JSON.parse(dayFirst.stdout) as { periods: PeriodJson[] }).periods;
    // The empty May is a row of its own, and June is not tested against April across it.
    expect(periods.map((row) => [row.period, row.responses, row.nps, row.change])).toEqual([
      ['2026-04', 1, 100, null],
      ['2026-05', 0, null, null],
      ['2026-06', 1, -100, null],
    ]);
  });

  it('needs a date column', async () => {
    const result = await run(['score', 'fixtures/bom.csv', '--period', 'month']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--period needs a date column and no header looks like one; name it with --date-column NAME');
  });
});

describe('nps score --fail-under', () => {
  it('exits 4 when the NPS is below the threshold, 0 otherwise', async () => {
    const below = await run(['score', 'fixtures/plans-monthly.csv', '--fail-under', '20', '-q']);
    expect(below.code).toBe(4);
    expect(below.stderr).toBe('nps: warning: --fail-under 20: NPS is +10.0\n');
    const above = await run(['score', 'fixtures/plans-monthly.csv', '--fail-under', '5', '-q']);
    expect(above.code).toBe(0);
  });

  it('judges the top of the interval with --strict-interval', async () => {
    // NPS 10, interval -7.9 to +27.3: below 20 as a score, not as an interval.
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--fail-under', '20', '--strict-interval', '-q']);
    expect(result.code).toBe(0);
    const below = await run(['score', 'fixtures/plans-monthly.csv', '--fail-under', '30', '--strict-interval', '-q']);
    expect(below.code).toBe(4);
    expect(below.stderr).toBe('nps: warning: --fail-under 30: the top of the interval is +27.3\n');
  });

  it('refuses a threshold outside -100..100', async () => {
    const result = await run(['score', 'fixtures/bom.csv', '--fail-under', '120']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('nps: error: --fail-under takes a number from -100 to 100, not "120"\n');
  });
});

describe('nps compare', () => {
  it('reproduces the reference: 10 points apart, p = 0.058, could be chance', async () => {
    const result = await run(['compare', 'fixtures/compare-a.csv', 'fixtures/compare-b.csv', '-q']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^A\s+fixtures\/compare-a\.csv\s+500\s+0\.0\s+-7\.3 to \+7\.3$/m);
    expect(result.stdout).toMatch(/^B\s+fixtures\/compare-b\.csv\s+500\s+\+10\.0\s+\+2\.7 to \+17\.2$/m);
    // The same 500 people answered both times: the paired test decides, and the two-sample p of reference.py is beside it.
    expect(prose(result.stdout)).toContain(
      'NPS rose 10.0 points, from 0.0 in A to +10.0 in B: unlikely to be chance (p < 0.001). The 500 respondents in both answered both times (their own change: +10.0), so the paired test decides.',
    );
    expect(prose(result.stdout)).toContain('the two-sample test on everyone gives p = 0.057, 95% interval -0.3 to +20.3.');
  });

  it('gives the same in JSON', async () => {
    const result = await run(['compare', 'fixtures/compare-a.csv', 'fixtures/compare-b.csv', '--json', '-q']);
    const json = JSON.parse(result.stdout) as {
      a: { nps: number; responses: number };
      b: { nps: number };
      difference: { difference: number; adjustedDifference: number; p: number; significant: boolean; interval: { low: number; high: number } };
    };
    expect(json.a).toMatchObject({ nps: 0, responses: 500 });
    expect(json.b.nps).toBe(10);
    expect(json.difference.difference).toBeCloseTo(10, 6);
    expect(json.difference.adjustedDifference).toBeCloseTo(9.94036, 4);
    expect(json.difference.p).toBeCloseTo(0.0569307, 6);
    expect(json.difference.interval.low).toBeCloseTo(-0.294781, 5);
    expect(json.difference.interval.high).toBeCloseTo(20.294781, 5);
    expect(json.difference.significant).toBe(false);
  });

  it('shows how respondents in both files moved, matching emails whatever their case', async () => {
    const result = await run(['compare', 'fixtures/compare-a.csv', 'fixtures/compare-b.csv', '-q']);
    expect(result.stdout).toMatch(/^promoters\s+165\s+0\s+10$/m);
    expect(result.stdout).toMatch(/^passives\s+35\s+115\s+0$/m);
    expect(result.stdout).toMatch(/^detractors\s+0\s+35\s+140$/m);
    expect(prose(result.stdout)).toContain('10 promoters became detractors; 35 detractors were won back (now passives or promoters).');
  });

  it('lists the respondents who moved to a group', async () => {
    const result = await run(['compare', 'fixtures/compare-a.csv', 'fixtures/compare-b.csv', '--moved-to', 'detractors', '-q']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('email,score,previous_category,nps_category');
    expect(lines.slice(1)).toEqual(
      Array.from({ length: 10 }, (_, index) => {
        const id = 491 + index;
        const email = id % 7 === 0 ? `USER${id}@EXAMPLE.COM` : `user${id}@example.com`;
        return `${email},2,promoters,detractors`;
      }),
    );
  });
});

describe('nps sample-size', () => {
  it('answers for a margin and for a difference, worst case and for a mix', async () => {
    const result = await run(['sample-size', '--margin', '5', '--difference', '10', '--mix', '50/30/20']);
    expect(result.code).toBe(0);
    // The figures of test/reference/sample_size.py: the smallest n whose adjusted-Wald margin is within ±5, and
    // whose power under compare's test reaches 80% (simulated there at 0.800 and 0.799).
    expect(result.stdout).toBe(
      [
        'For an NPS within ± 5 points (95% confidence):',
        '  1,533 responses in the worst case (half promoters, half detractors)',
        '  935 responses with 50% promoters, 30% passives and 20% detractors',
        'To detect a 10-point difference between two groups (95% confidence, 80% power):',
        '  1,558 responses in each group in the worst case',
        '  900 responses in each group with 50% promoters, 30% passives and 20% detractors',
        '',
      ].join('\n'),
    );
  });

  it('needs a question, and a mix that adds up', async () => {
    const none = await run(['sample-size']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('say what the sample is for');
    const bad = await run(['sample-size', '--margin', '5', '--mix', '50/30/30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--mix takes promoters/passives/detractors in percent adding up to 100');
  });
});

describe('nps compare within one input', () => {
  it('compares two values of a column, as the reference computes', async () => {
    const result = await run(['compare', 'fixtures/plans-monthly.csv', '--by', 'plan', '--values', 'free,pro', '--json', '-q']);
    const json = JSON.parse(result.stdout) as { a: { file: string; nps: number }; b: { file: string; nps: number }; difference: { difference: number; adjustedDifference: number; p: number; significant: boolean } };
    expect([json.a.file, json.a.nps, json.b.file, json.b.nps]).toEqual(['free', -25, 'pro', 40]);
    expect(json.difference.adjustedDifference).toBeCloseTo(60.4651, 3);
    expect(json.difference.p).toBeCloseTo(0.000206308, 8);
    expect(json.difference.significant).toBe(true);
  });

  it('asks for --values when the column has more than two', async () => {
    const result = await run(['compare', 'fixtures/plans-monthly.csv', '--by', 'plan']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nps: error: --by plan has 3 values (pro, free, team); choose two with --values A,B');
  });

  it('compares the last two periods, as the trend does', async () => {
    const result = await run(['compare', 'fixtures/plans-monthly.csv', '--period', 'month', '-q']);
    expect(result.stdout).toMatch(/^A\s+2026-01\s+45\s+0\.0\s+-24\.3 to \+24\.3$/m);
    expect(result.stdout).toMatch(/^B\s+2026-02\s+45\s+\+20\.0\s+-5\.3 to \+42\.8$/m);
    expect(prose(result.stdout)).toContain('NPS rose 20.0 points, from 0.0 in A to +20.0 in B, among everyone who answered (45 and 45): that could be chance (p = 0.252).');
  });
});

describe('nps sample-size --json', () => {
  it('gives the same figures as the table', async () => {
    const result = await run(['sample-size', '--margin', '5', '--difference', '10', '--mix', '50/30/20', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({
      confidence: 0.95,
      power: 0.8,
      mix: { promoters: 0.5, passives: 0.3, detractors: 0.2 },
      margin: { points: 5, responses: { worstCase: 1533, forMix: 935 } },
      difference: { points: 10, responsesPerGroup: { worstCase: 1558, forMix: 900 } },
    });
  });
});

describe('nps compare with an empty side', () => {
  it('says there is nothing to compare when one export has no scored response', async () => {
    const result = await run(['compare', 'fixtures/header-only.csv', 'fixtures/bom.csv', '-q']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^A\s+fixtures\/header-only\.csv\s+0\s+n\/a\s+n\/a$/m);
    expect(result.stdout).toContain('One of the two has no scored responses: there is nothing to compare.');
  });
});

describe('numbers and their words agree', () => {
  it('compare warns of small samples in text and JSON, and names its test', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.csv'), `score\n${'9\n'.repeat(10)}`);
    await writeFile(join(dir, 'b.csv'), `score\n${'3\n'.repeat(1000)}`);
    const text = await run(['compare', 'a.csv', 'b.csv', '-q'], { cwd: dir });
    expect(prose(text.stdout)).toContain('Warning: A has only 10 responses: at least 30 in each are needed for a difference to lean on');
    expect(prose(text.stdout)).toContain('Test: two-sample z-test on B − A, with adjusted-Wald variances (Rocks 2016).');
    const json = JSON.parse((await run(['compare', 'a.csv', 'b.csv', '--json', '-q'], { cwd: dir })).stdout) as { warnings: unknown[]; paired: unknown };
    expect(json.warnings).toEqual([
      { code: 'small-sample', message: 'A has only 10 responses: at least 30 in each are needed for a difference to lean on', side: 'A', responses: 10, minimum: 30 },
    ]);
    expect(json.paired).toBeNull();
  });

  it('compare runs a paired test on the respondents in both, and --paired compares only them', async () => {
    const both = await run(['compare', 'fixtures/compare-a.csv', 'fixtures/compare-b.csv', '--json', '-q']);
    const json = JSON.parse(both.stdout) as { paired: { respondents: number; difference: number; p: number } };
    // reference.py: the mean move of the 500 respondents, × 100, and its own variance.
    expect(json.paired.respondents).toBe(500);
    expect(json.paired.difference).toBeCloseTo(10, 9);
    expect(json.paired.p).toBeCloseTo(1.0901897e-6, 10);
    const paired = await run(['compare', 'fixtures/compare-a.csv', 'fixtures/compare-b.csv', '--paired', '-q']);
    expect(prose(paired.stdout)).toContain('NPS rose 10.0 points, from 0.0 in A to +10.0 in B: unlikely to be chance (p < 0.001).');
    expect(paired.stdout).toContain('Test: paired z-test on the 500 respondents in both');
  });

  it('compare says how far apart two periods are when they are not next to each other', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'gap.csv'), 'date,score\n2024-03-05,9\n2024-03-06,3\n2025-10-01,10\n2025-10-02,2\n');
    const result = await run(['compare', 'gap.csv', '--period', 'month', '-q'], { cwd: dir });
    expect(prose(result.stdout)).toContain('2024-03 and 2025-10 are 19 months apart: the change between them is not a change from one month to the next');
  });

  it('leaves out rolling windows with nothing in them', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'gap.csv'), 'date,score\n2026-01-05,9\n2026-06-06,3\n');
    const result = await run(['score', 'gap.csv', '--period', 'month', '--rolling', '30d', '--json', '-q'], { cwd: dir });
    const periods = (JSON.parse(result.stdout) as { periods: PeriodJson[] }).periods;
    expect(periods.map((row) => row.period)).toEqual(['2026-01', '2026-06']);
    expect(periods.every((row) => row.responses > 0)).toBe(true);
  });

  it('--no-adjust tests each group alone, and says so', async () => {
    const result = await run(['score', 'fixtures/plans-monthly.csv', '--by', 'plan', '--no-adjust', '-q']);
    expect(result.stdout).toMatch(/^pro\s+40.*higher\s+\.001$/m);
    expect(result.stdout).toContain('The 3 groups are tested each alone (--no-adjust): some may be flagged by chance.');
    const json = JSON.parse((await run(['score', 'fixtures/plans-monthly.csv', '--by', 'plan', '--no-adjust', '--json', '-q'])).stdout) as { groups: Group[] };
    expect(json.groups.every((group) => group.versusRest.pAdjusted === null)).toBe(true);
  });
});

describe('nps themes, honestly', () => {
  it('lists only words past the confidence level, and warns of themes too rarely mentioned', async () => {
    const json = JSON.parse((await run(['themes', 'fixtures/sample.csv', '--json', '-q', '--score-offset', '0'])).stdout) as {
      words: { detractors: Array<{ z: number }>; promoters: Array<{ z: number }> };
      warnings: Array<{ code: string; message: string }>;
    };
    for (const word of [...json.words.detractors, ...json.words.promoters]) expect(Math.abs(word.z)).toBeGreaterThanOrEqual(1.959);
    expect(json.warnings.some((warning) => warning.code === 'few-mentions' && warning.message.startsWith('too few respondents to lean on the impact of'))).toBe(true);
    const text = await run(['themes', 'fixtures/sample.csv', '-q', '--score-offset', '0']);
    expect(text.stdout).toContain('no word sets them apart at 95% confidence');
  });

  it('shows the raw p beside the adjusted one, and flags by the adjusted one', async () => {
    const text = (await run(['themes', 'fixtures/comments.csv', '-q', '--no-discover'])).stdout;
    expect(text).toMatch(/^price and billing\s+11\.6%\s+-56\.0\s+-5\.2\s+-50\.8\s+real \(p \.001, adj\. \.003\)$/m);
    expect(text).toContain('adj.: p adjusted for the 9 themes tested at once (Benjamini-Hochberg).');
    const alone = (await run(['themes', 'fixtures/comments.csv', '-q', '--no-adjust', '--no-discover'])).stdout;
    expect(alone).toMatch(/^price and billing\s+.*real \(p = 0\.001\)$/m);
  });
});
