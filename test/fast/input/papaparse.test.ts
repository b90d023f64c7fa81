import Papa, { type ParseStepResult } from 'papaparse';
import { describe, expect, it } from 'vitest';

/**
 * The CSV reader drives papaparse's `Papa.Parser`, which its authors mark internal,
 * one chunk at a time (src/input/csv.ts). Its version is pinned; these tests fail if
 * an upgrade changes what the reader relies on.
 */
function parseChunk(text: string, last: boolean): { rows: Array<{ cells: string[]; errors: string[]; cursor: number }>; cursor: number } {
  const rows: Array<{ cells: string[]; errors: string[]; cursor: number }> = [];
  const parser = new Papa.Parser({
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    step: (result: ParseStepResult<string[][]>) => {
      rows.push({ cells: result.data[0] ?? [], errors: result.errors.map((error) => error.code), cursor: result.meta.cursor });
    },
  });
  const result = parser.parse(text, 0, !last) as { meta: { cursor: number } };
  return { rows, cursor: result.meta.cursor };
}

describe('papaparse, as the reader drives it', () => {
  it('steps through complete rows and stops before an incomplete last one, giving its start as the cursor', () => {
    const { rows, cursor } = parseChunk('a,b\n1,"x\ny"\n2,z', false);
    expect(rows.map((row) => row.cells)).toEqual([['a', 'b'], ['1', 'x\ny']]);
    expect(cursor).toBe('a,b\n1,"x\ny"\n'.length);
  });

  it('parses the last row when told it is the last chunk', () => {
    const { rows } = parseChunk('a,b\n2,z', true);
    expect(rows.map((row) => row.cells)).toEqual([['a', 'b'], ['2', 'z']]);
  });

  it('reports a quote that is not followed by a delimiter as InvalidQuotes, and one never closed as MissingQuotes', () => {
    expect(parseChunk('a,b\n1,"x"y,2\n', true).rows[1]?.errors).toContain('InvalidQuotes');
    expect(parseChunk('a,b\n1,"x\n', true).rows[1]?.errors).toContain('MissingQuotes');
  });

  it('keeps doubled quotes and a quote inside an unquoted field as written', () => {
    const { rows } = parseChunk('a,b\n"say ""hi""",ab"c"d\n', true);
    expect(rows[1]?.cells).toEqual(['say "hi"', 'ab"c"d']);
    expect(rows[1]?.errors).toEqual([]);
  });

  it('gives the cursor after each row it steps through', () => {
    const { rows } = parseChunk('a,b\n1,2\n', true);
    expect(rows.map((row) => row.cursor)).toEqual([4, 8, 8]);
  });
});
