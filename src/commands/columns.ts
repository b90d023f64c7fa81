import { defineCommand } from '../cli/command.js';
import { SUCCESS, type Outcome } from '../cli/exit-code.js';
import { inputOptions, jsonOption, type RawInputOptions } from '../cli/options.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { describeFile, type ColumnReport } from '../input/describe.js';
import { checkInputNames } from '../input/responses.js';

export interface ColumnsOptions extends RawInputOptions {
  json?: boolean;
}

export async function runColumns(files: string[], options: ColumnsOptions, io: Io): Promise<Outcome> {
  checkInputNames(files);
  const reports: ColumnReport[] = [];
  for (const file of files) reports.push(await describeFile(file, options, io));
  const { renderColumnsJson, renderColumnsTable } = await import('../output/render/columns.js');
  const rendered = options.json === true ? renderColumnsJson(reports) : renderColumnsTable(reports, { color: wantsColor(io.stdout, io) });
  await writeAll(io.stdout, rendered);
  return SUCCESS;
}

export const columnsCommand = defineCommand<ColumnsOptions>({
  name: 'columns',
  description:
    'show what nps understands of a file: its format, encoding and delimiter, the columns it uses, and every value of the score column',
  argument: { name: '<file...>', description: 'CSV files or Excel workbooks (.xlsx) to describe; "-" reads standard input' },
  options: [jsonOption('print a JSON array, one object per file'), ...inputOptions()],
  examples: [
    ['nps columns fixtures/surveymonkey.csv', 'the export format, the columns nps will use, and how each score cell is read'],
    ['nps columns fixtures/qualtrics.csv --json', 'the same as JSON'],
    ['nps columns fixtures/excel-sheets.xlsx --sheet 3', 'an Excel workbook: its sheets, the one read, and its columns'],
  ],
  run: runColumns,
});
