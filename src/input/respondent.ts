/** How a respondent is matched, the same in reading and in the core's ledger. */
export { respondentKey } from '../core/respondent.js';
