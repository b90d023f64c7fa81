import type { ReadListener, Rejection } from '../../core/reading.js';
import type { Io } from '../../io.js';
import { CsvReader } from '../csv.js';
import type { KeepRow } from '../dedupe.js';
import { openSource } from '../source.js';
import { mergeFacts, readerFacts } from './closing.js';
import type { OpenedRun } from './open.js';
import { RowPipeline } from './pipeline.js';
import { addTotals, type PartReport, type ReadSpec, type ReadTotals, type Response } from './types.js';

/**
 * The protocol of a parallel read (see ../parallel.ts): each part of the single input
 * is read through the same pipeline, saying nothing, keeping its first rejected rows;
 * then the coordinator takes in every part's report, in file order, and says what one
 * read of the whole would have said.
 */

/** Rejected rows a part keeps one by one: the whole input shows its first ten. */
const REJECTIONS_KEPT = 10;

export interface PartOptions {
  /** The first part, read by the reader that opened the input: where it ends. */
  firstPartEnd?: number;
  /**
   * What the part is read with, when the input was opened (by a thread started ahead) before the part and the
   * cells the command reads were known: the same spec as the input was opened with, and those two.
   */
  spec?: ReadSpec;
  progress?: (bytes: number, rows: number) => void;
}

/**
 * Reads one part of the run's single input: the first part with the reader already
 * open, up to `firstPartEnd`; another (`spec.part`, in a thread) with a reader of its own.
 */
export async function readPart(
  run: OpenedRun,
  spec: ReadSpec,
  keep: KeepRow | undefined,
  onResponse: ((response: Response) => void) | undefined,
  io: Io,
  options: PartOptions,
): Promise<PartReport> {
  const read = options.spec ?? spec;
  const part = read.part;
  const [plan] = run.plans;
  if (plan === undefined || run.plans.length !== 1) throw new Error('readPart reads one part of one input');
  const csv = plan.opened.reader;
  if (csv.kind !== 'csv') throw new Error('readPart reads a part of a CSV file');
  let partPlan = plan;
  let reader = csv;
  if (options.firstPartEnd !== undefined) {
    csv.limitTo(options.firstPartEnd);
  } else if (part !== undefined) {
    csv.source.close();
    const source = openSource(csv.name, io.cwd, () => io.stdin, part);
    reader = CsvReader.openPart(source, csv, part.firstLine, part.isLast);
    partPlan = { ...plan, opened: { ...plan.opened, reader } };
  }
  const rejections: Rejection[] = [];
  const listener: ReadListener = {
    info: () => undefined,
    warn: () => undefined,
    rejected: (rejection) => {
      if (rejections.length < REJECTIONS_KEPT) rejections.push(rejection);
    },
    progress: (bytes, _total, rows) => options.progress?.(bytes, rows),
  };
  const pipeline = new RowPipeline(run, read, listener, keep, onResponse);
  await pipeline.readRows(partPlan, undefined);
  const unsettled = pipeline.unsettled;
  if (!unsettled) pipeline.flush();
  return {
    totals: pipeline.totals,
    facts: readerFacts(reader, partPlan.join),
    evidence: pipeline.dates.evidence(),
    unsettled,
    boundaryBroken: reader.boundaryBroken,
    rejections,
  };
}

/**
 * Takes in what every part of a parallel read found, in file order, and says it as a
 * single read would have: the first rejected rows, the warnings about the input, the
 * closing lines.
 */
export function adoptParts(run: OpenedRun, spec: ReadSpec, listener: ReadListener, parts: readonly PartReport[]): ReadTotals {
  const rejections = parts.flatMap((part) => part.rejections).slice(0, REJECTIONS_KEPT);
  for (const rejection of rejections) listener.rejected(rejection);
  const whole = new RowPipeline(run, spec, listener, undefined, undefined);
  for (const part of parts) addTotals(whole.totals, part.totals);
  listener.countRejections?.(whole.totals.tally.rejected - rejections.length);
  whole.afterInput(mergeFacts(parts.map((part) => part.facts)));
  return whole.finish();
}
