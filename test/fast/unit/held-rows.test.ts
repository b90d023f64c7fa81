import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compareKeys, HeldInMemory } from '../../../src/core/followup.js';
import { seededRandom } from '../../../src/core/random.js';
import { HeldOnDisk } from '../../../src/output/write/held-rows.js';
import { run, tempDir } from '../../helpers.js';

describe('held rows spilled to disk', () => {
  it('give the same order as held in memory, and leave no scratch file', async () => {
    const dir = await tempDir();
    const random = seededRandom(7);
    // A budget of 2 KB makes dozens of runs out of 600 rows.
    const disk = new HeldOnDisk(dir, 2_000);
    const memory = new HeldInMemory<string>();
    for (let order = 0; order < 600; order += 1) {
      const category = (['promoters', 'detractors'] as const)[order % 2] ?? 'promoters';
      const key = [Math.floor(random() * 4), Math.floor(random() * 7), random() < 0.2 ? Infinity : -Math.floor(random() * 1e12), order];
      // Payloads with line breaks, quotes, accents and emoji, as CSV lines hold them.
      const payload = `${order},"é ""q""\n😀 line",x${'y'.repeat(order % 50)}\n`;
      disk.hold(category, key, payload);
      memory.hold(category, key, payload);
    }
    expect(disk.spilled).toBeGreaterThan(10);
    for (const category of ['promoters', 'detractors'] as const) {
      expect([...disk.ordered(category)]).toEqual(memory.ordered(category));
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its runs when a run stops before reading them', async () => {
    const dir = await tempDir();
    const disk = new HeldOnDisk(dir, 100);
    for (let order = 0; order < 50; order += 1) disk.hold('promoters', [order], `row ${order}\n`);
    expect((await readdir(dir)).length).toBeGreaterThan(0);
    disk.discard();
    expect(await readdir(dir)).toEqual([]);
  });

  it('orders keys number by number, Infinity last', () => {
    expect([[1, Infinity], [1, -5], [0, 9]].sort(compareKeys)).toEqual([[0, 9], [1, -5], [1, Infinity]]);
  });
});

describe('nps segment with little memory', () => {
  it('writes the same lists when held rows spill to disk', async () => {
    const args = ['segment', 'fixtures/report-sample.csv', '-c', 'detractors', '-q', '--today', '2025-06-01'];
    const inMemory = await run(args);
    const spilled = await run(args, { env: { NPS_HELD_MB: '0.001' } });
    expect(spilled.code).toBe(0);
    expect(spilled.stdout).toBe(inMemory.stdout);
    expect(inMemory.stdout.split('\n').length).toBeGreaterThan(20);
  });
});
