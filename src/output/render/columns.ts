import { stylesFor, type Styles } from './styles.js';
import { ENCODINGS, type ColumnInfo, type ColumnReport } from '../../core/columns-report.js';
import { visible, wrap } from './format.js';
import { cutToWidth, plainTable } from './plain-table.js';
import { clipList, quote } from '../../core/clip.js';
import { groupDigits } from '../../core/digits.js';

/** A header named in a sentence: whole up to a point. */
const HEADER_WIDTH = 40;

/** Where the facts' descriptions start: after the widest label ("Respondent") and its gap. */
const FACT_INDENT = 12;

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function renderColumnsJson(reports: ColumnReport[]): string {
  return `${JSON.stringify(reports, null, 2)}\n`;
}

function describeColumn(info: ColumnInfo | null): string {
  if (info === null) return 'none found';
  const text = info.text === undefined ? '' : `: ${info.text.slice(info.header.length).trim()}`;
  return `column ${info.number}, ${quote(visible(info.header))}${visible(text)}`;
}


function everyColumn(report: ColumnReport, paint: Styles): string {
  // Headers and examples give way, examples first, so that the table fits 80 columns.
  const table = plainTable([paint.bold('No'), paint.bold('Column'), paint.bold('Role or content'), paint.bold('Examples')], [true, false, false, false], { fit: [1, 3] });
  for (const column of report.all) {
    const role = column.scoreCandidate && column.role !== 'score' ? `${column.role.replace(/ \(.*\)$/, '')}, maybe the score` : column.role;
    table.push([column.number, visible(column.header), role, visible(column.examples.map((example) => quote(example)).join(', '))]);
  }
  return table.toString();
}

const SHEET_KINDS = { worksheet: '', chart: ' (a chart)', other: ' (not cells)' } as const;

/** A CSV file's encoding and delimiter; a workbook's sheet, and the others it has; or that the file is Parquet. */
function fileRows(report: ColumnReport): string[][] {
  const { workbook, encoding, delimiter } = report;
  // Neither an encoding nor a sheet: a Parquet file, whose columns are typed.
  if (workbook === null && encoding === null) return [['File', 'Parquet']];
  if (workbook === null) {
    return [
      ['Encoding', encoding === null ? '' : ENCODINGS[encoding]],
      ['Delimiter', delimiter === null ? '' : (DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter))],
    ];
  }
  const { sheet, sheets } = workbook;
  const rows = [['Sheet', `${sheet.number} ${quote(visible(sheet.name))}${sheets.length > 1 ? ` (of ${groupDigits(sheets.length)}; --sheet chooses)` : ''}`]];
  if (sheets.length > 1) {
    const list = sheets.map((one) => `${one.number} ${quote(visible(one.name))}${one.hidden ? ' (hidden)' : ''}${SHEET_KINDS[one.kind]}`);
    rows.push(['Sheets', clipList(list)]);
  }
  return rows;
}

function renderOne(report: ColumnReport, paint: Styles): string {
  const { columns } = report;
  const facts = plainTable([], [false, false]);
  const others = report.scoreCandidates.filter((candidate) => candidate.number !== columns.score?.number);
  const comments = columns.comments.length > 1 ? columns.comments.map((comment) => describeColumn(comment)).join(' and ') : describeColumn(columns.comment);
  facts.push(
    ['Format', `${report.formatName}${report.workbook === null ? '' : ', in an Excel workbook'}${report.headerRows > 1 ? ` (${report.headerRows} header rows)` : ''}`],
    ...fileRows(report),
    ['Score', columns.score === null ? 'none chosen: see below' : describeColumn(columns.score)],
    ...(report.scoreReason === null ? [] : [['', `(${visible(report.scoreReason)})`]]),
    ...(others.length > 0 && columns.score !== null ? [['', `(also possible: ${others.map((other) => `${other.number} ${JSON.stringify(visible(cutToWidth(other.header, HEADER_WIDTH)))}`).join(', ')})`]] : []),
    ['Respondent', describeColumn(columns.respondent)],
    ['Comment', comments],
    ['Date', describeColumn(columns.date)],
    ['Partial', columns.partial === null ? 'no partial-response column' : `${describeColumn(columns.partial)} (partial when ${columns.partial.rule})`],
  );
  // Long descriptions wrap under themselves, past the labels: nothing said of a column is cut.
  const described = facts
    .toString()
    .split('\n')
    .map((line) => wrap(line.trimEnd(), FACT_INDENT))
    .join('\n');
  const sections = [`${paint.bold(visible(report.file))}\n${described}`];
  if (report.scoreProblem !== null) {
    const example = report.scoreCandidates[0]?.number ?? report.all.find((column) => column.role.startsWith('numbers'))?.number ?? 1;
    sections.push(
      `${paint.bold('No score column was chosen')}: ${visible(report.scoreProblem)}.\n` +
        `Choose it by the number below, for example: nps score ${visible(report.file)}${sheetOption(report)} --score-column ${example}`,
    );
  }
  if (report.scoreCandidates.length > 0) sections.push(`${paint.bold('Score candidates')}\n${candidatesList(report)}`);
  sections.push(`${paint.bold('Columns')}\n${everyColumn(report, paint)}`);
  if (columns.score !== null) {
    const values = plainTable([paint.bold('Score cell'), paint.bold('Rows'), paint.bold('Read as')], [false, true, false]);
    for (const value of report.scoreValues) values.push([value.value === '' ? '(empty)' : visible(JSON.stringify(value.value)), value.count, visible(value.readAs)]);
    const more = report.otherValues > 0 ? `\n... and ${report.otherValues} rows with other values` : '';
    sections.push(`${values.toString()}${more}`);
  }
  return sections.join('\n\n');
}

/** Each column that could be the score, best first: its points and what speaks for and against it, wrapped to 80 columns. */
function candidatesList(report: ColumnReport): string {
  const lines = report.scoreCandidates
    .slice(0, CANDIDATES_SHOWN)
    .map((candidate) => wrap(`${String(candidate.number).padStart(3)} ${JSON.stringify(visible(cutToWidth(candidate.header, HEADER_WIDTH)))} (${candidate.points} points): ${visible(candidate.reasons.join('; '))}`, 6));
  const more = report.scoreCandidates.length - CANDIDATES_SHOWN;
  return `${lines.join('\n')}${more > 0 ? `\n… and ${more} more (--json lists them all)` : ''}`;
}

const CANDIDATES_SHOWN = 8;

/** `--sheet N` in a suggested command, for a workbook of several sheets. */
function sheetOption(report: ColumnReport): string {
  const workbook = report.workbook;
  return workbook === null || workbook.sheets.length === 1 ? '' : ` --sheet ${workbook.sheet.number}`;
}

export function renderColumnsTable(reports: ColumnReport[], options: { color: boolean }): string {
  const paint = stylesFor(options.color);
  return `${reports.map((report) => renderOne(report, paint)).join('\n\n').replace(/ +$/gm, '')}\n`;
}
