/** mulberry32: a small seeded generator, so that the same --seed gives the same sample on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform random sample of at most `size` items from a stream of unknown length
 * (Vitter's algorithm R): memory for `size` items, whatever the stream's length.
 */
export class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;

  constructor(
    private readonly size: number,
    private readonly random: () => number,
  ) {}

  offer(item: T): void {
    this.seen += 1;
    if (this.items.length < this.size) {
      this.items.push(item);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.size) this.items[slot] = item;
  }
}

/**
 * A row's place in a seeded random order: a hash of the seed and the row's place in
 * the input, uniform in [0, 1). The same row gets the same priority however the input
 * is read (in one pass or in parts), so a sample taken in parts is the one taken whole.
 */
export function priorityOf(seed: number, order: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ (order >>> 0) ^ Math.imul(Math.floor(order / 4294967296) >>> 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * A uniform random sample of at most `size` items from a stream of unknown length,
 * by bottom-k sampling: each item has a random priority, and the sample is the `size`
 * items of lowest priority. Samples of parts of a stream merge into the sample of the
 * whole, which a reservoir's do not.
 */
export class BottomK<T> {
  private entries: Array<SampledItem<T>> = [];

  constructor(private readonly size: number) {}

  /** `order` is the item's place in the input: it breaks ties of priority, so that every read keeps the same items. */
  offer(priority: number, order: number, item: T): void {
    this.entries.push({ priority, order, item });
    if (this.entries.length >= this.size * 2 + 16) this.trim();
  }

  /** The kept items with their priorities, for merging with another part's. */
  get held(): ReadonlyArray<SampledItem<T>> {
    this.trim();
    return this.entries;
  }

  get items(): T[] {
    return this.held.map((entry) => entry.item);
  }

  private trim(): void {
    this.entries.sort((a, b) => a.priority - b.priority || a.order - b.order);
    if (this.entries.length > this.size) this.entries.length = this.size;
  }
}

export interface SampledItem<T> {
  priority: number;
  order: number;
  item: T;
}
