import { describe, expect, it } from 'vitest';
import { readSpecOf } from '../../../src/commands/shared/options.js';
import { opensAsTask } from '../../../src/input/parallel.js';
import type { ReadSpec } from '../../../src/input/responses.js';

/**
 * A thread started ahead opens the input with the spec it was started with; the part it is then sent is read from
 * that opening only when the task's spec differs in nothing opening looks at. Otherwise it opens the input again.
 */
describe('opensAsTask', () => {
  const spec: ReadSpec = readSpecOf({}, { dates: true, comments: true, respondents: false, lines: true }, () => 0);
  const head = { file: '/data/export.csv', cwd: '/data', spec };
  const part = { index: 1, start: 100, end: 200, firstLine: 7, isLast: true };

  it('takes what was opened ahead for the same input and spec, whatever the part and the cells read', () => {
    expect(opensAsTask(head, { ...head })).toBe(true);
    expect(opensAsTask(head, { ...head, spec: { ...spec, part, cellsRead: [2, 5] } })).toBe(true);
  });

  it('opens again for another file, folder or spec', () => {
    expect(opensAsTask(head, { ...head, file: '/data/other.csv' })).toBe(false);
    expect(opensAsTask(head, { ...head, cwd: '/elsewhere' })).toBe(false);
    expect(opensAsTask(head, { ...head, spec: { ...spec, where: [{ column: 'plan', equals: true, value: 'pro' }] } })).toBe(false);
    expect(opensAsTask(head, { ...head, spec: { ...spec, columns: { ...spec.columns, scoreColumn: 'rating' } } })).toBe(false);
    expect(opensAsTask(head, { ...head, spec: { ...spec, needs: { ...spec.needs, respondents: true } } })).toBe(false);
  });
});
