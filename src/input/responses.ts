import type { Clock } from '../core/clock.js';
import type { ReadListener, Rejection } from '../core/reading.js';
import type { Io } from '../io.js';
import { requireColumn } from './columns.js';
import { DEDUPE_MODES, planDedupe, type DedupeScope, type KeepRow } from './dedupe.js';
import { loadFilters, openRun, type OpenedRun } from './responses/open.js';
import { adoptParts, readPart, type PartOptions } from './responses/parts.js';
import { RowPipeline } from './responses/pipeline.js';
import type { OpenedInput, PartReport, ReadSpec, ReadTotals, Response } from './responses/types.js';

export { checkInputNames, describeInput, openLayout, sheetOfResponses } from './responses/open.js';
export { refuseRecodedScale, inputWarnings } from './responses/closing.js';
export { commentOf } from './responses/pipeline.js';
export type { FilePart, InputFacts, LaidOutInput, OpenedInput, PartReport, ReadSpec, ReadTotals, Response } from './responses/types.js';
export type { ReadListener, Rejection };
export { DEDUPE_MODES };

/**
 * The one way `nps` reads responses: it opens every input (responses/open.ts), finds
 * its columns, and streams its rows through the row pipeline (responses/pipeline.ts),
 * handing each scored response to the command; a large single input can be read in
 * parts instead (responses/parts.ts, driven by parallel.ts). A `Responses` reads its
 * inputs once.
 */
export class Responses {
  private started = false;

  private constructor(
    private readonly run: OpenedRun,
    private readonly spec: ReadSpec,
    private readonly listener: ReadListener,
    private readonly keep: KeepRow | undefined,
  ) {}

  /** Opens every input and loads what the filters and the join need; says what it understood of each input. */
  static async open(files: readonly string[], spec: ReadSpec, io: Io, listener: ReadListener): Promise<Responses> {
    const loaded = await loadFilters(files, spec, io, listener);
    const run = await openRun(files, spec, io, listener, loaded);
    if (spec.dedupe === 'none') return new Responses(run, spec, listener, undefined);
    // --dedupe reads the inputs twice: first to find each respondent's answer to keep.
    const quiet: ReadListener = { info: () => undefined, warn: () => undefined, rejected: () => undefined };
    const firstSpec: ReadSpec = { ...spec, dedupe: 'none', needs: { dates: true, respondents: true, comments: false } };
    const firstPass = new Responses(await openRun(files, firstSpec, io, quiet, loaded, { clock: run.clock }), firstSpec, quiet, undefined);
    const within = spec.dedupeWithin ?? { kind: 'all' };
    const scope: DedupeScope = within.kind === 'column' ? { kind: 'column', index: requireColumn(run.inputs.map((one) => one.reader.name).join(' + '), run.columns, within.name, '--by') } : within;
    return new Responses(run, spec, listener, await planDedupe(firstPass, spec.dedupe, scope));
  }

  get inputs(): readonly OpenedInput[] {
    return this.run.inputs;
  }

  /** The run's columns: every input's in the order first seen, then the customers'. */
  get columns(): readonly string[] {
    return this.run.columns;
  }

  /** The other open questions of the run (beside its comment), by name: what `Response.answers` point to. */
  get questions(): readonly string[] {
    return this.run.questions;
  }

  get customers(): OpenedRun['loaded']['customers'] {
    return this.run.loaded.customers;
  }

  /** Whether reading has begun: a reader reads its inputs once. */
  get consumed(): boolean {
    return this.started;
  }

  /** Today, in days since 1970, as --today gives it or the run's clock says. */
  get today(): number {
    return this.run.today;
  }

  /** The clock the run's days follow: --tz, the offset of the export's timestamps, or UTC. */
  get clock(): Clock {
    return this.run.clock;
  }

  /** The first data rows of every input, in the run's columns: what a column holds, judged by its content. */
  firstRows(): string[][] {
    return this.run.plans.flatMap((plan) => plan.opened.firstRows.map((cells) => plan.project([...cells])));
  }

  /** The index in `columns` of a column an option names: its header, a unique start of it, or its number. */
  column(name: string, option: string): number {
    const where = this.run.inputs.map((opened) => opened.reader.name).join(' + ');
    return requireColumn(where, this.run.columns, name, option);
  }

  /** Streams every input once, in order; `onResponse` sees each scored response that is kept. */
  async read(onResponse?: (response: Response) => void, afterChunk?: () => Promise<void> | undefined): Promise<ReadTotals> {
    this.started = true;
    const pipeline = new RowPipeline(this.run, this.spec, this.listener, this.keep, onResponse);
    for (const plan of this.run.plans) await pipeline.readInput(plan, afterChunk);
    pipeline.flush();
    return pipeline.finish();
  }

  /** Reads one part of the single input, saying nothing: see responses/parts.ts. */
  readPart(onResponse: ((response: Response) => void) | undefined, io: Io, options: PartOptions = {}): Promise<PartReport> {
    this.started = true;
    return readPart(this.run, this.spec, this.keep, onResponse, io, options);
  }

  /** Lets go of the inputs' files, when they will not be read. */
  close(): void {
    for (const opened of this.run.inputs) opened.reader.close();
  }

  /** Says, for the parts of a parallel read in file order, what one read of the whole would have said. */
  adoptParts(parts: readonly PartReport[]): ReadTotals {
    return adoptParts(this.run, this.spec, this.listener, parts);
  }
}
