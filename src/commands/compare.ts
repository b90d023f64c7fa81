import { Command, Option } from 'commander';
import { periodOf, PERIODS, scored, type Period } from '../core/breakdown.js';
import { CATEGORIES, categoryOf, type Category } from '../core/categories.js';
import { movementBetween, respondentsIn, type Movement } from '../core/movement.js';
import { compareCounts, type Difference } from '../core/stats.js';
import { addScore, emptyTally, mergeTallies, type Tally } from '../core/tally.js';
import { inputError, type ExitCode } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { requireColumn } from '../input/columns.js';
import { DATE_FORMATS, DayReader, type DateFormat } from '../input/dates.js';
import { respondentKey } from '../input/dedupe.js';
import { emptyEvidence, scanResponses, type OpenedInput } from '../input/responses.js';
import type { CompareReport } from '../output/compare.js';
import { Messages } from '../output/messages.js';
import { createRecordSink, RECORD_FORMATS, type RecordFormat } from '../output/records.js';
import { addInputOptions, checkInputNames, exitForRejections, finishReading, openInput, type InputOptions } from './inputs.js';
import { addPrecisionOptions, precisionOf, type PrecisionOptions } from './precision.js';

export interface CompareOptions extends InputOptions, PrecisionOptions {
  json?: boolean;
  movedTo?: Category;
  format: RecordFormat;
  by?: string;
  period?: Period;
  values?: string[];
  dateFormat?: DateFormat;
}

interface Sample {
  /** The file, or the column value or period the sample is made of. */
  file: string;
  tally: Tally;
  /** Respondent to group, the last answer counting, when the input has a respondent column. */
  groups: Map<string, Category> | undefined;
}

/** How rows are split into samples: by file, by the value of a column, or by the period of their date. */
type Splitter = (opened: OpenedInput, fileIndex: number) => (cells: string[]) => string | undefined;

function sampleFor(samples: Map<string, Sample>, key: string, withRespondents: boolean): Sample {
  let sample = samples.get(key);
  if (sample === undefined) {
    sample = { file: key, tally: emptyTally(), groups: withRespondents ? new Map() : undefined };
    samples.set(key, sample);
  }
  return sample;
}

/** Reads every input once, tallying each row into the sample its key names; `total` accounts for every row. */
async function readSamples(
  files: string[],
  io: Io,
  options: CompareOptions,
  messages: Messages,
  split: Splitter,
): Promise<{ samples: Map<string, Sample>; total: Tally }> {
  const samples = new Map<string, Sample>();
  const total = emptyTally();
  const evidence = emptyEvidence();
  for (const [fileIndex, file] of files.entries()) {
    const opened = await openInput(file, io, options, messages);
    const respondentIndex = opened.choice.columns.respondent;
    // Each file is a sample even when it has no scored row, so that the comparison says so.
    if (options.by === undefined && options.period === undefined) sampleFor(samples, file, respondentIndex !== undefined);
    const keyOf = split(opened, fileIndex);
    await scanResponses(opened, options, total, evidence, {
      onRejected: (rejection) => messages.rejected(rejection),
      onWarning: (text) => messages.warn(text),
      onScored: (row) => {
        const key = keyOf(row.cells);
        if (key === undefined) return;
        const sample = sampleFor(samples, key, respondentIndex !== undefined);
        addScore(sample.tally, row.score);
        const respondent = respondentKey(row.cells[respondentIndex ?? -1] ?? '');
        if (respondent !== '') sample.groups?.set(respondent, categoryOf(row.score));
      },
    });
  }
  finishReading(total, evidence, options, messages);
  return { samples, total };
}

/** Period samples are keyed by day while reading, so that day/month order is decided from every date; merged here. */
function mergeByPeriod(samples: Map<string, Sample>, reader: DayReader, period: Period): Map<string, Sample> {
  const merged = new Map<string, Sample>();
  const spans = new Map<string, number>();
  for (const [dayKey, sample] of samples) {
    const day = reader.resolve(dayKey);
    if (day === undefined) continue;
    const span = periodOf(day, period);
    spans.set(span.key, span.start);
    const into = sampleFor(merged, span.key, sample.groups !== undefined);
    mergeTallies(into.tally, sample.tally);
    for (const [respondent, category] of sample.groups ?? []) into.groups?.set(respondent, category);
  }
  return new Map([...merged].sort((a, b) => (spans.get(a[0]) ?? 0) - (spans.get(b[0]) ?? 0)));
}

/** The two samples to compare: those named by --values, or the only two there are, or (for periods) the last two. */
function pickTwo(samples: Map<string, Sample>, options: CompareOptions, what: string): [Sample, Sample] {
  const names = [...samples.keys()];
  const chosen = options.values ?? (options.period !== undefined ? names.slice(-2) : names);
  if (chosen.length !== 2) {
    throw inputError(`${what} has ${names.length} values (${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}); choose two with --values A,B`);
  }
  const [a, b] = chosen.map((name) => {
    const sample = samples.get(name);
    if (sample === undefined) throw inputError(`${what} has no responses with the value ${JSON.stringify(name)}; it has: ${names.join(', ')}`);
    return sample;
  });
  if (a === undefined || b === undefined) throw inputError('compare needs two samples');
  return [a, b];
}

/** "B is 9.9 points higher; with these sample sizes that could be chance (p = 0.058)." */
export function verdict(difference: Difference): string {
  const points = Math.abs(difference.difference).toFixed(1);
  const direction = difference.difference > 0 ? 'higher' : difference.difference < 0 ? 'lower' : 'different';
  const gap = difference.difference === 0 ? 'B and A have the same NPS' : `B is ${points} points ${direction} than A`;
  const p = difference.p < 0.001 ? 'p < 0.001' : `p = ${difference.p.toFixed(3)}`;
  return difference.significant
    ? `${gap}; that is unlikely to be chance (${p}).`
    : `${gap}; with these sample sizes that could be chance (${p}).`;
}

/** `--moved-to`: the respondents of B now in `target` who were in another group in A, with where they came from. */
async function listMovers(
  fileB: string,
  before: Map<string, Category>,
  target: Category,
  io: Io,
  options: CompareOptions,
  messages: Messages,
): Promise<number> {
  const opened = await openInput(fileB, io, { ...options, quiet: true }, messages);
  const respondentIndex = opened.choice.columns.respondent;
  if (respondentIndex === undefined) throw inputError(`${fileB}: --moved-to needs a respondent column (email or id)`);
  const sink = await createRecordSink(options.format, [...opened.reader.header, 'previous_category', 'nps_category'], io.stdout, {
    endDestination: false,
  });
  let listed = 0;
  await scanResponses(opened, options, emptyTally(), emptyEvidence(), {
    onRejected: () => undefined,
    onScored: (row) => {
      const from = before.get(respondentKey(row.cells[respondentIndex] ?? ''));
      if (categoryOf(row.score) !== target || from === undefined || from === target) return;
      listed += 1;
      sink.write([...row.cells, from, target]);
    },
  });
  await sink.end();
  return listed;
}

export async function runCompare(files: string[], options: CompareOptions, io: Io): Promise<ExitCode> {
  checkInputNames(files);
  if (options.by !== undefined && options.period !== undefined) throw inputError('compare either --by a column or by --period, not both');
  const within = options.by !== undefined || options.period !== undefined;
  if (!within && files.length !== 2) {
    throw inputError(`compare takes two files, A and B (or one or more with --by COLUMN or --period PERIOD); ${files.length} given`);
  }
  if (options.movedTo !== undefined && within) throw inputError('--moved-to compares two files');
  const messages = new Messages(io.stderr, options.quiet === true);
  const dayReader = new DayReader(options.dateFormat);
  const byFile: Splitter = (_opened, fileIndex) => () => files[fileIndex];
  const byColumn: Splitter = (opened) => {
    const index = requireColumn(opened.reader.name, opened.reader.header, options.by ?? '', '--by');
    return (cells) => cells[index] ?? '';
  };
  const byDay: Splitter = (opened) => {
    const index = opened.choice.columns.date;
    if (index === undefined) throw inputError(`${opened.reader.name}: --period needs a date column; name it with --date-column`);
    return (cells) => dayReader.key(cells[index] ?? '');
  };
  const splitter = options.by !== undefined ? byColumn : options.period !== undefined ? byDay : byFile;
  const { samples: read, total } = await readSamples(files, io, options, messages, splitter);
  const samples = options.period !== undefined ? mergeByPeriod(read, dayReader, options.period) : read;
  const what = options.by !== undefined ? `--by ${options.by}` : options.period !== undefined ? `--period ${options.period}` : 'compare';
  const [a, b] = pickTwo(samples, options, what);
  const precision = precisionOf(options);
  const movement: Movement | undefined = a.groups && b.groups ? movementBetween(a.groups, b.groups) : undefined;
  if (options.movedTo !== undefined) {
    if (a.groups === undefined) throw inputError(`${a.file}: --moved-to needs a respondent column (email or id)`);
    const listed = await listMovers(b.file, a.groups, options.movedTo, io, options, messages);
    messages.info(`${listed} respondents moved to ${options.movedTo} from another group`);
    return exitForRejections(options, total.rejected, messages);
  }
  const resultA = scored(a.tally, precision);
  const resultB = scored(b.tally, precision);
  const difference = compareCounts(resultA.counts, resultB.counts, precision.level);
  const report: CompareReport = {
    a: { file: a.file, ...resultA },
    b: { file: b.file, ...resultB },
    difference,
    verdict: difference === undefined ? 'One of the two has no scored responses: there is nothing to compare.' : verdict(difference),
    movement: movement && respondentsIn(movement) > 0 ? movement : undefined,
    level: precision.level,
    sampleKind: options.by ?? (options.period !== undefined ? 'Period' : 'File'),
  };
  const { renderCompareJson, renderCompareTable } = await import('../output/compare.js');
  const rendered =
    options.json === true ? renderCompareJson(report) : renderCompareTable(report, { color: wantsColor(io.stdout, io.env) });
  await writeAll(io.stdout, rendered);
  return exitForRejections(options, total.rejected, messages);
}

export function compareCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('compare')
    .description('compare the NPS of two exports (A, then B) and say whether the difference is more than chance; with a respondent column in both, show how people moved between groups')
    .argument('<file...>', 'two exports, A then B (e.g. last quarter, this quarter); or one or more with --by or --period')
    .option('--json', 'print one JSON object instead of the table')
    .option('--by <column>', 'instead compare two values of this column, in the files read together')
    .addOption(new Option('--period <period>', 'instead compare two periods of the date column: the last two, or those --values names').choices(Object.keys(PERIODS)))
    .option('--values <a,b>', 'with --by or --period: the two values to compare, A then B', (value: string) => value.split(',').map((part) => part.trim()))
    .addOption(new Option('--date-format <format>', 'the order of dates like 3/4/2026').choices(Object.keys(DATE_FORMATS)))
    .addOption(new Option('--moved-to <group>', 'instead, list the respondents of B now in this group who were in another in A').choices(CATEGORIES))
    .addOption(new Option('-f, --format <format>', 'format of the --moved-to list').choices(Object.keys(RECORD_FORMATS)).default('csv'));
  return addPrecisionOptions(addInputOptions(command)).action(async (files: string[], options: CompareOptions) => {
    done(await runCompare(files, options, io));
  });
}
