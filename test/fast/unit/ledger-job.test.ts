import { describe, expect, it } from 'vitest';
import { ledgerJob } from '../../../src/commands/jobs/ledger.js';
import type { Candidate } from '../../../src/core/ledger.js';

describe("the ledger's part job", () => {
  it('merges a part of hundreds of thousands of cases (a spread of them overflowed the call stack)', async () => {
    const config = { idIndex: undefined };
    const into = await ledgerJob.create(config, { part: 0, cwd: '.' });
    const candidate: Candidate = { caseId: 'c', score: 0, time: undefined, respondent: '', comment: '', cells: [], order: 0, anonymous: true };
    const part: Candidate[] = new Array<Candidate>(1_000_000).fill(candidate);
    part[999_999] = { ...candidate, caseId: 'last' };
    ledgerJob.merge(into, { candidates: part, levels: undefined }, config);
    expect(into.candidates).toHaveLength(1_000_000);
    expect(into.candidates[999_999]?.caseId).toBe('last');
  });
});
