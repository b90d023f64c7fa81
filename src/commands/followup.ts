import { Option } from '../libraries/commander.js';
import { dayOn, UTC } from '../core/clock.js';
import { followupReport, type FollowupReport } from '../core/ledger-report.js';
import { inputError } from '../errors.js';
import type { DateFormat } from '../input/dates.js';
import { parseBound } from '../input/filters.js';
import { readLedger } from '../input/ledger.js';
import { clockNamed } from '../input/responses/open.js';
import type { Io } from '../io.js';
import { Messages } from '../output/write/messages.js';
import { defineCommand, type Ran } from './shared/definition.js';
import { dateOptions, GROUPS, jsonOption, realNow, todayOf } from './shared/options.js';
import { SUCCESS } from './shared/outcome.js';

export interface FollowupOptions {
  today?: string;
  tz?: string;
  dateFormat?: DateFormat;
  resolvedSince?: string;
  json?: boolean;
}

/** How far back "resolved lately" reaches by default: a week. */
const RESOLVED_DAYS = 7;

/**
 * Reads the ledger `nps segment --ledger` keeps and the team edits, and says where the follow-up
 * stands. Days follow --tz, or else the clock the ledger's own times name (`2026-11-03 09:00 UTC-08:00`).
 */
export async function runFollowup(files: string[], options: FollowupOptions, io: Io): Promise<Ran<FollowupReport>> {
  const [file = ''] = files;
  const messages = new Messages(io.stderr, false);
  const given = options.tz === undefined ? undefined : clockNamed(options.tz);
  const ledger = await readLedger(file, io, { dateFormat: options.dateFormat, teamDates: true, clock: given ?? UTC });
  if (ledger === undefined) throw inputError(`${file}: file not found; nps segment EXPORT --ledger ${file} creates it`);
  const clock = given ?? ledger.clock ?? UTC;
  const today = todayOf(options) ?? dayOn(clock, realNow());
  const since = options.resolvedSince === undefined ? today - RESOLVED_DAYS : parseBound('--resolved-since', options.resolvedSince, options.dateFormat, today, clock);
  const { count, first } = ledger.unreadable;
  if (count > 0) {
    const examples = first.map((one) => `line ${one.line}, ${one.column}: ${JSON.stringify(one.text)}`).join('; ');
    messages.warn(`${file}: ${count === 1 ? '1 date' : `${count} dates`} the team wrote could not be read as dates (${examples}${count > first.length ? '; …' : ''}); they count as not written`);
  }
  return { outcome: SUCCESS, model: followupReport(file, ledger.cases, { today, clock, since, unreadableDates: ledger.unreadable }) };
}

export const followupCommand = defineCommand<FollowupOptions, FollowupReport>({
  name: 'followup',
  description:
    'where the follow-up stands, from the ledger nps segment --ledger keeps and the team edits: cases by group and status, ' +
    'overdue ones and by how long, what was resolved lately, how fast detractors were contacted',
  argument: { name: '<ledger>', description: 'the ledger: a CSV file written by nps segment --ledger (edited and saved from a spreadsheet as it may be)' },
  options: [
    new Option('--today <date>', 'the day taken as today, for overdue cases and --resolved-since 7d (default: today on the ledger\'s clock)').helpGroup(GROUPS.rows),
    new Option('--resolved-since <date>', 'count the cases resolved on or after this day, or this many days back (7d, the default)').helpGroup(GROUPS.rows),
    ...dateOptions(),
    jsonOption('print one JSON object instead of the text'),
  ],
  examples: [
    ['nps followup fixtures/followup-ledger.csv --today 2026-11-16', 'where the follow-up stands on Monday 16 November'],
    ['nps followup fixtures/followup-ledger.csv --today 2026-11-16 --json', 'the same as JSON, for a dashboard or an alert'],
  ],
  renderers: {
    json: async () => (await import('../output/render/followup.js')).renderFollowupJson,
    table: async () => (await import('../output/render/followup.js')).renderFollowup,
  },
  run: runFollowup,
});
