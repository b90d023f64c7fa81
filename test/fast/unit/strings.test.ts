import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ownCopy } from '../../../src/core/strings.js';

/** The collector, as `--expose-gc` would give it: the test weighs what stays alive. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Bytes of this thread's heap still in use after `keep` has run, its result held. */
function heldBy(keep: () => unknown[]): number {
  const gc = collector();
  gc();
  const before = getHeapStatistics().used_heap_size;
  const held = keep();
  gc();
  const after = getHeapStatistics().used_heap_size;
  expect(held.length).toBeGreaterThan(0);
  return after - before;
}

describe('ownCopy', () => {
  it('gives the same text, whatever it holds', () => {
    for (const text of ['', 'a', 'thirteen char', 'é'.repeat(40), 'Great 👍 support', 'lone \ud800 surrogate', '日本語のコメント'.repeat(5), 'x'.repeat(100_000)]) {
      expect(ownCopy(text)).toBe(text);
    }
  });

  it('keeps none of the long text a comment was cut from, which a plain slice keeps', () => {
    // 60 pieces of 256 KB each, as if the comments came from 60 chunks of a file: a slice
    // views its chunk, and 60 slices hold 15 MB; their copies hold a few kilobytes.
    const piece = (index: number): string => `${index},`.padEnd(256 * 1024, 'comment text ');
    const cut = (copy: (text: string) => string) => (): string[] => Array.from({ length: 60 }, (_, index) => copy(piece(index).slice(100, 180)));
    expect(heldBy(cut((text) => text))).toBeGreaterThan(10_000_000);
    expect(heldBy(cut(ownCopy))).toBeLessThan(1_000_000);
  });
});
