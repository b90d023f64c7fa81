import { Option } from '../libraries/commander.js';
import { CATEGORIES, categoryOf, type Category } from '../core/categories.js';
import { compareSamples, type CompareReport, type Sample } from '../core/compare.js';
import { addToSide, compareAccounts, compareWeighted, emptySideLevels, type SideLevels } from '../core/compare-levels.js';
import { accountKey } from '../core/levels.js';
import { amountOrLeftOut, emptyLeftOut, type LeftOut } from '../core/weights.js';
import { periodOf, periodsApart, type Period } from '../core/periods.js';
import { addScore, emptyTally } from '../core/tally.js';
import { inputError } from '../errors.js';
import { AnswerPerRespondent, type KeepMode } from '../core/latest.js';
import type { ReadSpec, Response, Responses } from '../input/responses.js';
import type { Io } from '../io.js';
import type { Messages } from '../output/write/messages.js';
import { createRecordSink, type RecordFormat } from '../output/write/records.js';
import { levelNeeds, sayLeftOut } from './shared/accounts.js';
import { defineCommand, type Ran } from './shared/definition.js';
import {
  accountColumnOption,
  byOption,
  formatOption,
  GROUPS,
  jsonOption,
  periodOption,
  fiscalStartOf,
  fiscalStartOption,
  precisionOf,
  precisionOptions,
  rawOption,
  readingOptions,
  weightColumnOption,
  type RawPrecisionOptions,
  type RawReadingOptions,
} from './shared/options.js';
import type { Outcome } from './shared/outcome.js';
import { readCountSamples } from './shared/counts.js';
import { openResponses, readOutcome, requireDates } from './shared/read.js';
import { clipList, quote } from '../core/clip.js';

export interface CompareOptions extends RawReadingOptions, RawPrecisionOptions {
  json?: boolean;
  movedTo?: Category;
  format: RecordFormat;
  by?: string[][];
  period?: Period;
  fiscalStart?: number;
  values?: string[];
  raw?: boolean;
  paired?: boolean;
  counts?: boolean;
  accountColumn?: string;
  weightColumn?: string;
}

/** How responses are split into samples: by file, by the value of a column, or by the period of their date. */
type Splitter = (response: Response) => string | undefined;

function splitterFor(files: readonly string[], responses: Responses, options: CompareOptions, spans: Map<string, number>): Splitter {
  const column = byColumn(options);
  if (column !== undefined) {
    const index = responses.column(column, '--by');
    return (response) => response.cells[index] ?? '';
  }
  const period = options.period;
  if (period !== undefined) {
    requireDates(responses, '--period');
    const fiscalStart = fiscalStartOf(options);
    return (response) => {
      if (response.date === undefined) return undefined;
      const span = periodOf(response.date.day, period, fiscalStart);
      spans.set(span.key, span.start);
      return span.key;
    };
  }
  return (response) => files[response.input];
}

/** A sample being read: its tally, each respondent's answer kept (the latest by date, or the first), its accounts and weights. */
interface Reading {
  sample: Sample;
  answers: AnswerPerRespondent<Category> | undefined;
  levels: SideLevels;
}

function sampleFor(samples: Map<string, Reading>, name: string, withRespondents: boolean, mode: KeepMode): Reading {
  let reading = samples.get(name);
  if (reading === undefined) {
    reading = { sample: { name, tally: emptyTally(), groups: undefined }, answers: withRespondents ? new AnswerPerRespondent(mode) : undefined, levels: emptySideLevels() };
    samples.set(name, reading);
  }
  return reading;
}

/** Which answer of a respondent who answered twice on one side counts in the movement: the latest by date, or the first. */
const keepModeOf = (options: CompareOptions): KeepMode => (options.dedupe === 'first' ? 'first' : 'latest');

/** The sides of the comparison, within which --dedupe keeps one answer per respondent. */
function sidesOf(options: CompareOptions): ReadSpec['dedupeWithin'] {
  const column = byColumn(options);
  if (column !== undefined) return { kind: 'column', name: column };
  if (options.period !== undefined) return { kind: 'period', period: options.period, fiscalStart: fiscalStartOf(options) };
  return { kind: 'input' };
}

/** The two samples to compare: those named by --values, or the only two there are, or (for periods) the last two. */
function pickTwo(samples: Map<string, Sample>, options: CompareOptions, what: string): [Sample, Sample] {
  const names = [...samples.keys()];
  const chosen = options.values ?? (options.period !== undefined ? names.slice(-2) : names);
  if (chosen.length !== 2) {
    throw inputError(`${what} has ${names.length} values (${clipList(names)}); choose two with --values A,B`);
  }
  const [a, b] = chosen.map((name) => {
    const sample = samples.get(name);
    if (sample === undefined) throw inputError(`${what} has no responses with the value ${quote(name)}; it has: ${clipList(names)}`);
    return sample;
  });
  if (a === undefined || b === undefined) throw inputError('compare needs two samples');
  return [a, b];
}

/**
 * `--moved-to`: the respondents of B now in `target` who were in another group in A, with where they came from: each
 * respondent's answer in B is the one the movement table counts (the latest by date, or the first), one row each.
 */
async function listMovers(fileB: string, before: ReadonlyMap<string, Category>, options: CompareOptions, io: Io): Promise<number> {
  const target = options.movedTo ?? 'detractors';
  const { responses } = await openResponses([fileB], { ...options, quiet: true }, { dates: true, comments: false, respondents: true }, io, undefined, { inParts: false });
  const latest = new AnswerPerRespondent<{ category: Category; cells: readonly string[] | undefined }>(keepModeOf(options));
  let ordinal = 0;
  await responses.read((response) => {
    ordinal += 1;
    if (response.respondent === '') return;
    const category = categoryOf(response.score);
    // Only the rows that may be listed keep their cells: memory for the target group's rows, not the file's.
    latest.offer(response.respondent, { time: response.date?.time, ordinal }, { category, cells: category === target ? response.cells : undefined });
  });
  const sink = createRecordSink(options.format, [...responses.columns, 'previous_category', 'nps_category'], io.stdout, {
    endDestination: false,
    neutralize: options.raw !== true,
  });
  let listed = 0;
  for (const [respondent, { category, cells }] of latest.values()) {
    const from = before.get(respondent);
    if (category !== target || cells === undefined || from === undefined || from === target) continue;
    listed += 1;
    if (!sink.write([...cells, from, target])) await sink.drain();
  }
  await sink.end();
  return listed;
}

/** The one column of `--by`: compare sets two values of one column side by side. */
function byColumn(options: CompareOptions): string | undefined {
  const [only, ...others] = options.by ?? [];
  if (only === undefined) return undefined;
  const [column, ...crossed] = only;
  if (others.length > 0 || crossed.length > 0 || column === undefined) {
    throw inputError('compare takes one --by column and compares two of its values; for several columns at once use nps score --by');
  }
  return column;
}

function checkMode(files: readonly string[], options: CompareOptions): void {
  if (options.by !== undefined && options.period !== undefined) throw inputError('compare either --by a column or by --period, not both');
  const within = options.by !== undefined || options.period !== undefined;
  if (!within && files.length !== 2) {
    throw inputError(`compare takes two files, A and B (or one or more with --by COLUMN or --period PERIOD); ${files.length} given`);
  }
  if (options.movedTo !== undefined && within) throw inputError('--moved-to compares two files');
  if (options.values !== undefined && !within) throw inputError('--values chooses two values of --by or two periods of --period');
}

async function readSamples(
  files: string[],
  options: CompareOptions,
  io: Io,
): Promise<{ samples: Map<string, Sample>; spans: Map<string, number>; messages: Messages; outcome: Outcome }> {
  const needs = levelNeeds(options, { dates: true, comments: false, respondents: true });
  const { messages, responses } = await openResponses(files, options, needs, io, sidesOf(options), { inParts: false });
  const account = options.accountColumn === undefined ? undefined : responses.column(options.accountColumn, '--account-column');
  const weight = options.weightColumn === undefined ? undefined : responses.column(options.weightColumn, '--weight-column');
  const leftOut: LeftOut = emptyLeftOut();
  const spans = new Map<string, number>();
  const split = splitterFor(files, responses, options, spans);
  const readings = new Map<string, Reading>();
  const mode = keepModeOf(options);
  const withRespondents = (input: number): boolean => responses.inputs[input]?.choice.columns.respondent !== undefined;
  // Each file is a sample even when it has no scored row, so that the comparison says so.
  if (options.by === undefined && options.period === undefined) files.forEach((file, input) => sampleFor(readings, file, withRespondents(input), mode));
  let ordinal = 0;
  const totals = await responses.read((response) => {
    ordinal += 1;
    const name = split(response);
    if (name === undefined) return;
    const reading = sampleFor(readings, name, withRespondents(response.input), mode);
    addScore(reading.sample.tally, response.score);
    if (response.respondent !== '') reading.answers?.offer(response.respondent, { time: response.date?.time, ordinal }, categoryOf(response.score));
    const weighed = weight === undefined ? undefined : amountOrLeftOut(response.cells[weight] ?? '', response.input, response.line, leftOut);
    addToSide(reading.levels, response.score, account === undefined ? undefined : accountKey(response.cells[account] ?? ''), weighed);
  });
  if (weight !== undefined) sayLeftOut(leftOut, responses.columns[weight] ?? '', 'the weighted figures', responses, messages);
  const samples = new Map([...readings].map(([name, reading]) => [name, { ...reading.sample, groups: reading.answers?.values(), levels: reading.levels }] as const));
  const ordered = options.period === undefined ? samples : new Map([...samples].sort((a, b) => (spans.get(a[0]) ?? 0) - (spans.get(b[0]) ?? 0)));
  return { samples: ordered, spans, messages, outcome: readOutcome(messages, totals, options) };
}

export async function runCompare(files: string[], options: CompareOptions, io: Io): Promise<Ran<CompareReport>> {
  checkMode(files, options);
  if (options.counts === true && (options.movedTo !== undefined || options.paired === true)) {
    throw inputError(`${options.paired === true ? '--paired' : '--moved-to'} follows respondents, and counts have none: compare the exports themselves`);
  }
  if (options.counts === true && (options.accountColumn !== undefined || options.weightColumn !== undefined)) {
    throw inputError('accounts and weights need the responses themselves, not counts: compare the exports');
  }
  const { samples, spans, messages, outcome } =
    options.counts === true ? await readCountSamples(files, { ...options, column: byColumn(options), period: options.period }, io) : await readSamples(files, options, io);
  const what = options.by !== undefined ? `--by ${byColumn(options) ?? ''}` : options.period !== undefined ? `--period ${options.period}` : 'compare';
  const [a, b] = pickTwo(samples, options, what);
  if (options.movedTo !== undefined) {
    if (a.groups === undefined) throw inputError(`${a.name}: --moved-to needs a respondent column (email or id)`);
    const listed = await listMovers(files[1] ?? b.name, a.groups, options, io);
    messages.info(`${listed} respondents moved to ${options.movedTo} from another group`);
    return { outcome };
  }
  const kind = byColumn(options) ?? (options.period !== undefined ? 'Period' : 'File');
  if (options.paired === true && (a.groups === undefined || b.groups === undefined)) {
    throw inputError('--paired compares the respondents in both: A and B need a respondent column (an email or an id)');
  }
  const report = compareSamples(a, b, precisionOf(options), kind, { paired: options.paired === true });
  if (options.paired === true && report.difference === undefined) throw inputError('--paired needs at least 2 respondents in both A and B');
  if (options.period !== undefined) report.warnings.push(...periodsApart(a.name, b.name, options.period, spans, fiscalStartOf(options)));
  const level = precisionOf(options).level;
  const [sideA, sideB] = [a.levels ?? emptySideLevels(), b.levels ?? emptySideLevels()];
  if (options.accountColumn !== undefined) report.accounts = compareAccounts(sideA, sideB, level);
  if (options.weightColumn !== undefined) report.weighted = { ...compareWeighted(sideA, sideB, level), column: options.weightColumn };
  return { outcome, model: report };
}

export const compareCommand = defineCommand<CompareOptions, CompareReport>({
  name: 'compare',
  description:
    'compare the NPS of two exports (A, then B) and say whether the difference is more than chance; with a respondent column in both, show how people moved between groups',
  argument: { name: '<file...>', description: 'two exports, A then B (e.g. last quarter, this quarter); or one or more with --by or --period' },
  options: [
    jsonOption(),
    byOption('instead compare two values of this column, in the files read together'),
    periodOption('instead compare two periods of the date column: the last two, or those --values names'),
    fiscalStartOption(),
    new Option('--values <a,b>', 'with --by or --period: the two values to compare, A then B')
      .argParser((value: string) => value.split(',').map((part) => part.trim()))
      .helpGroup(GROUPS.statistics),
    ...precisionOptions(),
    accountColumnOption(),
    weightColumnOption(),
    new Option('--paired', 'compare only the respondents in both, by a paired test (needs a respondent column)').helpGroup(GROUPS.statistics),
    new Option('--moved-to <group>', 'instead, list the respondents of B now in this group who were in another in A').choices(CATEGORIES).helpGroup(GROUPS.output),
    formatOption('format of the --moved-to list'),
    rawOption(),
    new Option('--counts', 'the files are counts from the query nps sql prints (CSV or JSON), not responses').helpGroup(GROUPS.input),
    ...readingOptions(),
  ],
  examples: [
    ['nps compare fixtures/compare-a.csv fixtures/compare-b.csv', 'whether B differs from A by more than chance, and who moved'],
    ['nps compare fixtures/plans-monthly.csv --by plan --values free,pro', 'two groups of one export'],
    ['nps compare fixtures/compare-a.csv fixtures/compare-b.csv --moved-to detractors', 'the respondents who became detractors'],
  ],
  renderers: {
    json: async () => (await import('../output/render/compare.js')).renderCompareJson,
    table: async () => (await import('../output/render/compare.js')).renderCompareTable,
  },
  run: runCompare,
});
