import type { Io } from '../io.js';
import { chooseColumns, ColumnChoiceError, uniqueNames, type ColumnChoice, type ColumnOverrides } from './columns.js';
import { whereTest, type RowTest, type WhereCondition } from './where.js';
import { dateKindOf, holdsScores, holdsText, share, type ColumnProfile } from './profiles.js';
import type { ScoreCandidate } from './score-column.js';
import { FORMATS } from './formats.js';
import { describeInput, openLayout, sheetOfResponses, type LaidOutInput } from './responses.js';
import { isMissing, ScoreReader, type ScoreCell } from './score-cell.js';
import type { ColumnInfo, ColumnReport, ScoreValue } from '../core/columns-report.js';

/** Distinct score cells shown before the rest are only counted. */
const VALUES_SHOWN = 40;
const EXAMPLES = 3;
const EXAMPLE_CHARS = 20;

function readAs(cell: ScoreCell): string {
  if (cell.kind === 'score') return `score ${cell.value}`;
  if (cell.kind === 'blank') return 'blank (unanswered)';
  return `rejected: ${cell.reason}`;
}

/** Counts every distinct cell of the score column, as written, with how `nps` reads it. */
async function scoreValues(input: LaidOutInput, index: number, scoreOffset: number, where: RowTest | undefined): Promise<{ values: ScoreValue[]; others: number }> {
  const counts = new Map<string, number>();
  // Only the score column is made text, unless --where reads others.
  if (where === undefined) input.reader.readOnly([index]);
  await input.reader.forEachRow((cells) => {
    if (where !== undefined && !where(cells)) return;
    const raw = cells[index] ?? '';
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
  });
  const scores = new ScoreReader(scoreOffset);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const values = sorted.slice(0, VALUES_SHOWN).map(([value, count]) => ({ value, count, readAs: readAs(scores.read(value)) }));
  const others = sorted.slice(VALUES_SHOWN).reduce((sum, [, count]) => sum + count, 0);
  return { values, others };
}

function info(input: LaidOutInput, index: number | undefined): ColumnInfo | null {
  if (index === undefined || index < 0) return null;
  const header = input.reader.header[index] ?? '';
  const text = input.layout.texts[index] ?? header;
  return { number: index + 1, header, ...(text !== header && { text }) };
}

/** What the first rows show of a column no role took, in a few words. */
export function describeContent(profile: ColumnProfile | undefined): string {
  if (profile === undefined || profile.answered === 0) return 'empty';
  const percent = (count: number): string => `${Math.round(share(count, profile) * 100)}%`;
  if (holdsScores(profile)) return share(profile.scores, profile) >= 0.995 ? '0-10 scores' : `${percent(profile.scores)} 0-10 scores`;
  const dates = dateKindOf(profile);
  if (dates === 'text') return 'dates';
  if (dates === 'serial') return 'Excel serial days';
  if (dates === 'year-month') return 'year-months';
  if (share(profile.groupLabels, profile) >= 0.8) return 'NPS groups (promoter, passive, detractor)';
  if (share(profile.emails, profile) >= 0.8) return 'emails';
  if (share(profile.numbers, profile) >= 0.8 && share(profile.wholeNumbers, profile) < 0.8) return 'numbers with decimals';
  if (share(profile.wholeNumbers, profile) >= 0.8) {
    if (profile.unique || profile.ascending || (profile.max ?? 0) > 1000) return 'numbers (an id?)';
    return `numbers from ${profile.min ?? 0} to ${profile.max ?? 0}${(profile.max ?? 0) <= 10 ? ' (a rating?)' : ''}`;
  }
  if (holdsText(profile)) return 'free text';
  if (profile.unique && profile.words <= 1 && profile.length >= 8) return 'ids';
  return profile.answered >= 10 && profile.distinct < 0.3 * profile.answered ? 'choices' : 'short text';
}

function roleOf(index: number, choice: ColumnChoice | undefined, partial: number | undefined, profile: ColumnProfile | undefined): string {
  const columns = choice?.columns;
  if (columns?.score === index) return 'score';
  if (columns?.respondent === index) return 'respondent';
  if (columns?.comments.includes(index)) return 'comment';
  if (columns?.date === index) return columns.dateKind === 'serial' ? 'date (Excel serial days)' : columns.dateKind === 'year-month' ? 'date (year-months)' : 'date';
  if (partial === index) return 'partial (unfinished responses)';
  return describeContent(profile);
}

function examplesOf(sample: readonly string[][], index: number): string[] {
  const seen = new Set<string>();
  for (const row of sample) {
    const cell = (row[index] ?? '').trim().replace(/\s+/g, ' ');
    if (!isMissing(cell)) seen.add(cell.length > EXAMPLE_CHARS ? `${cell.slice(0, EXAMPLE_CHARS - 1)}…` : cell);
    if (seen.size === EXAMPLES) break;
  }
  return [...seen];
}

/** The columns chosen, or, when no single score column can be, why and which could be. */
function tryChoosing(
  input: LaidOutInput,
  overrides: ColumnOverrides,
): { choice: ColumnChoice | undefined; problem: string | null; candidates: ScoreCandidate[]; profiles: ColumnProfile[] } {
  const { reader, layout, firstRows } = input;
  try {
    const choice = chooseColumns(reader.where, layout.headers, overrides, layout.texts, firstRows);
    return { choice, problem: null, candidates: choice.candidates, profiles: choice.profiles };
  } catch (error) {
    if (!(error instanceof ColumnChoiceError)) throw error;
    return { choice: undefined, problem: error.problem, candidates: error.candidates, profiles: error.profiles };
  }
}

/**
 * What `nps` understands of a file. Unlike the other commands it does not stop
 * when the score column cannot be chosen: it shows every column, so that one can be.
 */
export async function describeFile(
  file: string,
  options: ColumnOverrides & { scoreOffset?: number | undefined; sheet?: string | undefined; where?: readonly WhereCondition[] | undefined },
  io: Io,
): Promise<ColumnReport> {
  const kept = (laid: LaidOutInput): { laid: LaidOutInput; where: RowTest | undefined } => {
    const where = whereTest(laid.reader.where, uniqueNames(laid.layout.headers), options.where ?? []);
    return { laid: where === undefined ? laid : { ...laid, firstRows: laid.firstRows.filter(where) }, where };
  };
  let { laid: input, where } = kept(await openLayout(file, io, options.sheet));
  let tried = tryChoosing(input, options);
  if (tried.choice === undefined && options.sheet === undefined) {
    const found = await sheetOfResponses(file, io, input);
    if (found !== undefined) {
      ({ laid: input, where } = kept(found));
      tried = tryChoosing(input, options);
    }
  }
  const { reader, layout } = input;
  const { choice, problem, candidates, profiles } = tried;
  const { partial } = layout;
  const all = reader.header.map((header, index) => ({
    ...(info(input, index) ?? { number: index + 1, header }),
    role: roleOf(index, choice, partial?.index, profiles[index]),
    examples: examplesOf(input.firstRows, index),
    scoreCandidate: candidates.some((candidate) => candidate.index === index),
    content: describeContent(profiles[index]),
  }));
  const { values, others } = choice === undefined ? { values: [], others: 0 } : await scoreValues(input, choice.columns.score, options.scoreOffset ?? 0, where);
  return {
    file: reader.name,
    format: layout.format,
    formatName: reader.kind !== 'csv' && layout.format === 'plain' ? 'plain table' : FORMATS[layout.format],
    headerRows: layout.headerRows,
    encoding: reader.kind === 'csv' ? reader.encoding : null,
    delimiter: reader.kind === 'csv' ? reader.delimiter : null,
    workbook: reader.kind === 'xlsx' ? { sheet: { number: reader.sheet.number, name: reader.sheet.name }, sheets: [...reader.sheets] } : null,
    columns: {
      score: info(input, choice?.columns.score),
      respondent: info(input, choice?.columns.respondent),
      comment: info(input, choice?.columns.comments[0]),
      comments: (choice?.columns.comments ?? []).flatMap((index) => info(input, index) ?? []),
      date: info(input, choice?.columns.date),
      partial: partial ? { number: partial.index + 1, header: partial.header, rule: partial.rule } : null,
    },
    scoreProblem: problem,
    scoreCandidates: candidates.map((candidate) => ({ number: candidate.index + 1, header: reader.header[candidate.index] ?? '', points: candidate.points, reasons: candidate.reasons })),
    scoreReason: choice?.why ?? null,
    all,
    scoreValues: values,
    otherValues: others,
    summary: choice === undefined ? null : describeInput({ reader, layout, choice, names: [], firstRows: [], where }, true),
  };
}
