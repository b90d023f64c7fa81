import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openSource } from '../../../src/input/source.js';
import { tempDir } from '../../helpers.js';

describe('a file read as a source', () => {
  it('is closed once: closing it after its last chunk leaves alone a file opened since under the same number', async () => {
    const folder = await tempDir();
    writeFileSync(join(folder, 'a.csv'), 'score\n9\n');
    writeFileSync(join(folder, 'b.csv'), 'other file\n');
    const source = openSource('a.csv', folder, () => new PassThrough());
    const chunks: Buffer[] = [];
    for await (const chunk of source.chunks) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('score\n9\n');
    // The read closed the file; the next one opened takes the lowest free number, the one a.csv had.
    const other = openSync(join(folder, 'b.csv'), 'r');
    try {
      source.close();
      const buffer = Buffer.alloc(10);
      expect(readSync(other, buffer, 0, 10, 0)).toBe(10);
      expect(buffer.toString()).toBe('other file');
    } finally {
      closeSync(other);
    }
  });
});
