import type { VendorColumns } from '../core/given-topics.js';
import { normalizeHeader } from './header-words.js';

/** The columns of a platform's own reading of the comments (Qualtrics Text iQ), found by their headers: see core/given-topics.ts. */
type Kind = keyof VendorColumns;

const NAMES: ReadonlyArray<[Kind, string]> = [
  ['parents', 'parent topics'],
  ['polarity', 'sentiment polarity'],
  ['score', 'sentiment score'],
  ['topics', 'topics'],
  ['sentiment', 'sentiment'],
];

/** The kind of vendor column a header names: "Topics", "Q2 - Topics", "Q2_Sentiment Score". */
function kindOf(header: string): Kind | undefined {
  const text = normalizeHeader(header);
  for (const [kind, name] of NAMES) {
    if (text === name || text.endsWith(` - ${name}`) || text.endsWith(`_${name}`) || text.endsWith(`-${name}`)) return kind;
  }
  return undefined;
}

/** Whether a header is one of the vendor's columns: never a comment, though it holds words. */
export function isVendorColumn(header: string): boolean {
  return kindOf(header) !== undefined;
}

/** The vendor's columns among a run's columns (the first of each kind); undefined when there is no topics or sentiment column. */
export function vendorColumns(columns: readonly string[]): VendorColumns | undefined {
  const found: VendorColumns = { topics: undefined, parents: undefined, sentiment: undefined, polarity: undefined, score: undefined };
  columns.forEach((header, at) => {
    const kind = kindOf(header);
    if (kind !== undefined && found[kind] === undefined) found[kind] = at;
  });
  return Object.values(found).some((index) => index !== undefined) ? found : undefined;
}
