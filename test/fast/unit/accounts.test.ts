import { describe, expect, it } from 'vitest';
import { readAmount } from '../../../src/core/money.js';
import { accountLevel, clustered, emptyClusterCounts, addToCluster } from '../../../src/core/accounts.js';
import { addWeight, emptyWeightSums, weightedScore } from '../../../src/core/weights.js';
import { formatAmount } from '../../../src/output/render/accounts-table.js';

describe('amounts as exports write them', () => {
  it.each([
    ['$13,290', 13290],
    ['$13,290.00', 13290],
    ['13.290,00 €', 13290],
    ['13 290,00 €', 13290],
    ['13\u00a0290,00', 13290],
    ["13'290.50", 13290.5],
    ['13290', 13290],
    ['USD 1,107.50', 1107.5],
    ['1,107.50 EUR', 1107.5],
    ['€1.107,50', 1107.5],
    ['1290,5', 1290.5],
    ['0,500', 0.5],
    ['1.5', 1.5],
    ['1,234,567.89', 1234567.89],
    ['1.234.567', 1234567],
    ['0', 0],
  ])('reads %j as %d', (text, value) => {
    expect(readAmount(text)).toEqual({ kind: 'amount', value });
  });

  it.each([
    ['', 'blank'],
    ['  ', 'blank'],
    ['n/a', 'blank'],
    ['-1,200.00', 'negative'],
    ['(1,200)', 'negative'],
    ['TBD', 'not an amount'],
    ['1,23,456', 'not an amount'],
    ['12,34.5', 'not an amount'],
    ['1.2.3', 'not an amount'],
    ['12 seats', 'not an amount'],
  ])('refuses %j: %s', (text, reason) => {
    expect(readAmount(text)).toEqual({ kind: 'problem', reason });
  });
});

describe('amounts as nps writes them', () => {
  it.each([
    [959545, '959,545'],
    [350567.5, '350,567.50'],
    [0.1 + 0.2, '0.30'],
    [959545.0000000001, '959,545'],
    [-0, '0'],
  ])('writes %d as %j', (value, text) => {
    expect(formatAmount(value)).toBe(text);
  });
});

describe('accounts and weights on small cases worked by hand', () => {
  it('takes the mean of the account means, and its spread over the accounts', () => {
    const clusters = emptyClusterCounts();
    // Account a: +100, +100 (mean 100); b: -100 (mean -100); c: 0, +100 (mean 50).
    for (const [account, category] of [['a', 'promoters'], ['a', 'promoters'], ['b', 'detractors'], ['c', 'passives'], ['c', 'promoters']] as const) addToCluster(clusters, account, category);
    const level = accountLevel(clusters, 0.95);
    expect(level?.count).toBe(3);
    expect(level?.nps).toBeCloseTo(50 / 3, 12);
    // sd of (100, -100, 50) with n − 1 = sqrt(((250/3)² + (350/3)² + (100/3)²) / 2); SE = sd / √3.
    const sd = Math.sqrt(((250 / 3) ** 2 + (350 / 3) ** 2 + (100 / 3) ** 2) / 2);
    expect(level?.interval?.standardError).toBeCloseTo(sd / Math.sqrt(3), 10);
  });

  it('gives the cluster-robust variance with the k/(k − 1) factor, and one cluster per response without an account', () => {
    const clusters = emptyClusterCounts();
    for (const [account, category] of [['a', 'promoters'], ['a', 'promoters'], ['b', 'detractors'], ['', 'passives']] as const) addToCluster(clusters, account, category);
    // x = 100, 100, -100, 0; mean 25; cluster sums of deviations: a 150, b -125, the lone passive -25.
    const result = clustered(clusters, 0.95);
    const variance = (3 / 2) * (150 ** 2 + 125 ** 2 + 25 ** 2) / 16;
    expect(result?.interval.standardError).toBeCloseTo(Math.sqrt(variance), 10);
    expect(result?.clusters).toBe(3);
    expect(result?.designEffect).toBeCloseTo(variance / ((75 ** 2 * 2 + 125 ** 2 + 25 ** 2) / 16), 10);
  });

  it('weights by Σw·x / Σw, with the linearisation SE and Kish\'s effective n', () => {
    const sums = emptyWeightSums();
    addWeight(sums, 'promoters', 3);
    addWeight(sums, 'detractors', 1);
    addWeight(sums, 'passives', 1);
    const result = weightedScore(sums, 0.95);
    // NPSw = (300 − 100) / 5 = 40; Σw²(x − 40)² = 9·60² + 1·140² + 1·40² = 53,600; SE = √53,600 / 5.
    expect(result?.nps).toBeCloseTo(40, 12);
    expect(result?.interval.standardError).toBeCloseTo(Math.sqrt(53_600) / 5, 10);
    expect(result?.effectiveN).toBeCloseTo(25 / 11, 12);
  });
});
