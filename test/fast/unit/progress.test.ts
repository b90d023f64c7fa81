import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Progress, PROGRESS_MIN_BYTES, renderProgress, wantsProgress } from '../../../src/output/write/progress.js';

describe('wantsProgress', () => {
  const big = PROGRESS_MIN_BYTES + 1;
  it('shows a bar only for a large file read at a terminal, without --quiet', () => {
    expect(wantsProgress(big, { isTTY: true }, false)).toBe(true);
    expect(wantsProgress(big, { isTTY: false }, false)).toBe(false);
    expect(wantsProgress(big, {}, false)).toBe(false);
    expect(wantsProgress(big, { isTTY: true }, true)).toBe(false);
    expect(wantsProgress(PROGRESS_MIN_BYTES, { isTTY: true }, false)).toBe(false);
    expect(wantsProgress(undefined, { isTTY: true }, false)).toBe(false);
  });
});

describe('renderProgress', () => {
  it('shows the share read, megabytes, rows, rate and time left', () => {
    // A quarter of 200 MB in 10 s: 30 s to go.
    expect(renderProgress(50e6, 200e6, 400_000, 10)).toBe(
      '[######..................] 25% 50/200 MB, 400,000 rows, 40,000 rows/s, 30s left',
    );
    expect(renderProgress(100e6, 100e6, 1_000_000, 125)).toBe(
      '[########################] 100% 100/100 MB, 1,000,000 rows, 8,000 rows/s, 0s left',
    );
    expect(renderProgress(1e6, 100e6, 10, 2)).toContain('3m18s left');
  });
});

describe('Progress', () => {
  it('erases its line when done, and writes nothing when it never drew', () => {
    const drawn = new PassThrough();
    const chunks: string[] = [];
    drawn.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const progress = new Progress(drawn, 100e6);
    progress.update(50e6, 10);
    progress.done();
    expect(chunks.join('')).toMatch(/^\r\[#{12}\.{12}\] 50% .*\u001b\[K\r\u001b\[K$/);

    const silent = new PassThrough();
    const none: string[] = [];
    silent.on('data', (chunk: Buffer) => none.push(chunk.toString()));
    new Progress(silent, 100e6).done();
    expect(none).toEqual([]);
  });
});
