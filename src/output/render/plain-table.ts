import stringWidth from 'string-width';

/**
 * A table with no rules, so it reads as plain aligned text and survives copy and
 * paste: columns two spaces apart, each left or right aligned. Linear in its rows
 * (a table library took 23 s for 10,000 groups); widths are measured as a terminal
 * shows text (string-width: colours take none, wide characters two).
 */
export interface PlainTable {
  push(...rows: ReadonlyArray<ReadonlyArray<string | number>>): void;
  toString(): string;
}

const GAP = '  ';

export function plainTable(head: readonly string[], alignRight: readonly boolean[]): PlainTable {
  const rows: string[][] = head.length > 0 ? [[...head]] : [];
  return {
    push: (...added) => {
      for (const row of added) rows.push(row.map(String));
    },
    toString: () => {
      const widthsOfRows = rows.map((row) => row.map((cell) => stringWidth(cell)));
      const columns = Math.max(0, ...rows.map((row) => row.length));
      const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...widthsOfRows.map((row) => row[column] ?? 0)));
      return rows
        .map((row, at) =>
          row
            .map((cell, column) => {
              const padding = ' '.repeat((widths[column] ?? 0) - (widthsOfRows[at]?.[column] ?? 0));
              return alignRight[column] === true ? padding + cell : cell + padding;
            })
            .join(GAP),
        )
        .join('\n');
    },
  };
}
