/** A row waiting to be ordered in its list. */
export interface Ranked {
  score: number;
  /** Revenue from --value-column; undefined when unknown. */
  value: number | undefined;
  /** Milliseconds since 1970; undefined when the row has no readable date. */
  time: number | undefined;
  /** Position in the input, for a stable order. */
  order: number;
}

/** Newer first, undated last; ties keep input order. */
function newestFirst(a: Ranked, b: Ranked): number {
  if (a.time !== b.time) {
    if (a.time === undefined) return 1;
    if (b.time === undefined) return -1;
    return b.time - a.time;
  }
  return a.order - b.order;
}

/** Detractors: lowest score first, then the most revenue, then the newest answer. */
export function byUrgency(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return a.score - b.score;
  if (a.value !== b.value) {
    if (a.value === undefined) return 1;
    if (b.value === undefined) return -1;
    return b.value - a.value;
  }
  return newestFirst(a, b);
}

/** Promoters: the newest first, since the ask works best right after a good answer. */
export function byRecency(a: Ranked, b: Ranked): number {
  return newestFirst(a, b);
}

/** Passives: as they came. */
export function byInputOrder(a: Ranked, b: Ranked): number {
  return a.order - b.order;
}

/** "$12,000.50", "12000", "€ 1 200": the number, or undefined when there is none. */
export function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[^\d.-]/g, '');
  if (cleaned === '' || cleaned === '-' || cleaned === '.') return undefined;
  const amount = Number(cleaned);
  return Number.isFinite(amount) ? amount : undefined;
}

/** The moment a reply is due: the answer's time plus the SLA, as ISO 8601 in UTC to the second. */
export function respondBy(time: number | undefined, slaMs: number): string {
  if (time === undefined) return '';
  return new Date(time + slaMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
