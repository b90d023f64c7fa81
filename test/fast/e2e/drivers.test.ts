import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../../helpers.js';

/**
 * The figures of the independent reference, test/reference/drivers.py (numpy least
 * squares on every subset of drivers, Shapley weights), run on fixtures/drivers-survey.csv
 * (made by test/reference/drivers_fixture.py). Pasted from its output; rerun both
 * scripts after changing either, and paste again.
 */
const REFERENCE = {
  ratings: {
    responses: 702,
    leftOut: 82,
    r2: 0.604911,
    shares: { support: 49.21, ease_of_use: 29.403, price: 11.86, reliability: 4.392, onboarding: 5.135 },
    coefficients: { support: 0.8826, ease_of_use: 0.6564, price: 0.3296, reliability: 0.1758, onboarding: 0.0829 },
  },
  withPlan: {
    responses: 702,
    leftOut: 82,
    r2: 0.619122,
    shares: { support: 48.091, ease_of_use: 29.044, price: 11.398, reliability: 4.19, onboarding: 4.95, plan: 2.327 },
    coefficients: { support: 0.8838, ease_of_use: 0.6689, price: 0.3193, reliability: 0.1653, onboarding: 0.0765 },
  },
};

interface DriversJson {
  responses: number;
  leftOut: number;
  r2: number;
  nps: number | null;
  drivers: Array<{
    column: string;
    kind: string;
    importance: number;
    interval: { low: number; high: number; level: number } | null;
    direction: string | null;
    coefficient: number | null;
    performance: { mean: number; scale: { min: number; max: number }; low: number | null; relative: number } | null;
    fixFirst: boolean;
    levels?: Array<{ level: string; responses: number; base: boolean }>;
  }>;
  dropped: Array<{ column: string; reason: string }>;
  missing: Array<{ column: string; blank: number; unreadable: number }>;
  method: { shapley: string; replicates: number; level: number; seed: number; resampled: string };
  warnings: string[];
  rows: number;
  scored: number;
}

const SURVEY = 'fixtures/drivers-survey.csv';

async function drivers(...args: string[]): Promise<DriversJson> {
  const result = await run(['drivers', ...args, '--json', '-q']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as DriversJson;
}

describe('nps drivers: agreement with the independent reference', () => {
  for (const [name, args] of [
    ['ratings', [SURVEY]],
    ['withPlan', [SURVEY, '--by', 'plan']],
  ] as const) {
    it(`${name}: every share within 0.1 points, in the same order, with the same R² and coefficients`, async () => {
      const reference = REFERENCE[name];
      const json = await drivers(...args);
      expect(json.responses).toBe(reference.responses);
      expect(json.leftOut).toBe(reference.leftOut);
      expect(json.r2).toBeCloseTo(reference.r2, 5);
      const expectedOrder = Object.entries(reference.shares)
        .sort((a, b) => b[1] - a[1])
        .map(([column]) => column);
      expect(json.drivers.map((driver) => driver.column)).toEqual(expectedOrder);
      for (const driver of json.drivers) {
        const share = reference.shares[driver.column as keyof typeof reference.shares];
        expect(Math.abs(driver.importance - share), driver.column).toBeLessThan(0.1);
        const coefficient = (reference.coefficients as Record<string, number>)[driver.column];
        if (coefficient !== undefined) expect(driver.coefficient).toBeCloseTo(coefficient, 3);
      }
    });
  }
});

describe('nps drivers: the table', () => {
  it('lists the drivers on stderr, orders them by share, marks what to fix first, fits 80 columns', async () => {
    const result = await run(['drivers', SURVEY], { env: { NO_COLOR: '1' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'nps: fixtures/drivers-survey.csv: scoring column "score", dated by "created_at"\n' +
        'nps: drivers: the rating columns "support", "ease_of_use", "price", "reliability", "onboarding" (choose others with --columns)\n',
    );
    const lines = result.stdout.split('\n');
    expect(lines.every((line) => stringWidth(line) <= 80), result.stdout).toBe(true);
    expect(result.stdout).toMatch(/^support +49\.2% +\d+\.\d–\d+\.\d +\+0\.88 +2\.7 \(1-5\) +\d+% +fix first$/m);
    expect(result.stdout).toContain('Association in this survey, not proof of cause');
    expect(result.stdout).toContain('702 scored responses have every driver; 82 left out with a blank driver');
    expect(result.stdout).toContain('(text that is no number counts as blank: price 2)');
  });

  it('shows a categorical driver level by level against its most common level', async () => {
    const result = await run(['drivers', SURVEY, '--by', 'plan', '--columns', 'support,8', '-q'], { env: { NO_COLOR: '1' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('plan: each level against "free", the most common, the other drivers held');
    expect(result.stdout).toMatch(/^free +\d+ +[-+]\d+\.\d +base$/m);
    expect(result.stdout).toMatch(/^plan +\d+\.\d% +\S+ +levels$/m);
  });

  it('names levels written in any script, in a file long enough that most rows come after its first chunk', async () => {
    // Rows after the first chunk are read as bytes (a driver's cells alone made characters): a level must read the same.
    const cities = ['Zürich', 'São Paulo', '東京', 'Łódź 🚲', 'Leeds'];
    const lines = ['id,score,support,city,comment'];
    const expected = new Map<string, number>();
    for (let row = 0; row < 4000; row += 1) {
      const city = cities[row % cities.length] ?? '';
      const support = 1 + ((row * 7) % 5);
      const score = Math.min(10, support * 2 + (row % 3) - 1);
      expected.set(city, (expected.get(city) ?? 0) + 1);
      lines.push(`${row},${score},${support},${city},"ça va, très bien — ${city}"`);
    }
    const folder = await tempDir();
    const path = join(folder, 'cities.csv');
    await writeFile(path, `${lines.join('\n')}\n`);
    const json = await drivers(path, '--columns', 'support', '--by', 'city');
    const levels = json.drivers.find((driver) => driver.column === 'city')?.levels ?? [];
    expect(new Map(levels.map((level) => [level.level, level.responses]))).toEqual(expected);
  });

  it('explains Effect, Mean and fix first only when there are ratings', async () => {
    const segments = await run(['drivers', SURVEY, '--by', 'plan,region', '-q', '--columns', 'plan']);
    expect(segments.code).toBe(0);
    expect(segments.stdout).not.toContain('Effect: points of the 0-10 answer');
    expect(segments.stdout).not.toContain('Fix first:');
    const ratings = await run(['drivers', SURVEY, '-q']);
    expect(ratings.stdout).toContain('Effect: points of the 0-10 answer per point of the rating');
  });
});

describe('nps drivers: choosing the drivers', () => {
  it('takes --columns by name or number, a text column as groups, and says which', async () => {
    const result = await run(['drivers', SURVEY, '--columns', 'support,9,region']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('nps: drivers: "support", "price", and "region" as groups\n');
    const json = await drivers(SURVEY, '--columns', 'support,9,region');
    expect(json.drivers.map((driver) => [driver.column, driver.kind]).sort()).toEqual([
      ['price', 'rating'],
      ['region', 'categorical'],
      ['support', 'rating'],
    ]);
  });

  it('refuses the score column as a driver, and an unknown column', async () => {
    const score = await run(['drivers', SURVEY, '--columns', 'support,score']);
    expect(score.code).toBe(2);
    expect(score.stderr).toContain('nps: error: "score" is the score column: the drivers are the other questions of the survey');
    const unknown = await run(['drivers', SURVEY, '--columns', 'nothing']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no column named "nothing" for --columns');
  });

  it('says what to do when a file has no rating column', async () => {
    const result = await run(['drivers', 'fixtures/sample.csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'nps: error: fixtures/sample.csv: no rating column found (whole numbers on a scale such as 1-5, 1-7 or 0-10, answered in most rows); ' +
        'name the drivers with --columns A,B,C, or segments with --by plan',
    );
  });

  it('refuses an id as a categorical driver', async () => {
    const result = await run(['drivers', SURVEY, '--by', 'email', '-q']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nps: error: "email" is the respondent column: the drivers are the other questions of the survey/);
    const ids = await run(['drivers', SURVEY, '--by', 'response_id', '-q']);
    expect(ids.code).toBe(2);
    expect(ids.stderr).toMatch(/the segment "response_id" \(\d+\+\) has more different values than a model can hold: a segment driver needs a handful of groups/);
  });
});

describe('nps drivers: figures', () => {
  it('gives the same figures for the same seed, and other intervals (the same shares) for another', async () => {
    const one = await drivers(SURVEY);
    expect(await drivers(SURVEY, '--seed', '1')).toEqual(one);
    const other = await drivers(SURVEY, '--seed', '7');
    expect(other.method.seed).toBe(7);
    expect(other.drivers.map((driver) => driver.importance)).toEqual(one.drivers.map((driver) => driver.importance));
    expect(other.drivers.map((driver) => driver.interval)).not.toEqual(one.drivers.map((driver) => driver.interval));
  });

  it('gives intervals at the confidence asked, and the JSON contract', async () => {
    const json = await drivers(SURVEY, '--confidence', '0.90');
    expect(json.method).toMatchObject({ shapley: 'exact', replicates: 1000, level: 0.9, resampled: 'rows' });
    const [first] = json.drivers;
    expect(first).toMatchObject({ column: 'support', kind: 'rating', direction: 'positive', fixFirst: true });
    expect(first?.interval?.level).toBe(0.9);
    expect(first?.performance?.scale).toEqual({ min: 1, max: 5 });
    expect(json.drivers.find((driver) => driver.column === 'onboarding')?.performance?.scale).toEqual({ min: 1, max: 7 });
    expect(json.drivers.reduce((sum, driver) => sum + driver.importance, 0)).toBeCloseTo(100, 9);
    expect(json.rows).toBe(800);
    expect(json.scored).toBe(784);
    expect(json.missing.find((one) => one.column === 'price')).toEqual({ column: 'price', blank: 22, unreadable: 2 });
    expect(json.warnings).toEqual([]);
  });
});

describe('nps drivers: through the one read pipeline', () => {
  it('reads standard input, several files together, and applies --since', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(SURVEY, 'utf8');
    const piped = await run(['drivers', '-', '--json', '-q'], { stdin: text });
    expect(JSON.parse(piped.stdout)).toEqual(await drivers(SURVEY));
    const twice = await drivers(SURVEY, SURVEY);
    expect(twice.responses).toBe(2 * REFERENCE.ratings.responses);
    expect(twice.drivers.map((driver) => driver.importance.toFixed(6))).toEqual((await drivers(SURVEY)).drivers.map((driver) => driver.importance.toFixed(6)));
    const since = await drivers(SURVEY, '--since', '2026-05-01');
    expect(since.responses).toBeLessThan(REFERENCE.ratings.responses);
    expect(since.rows).toBe(800);
  });

  it('counts one response per respondent with --dedupe', async () => {
    const dir = await tempDir();
    const rows = ['email,date,score,support,price'];
    for (let index = 0; index < 60; index += 1) rows.push(`u${index % 20}@example.com,2026-01-${String(1 + (index % 28)).padStart(2, '0')},${index % 11},${1 + (index % 5)},${1 + ((index * 3) % 5)}`);
    const path = join(dir, 'repeats.csv');
    await writeFile(path, `${rows.join('\n')}\n`);
    const result = await run(['drivers', path, '--dedupe', 'latest', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as DriversJson).responses).toBe(20);
    expect(result.stderr).toContain('40 repeated responses left out: --dedupe counts one per respondent');
  });

  it('gives the same result read by two threads as by one', async () => {
    const dir = await tempDir();
    const { readFile } = await import('node:fs/promises');
    const [header, ...data] = (await readFile(SURVEY, 'utf8')).trimEnd().split('\n');
    // Large enough to be cut in two (the reader reads 64 KiB ahead), with every line in a different place.
    const copies = Array.from({ length: 4 }, () => data.join('\n'));
    const path = join(dir, 'large.csv');
    await writeFile(path, `${header}\n${copies.join('\n')}\n`);
    const one = await run(['drivers', path, '--json'], { env: { NPS_THREADS: '1' } });
    const two = await run(['drivers', path, '--json'], { env: { NPS_THREADS: '2', NPS_PARALLEL_MIN_BYTES: '0' } });
    expect(one.code).toBe(0);
    expect(two).toEqual(one);
    expect((JSON.parse(one.stdout) as DriversJson).method.resampled).toBe('groups');
  });

  it('warns about few responses, correlated and constant drivers', async () => {
    const dir = await tempDir();
    const rows = ['score,a,near_a,same'];
    for (let index = 0; index < 24; index += 1) {
      const a = 1 + (index % 5);
      rows.push(`${Math.min(10, 2 * a + (index % 3))},${a},${index % 12 === 0 ? 1 + ((a + 2) % 5) : a},4`);
    }
    const path = join(dir, 'small.csv');
    await writeFile(path, `${rows.join('\n')}\n`);
    const result = await run(['drivers', path, '--columns', 'a,near_a,same'], { env: { NO_COLOR: '1' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Warning: "same" is the same in every complete response (4): dropped, share 0');
    expect(result.stdout).toMatch(/Warning: "a" and "near_a" correlate at 0\.\d\d/);
    expect(result.stdout).toContain('Warning: only 24 complete responses for 3 drivers');
    expect(result.stdout).toMatch(/^same +0\.0% +none +constant$/m);
  });

  it('gives no interval on responses too few to resample, in 80 columns, and the report says so', async () => {
    // Ten responses, three ratings, five answers given twice: about half the samples hold four or fewer different ones.
    const dir = await tempDir();
    const answers = ['9,5,4,5', '3,1,2,1', '7,3,3,4', '10,5,5,5', '6,2,3,2'];
    await writeFile(join(dir, 'tiny.csv'), `score,a,b,c\n${[...answers, ...answers].join('\n')}\n`);
    const result = await run(['drivers', 'tiny.csv'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Warning: no interval: 10 complete responses are too few to resample\. In\s+\d+%/);
    expect(result.stdout).toContain('95% int.: none (see the warning above)');
    expect(result.stdout.split('\n').every((line) => stringWidth(line) <= 80), result.stdout).toBe(true);
    const json = JSON.parse((await run(['drivers', 'tiny.csv', '--json'], { cwd: dir })).stdout) as DriversJson;
    expect(json.method.replicates).toBe(0);
    expect(json.drivers.every((driver) => driver.interval === null)).toBe(true);
    const report = await run(['report', 'tiny.csv', '--out', 'r.html', '-q'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const html = await readFile(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('No intervals (see above)');
    expect(html).not.toContain('Lines are 95% intervals');
  });
});
