import { Option } from '../../libraries/commander.js';
import { isKnownLanguage, LEXICON_LANGUAGES } from '../../core/language-codes.js';
import { PERIODS, type Period } from '../../core/periods.js';
import { CONFIDENCE_LEVELS, INTERVAL_METHODS, type IntervalMethod } from '../../core/stats.js';
import type { Precision } from '../../core/breakdown.js';
import { inputError } from '../../errors.js';
import { DATE_FORMATS, DAY_MS, RowDates, UNSETTLED, type DateFormat } from '../../input/dates.js';
import { DEDUPE_MODES, type DedupeMode } from '../../input/dedupe.js';
import type { ReadSpec } from '../../input/responses.js';
import { parseWhere, type WhereCondition } from '../../input/where.js';
import { RECORD_FORMATS, type RecordFormat } from '../../output/write/records.js';
import { quote } from '../../core/clip.js';

/**
 * Every flag that more than one command takes is declared here once, with one help
 * text, and every raw flag becomes a typed option in one step (`readSpecOf`,
 * `precisionOf`…), so that a flag means the same in every command. The flags of
 * reading come in three groups (what to read, which rows to keep, how to run), and
 * each command takes the groups it honours: any other flag is an unknown option.
 */

export const GROUPS = {
  input: 'Reading the input:',
  rows: 'Choosing the responses:',
  statistics: 'Statistics:',
  accounts: 'Accounts and revenue:',
  output: 'Output:',
  run: 'Running:',
} as const;

/** "9", "-1", "0.5": a plain decimal number, never hexadecimal, exponent or empty. */
const DECIMAL = /^[-+]?\d+(?:\.\d+)?$/;
const WHOLE = /^[-+]?\d+$/;

/** A number given to an option, or a usage error that names the option and the range. */
export function numberOption(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value.trim());
    if (!DECIMAL.test(value.trim()) || number < min || number > max) {
      throw inputError(`${option} takes a number from ${min} to ${max}, not ${JSON.stringify(value)}`);
    }
    return number;
  };
}

/** A whole number given to an option. */
export function integerOption(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value.trim());
    if (!WHOLE.test(value.trim()) || number < min || number > max) {
      const range = max >= Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      throw inputError(`${option} takes a whole number ${range}, not ${JSON.stringify(value)}`);
    }
    return number;
  };
}

/** A column option, repeatable or comma-separated: `--comment-column a --comment-column b` or `a,b`. */
export function collectNames(option: string) {
  return (value: string, previous: string[] | undefined): string[] => {
    const names = value.split(',').map((name) => name.trim());
    if (names.some((name) => name === '')) throw inputError(`${option} takes column names or numbers, not ${JSON.stringify(value)}`);
    return [...(previous ?? []), ...names];
  };
}

/** `--by plan --by region` is two breakdowns; `--by plan,region` one, crossed. */
export function collectBreakdowns(value: string, previous: string[][] | undefined): string[][] {
  const columns = value.split(',').map((column) => column.trim());
  if (columns.some((column) => column === '')) throw inputError(`--by takes column names, such as plan or plan,region, not ${JSON.stringify(value)}`);
  return [...(previous ?? []), columns];
}

function nonEmpty(option: string) {
  return (value: string): string => {
    if (value.trim() === '') throw inputError(`${option} needs a value, not an empty text`);
    return value;
  };
}

const grouped = (option: Option, group: string): Option => option.helpGroup(group);

/** What to read: the sheet, the columns and how a score cell is read. `nps columns` takes only these. */
export function inputOptions(): Option[] {
  const input = GROUPS.input;
  return [
    grouped(new Option('--sheet <sheet>', 'the sheet of an Excel workbook to read: its name or its number from 1 (default: the first visible sheet)').argParser(nonEmpty('--sheet')), input),
    grouped(new Option('--score-column <column>', 'the 0-10 answer: a header, a unique start of one, or a number from 1').argParser(nonEmpty('--score-column')), input),
    grouped(new Option('--date-column <column>', 'the date of each answer, named the same ways').argParser(nonEmpty('--date-column')), input),
    grouped(new Option('--comment-column <columns>', 'the comment column(s): repeat or separate with commas').argParser(collectNames('--comment-column')), input),
    grouped(new Option('--respondent-column <column>', 'the respondent (an email or an id), for --dedupe, --exclude and compare').argParser(nonEmpty('--respondent-column')), input),
    grouped(new Option('--score-offset <n>', 'add this to every score before reading it: -1 for a 0-10 question coded 1-11').argParser(integerOption('--score-offset', -10, 10)), input),
    grouped(new Option('--where <column=value>', 'read only the rows whose column holds this value (repeat for several; column!=value leaves them out)').argParser(collectWhere), input),
  ];
}

/** `--where question=NPS --where plan!=free`: every condition, checked as each is given. */
function collectWhere(value: string, previous: WhereCondition[] | undefined): WhereCondition[] {
  return [...(previous ?? []), parseWhere(value)];
}

/** Which rows count: partial answers, repeats, dates, people left out, and the customers joined to each. */
export function rowOptions(): Option[] {
  const rows = GROUPS.rows;
  return [
    grouped(new Option('--include-partial', 'count unfinished responses (Qualtrics, Typeform) in the score'), rows),
    grouped(new Option('--dedupe <mode>', 'one scored response per respondent: latest or first by date').choices(Object.keys(DEDUPE_MODES)).default('none'), rows),
    grouped(new Option('--since <date>', 'leave out responses dated before this day (2026-10-01, or 30d for 30 days ago)'), rows),
    grouped(new Option('--until <date>', 'leave out responses dated after this day'), rows),
    grouped(new Option('--exclude <file>', 'leave out the respondents listed in this file (emails or ids)'), rows),
    grouped(new Option('--customers <file>', 'a customer export whose columns are added to each response'), rows),
    grouped(new Option('--join-on <column>', 'the column matching responses to --customers: a name in both, or survey=customers'), rows),
    grouped(new Option('--today <date>', 'the day taken as today, for --since 30d (default: the real today)'), rows),
  ];
}

/** How a reading run behaves: whether rejected rows fail it, and how much it says. */
export function runOptions(): Option[] {
  return [
    grouped(new Option('--strict', 'exit with code 3 when any row is rejected'), GROUPS.run),
    grouped(new Option('-q, --quiet', 'print only warnings and errors on stderr'), GROUPS.run),
  ];
}

/** How dates are read and counted: what a command reading dates takes (`columns` reads none). */
export function dateOptions(): Option[] {
  return [
    grouped(new Option('--date-format <format>', 'the order of dates like 3/4/2026, when the file cannot tell').choices(Object.keys(DATE_FORMATS)), GROUPS.input),
    grouped(new Option('--tz <zone>', 'the time zone days, periods and due dates follow (default: the offset the timestamps carry, else UTC)').argParser(nonEmpty('--tz')), GROUPS.input),
  ];
}

/** Every group of reading: what each command that scores responses takes. */
export function readingOptions(): Option[] {
  return [...inputOptions(), ...dateOptions(), ...rowOptions(), ...runOptions()];
}

/** The raw flags of `inputOptions`, as commander hands them over. */
export interface RawInputOptions {
  sheet?: string;
  scoreColumn?: string;
  dateColumn?: string;
  commentColumn?: string[];
  respondentColumn?: string;
  scoreOffset?: number;
  where?: WhereCondition[];
}

/** The raw flags of `rowOptions` and `dateOptions`. */
export interface RawRowOptions {
  dateFormat?: DateFormat;
  tz?: string;
  includePartial?: boolean;
  dedupe: DedupeMode;
  since?: string;
  until?: string;
  exclude?: string;
  customers?: string;
  joinOn?: string;
  today?: string;
}

/** The raw flags of `runOptions`. */
export interface RawRunOptions {
  strict?: boolean;
  quiet?: boolean;
}

/** The raw flags of `readingOptions`. */
export type RawReadingOptions = RawInputOptions & RawRowOptions & RawRunOptions;

/** The real now, in ms since 1970: the one place a command looks at the clock. */
export function realNow(): number {
  return Date.now();
}

/** The real today, in days since 1970 on UTC, for what reads no clock from an export (a warehouse's query). */
export function realToday(): number {
  return Math.floor(realNow() / DAY_MS);
}

/** The day --today gives; undefined without it, when today is the clock's. */
export function todayOf(raw: Partial<RawRowOptions>): number | undefined {
  if (raw.today === undefined) return undefined;
  const reading = new RowDates(raw.dateFormat).read(raw.today);
  if (reading === undefined || reading === UNSETTLED || reading.hasTime) {
    throw inputError(`--today takes a date such as 2026-11-24, not ${quote(raw.today)}`);
  }
  return reading.day;
}

/** What to read, from the flags; `needs` is what the command itself needs of each response. */
export function readSpecOf(raw: RawInputOptions & Partial<RawRowOptions>, needs: ReadSpec['needs'], now: () => number = realNow): ReadSpec {
  if ((raw.customers === undefined) !== (raw.joinOn === undefined)) {
    throw inputError('--customers and --join-on go together: the file of customers, and the column that matches them to responses');
  }
  return {
    columns: {
      scoreColumn: raw.scoreColumn,
      dateColumn: raw.dateColumn,
      commentColumn: raw.commentColumn,
      respondentColumn: raw.respondentColumn,
    },
    sheet: raw.sheet,
    where: raw.where ?? [],
    includePartial: raw.includePartial === true,
    scoreOffset: raw.scoreOffset,
    dateFormat: raw.dateFormat,
    dedupe: raw.dedupe ?? 'none',
    customers: raw.customers === undefined || raw.joinOn === undefined ? undefined : { file: raw.customers, joinOn: raw.joinOn },
    since: raw.since,
    until: raw.until,
    today: todayOf(raw),
    now: now(),
    tz: raw.tz,
    exclude: raw.exclude,
    needs,
  };
}

/** How sure the printed intervals are: one flag, one set of levels, for every command. */
export function confidenceOption(what = 'confidence level of every interval and test'): Option {
  return grouped(new Option('--confidence <level>', what).choices(CONFIDENCE_LEVELS.map((level) => level.toFixed(2))).default('0.95'), GROUPS.statistics);
}

/** How sure the printed intervals are, and how they are computed. */
export function precisionOptions(): Option[] {
  return [
    confidenceOption(),
    grouped(new Option('--interval <method>', 'how intervals are computed: adjusted-wald, wald or bayes').choices(Object.keys(INTERVAL_METHODS)).default('adjusted-wald'), GROUPS.statistics),
    grouped(new Option('--no-adjust', 'test each difference on its own, not adjusted for the number tested together'), GROUPS.statistics),
  ];
}

export interface RawPrecisionOptions {
  confidence: string;
  interval: IntervalMethod;
  /** False with --no-adjust. */
  adjust?: boolean;
}

export function precisionOf(raw: RawPrecisionOptions): Precision {
  return { level: Number(raw.confidence), method: raw.interval, adjust: raw.adjust !== false };
}

export function jsonOption(what = 'print one JSON object instead of the table'): Option {
  return grouped(new Option('--json', what), GROUPS.output);
}

export function periodOption(what = 'a score per period of the date column'): Option {
  return grouped(new Option('--period <period>', what).choices(Object.keys(PERIODS)), GROUPS.statistics);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "4", "apr", "April": a month, 1–12. */
export function parseMonth(value: string): number {
  const text = value.trim().toLowerCase();
  const named = text.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(text)) + 1 : 0;
  const number = /^\d{1,2}$/.test(text) ? Number(text) : named;
  if (number < 1 || number > 12) throw inputError(`--fiscal-start takes a month: a number from 1 to 12 or a name such as apr, not ${JSON.stringify(value)}`);
  return number;
}

export function fiscalStartOption(): Option {
  return grouped(
    new Option('--fiscal-start <month>', 'with --period quarter or year: the month the fiscal year starts in (4 or apr); FY2027 is the one ending in 2027')
      .argParser(parseMonth),
    GROUPS.statistics,
  );
}

/** The month quarters and years start in: January unless --fiscal-start says otherwise, which only quarters and years take. */
export function fiscalStartOf(options: { period?: Period | undefined; fiscalStart?: number | undefined }): number {
  if (options.fiscalStart === undefined) return 1;
  if (options.period !== 'quarter' && options.period !== 'year') throw inputError('--fiscal-start goes with --period quarter or --period year');
  return options.fiscalStart;
}

export function byOption(what = 'a score per group of these columns (repeat for separate tables; a,b for one crossed table)'): Option {
  return grouped(new Option('--by <columns>', what).argParser(collectBreakdowns), GROUPS.statistics);
}

export function minNOption(what = 'mark groups and periods with fewer responses than this'): Option {
  return grouped(new Option('--min-n <n>', what).argParser(integerOption('--min-n', 1, Number.MAX_SAFE_INTEGER)).default(30), GROUPS.statistics);
}

export function themesOption(): Option {
  return grouped(new Option('--themes <file>', 'a JSON lexicon replacing or extending the built-in themes (see data/themes.json)'), GROUPS.input);
}

/** `--no-discover`: only the lexicon's themes. */
export function discoverOption(description = 'only the named themes: none discovered from the comments, no pooled suggestions'): Option {
  return grouped(new Option('--no-discover', description), GROUPS.input);
}

/** "fr", "FR": the language every comment is read in, instead of each one's detected language. */
export function parseLanguage(value: string): string {
  const code = value.trim().toLowerCase();
  if (!isKnownLanguage(code)) {
    throw inputError(`--language takes a two-letter language code such as ${LEXICON_LANGUAGES.join(', ')} (docs/themes.md lists them all), not ${JSON.stringify(value)}`);
  }
  return code;
}

export function languageOption(): Option {
  return grouped(new Option('--language <code>', 'read every comment in this language (fr, es, de…) instead of detecting each one\'s').argParser(parseLanguage), GROUPS.input);
}

/** "24h", "2d": the time allowed for a reply to a detractor. */
export function parseSla(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([hd])\s*$/i.exec(value);
  const [, amount = '0', unit = 'h'] = match ?? [];
  const ms = Number(amount) * (unit.toLowerCase() === 'd' ? 24 : 1) * 3_600_000;
  // A deadline past the year 9999 cannot be written as a date.
  if (!match || !(ms > 0) || ms > 365 * 100 * DAY_MS) {
    throw inputError(`--sla takes hours or days up to 100 years, such as 24h or 2d, not ${JSON.stringify(value)}`);
  }
  return ms;
}

export function slaOption(): Option {
  return grouped(new Option('--sla <time>', 'time allowed for a reply to a detractor, e.g. 4h or 2d').argParser(parseSla).default(parseSla('24h'), '24h'), GROUPS.output);
}


/** `-o, --out`: where a command writes its file(s). */
/** The files every reading command takes, read together as one survey. */
export const FILES_ARGUMENT = { name: '<file...>', description: 'CSV files, Excel workbooks (.xlsx) or Parquet files to read together; "-" reads standard input' };

export function outOption(argument: '<dir>' | '<file>', what: string): Option {
  return grouped(new Option(`-o, --out ${argument}`, what), GROUPS.output);
}

/** `--force`: replace what is already there. */
export function forceOption(what: string): Option {
  return grouped(new Option('--force', what), GROUPS.output);
}

/** `--raw`: the cells exactly as read, with nothing neutralised. */
export function rawOption(): Option {
  return grouped(new Option('--raw', 'do not neutralise cells that spreadsheets would run as formulas, nor bidirectional controls (CSV only)'), GROUPS.output);
}

/** `-f, --format`: the format of a list printed on standard output. */
export function formatOption(what: string): Option {
  return grouped(new Option('-f, --format <format>', what).choices(Object.keys(RECORD_FORMATS)).default('csv'), GROUPS.output);
}

/** `--account-column`: the account each response belongs to; `segment` takes it alone. */
export function accountColumnOption(): Option {
  return grouped(
    new Option('--account-column <column>', 'the customer account (company) of each response: each account counted once, intervals that allow for respondents of one account answering alike').argParser(nonEmpty('--account-column')),
    GROUPS.accounts,
  );
}

/** `--weight-column`: the weight of each response. */
export function weightColumnOption(): Option {
  return grouped(
    new Option('--weight-column <column>', 'weight each response by this column (MRR, ARR, seats; $13,290 or 13.290,00 € read as amounts): the weighted NPS').argParser(nonEmpty('--weight-column')),
    GROUPS.accounts,
  );
}

/** `--value-column`: each account's value, counted once. */
export function valueColumnOption(what = 'the value of each account (ARR, MRR), counted once per account: revenue at risk and coverage (default: --weight-column)'): Option {
  return grouped(new Option('--value-column <column>', what).argParser(nonEmpty('--value-column')), GROUPS.accounts);
}

/** `--invited`: the contacts the survey was sent to. */
export function invitedOption(): Option {
  return grouped(new Option('--invited <file>', 'the contacts the survey was sent to (an email column, optionally the account): the response rate, and the accounts that did not answer'), GROUPS.accounts);
}

/** Accounts, weights, value and reach: what `score` and `report` take. */
export function accountOptions(): Option[] {
  return [accountColumnOption(), weightColumnOption(), valueColumnOption(), invitedOption()];
}

/** The raw flags of `accountOptions`. */
export interface RawAccountOptions {
  accountColumn?: string;
  weightColumn?: string;
  valueColumn?: string;
  invited?: string;
}

export type { Period, RecordFormat };
