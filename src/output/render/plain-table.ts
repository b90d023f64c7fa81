import { isNarrow, textWidth, withoutColour } from './text-width.js';

/**
 * A table with no rules, so it reads as plain aligned text and survives copy and
 * paste: columns two spaces apart, each left or right aligned. Linear in its rows
 * (a table library took 23 s for 10,000 groups); widths are measured as a terminal
 * shows text (text-width.ts: colours take none, wide characters two).
 *
 * Text output is laid out for LINE_WIDTH columns. The columns named in `fit` (the
 * names from the input: groups, files, companies) give way when a table would be
 * wider: each is cut, widest first, with an ellipsis, down to FIT_MINIMUM. The JSON
 * and the report keep every name whole.
 */
export interface PlainTable {
  push(...rows: ReadonlyArray<ReadonlyArray<string | number>>): void;
  toString(): string;
}

const GAP = '  ';

/** The width text output is laid out for: what a terminal opens with. */
export const LINE_WIDTH = 80;

/**
 * The width a terminal reports, or LINE_WIDTH when it reports none: a pipe, or a terminal
 * whose size is unknown (a pseudo-terminal opened without one reports 0 columns).
 */
export const widthOf = (stream: { columns?: number | undefined }): number => (stream.columns !== undefined && stream.columns > 0 ? stream.columns : LINE_WIDTH);

/** A column given way to is never cut narrower than this. */
const FIT_MINIMUM = 12;

/** Made when first needed: making one takes about 15 ms. */
let segmenter: Intl.Segmenter | undefined;

/** Text cut to `width` terminal columns, ending with "…" when cut; escape codes are not counted, and are dropped when cutting. */
export function cutToWidth(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  const plain = withoutColour(text);
  if (isNarrow(plain)) return `${plain.slice(0, Math.max(0, width - 1))}…`;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let kept = '';
  let used = 0;
  for (const { segment } of segmenter.segment(plain)) {
    const cell = textWidth(segment);
    if (used + cell > width - 1) break;
    kept += segment;
    used += cell;
  }
  return `${kept}…`;
}

/** Before a name is cut narrower than this, the columns that may be dropped are. */
const DROP_BELOW = 20;

export interface TableOptions {
  /** Columns that may be cut, so that the table fits. */
  fit?: readonly number[];
  /** Columns left out when the table would not fit otherwise without cutting a name under DROP_BELOW. */
  drop?: readonly number[];
}

export function plainTable(head: readonly string[], alignRight: readonly boolean[], options: TableOptions = {}): PlainTable {
  const all: string[][] = head.length > 0 ? [[...head]] : [];
  return {
    push: (...added) => {
      for (const row of added) all.push(row.map(String));
    },
    toString: () => {
      const naturalOf = (rows: readonly string[][]): number[] => {
        const columns = Math.max(0, ...rows.map((row) => row.length));
        return Array.from({ length: columns }, (_, column) => Math.max(0, ...rows.map((row) => textWidth(row[column] ?? ''))));
      };
      const fit = options.fit ?? [];
      const drop = options.drop ?? [];
      let rows = all;
      let align = alignRight;
      const natural = naturalOf(rows);
      let widths = fitted(natural, fit);
      const cramped = fit.some((column) => (widths[column] ?? 0) < Math.min(natural[column] ?? 0, DROP_BELOW));
      if (cramped && drop.length > 0) {
        const keep = (_: unknown, column: number): boolean => !drop.includes(column);
        rows = all.map((row) => row.filter(keep));
        align = alignRight.filter(keep);
        const shifted = fit.filter((column) => !drop.includes(column)).map((column) => column - drop.filter((gone) => gone < column).length);
        widths = fitted(naturalOf(rows), shifted);
      }
      const alignOf = align;
      return rows
        .map((row) =>
          row
            .map((text, column) => {
              const width = widths[column] ?? 0;
              const cell = cutToWidth(text, width);
              const padding = ' '.repeat(Math.max(0, width - textWidth(cell)));
              return alignOf[column] === true ? padding + cell : cell + padding;
            })
            .join(GAP),
        )
        .join('\n');
    },
  };
}

/** The widths of the columns once those that may give way have, the widest first a cell at a time, so that the table fits LINE_WIDTH. */
function fitted(natural: readonly number[], fit: readonly number[]): number[] {
  const widths = [...natural];
  let excess = widths.reduce((sum, width) => sum + width, 0) + GAP.length * Math.max(0, widths.length - 1) - LINE_WIDTH;
  while (excess > 0) {
    let widest: number | undefined;
    for (const column of fit) if ((widths[column] ?? 0) > FIT_MINIMUM && (widest === undefined || (widths[column] ?? 0) > (widths[widest] ?? 0))) widest = column;
    if (widest === undefined) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    excess -= 1;
  }
  return widths;
}
