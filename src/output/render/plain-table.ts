import Table from 'cli-table3';

const NONE = '';

/** A table with no rules, so it reads as plain aligned text and survives copy and paste. */
export function plainTable(head: string[], alignRight: boolean[]): Table.Table {
  return new Table({
    head,
    colAligns: alignRight.map((right) => (right ? 'right' : 'left')),
    chars: {
      top: NONE, 'top-mid': NONE, 'top-left': NONE, 'top-right': NONE,
      bottom: NONE, 'bottom-mid': NONE, 'bottom-left': NONE, 'bottom-right': NONE,
      left: NONE, 'left-mid': NONE, mid: NONE, 'mid-mid': NONE,
      right: NONE, 'right-mid': NONE, middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
}
