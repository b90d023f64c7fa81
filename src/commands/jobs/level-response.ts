import type { LevelResponse } from '../../core/levels.js';
import type { Response } from '../../input/responses.js';

/** A response as accounts, weights and values take it in, the same in every command's job. */
export function levelResponse(response: Response): LevelResponse {
  return {
    score: response.score,
    cells: response.cells,
    day: response.date?.day,
    time: response.date?.time,
    respondent: response.respondent,
    input: response.input,
    line: response.line,
    periodOnly: response.periodOnly,
  };
}
