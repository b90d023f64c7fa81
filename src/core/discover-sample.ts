import type { Category } from './categories.js';
import { priorityOf } from './random.js';
import { packResponses, unpackResponses, type PackedResponses } from './sample-data.js';

/**
 * The responses discovery reads, held whole: every one in a file of ordinary size,
 * a seeded random sample beyond it, so that memory stays bounded whatever the file.
 * Each response has a priority, a hash of its place in the input; the sample is the
 * longest run of responses by priority that fits in both limits (a count and a
 * number of characters). Whatever fits is kept; the first response that does not
 * fit sets a threshold above which nothing is taken again. So the sample of a file
 * read in parts, merged, is the sample of the file read whole.
 */
export interface SampledAnswer {
  text: string;
  /** The language the answer was read in (`und` when it could not be told). */
  language: string;
  /** The named themes it mentions: the lexicon's and the export's own topics. */
  themes: string[];
}

export interface SampledResponse {
  priority: number;
  /** The response's place in the input, unique across inputs. */
  order: number;
  category: Category;
  /** The side it belongs to (an input, or a period) when themes are compared over time. */
  side: string | undefined;
  answers: SampledAnswer[];
}

/** The first response left out, by priority then place: it and all after it are never taken. */
interface Threshold {
  priority: number;
  order: number;
}

export interface SampleData {
  responses: PackedResponses;
  threshold: Threshold;
}

/** A file of up to this many responses with comments is read whole. */
export const SAMPLE_RESPONSES = 50_000;
/** And up to this many characters of comments (about 32 MB). */
export const SAMPLE_CHARACTERS = 16_000_000;
const SEED = 28;
/**
 * Trims wait until the sample is this much over its limits. A trim selects in linear
 * time, and until one comes the threshold stays where the last set it, so every response
 * under it is copied in: at 2, a varied 200,000-row file offered 114,000 responses for
 * 50,000 kept; at 1.25, 102,000.
 */
const SLACK = 1.25;

const charactersOf = (entry: SampledResponse): number => entry.answers.reduce((sum, answer) => sum + answer.text.length, 0);
const byPriority = (a: Threshold, b: Threshold): number => a.priority - b.priority || a.order - b.order;
const NONE: Threshold = { priority: Infinity, order: Infinity };
const earlier = (a: Threshold, b: Threshold): Threshold => (byPriority(a, b) <= 0 ? a : b);

export class ResponseSample {
  private entries: SampledResponse[] = [];
  private characters = 0;
  private threshold: Threshold = NONE;

  constructor(
    private readonly maxResponses = SAMPLE_RESPONSES,
    private readonly maxCharacters = SAMPLE_CHARACTERS,
  ) {}

  /** The priority of the response at this place in the input. */
  static priorityOf(order: number): number {
    return priorityOf(SEED, order);
  }

  /** Whether a response at this priority and place would be taken now. */
  accepts(priority: number, order: number): boolean {
    return byPriority({ priority, order }, this.threshold) < 0;
  }

  offer(entry: SampledResponse): void {
    if (!this.accepts(entry.priority, entry.order)) return;
    this.entries.push(entry);
    this.characters += charactersOf(entry);
    if (this.entries.length > this.maxResponses * SLACK || this.characters > this.maxCharacters * SLACK) this.trim();
  }

  /**
   * Keeps the longest run by priority that fits; the first left out sets the threshold.
   * The run is found without sorting everything: the responses of lowest priority, as
   * many as the count allows, are selected (in linear time), and only when they hold too
   * many characters are they sorted to find where the run ends.
   */
  private trim(): void {
    if (this.entries.length <= this.maxResponses && this.characters <= this.maxCharacters) return;
    let candidates = this.entries;
    let next: SampledResponse | undefined;
    if (candidates.length > this.maxResponses) {
      selectSmallest(candidates, this.maxResponses);
      next = candidates[this.maxResponses];
      candidates = candidates.slice(0, this.maxResponses);
    }
    let characters = candidates.reduce((sum, entry) => sum + charactersOf(entry), 0);
    if (characters > this.maxCharacters) {
      candidates.sort(byPriority);
      characters = 0;
      let kept = 0;
      for (const entry of candidates) {
        const size = charactersOf(entry);
        if (characters + size > this.maxCharacters) break;
        characters += size;
        kept += 1;
      }
      next = candidates[kept];
      candidates = candidates.slice(0, kept);
    }
    if (next !== undefined) this.threshold = earlier(this.threshold, { priority: next.priority, order: next.order });
    this.entries = candidates;
    this.characters = characters;
  }

  /** Trimmed first: a part sends at most a sample's worth to be merged, not the slack it gathers between trims. */
  toData(): SampleData {
    this.trim();
    return { responses: packResponses(this.entries), threshold: this.threshold };
  }

  mergeData(data: SampleData): void {
    this.threshold = earlier(this.threshold, data.threshold);
    const below = (entry: SampledResponse): boolean => byPriority(entry, this.threshold) < 0;
    this.entries = [...this.entries.filter(below), ...unpackResponses(data.responses).filter(below)];
    this.characters = this.entries.reduce((sum, entry) => sum + charactersOf(entry), 0);
    this.trim();
  }

  /** The responses kept, in input order; `complete` when none was ever left out. */
  responses(): { responses: SampledResponse[]; complete: boolean } {
    this.trim();
    return { responses: [...this.entries].sort((a, b) => a.order - b.order), complete: this.threshold.priority === Infinity };
  }
}

/**
 * Puts the `k` responses of lowest priority first, in no order, and the next one at `k`
 * (Hoare's selection, as in Wirth's FIND): linear on average, where a sort of the whole
 * sample at every trim was most of the time discovery took on a large file.
 */
function selectSmallest(items: SampledResponse[], k: number): void {
  let left = 0;
  let right = items.length - 1;
  while (right > left) {
    const pivot = items[(left + right) >>> 1] as SampledResponse;
    let i = left;
    let j = right;
    while (i <= j) {
      while (byPriority(items[i] as SampledResponse, pivot) < 0) i += 1;
      while (byPriority(items[j] as SampledResponse, pivot) > 0) j -= 1;
      if (i <= j) {
        const swap = items[i] as SampledResponse;
        items[i] = items[j] as SampledResponse;
        items[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}
