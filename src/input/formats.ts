import { FORMATS, type Format } from '../core/columns-report.js';
import { normalizeHeader } from './columns.js';

export { FORMATS, type Format };

/** Which rows mark a response as unfinished, in the exports that keep them. */
export interface PartialRule {
  index: number;
  header: string;
  /** In words, for `nps columns`. */
  rule: string;
  isPartial(cell: string): boolean;
}

export interface Layout {
  format: Format;
  /** Rows of header, the field names included: data starts after them. */
  headerRows: number;
  /** One name per column, for messages and output; for SurveyMonkey, question and sub-label joined. */
  headers: string[];
  /** What column roles are matched against: the name, and the question text where the export has one. */
  texts: string[];
  partial: PartialRule | undefined;
}

const stripTags = (text: string): string => text.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim();
const has = (headers: readonly string[], ...names: string[]): boolean => {
  const normalized = new Set(headers.map(normalizeHeader));
  return names.every((name) => normalized.has(name));
};
const indexOf = (headers: readonly string[], name: string): number => headers.map(normalizeHeader).indexOf(name);

function qualtricsPartial(headers: readonly string[]): PartialRule | undefined {
  const finished = indexOf(headers, 'finished');
  if (finished !== -1) {
    return {
      index: finished,
      header: headers[finished] ?? '',
      rule: 'Finished is 0 or False',
      isPartial: (cell) => ['0', 'false'].includes(cell.trim().toLowerCase()),
    };
  }
  const progress = indexOf(headers, 'progress');
  if (progress === -1) return undefined;
  return {
    index: progress,
    header: headers[progress] ?? '',
    rule: 'Progress below 100',
    isPartial: (cell) => cell.trim() !== '' && Number(cell) < 100,
  };
}

function typeformPartial(headers: readonly string[]): PartialRule | undefined {
  const index = indexOf(headers, 'response type');
  if (index === -1) return undefined;
  return { index, header: headers[index] ?? '', rule: 'Response Type is partial', isPartial: (cell) => cell.trim().toLowerCase() === 'partial' };
}

const IMPORT_ID = /^\{\s*"ImportId"\s*:/;

/** Qualtrics puts question texts in row 2 and `{"ImportId":…}` cells in row 3 under the field names. */
function qualtricsLayout(headers: string[], next: string[][]): Layout {
  const [questions = [], importIds = []] = next;
  const third = importIds.some((cell) => IMPORT_ID.test(cell));
  const secondIsImport = questions.some((cell) => IMPORT_ID.test(cell));
  const headerRows = secondIsImport ? 2 : third ? 3 : 2;
  const questionTexts = secondIsImport ? [] : questions;
  return {
    format: 'qualtrics',
    headerRows,
    headers,
    texts: headers.map((header, index) => (header === (questionTexts[index] ?? '').trim() ? header : `${header} ${questionTexts[index] ?? ''}`.trim())),
    partial: qualtricsPartial(headers),
  };
}

/**
 * The legacy Qualtrics layout (before 2017): field names V1…V10, then Q1…, and a
 * second header row of labels (ResponseID, ResponseSet, Name, …, Finished, then
 * the question texts). The V-columns are named by their label; every column is
 * matched on its name and its label.
 */
function legacyQualtricsLayout(headers: string[], next: string[][]): Layout {
  const [labels = []] = next;
  const named = headers.map((header, index) => (/^V\d+$/.test(header.trim()) ? (labels[index] ?? '').trim() || header : header));
  return {
    format: 'qualtrics',
    headerRows: 2,
    headers: named,
    texts: named.map((header, index) => (header === (labels[index] ?? '').trim() ? header : `${header} ${labels[index] ?? ''}`.trim())),
    partial: qualtricsPartial(named),
  };
}

const isLegacyQualtrics = (headers: readonly string[], next: readonly string[][]): boolean =>
  /^v1$/i.test((headers[0] ?? '').trim()) && /^v2$/i.test((headers[1] ?? '').trim()) && /^responseid$/i.test((next[0]?.[0] ?? '').trim());

/** SurveyMonkey: questions in row 1, blank over a question's further columns; sub-labels such as "Response" in row 2. */
function surveyMonkeyLayout(headers: string[], next: string[][]): Layout {
  const [labels = []] = next;
  let question = '';
  const combined = headers.map((header, index) => {
    if (header.trim() !== '') question = header.trim();
    const label = (labels[index] ?? '').trim();
    const plainAnswer = label === '' || /^(response|open-ended response)$/i.test(label);
    if (header.trim() !== '' && plainAnswer) return header.trim();
    return label === '' ? question : `${question} - ${label}`;
  });
  return { format: 'surveymonkey', headerRows: 2, headers: combined, texts: combined, partial: undefined };
}

function singleRow(format: Format, headers: string[], partial?: PartialRule): Layout {
  const clean = headers.map(stripTags);
  return { format, headerRows: 1, headers: clean, texts: clean, partial };
}

/** Recognises the export by its headers and the rows that follow them. */
export function detectLayout(headers: string[], next: string[][]): Layout {
  const normalized = headers.map(normalizeHeader);
  const nextCells = next.flat();
  if (isLegacyQualtrics(headers, next)) return legacyQualtricsLayout(headers, next);
  if (has(headers, 'responseid') || nextCells.some((cell) => IMPORT_ID.test(cell))) return qualtricsLayout(headers, next);
  if (has(headers, 'respondent id', 'collector id')) return surveyMonkeyLayout(headers, next);
  if (normalized[0] === '#' && (has(headers, 'submit date (utc)') || has(headers, 'network id') || has(headers, 'response type'))) {
    return singleRow('typeform', headers, typeformPartial(headers));
  }
  if (normalized[0] === 'timestamp') return singleRow('google-forms', headers);
  if (has(headers, 'hs_value') || has(headers, 'hs_content')) return singleRow('hubspot', headers);
  if (has(headers, 'permalink') || has(headers, 'response timestamp')) return singleRow('delighted', headers);
  if (has(headers, 'end_user_id') || has(headers, 'end user id')) return singleRow('wootric', headers);
  if (normalized.some((header) => header.startsWith('satisfaction ') || header === 'ticket id')) return singleRow('zendesk', headers);
  return singleRow('plain', headers);
}
