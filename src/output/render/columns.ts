import { Chalk } from 'chalk';
import { ENCODINGS } from '../../input/encoding.js';
import type { ColumnInfo, ColumnReport } from '../../input/describe.js';
import { plainTable } from './plain-table.js';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function renderColumnsJson(reports: ColumnReport[]): string {
  return `${JSON.stringify(reports, null, 2)}\n`;
}

function describeColumn(info: ColumnInfo | null): string {
  if (info === null) return 'none found';
  const text = info.text === undefined ? '' : `: ${info.text.slice(info.header.length).trim()}`;
  return `column ${info.number}, ${JSON.stringify(info.header)}${text}`;
}

function renderOne(report: ColumnReport, chalk: InstanceType<typeof Chalk>): string {
  const { columns } = report;
  const facts = plainTable([], [false, false]);
  const others = report.scoreCandidates.filter((candidate) => candidate.number !== columns.score.number);
  facts.push(
    ['Format', `${report.formatName}${report.headerRows > 1 ? ` (${report.headerRows} header rows)` : ''}`],
    ['Encoding', ENCODINGS[report.encoding]],
    ['Delimiter', DELIMITER_NAMES[report.delimiter] ?? JSON.stringify(report.delimiter)],
    ['Score', describeColumn(columns.score)],
    ...(others.length > 0 ? [['', `(also possible: ${others.map((other) => `${other.number} ${JSON.stringify(other.header)}`).join(', ')})`]] : []),
    ['Respondent', describeColumn(columns.respondent)],
    ['Comment', describeColumn(columns.comment)],
    ['Date', describeColumn(columns.date)],
    ['Partial', columns.partial === null ? 'no partial-response column' : `${describeColumn(columns.partial)} (partial when ${columns.partial.rule})`],
  );
  const values = plainTable([chalk.bold('Score cell'), chalk.bold('Rows'), chalk.bold('Read as')], [false, true, false]);
  for (const value of report.scoreValues) values.push([value.value === '' ? '(empty)' : JSON.stringify(value.value), value.count, value.readAs]);
  const more = report.otherValues > 0 ? `\n... and ${report.otherValues} rows with other values` : '';
  return `${chalk.bold(report.file)}\n${facts.toString()}\n\n${values.toString()}${more}`;
}

export function renderColumnsTable(reports: ColumnReport[], options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  return `${reports.map((report) => renderOne(report, chalk)).join('\n\n').replace(/ +$/gm, '')}\n`;
}
