import { MAX_DRIVERS, type DriversAccumulator, type DriverSpec, type DriverValue } from '../core/drivers/accumulator.js';
import { detectRatingColumns, type RatingCell } from '../core/rating-columns.js';
import { inputError } from '../errors.js';
import { scoreEvidence } from './header-words.js';
import { RatingReader, readRating } from './rating-cell.js';
import type { Response, Responses } from './responses.js';
import { isMissing } from './score-cell.js';
import { quote } from '../core/clip.js';

/** A driver of `nps drivers`: its column among the run's columns (several for a crossed segment), and how it is read. */
export interface DriverColumn {
  indexes: readonly number[];
  spec: DriverSpec;
}

/** The values of a crossed segment, joined as its level: "pro / EU". */
const CROSSED = ' / ';

/** Lines of one input never reach this: the input's number is kept above them, so keys stay unique across inputs. */
const LINES_PER_INPUT = 2 ** 32;

/**
 * Hands each scored response to `acc`, its driver cells read as ratings (numbers)
 * or levels (text as written, trimmed); "no answer" cells are blank. The key is the
 * response's input and line, so its bootstrap group is the same however the file is read.
 */
export function addingDrivers(columns: readonly DriverColumn[], acc: DriversAccumulator): (response: Response) => void {
  const readers = columns.map((column) => (column.spec.kind === 'rating' ? new RatingReader() : undefined));
  const values: DriverValue[] = columns.map(() => null);
  return (response) => {
    for (let at = 0; at < columns.length; at += 1) {
      const indexes = columns[at]?.indexes ?? [];
      const reader = readers[at];
      // Most drivers are one column: its cell is read with no array made for it, a row at a time.
      if (reader !== undefined || indexes.length === 1) {
        const first = indexes[0];
        const cell = first === undefined ? '' : (response.cells[first] ?? '');
        if (reader === undefined) values[at] = isMissing(cell) ? null : cell.trim();
        else {
          const rating = reader.read(cell);
          values[at] = rating === undefined ? Number.NaN : rating;
        }
      } else {
        const cells = indexes.map((index) => response.cells[index] ?? '');
        values[at] = cells.some(isMissing) ? null : cells.map((cell) => cell.trim()).join(CROSSED);
      }
    }
    acc.add(response.score, values, response.input * LINES_PER_INPUT + response.line);
  };
}

/** The columns every input gives a role (score, date, respondent, comments), and other NPS questions: never a driver. */
export function roleColumns(responses: Responses): Set<number> {
  return new Set([...rolesByColumn(responses).keys(), ...otherRecommendQuestions(responses)]);
}

/**
 * Columns that ask the NPS question too (an earlier wave, the question about another product): the score
 * itself in another guise, which would "explain" most of it.
 */
function otherRecommendQuestions(responses: Responses): number[] {
  const strong = new Set(['recommend', 'nps', 'nps-group']);
  return responses.columns.flatMap((name, index) => (strong.has(scoreEvidence(name, name)) ? [index] : []));
}

/** The columns the reading took, each with its role in words: "score", "date", "respondent", "comment". */
function rolesByColumn(responses: Responses): Map<number, string> {
  const roles = new Map<number, string>();
  for (const opened of responses.inputs) {
    const { score, date, respondent, comments } = opened.choice.columns;
    const taken: Array<[number | undefined, string]> = [[score, 'score'], [date, 'date'], [respondent, 'respondent'], ...comments.map((index): [number, string] => [index, 'comment'])];
    for (const [index, role] of taken) {
      const at = index === undefined ? -1 : responses.columns.indexOf(opened.names[index] ?? '');
      if (at !== -1 && !roles.has(at)) roles.set(at, role);
    }
  }
  return roles;
}

/** The first rows of every input, each cell read as a rating would be. */
function sampleRatings(responses: Responses): RatingCell[][] {
  return responses.firstRows().map((cells) => cells.map(readRating));
}

/** The rating columns of the inputs, found by their content (see core/rating-columns.ts), in file order. */
export function ratingColumnsOf(responses: Responses, exclude: ReadonlySet<number> = new Set()): number[] {
  return detectRatingColumns(responses.columns, sampleRatings(responses), new Set([...roleColumns(responses), ...exclude]));
}

/** Of a column's first answers, most are numbers (or there are none to tell): a rating, or a number to read as one. */
function holdsNumbers(rows: ReadonlyArray<readonly RatingCell[]>, index: number): boolean {
  const answered = rows.map((row) => (index < row.length ? row[index] : null)).filter((cell) => cell !== null);
  return answered.filter((cell) => cell !== undefined).length >= 0.8 * answered.length;
}

export interface DriverChoice {
  drivers: DriverColumn[];
  /** Whether the rating columns were found by content rather than named. */
  found: boolean;
}

/**
 * The drivers of a run: the columns `--columns` names (a rating when its answers are
 * numbers, a categorical driver otherwise), or else every rating column found by
 * content; and each `--by`, always categorical (a plan, a region; `a,b` crossed, one
 * level per pair of values). The score, date, respondent and comment columns are
 * never drivers.
 */
export function chooseDrivers(responses: Responses, named: readonly string[] | undefined, by: ReadonlyArray<readonly string[]>): DriverChoice {
  const roles = rolesByColumn(responses);
  const segments = by.map((columns) => unique(columns.map((name) => responses.column(name, '--by'))));
  const groups = segments.flat();
  const rows = sampleRatings(responses);
  const chosen = named === undefined ? undefined : unique(named.map((name) => responses.column(name, '--columns'))).filter((index) => !groups.includes(index));
  for (const index of [...(chosen ?? []), ...groups]) {
    const role = roles.get(index);
    if (role === undefined) continue;
    throw inputError(`${quote(responses.columns[index] ?? '')} is the ${role} column: the drivers are the other questions of the survey`);
  }
  const ratings = chosen ?? detectRatingColumns(responses.columns, rows, new Set([...roles.keys(), ...groups, ...otherRecommendQuestions(responses)]));
  const name = (index: number): string => responses.columns[index] ?? '';
  const drivers: DriverColumn[] = [
    ...ratings.map((index): DriverColumn => ({ indexes: [index], spec: holdsNumbers(rows, index) ? { kind: 'rating', name: name(index) } : { kind: 'categorical', name: name(index) } })),
    ...segments.map((indexes): DriverColumn => ({ indexes, spec: { kind: 'categorical', name: indexes.map(name).join(CROSSED) } })),
  ];
  if (drivers.length === 0) {
    const where = responses.inputs.map((opened) => opened.reader.name).join(' + ');
    throw inputError(
      `${where}: no rating column found (whole numbers on a scale such as 1-5, 1-7 or 0-10, answered in most rows); ` +
        'name the drivers with --columns A,B,C, or segments with --by plan',
    );
  }
  if (drivers.length > MAX_DRIVERS) {
    throw inputError(`${drivers.length} drivers are more than ${MAX_DRIVERS}: choose the ones that matter with --columns A,B,C`);
  }
  return { drivers, found: named === undefined };
}

function unique(indexes: readonly number[]): number[] {
  return [...new Set(indexes)];
}
