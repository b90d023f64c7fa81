import type { Category } from '../../core/categories.js';
import { LevelAccumulator, type LevelData, type LevelSettings } from '../../core/levels.js';
import { compileMessages } from '../../core/followup.js';
import { readAmount } from '../../core/money.js';
import { listShape, type ShapeChoice } from '../../core/presets.js';
import { SegmentLists, type HeldAnswer, type SegmentCounts, type SegmentSettings, type Samples } from '../../core/segment.js';
import type { Templates } from '../../core/templates.js';
import { ThemeExtras, type ThemeExtrasData } from '../../core/theme-extras.js';
import { commentReaderOf, type CommentSettings } from '../../input/comment-reader.js';
import type { PartJob } from '../../input/parallel.js';
import { levelResponse } from './level-response.js';
import { HeldOnDisk } from '../../output/write/held-rows.js';
import { serializerFor } from '../../output/write/records.js';
import type { RecordFormat } from '../../output/write/records.js';

/** `nps segment`'s work on each part: every response counted, the rows of the lists wanted built and held in sorted runs. */
export interface SegmentConfig {
  lists: SegmentSettings;
  templates: Templates;
  /** The run's columns (for the templates), then every column of a list row, and the header the lists are written with. */
  columns: string[];
  rowColumns: string[];
  shape: ShapeChoice;
  header: string[];
  record: { format: RecordFormat; neutralize: boolean; excel: boolean };
  valueIndex: number | undefined;
  comments: CommentSettings | undefined;
  /** Where held rows spill, and how many bytes of them wait in memory first. */
  scratch: string;
  heldBudget: number;
  /** With --value-column or --account-column: each account's value once, for the revenue at risk. */
  levels?: LevelSettings | undefined;
  /** Whether the passives' and detractors' comments are kept for the pooled suggestions (suggestions.csv). */
  suggestions: boolean;
  /**
   * Where the themes column stands in a written row, when discovered themes are added to it: the comments are
   * kept for discovery, and each row is held as JSON with its comment until the themes are known.
   */
  discoveredAt?: number | undefined;
}

/** A row held until its discovered themes are known: the language its comment was read in, the comment, the cells written. */
export type PendingRow = [language: string, comment: string, ...cells: string[]];

/** A held row, marked: finished (a row with no comment has no theme to find) or pending, as JSON. */
export const HELD_FINISHED = 'F';
export const HELD_PENDING = 'P';

function pendingRecord(cells: string[], answer: HeldAnswer, serialize: (cells: readonly string[]) => string): string {
  if (answer.language === undefined) return HELD_FINISHED + serialize(cells);
  return HELD_PENDING + JSON.stringify([answer.language, answer.comment, ...cells] satisfies PendingRow);
}

export interface SegmentAccumulator {
  lists: SegmentLists<string>;
  store: HeldOnDisk;
  levels?: LevelAccumulator | undefined;
}

export interface SegmentData {
  counts: SegmentCounts;
  samples: Samples<string> | undefined;
  runs: Record<Category, string[]>;
  levels?: LevelData | undefined;
  extras: ThemeExtrasData | undefined;
}

/** Lines of one input never reach this: the input's number is kept above them, so a row's place is unique across inputs. */
const LINES_PER_INPUT = 2 ** 32;

export const segmentJob: PartJob<SegmentConfig, SegmentAccumulator, SegmentData> = {
  module: 'commands/jobs/segment.js',
  name: 'segmentJob',
  create: async (config) => {
    const store = new HeldOnDisk(config.scratch, config.heldBudget);
    const comments = config.comments === undefined ? undefined : await commentReaderOf(config.comments);
    const messages = compileMessages(config.templates, config.columns);
    const serialize = serializerFor(config.record.format, config.header, config.record);
    // Rows carry every column, derived ones included; the shape writes those chosen (--columns, --preset).
    const shape = listShape(config.rowColumns, config.shape);
    const pending = config.discoveredAt !== undefined && comments !== undefined;
    const extras = (config.suggestions || pending) && comments !== undefined ? new ThemeExtras() : undefined;
    const record = pending
      ? (cells: readonly string[], answer: HeldAnswer): string => pendingRecord(shape.project(cells), answer, serialize)
      : (cells: readonly string[]): string => serialize(shape.project(cells));
    const lists = new SegmentLists(config.lists, messages, comments, record, store, extras);
    return { lists, store, levels: config.levels === undefined ? undefined : new LevelAccumulator(config.levels) };
  },
  adder:
    ({ lists, levels }, config) =>
    (response) => {
      levels?.add(levelResponse(response));
      // The value orders detractors; one that is no amount is said, with its line, by the levels.
      const valueIndex = config.valueIndex;
      const amount = valueIndex === undefined ? undefined : readAmount(response.cells[valueIndex] ?? '');
      lists.add({
        score: response.score,
        time: response.date?.time,
        value: amount?.kind === 'amount' ? amount.value : undefined,
        order: response.input * LINES_PER_INPUT + response.line,
        cells: response.cells,
        comment: response.comment,
        answers: response.answers,
      });
    },
  toData: ({ lists, store, levels }) => ({ counts: lists.counts, samples: lists.samplesHeld(), runs: store.spillAll(), levels: levels?.toData(), extras: lists.extras?.toData() }),
  merge: (into, data) => {
    if (data.levels !== undefined) into.levels?.mergeData(data.levels);
    into.lists.merge(data.counts, data.samples);
    if (data.extras !== undefined) into.lists.extras?.mergeData(data.extras);
    into.store.adoptRuns(data.runs);
  },
  discard: ({ store }) => store.discard(),
};
