import type { LevelResponse } from '../../core/levels.js';
import type { ReportEntry } from '../../core/report.js';
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

/** A response as the report takes it in: the same, with its answers. One object is made, not one spread into another (a copy per row). */
export function reportEntry(response: Response): ReportEntry {
  const { score, cells, respondent, input, line, periodOnly, comment, answers } = response;
  return { score, cells, day: response.date?.day, time: response.date?.time, respondent, input, line, periodOnly, comment, answers };
}
