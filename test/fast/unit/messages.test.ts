import { Writable } from 'node:stream';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { Messages } from '../../../src/output/write/messages.js';

/** A stderr that keeps what is written, a terminal of `columns` or a pipe. */
function stderrOf(terminal: { columns?: number } | undefined): { stream: Writable & { isTTY?: boolean; columns?: number }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  if (terminal !== undefined) {
    stream.isTTY = true;
    stream.columns = terminal.columns;
  }
  return { stream, text: () => chunks.join('') };
}

const LONG =
  'revenue at risk (ARR, each account once, by "Company"): 11,514,540 with detractors (77 accounts), 4,208,760 with passives (39), of 16,881,120 that answered';

describe('messages on stderr', () => {
  it('are wrapped to a terminal\'s width, under the text after "nps: "', () => {
    const { stream, text } = stderrOf({ columns: 60 });
    new Messages(stream, false).info(LONG);
    const lines = text().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((line) => stringWidth(line) <= 60)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith('     ') && !line.startsWith('      '))).toBe(true);
    expect(lines.map((line) => line.trim()).join(' ')).toBe(`nps: ${LONG}`);
  });

  it('take 80 columns at a terminal that does not say its width', () => {
    const { stream, text } = stderrOf({});
    new Messages(stream, false).warn(LONG);
    expect(text().split('\n').every((line) => stringWidth(line) <= 80)).toBe(true);
  });

  it('stay one line each in a pipe or a log, for scripts that read them', () => {
    const { stream, text } = stderrOf(undefined);
    new Messages(stream, false).info(LONG);
    expect(text()).toBe(`nps: ${LONG}\n`);
  });
});
