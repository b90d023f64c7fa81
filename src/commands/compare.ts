import { Command, Option } from 'commander';
import { scored, type Scored } from '../core/breakdown.js';
import { CATEGORIES, categoryOf, type Category } from '../core/categories.js';
import { movementBetween, respondentsIn, type Movement } from '../core/movement.js';
import { compareCounts, type Difference } from '../core/stats.js';
import { emptyTally, mergeTallies, type Tally } from '../core/tally.js';
import { inputError, type ExitCode } from '../errors.js';
import { wantsColor, writeAll, type Io } from '../io.js';
import { respondentKey } from '../input/dedupe.js';
import { emptyEvidence, refuseRecodedScale, scanResponses, type ScanEvidence } from '../input/responses.js';
import type { CompareReport } from '../output/compare.js';
import { Messages } from '../output/messages.js';
import { createRecordSink, RECORD_FORMATS, type RecordFormat } from '../output/records.js';
import { addInputOptions, checkInputNames, exitForRejections, finishReading, openInput, type InputOptions } from './inputs.js';
import { addPrecisionOptions, precisionOf, type PrecisionOptions } from './precision.js';

export interface CompareOptions extends InputOptions, PrecisionOptions {
  json?: boolean;
  movedTo?: Category;
  format: RecordFormat;
}

interface Sample {
  file: string;
  result: Scored;
  tally: Tally;
  evidence: ScanEvidence;
  /** Respondent to group, the last answer counting, when the file has a respondent column. */
  groups: Map<string, Category> | undefined;
}

async function readSample(file: string, io: Io, options: CompareOptions, messages: Messages): Promise<Sample> {
  const opened = await openInput(file, io, options, messages);
  const tally = emptyTally();
  const evidence = emptyEvidence();
  const respondentIndex = opened.choice.columns.respondent;
  const groups = respondentIndex === undefined ? undefined : new Map<string, Category>();
  await scanResponses(opened, options, tally, evidence, {
    onRejected: (rejection) => messages.rejected(rejection),
    ...(groups &&
      respondentIndex !== undefined && {
        onScored: (row) => {
          const key = respondentKey(row.cells[respondentIndex] ?? '');
          if (key !== '') groups.set(key, categoryOf(row.score));
        },
      }),
  });
  refuseRecodedScale(tally, evidence, options);
  return { file, result: scored(tally, precisionOf(options)), tally, evidence, groups };
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
  const [fileA, fileB] = files;
  if (files.length !== 2 || fileA === undefined || fileB === undefined) {
    throw inputError(`compare takes exactly two files, A and B; ${files.length} given`);
  }
  const messages = new Messages(io.stderr, options.quiet === true);
  const a = await readSample(fileA, io, options, messages);
  const b = await readSample(fileB, io, options, messages);
  const rejected = a.tally.rejected + b.tally.rejected;
  finishReading(mergeTallies(mergeTallies(emptyTally(), a.tally), b.tally), { elevens: 0 }, options, messages);
  const precision = precisionOf(options);
  const movement: Movement | undefined = a.groups && b.groups ? movementBetween(a.groups, b.groups) : undefined;
  if (options.movedTo !== undefined) {
    if (a.groups === undefined) throw inputError(`${fileA}: --moved-to needs a respondent column (email or id)`);
    const listed = await listMovers(fileB, a.groups, options.movedTo, io, options, messages);
    messages.info(`${listed} respondents moved to ${options.movedTo} from another group`);
    return exitForRejections(options, rejected, messages);
  }
  const difference = compareCounts(a.result.counts, b.result.counts, precision.level);
  const report: CompareReport = {
    a: { file: a.file, ...a.result },
    b: { file: b.file, ...b.result },
    difference,
    verdict: difference === undefined ? 'One of the files has no scored responses: there is nothing to compare.' : verdict(difference),
    movement: movement && respondentsIn(movement) > 0 ? movement : undefined,
    level: precision.level,
  };
  const { renderCompareJson, renderCompareTable } = await import('../output/compare.js');
  const rendered =
    options.json === true ? renderCompareJson(report) : renderCompareTable(report, { color: wantsColor(io.stdout, io.env) });
  await writeAll(io.stdout, rendered);
  return exitForRejections(options, rejected, messages);
}

export function compareCommand(io: Io, done: (code: ExitCode) => void): Command {
  const command = new Command('compare')
    .description('compare the NPS of two exports (A, then B) and say whether the difference is more than chance; with a respondent column in both, show how people moved between groups')
    .argument('<a>', 'the first export, e.g. last quarter')
    .argument('<b>', 'the second export, e.g. this quarter')
    .option('--json', 'print one JSON object instead of the table')
    .addOption(new Option('--moved-to <group>', 'instead, list the respondents of B now in this group who were in another in A').choices(CATEGORIES))
    .addOption(new Option('-f, --format <format>', 'format of the --moved-to list').choices(Object.keys(RECORD_FORMATS)).default('csv'));
  return addPrecisionOptions(addInputOptions(command)).action(async (a: string, b: string, options: CompareOptions) => {
    done(await runCompare([a, b], options, io));
  });
}
