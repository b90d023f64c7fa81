import { Command } from 'commander';
import { EXIT, type ExitCode } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { FORMATS } from '../input/formats.js';
import { ScoreReader, type ScoreCell } from '../input/score-cell.js';
import { renderColumnsJson, renderColumnsTable, type ColumnReport, type ScoreValue } from '../output/columns.js';
import { openResponses } from '../input/responses.js';
import { addInputOptions, checkInputNames, describeInput, type InputOptions, type OpenedInput } from './inputs.js';

export interface ColumnsOptions extends InputOptions {
  json?: boolean;
}

/** Distinct score cells shown before the rest are only counted. */
const VALUES_SHOWN = 40;

function readAs(cell: ScoreCell): string {
  if (cell.kind === 'score') return `score ${cell.value}`;
  if (cell.kind === 'blank') return 'blank (unanswered)';
  return `rejected: ${cell.reason}`;
}

/** Counts every distinct cell of the score column, as written, with how `nps` reads it. */
async function scoreValues(opened: OpenedInput, options: ColumnsOptions): Promise<{ values: ScoreValue[]; others: number }> {
  const counts = new Map<string, number>();
  const index = opened.choice.columns.score;
  await opened.reader.forEachRow((cells) => {
    const raw = cells[index] ?? '';
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
  });
  const scores = new ScoreReader(options.scoreOffset ?? 0);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const values = sorted.slice(0, VALUES_SHOWN).map(([value, count]) => ({ value, count, readAs: readAs(scores.read(value)) }));
  const others = sorted.slice(VALUES_SHOWN).reduce((sum, [, count]) => sum + count, 0);
  return { values, others };
}

function column(opened: OpenedInput, index: number | undefined): ColumnReport['columns']['score'] | null {
  if (index === undefined) return null;
  const header = opened.reader.header[index] ?? '';
  const text = opened.layout.texts[index] ?? header;
  return { number: index + 1, header, ...(text !== header && { text }) };
}

export async function describeFile(file: string, options: ColumnsOptions, io: Io): Promise<ColumnReport> {
  const opened = await openResponses(file, io.cwd, io.stdin, options);
  const { reader, layout, choice } = opened;
  const { partial } = layout;
  const report: Omit<ColumnReport, 'scoreValues' | 'otherValues'> = {
    file: reader.name,
    format: layout.format,
    formatName: FORMATS[layout.format],
    headerRows: layout.headerRows,
    encoding: reader.encoding,
    delimiter: reader.delimiter,
    columns: {
      score: column(opened, choice.columns.score) ?? { number: 0, header: '' },
      respondent: column(opened, choice.columns.respondent),
      comment: column(opened, choice.columns.comment),
      date: column(opened, choice.columns.date),
      partial: partial ? { number: partial.index + 1, header: partial.header, rule: partial.rule } : null,
    },
    scoreCandidates: choice.scoreCandidates.map((index) => ({ number: index + 1, header: reader.header[index] ?? '' })),
    summary: describeInput(opened),
  };
  const { values, others } = await scoreValues(opened, options);
  return { ...report, scoreValues: values, otherValues: others };
}

export async function runColumns(files: string[], options: ColumnsOptions, io: Io): Promise<ExitCode> {
  checkInputNames(files);
  const reports: ColumnReport[] = [];
  for (const file of files) reports.push(await describeFile(file, options, io));
  const rendered =
    options.json === true ? renderColumnsJson(reports) : renderColumnsTable(reports, { color: wantsColor(io.stdout, io.env) });
  await writeAll(io.stdout, rendered);
  return EXIT.ok;
}

export function columnsCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('columns')
    .description('show what nps understands of a file: its format, encoding and delimiter, the columns it uses, and every value of the score column')
    .argument('<file...>', 'CSV files to describe; "-" reads standard input')
    .option('--json', 'print a JSON array, one object per file');
  return addInputOptions(command).action(async (files: string[], options: ColumnsOptions) => {
    done(await runColumns(files, options, io));
  });
}
