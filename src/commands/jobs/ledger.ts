import { createHash } from 'node:crypto';
import type { Candidate } from '../../core/ledger.js';
import { LevelAccumulator, type LevelData, type LevelSettings } from '../../core/levels.js';
import type { PartJob } from '../../input/parallel.js';
import type { Response } from '../../input/responses.js';
import { levelResponse } from './level-response.js';

/** `nps segment --ledger`'s work on each part: every scored response as a candidate case. */
export interface LedgerConfig {
  /** The export's column of response ids, in the run's columns; undefined when it has none. */
  idIndex: number | undefined;
  /** With --value-column or --account-column: the revenue at risk, each account once, as without a ledger. */
  levels?: LevelSettings | undefined;
}

export interface LedgerAccumulator {
  candidates: Candidate[];
  levels?: LevelAccumulator | undefined;
}

interface LedgerData {
  candidates: Candidate[];
  levels: LevelData | undefined;
}

/** Lines of one input never reach this: the input's number is kept above them, so a row's place is unique across inputs. */
const LINES_PER_INPUT = 2 ** 32;

/**
 * A case's id: the export's response id, or else a key of what makes the response itself (who, when, the
 * score, the comment), the same in every export that holds it: `nps-` and 16 hex digits of its SHA-256.
 */
export function caseIdOf(response: Pick<Response, 'respondent' | 'date' | 'score' | 'comment' | 'cells'>, idIndex: number | undefined): string {
  const id = idIndex === undefined ? '' : (response.cells[idIndex] ?? '').trim();
  if (id !== '') return id;
  const identity = JSON.stringify([response.respondent, response.date?.time ?? null, response.score, response.comment.trim()]);
  return `nps-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`;
}

export const ledgerJob: PartJob<LedgerConfig, LedgerAccumulator, LedgerData> = {
  module: 'commands/jobs/ledger.js',
  name: 'ledgerJob',
  create: (config) => ({ candidates: [], levels: config.levels === undefined ? undefined : new LevelAccumulator(config.levels) }),
  adder:
    ({ candidates, levels }, config) =>
    (response) => {
      levels?.add(levelResponse(response));
      candidates.push({
        caseId: caseIdOf(response, config.idIndex),
        score: response.score,
        time: response.date?.time,
        respondent: response.respondent,
        comment: response.comment,
        cells: response.cells,
        order: response.input * LINES_PER_INPUT + response.line,
        anonymous: response.respondent === '' && response.date === undefined && (config.idIndex === undefined || (response.cells[config.idIndex] ?? '').trim() === ''),
      });
    },
  toData: ({ candidates, levels }) => ({ candidates, levels: levels?.toData() }),
  merge: (into, data) => {
    if (data.levels !== undefined) into.levels?.mergeData(data.levels);
    // One at a time: a spread of a part's hundreds of thousands of cases would overflow the call stack.
    for (const candidate of data.candidates) into.candidates.push(candidate);
  },
};
