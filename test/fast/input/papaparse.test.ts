import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

/**
 * The CSV scanner hands papaparse's `Papa.Parser`, which its authors mark internal,
 * each record whose quotes are not well formed, one at a time (src/input/csv-scanner.ts).
 * Its version is pinned; these tests fail if an upgrade changes what the scanner relies on.
 */
function firstRecord(text: string, last: boolean): { cells: string[] | undefined; errors: string[]; cursor: number } {
  const parser = new Papa.Parser({ delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', preview: 1, fastMode: false });
  const result = parser.parse(text, 0, !last) as { data: string[][]; errors: Array<{ code: string }>; meta: { cursor: number } };
  return { cells: result.data[0], errors: result.errors.map((error) => error.code), cursor: result.meta.cursor };
}

describe('papaparse, as the scanner drives it', () => {
  it('reads one record only, and gives where it ends as the cursor', () => {
    expect(firstRecord('1,"x"y",2\n3,4\n', false)).toEqual({ cells: ['1', 'x"y', '2'], errors: ['InvalidQuotes'], cursor: 10 });
    const record = firstRecord('"a" ,b\n3,4\n', false);
    expect(record.cells).toEqual(['a', 'b']);
    expect(record.cursor).toBe('"a" ,b\n'.length);
  });

  it('gives no record when it may go on past the text, unless the text is the last', () => {
    expect(firstRecord('1,"x"y,2', false).cells).toBeUndefined();
    expect(firstRecord('1,"x', false).cells).toBeUndefined();
    expect(firstRecord('1,"x', true).cells).toEqual(['1', 'x']);
  });

  it('reports a quote that is not followed by a delimiter as InvalidQuotes, and one never closed as MissingQuotes', () => {
    expect(firstRecord('1,"x"y,2\n', true).errors).toContain('InvalidQuotes');
    expect(firstRecord('1,"x\n', true).errors).toContain('MissingQuotes');
  });

  it('takes spaces between a closing quote and the delimiter as no part of the field, without an error', () => {
    expect(firstRecord('"a"  ,"b" \n', true)).toEqual({ cells: ['a', 'b'], errors: [], cursor: 11 });
  });
});
