import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { whenWritten } from '../../../src/cli/main.js';

/** A stream whose reader takes `delay` ms over each write, as a pipe to a slow reader does. */
function slowStream(delay: number): { stream: Writable; received: string[] } {
  const received: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      setTimeout(() => {
        received.push(chunk.toString());
        done();
      }, delay);
    },
  });
  return { stream, received };
}

describe('whenWritten', () => {
  it('waits until a slow reader has taken every write, on each stream', async () => {
    const out = slowStream(30);
    const err = slowStream(5);
    out.stream.write('first line\n');
    out.stream.write('last line\n');
    err.stream.write('nps: a message\n');
    await whenWritten([out.stream, err.stream]);
    expect(out.received.join('')).toBe('first line\nlast line\n');
    expect(err.received.join('')).toBe('nps: a message\n');
  });

  it('reports, before it resolves, an error of the last write', async () => {
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('no space left'), { code: 'ENOSPC' }));
      },
    });
    const errors: string[] = [];
    stream.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? ''));
    stream.write('a result\n');
    await whenWritten([stream]);
    expect(errors).toEqual(['ENOSPC']);
  });
});
