import type { Category } from '../../core/categories.js';
import { compileMessages, readAmount } from '../../core/followup.js';
import { SegmentLists, type SegmentCounts, type SegmentSettings, type Samples } from '../../core/segment.js';
import type { Templates } from '../../core/templates.js';
import { ThemeExtras, type ThemeExtrasData } from '../../core/theme-extras.js';
import { commentReaderOf, type CommentSettings } from '../../input/comment-reader.js';
import type { PartJob } from '../../input/parallel.js';
import { HeldOnDisk } from '../../output/write/held-rows.js';
import { serializerFor } from '../../output/write/records.js';
import type { RecordFormat } from '../../output/write/records.js';

/** `nps segment`'s work on each part: every response counted, the rows of the lists wanted built and held in sorted runs. */
export interface SegmentConfig {
  lists: SegmentSettings;
  templates: Templates;
  /** The run's columns (for the templates), then the lists' header. */
  columns: string[];
  header: string[];
  record: { format: RecordFormat; neutralize: boolean; excel: boolean };
  valueIndex: number | undefined;
  comments: CommentSettings | undefined;
  /** Where held rows spill, and how many bytes of them wait in memory first. */
  scratch: string;
  heldBudget: number;
  /** Whether the passives' and detractors' comments are kept for the pooled suggestions (suggestions.csv). */
  suggestions: boolean;
}

export interface SegmentAccumulator {
  lists: SegmentLists<string>;
  store: HeldOnDisk;
}

export interface SegmentData {
  counts: SegmentCounts;
  samples: Samples<string> | undefined;
  runs: Record<Category, string[]>;
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
    const extras = config.suggestions && comments !== undefined ? new ThemeExtras() : undefined;
    const lists = new SegmentLists(config.lists, messages, comments, serializerFor(config.record.format, config.header, config.record), store, extras);
    return { lists, store };
  },
  adder:
    ({ lists }, config) =>
    (response) => {
      const valueIndex = config.valueIndex;
      const cell = valueIndex === undefined ? '' : (response.cells[valueIndex] ?? '');
      const value = readAmount(cell);
      if (typeof value === 'object') lists.noteValue(cell, value.problem);
      lists.add({
        score: response.score,
        time: response.date?.time,
        value: typeof value === 'number' ? value : undefined,
        order: response.input * LINES_PER_INPUT + response.line,
        cells: response.cells,
        comment: response.comment,
        answers: response.answers,
      });
    },
  toData: ({ lists, store }) => ({ counts: lists.counts, samples: lists.samplesHeld(), runs: store.spillAll(), extras: lists.extras?.toData() }),
  merge: (into, data) => {
    into.lists.merge(data.counts, data.samples);
    if (data.extras !== undefined) into.lists.extras?.mergeData(data.extras);
    into.store.adoptRuns(data.runs);
  },
  discard: ({ store }) => store.discard(),
};
