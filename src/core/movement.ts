import { CATEGORIES, type Category } from './categories.js';

/** How many respondents went from each group in the first sample to each group in the second. */
export type Movement = Record<Category, Record<Category, number>>;

export function emptyMovement(): Movement {
  const row = (): Record<Category, number> => ({ promoters: 0, passives: 0, detractors: 0 });
  return { promoters: row(), passives: row(), detractors: row() };
}

/** Cross-tabulates respondents present in both samples: `before` and `after` map respondent to group. */
export function movementBetween(before: ReadonlyMap<string, Category>, after: ReadonlyMap<string, Category>): Movement {
  const movement = emptyMovement();
  for (const [respondent, to] of after) {
    const from = before.get(respondent);
    if (from !== undefined) movement[from][to] += 1;
  }
  return movement;
}

export function respondentsIn(movement: Movement): number {
  return CATEGORIES.reduce((sum, from) => sum + CATEGORIES.reduce((row, to) => row + movement[from][to], 0), 0);
}
