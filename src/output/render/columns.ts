import { Chalk } from 'chalk';
import { ENCODINGS, type ColumnInfo, type ColumnReport } from '../../core/columns-report.js';
import { visible } from './format.js';
import { plainTable } from './plain-table.js';
import { clipList, quote } from '../../core/clip.js';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function renderColumnsJson(reports: ColumnReport[]): string {
  return `${JSON.stringify(reports, null, 2)}\n`;
}

function describeColumn(info: ColumnInfo | null): string {
  if (info === null) return 'none found';
  const text = info.text === undefined ? '' : `: ${info.text.slice(info.header.length).trim()}`;
  return `column ${info.number}, ${JSON.stringify(visible(info.header))}${visible(text)}`;
}

/** A header shown in the list of every column: whole up to a point, so that the table fits a terminal. */
const HEADER_CHARS = 30;
const EXAMPLES_CHARS = 30;
const cut = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

function everyColumn(report: ColumnReport, chalk: InstanceType<typeof Chalk>): string {
  const table = plainTable([chalk.bold('No'), chalk.bold('Column'), chalk.bold('Role or content'), chalk.bold('Examples')], [true, false, false, false]);
  for (const column of report.all) {
    const role = column.scoreCandidate && column.role !== 'score' ? `${column.role.replace(/ \(.*\)$/, '')}, maybe the score` : column.role;
    table.push([column.number, visible(cut(column.header, HEADER_CHARS)), role, visible(cut(column.examples.map((example) => JSON.stringify(example)).join(', '), EXAMPLES_CHARS))]);
  }
  return table.toString();
}

const SHEET_KINDS = { worksheet: '', chart: ' (a chart)', other: ' (not cells)' } as const;

/** A CSV file's encoding and delimiter; a workbook's sheet, and the others it has. */
function fileRows(report: ColumnReport): string[][] {
  const { workbook, encoding, delimiter } = report;
  if (workbook === null) {
    return [
      ['Encoding', encoding === null ? '' : ENCODINGS[encoding]],
      ['Delimiter', delimiter === null ? '' : (DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter))],
    ];
  }
  const { sheet, sheets } = workbook;
  const rows = [['Sheet', `${sheet.number} ${quote(visible(sheet.name))}${sheets.length > 1 ? ` (of ${sheets.length}; --sheet chooses)` : ''}`]];
  if (sheets.length > 1) {
    const list = sheets.map((one) => `${one.number} ${quote(visible(one.name))}${one.hidden ? ' (hidden)' : ''}${SHEET_KINDS[one.kind]}`);
    rows.push(['Sheets', clipList(list)]);
  }
  return rows;
}

function renderOne(report: ColumnReport, chalk: InstanceType<typeof Chalk>): string {
  const { columns } = report;
  const facts = plainTable([], [false, false]);
  const others = report.scoreCandidates.filter((candidate) => candidate.number !== columns.score?.number);
  const comments = columns.comments.length > 1 ? columns.comments.map((comment) => describeColumn(comment)).join(' and ') : describeColumn(columns.comment);
  facts.push(
    ['Format', `${report.formatName}${report.workbook === null ? '' : ', in an Excel workbook'}${report.headerRows > 1 ? ` (${report.headerRows} header rows)` : ''}`],
    ...fileRows(report),
    ['Score', columns.score === null ? 'none chosen: see below' : describeColumn(columns.score)],
    ...(others.length > 0 && columns.score !== null ? [['', `(also possible: ${others.map((other) => `${other.number} ${JSON.stringify(visible(other.header))}`).join(', ')})`]] : []),
    ['Respondent', describeColumn(columns.respondent)],
    ['Comment', comments],
    ['Date', describeColumn(columns.date)],
    ['Partial', columns.partial === null ? 'no partial-response column' : `${describeColumn(columns.partial)} (partial when ${columns.partial.rule})`],
  );
  const sections = [`${chalk.bold(visible(report.file))}\n${facts.toString()}`];
  if (report.scoreProblem !== null) {
    const example = report.scoreCandidates[0]?.number ?? report.all.find((column) => column.role.startsWith('numbers'))?.number ?? 1;
    sections.push(
      `${chalk.bold('No score column was chosen')}: ${visible(report.scoreProblem)}.\n` +
        `Choose it by the number below, for example: nps score ${visible(report.file)}${sheetOption(report)} --score-column ${example}`,
    );
  }
  sections.push(`${chalk.bold('Columns')}\n${everyColumn(report, chalk)}`);
  if (columns.score !== null) {
    const values = plainTable([chalk.bold('Score cell'), chalk.bold('Rows'), chalk.bold('Read as')], [false, true, false]);
    for (const value of report.scoreValues) values.push([value.value === '' ? '(empty)' : visible(JSON.stringify(value.value)), value.count, visible(value.readAs)]);
    const more = report.otherValues > 0 ? `\n... and ${report.otherValues} rows with other values` : '';
    sections.push(`${values.toString()}${more}`);
  }
  return sections.join('\n\n');
}

/** `--sheet N` in a suggested command, for a workbook of several sheets. */
function sheetOption(report: ColumnReport): string {
  const workbook = report.workbook;
  return workbook === null || workbook.sheets.length === 1 ? '' : ` --sheet ${workbook.sheet.number}`;
}

export function renderColumnsTable(reports: ColumnReport[], options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  return `${reports.map((report) => renderOne(report, chalk)).join('\n\n').replace(/ +$/gm, '')}\n`;
}
