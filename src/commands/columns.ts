import type { ColumnReport } from '../core/columns-report.js';
import { describeFile } from '../input/describe.js';
import { checkInputNames } from '../input/responses.js';
import type { Io } from '../io.js';
import { defineCommand, type Ran } from './shared/definition.js';
import { inputOptions, jsonOption, type RawInputOptions } from './shared/options.js';
import { SUCCESS } from './shared/outcome.js';

export interface ColumnsOptions extends RawInputOptions {
  json?: boolean;
}

export async function runColumns(files: string[], options: ColumnsOptions, io: Io): Promise<Ran<ColumnReport[]>> {
  checkInputNames(files);
  const reports: ColumnReport[] = [];
  for (const file of files) reports.push(await describeFile(file, options, io));
  return { outcome: SUCCESS, model: reports };
}

export const columnsCommand = defineCommand<ColumnsOptions, ColumnReport[]>({
  name: 'columns',
  description:
    'show what nps understands of a file: its format, encoding and delimiter, the columns it uses, and every value of the score column',
  argument: { name: '<file...>', description: 'CSV files, Excel workbooks (.xlsx) or Parquet files to describe; "-" reads standard input' },
  options: [jsonOption('print a JSON array, one object per file'), ...inputOptions()],
  examples: [
    ['nps columns fixtures/surveymonkey.csv', 'the export format, the columns nps will use, and how each score cell is read'],
    ['nps columns fixtures/qualtrics.csv --json', 'the same as JSON'],
    ['nps columns fixtures/excel-sheets.xlsx --sheet 3', 'an Excel workbook: its sheets, the one read, and its columns'],
  ],
  renderers: {
    json: async () => (await import('../output/render/columns.js')).renderColumnsJson,
    table: async () => (await import('../output/render/columns.js')).renderColumnsTable,
  },
  run: runColumns,
});
